import { randomBytes } from 'node:crypto';
import type { Locale } from '@contracts/common';
import * as c from '@contracts/deal-needs.contract';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../../platform/audit';
import { AppError } from '../../../platform/http/errors';
import type { Principal } from '../../../platform/http/principal';
import { bindRoute } from '../../../platform/http/route';
import { pickLocale } from '../../../platform/i18n/i18n';
import type { Platform } from '../../../platform/platform';
import type { DealCaller } from '../deal-access';
import * as needs from './needs.service';
import { renderNeedsPage, renderNeedsUnavailable } from './needs-page';

/**
 * Needs analysis routes: the record of a deal, its confirmation and read-only link, and the public side of
 * that link: JSON under /api/v1/public/needs/{token} and the printable page /n/{token}. Both public answers
 * are the same 404 for a wrong, revoked, expired or malformed token.
 */

const callerOf = (principal: Principal, actor: Actor): DealCaller => ({ actor, role: principal.role });

const isLocale = (value: unknown): value is Locale => value === 'zh-CN' || value === 'en-US';

function localeOf(req: FastifyRequest, fallback: Locale): Locale {
  const requested = (req.query as Record<string, unknown> | undefined)?.lang;
  if (isLocale(requested)) return requested;
  return pickLocale(req.headers['accept-language'], fallback);
}

function sendHtml(reply: FastifyReply, status: number, html: string, nonce: string) {
  reply.header(
    'content-security-policy',
    [
      "default-src 'none'",
      `script-src 'nonce-${nonce}'`,
      `style-src 'nonce-${nonce}'`,
      "form-action 'none'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ].join('; '),
  );
  reply.header('cache-control', 'no-store');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('x-robots-tag', 'noindex, nofollow');
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}

export function registerNeedsRoutes(app: FastifyInstance, platform: Platform): void {
  bindRoute(app, platform, c.getDealNeeds, async ({ principal, actor, params }) =>
    needs.getNeeds(platform, callerOf(principal, actor), params.id),
  );
  bindRoute(app, platform, c.saveDealNeeds, async ({ principal, actor, params, body }) =>
    needs.saveNeeds(platform, callerOf(principal, actor), params.id, body),
  );
  bindRoute(app, platform, c.confirmDealNeeds, async ({ principal, actor, params, body }) =>
    needs.confirmNeeds(platform, callerOf(principal, actor), params.id, body),
  );
  bindRoute(app, platform, c.issueDealNeedsLink, async ({ principal, actor, params, body }) =>
    needs.issueLink(platform, callerOf(principal, actor), params.id, body.expiresInDays),
  );
  bindRoute(app, platform, c.revokeDealNeedsLink, async ({ principal, actor, params }) => {
    await needs.revokeLink(platform, callerOf(principal, actor), params.id);
    return null;
  });
  bindRoute(app, platform, c.getPublicNeeds, async ({ params, reply }) => {
    const found = await needs.readPublicNeeds(platform, params.token);
    if (!found) throw new AppError('not_found');
    reply.header('cache-control', 'no-store');
    reply.header('x-robots-tag', 'noindex, nofollow');
    return found;
  });

  app.get('/n/:token', { schema: { hide: true } }, async (req, reply) => {
    const { token } = req.params as { token: string };
    const nonce = randomBytes(16).toString('base64');
    const found = await needs.readPublicNeeds(platform, token);
    if (!found) return sendHtml(reply, 404, renderNeedsUnavailable(localeOf(req, 'zh-CN'), nonce), nonce);
    const locale = localeOf(req, isLocale(found.defaultLocale) ? found.defaultLocale : 'zh-CN');
    return sendHtml(reply, 200, renderNeedsPage(locale, nonce, found), nonce);
  });
}
