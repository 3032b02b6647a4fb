import { randomBytes } from 'node:crypto';
import type { Locale } from '@contracts/common';
import * as c from '@contracts/quotes.contract';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../platform/audit';
import { AppError } from '../../platform/http/errors';
import type { Principal } from '../../platform/http/principal';
import { authorize, bindRoute } from '../../platform/http/route';
import { pickLocale, translate } from '../../platform/i18n/i18n';
import type { Platform } from '../../platform/platform';
import type { DealCaller } from '../deals';
import { registerQuoteApprovals } from './quote-approval';
import { reviseQuote, sendQuote, submitQuote, withdrawQuote } from './quote-lifecycle';
import { renderQuotePage, renderUnavailable } from './quote-page';
import {
  answerable,
  answerQuote,
  type Found,
  formTokenOf,
  peekQuote,
  publicPdf,
  publicView,
  viewQuote,
} from './quote-public';
import { getSettings, putSettings } from './quote-settings';
import { compareVersions, getVersion, listVersions, quotePdf } from './quote-versions';
import * as quotes from './quotes.service';

/**
 * Quote routes: the builder's API under /api/v1/quotes, the settings, the PDF downloads, and the customer's
 * page /q/{token} with its PDF and answer forms (form-urlencoded, parsed only in that scope).
 */

const callerOf = (principal: Principal, actor: Actor): DealCaller => ({ actor, role: principal.role });

const BODY_LIMIT = 16 * 1024;
const TokenParams = z.object({ token: z.string().min(1).max(300) });

function localeOf(req: FastifyRequest, fallback: Locale): Locale {
  const requested = (req.query as Record<string, unknown> | undefined)?.lang;
  if (requested === 'zh-CN' || requested === 'en-US') return requested;
  return pickLocale(req.headers['accept-language'], fallback);
}

function sendHtml(reply: FastifyReply, status: number, html: string, nonce: string) {
  reply.header(
    'content-security-policy',
    [
      "default-src 'none'",
      `style-src 'nonce-${nonce}'`,
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ].join('; '),
  );
  reply.header('cache-control', 'no-store');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('x-robots-tag', 'noindex, nofollow');
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}

function sendPdf(reply: FastifyReply, name: string, body: Buffer | NodeJS.ReadableStream, inline = false) {
  reply
    .type('application/pdf')
    .header(
      'content-disposition',
      `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(name)}`,
    )
    .header('cache-control', 'no-store');
  return reply.send(body);
}

const pdfRoute = {
  method: 'GET',
  path: '/api/v1/quotes/:id/pdf',
  summary: 'The PDF of a quote: the frozen one of a sent version, or a live preview of the draft',
  tags: ['quotes'],
  access: 'session',
  scope: 'read',
  response: {},
} as const;

export function registerQuoteRoutes(app: FastifyInstance, platform: Platform): void {
  registerQuoteApprovals();

  bindRoute(app, platform, c.listQuotes, async ({ principal, actor, query }) =>
    quotes.listQuotes(platform, callerOf(principal, actor), query),
  );
  bindRoute(app, platform, c.getQuote, async ({ principal, actor, params }) =>
    quotes.getQuote(platform, callerOf(principal, actor), params.id),
  );
  bindRoute(app, platform, c.createQuote, async ({ principal, actor, body }) =>
    quotes.createQuote(platform, callerOf(principal, actor), body),
  );
  bindRoute(app, platform, c.patchQuote, async ({ principal, actor, params, body, expectedVersion }) =>
    quotes.patchQuote(platform, callerOf(principal, actor), params.id, {
      ...body,
      version: expectedVersion ?? body.version,
    }),
  );
  bindRoute(app, platform, c.putQuoteLines, async ({ principal, actor, params, body }) =>
    quotes.putLines(platform, callerOf(principal, actor), params.id, body),
  );
  bindRoute(app, platform, c.submitQuote, async ({ principal, actor, params, body }) =>
    submitQuote(platform, callerOf(principal, actor), params.id, body),
  );
  bindRoute(app, platform, c.sendQuote, async ({ principal, actor, params, body }) =>
    sendQuote(platform, callerOf(principal, actor), params.id, body.version),
  );
  bindRoute(app, platform, c.reviseQuote, async ({ principal, actor, params, body }) =>
    reviseQuote(platform, callerOf(principal, actor), params.id, body.version),
  );
  bindRoute(app, platform, c.withdrawQuote, async ({ principal, actor, params, body }) =>
    withdrawQuote(platform, callerOf(principal, actor), params.id, body.version),
  );
  bindRoute(app, platform, c.listQuoteVersions, async ({ principal, actor, params }) =>
    listVersions(platform, callerOf(principal, actor), params.id),
  );
  bindRoute(app, platform, c.getQuoteVersion, async ({ principal, actor, params }) =>
    getVersion(platform, callerOf(principal, actor), params.id, params.no),
  );
  bindRoute(app, platform, c.compareQuoteVersions, async ({ principal, actor, params, query }) =>
    compareVersions(platform, callerOf(principal, actor), params.id, query.from, query.to),
  );
  bindRoute(app, platform, c.getQuoteSettings, async ({ principal, actor }) =>
    getSettings(platform, callerOf(principal, actor)),
  );
  bindRoute(app, platform, c.putQuoteSettings, async ({ principal, actor, body }) =>
    putSettings(platform, callerOf(principal, actor), body),
  );

  app.get(
    pdfRoute.path,
    {
      schema: {
        summary: pdfRoute.summary,
        tags: [...pdfRoute.tags],
        params: c.VersionParams.pick({ id: true }),
        querystring: c.PdfQuery,
      },
    },
    async (req, reply) => {
      const principal = authorize(pdfRoute, req);
      const { id } = req.params as { id: string };
      const { version } = c.PdfQuery.parse(req.query);
      const actor: Actor = {
        tenantId: principal.tenantId,
        userId: principal.userId,
        kind: 'user',
        requestId: req.id,
        ip: req.ip,
      };
      const pdf = await quotePdf(platform, callerOf(principal, actor), id, version);
      return sendPdf(reply, pdf.name, pdf.body);
    },
  );

  void app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: BODY_LIMIT },
      (_req, body, done) => {
        const out: Record<string, string> = {};
        for (const [key, value] of new URLSearchParams(String(body))) out[key] = value;
        done(null, out);
      },
    );

    const page = (
      req: FastifyRequest,
      reply: FastifyReply,
      token: string,
      found: Found,
      status = 200,
      error?: string,
    ) => {
      const nonce = randomBytes(16).toString('base64');
      const locale = localeOf(req, found.snapshot.locale);
      const html = renderQuotePage(locale, nonce, {
        view: publicView(found),
        path: `/q/${encodeURIComponent(token)}`,
        formToken: formTokenOf(found.quote, found.versionNo),
        canAnswer: answerable(found, platform.clock.now()),
        ...(error ? { error } : {}),
      });
      return sendHtml(reply, status, html, nonce);
    };
    const unavailable = (req: FastifyRequest, reply: FastifyReply) => {
      const nonce = randomBytes(16).toString('base64');
      return sendHtml(reply, 404, renderUnavailable(localeOf(req, 'zh-CN'), nonce), nonce);
    };

    scope.get('/q/:token', { schema: { hide: true } }, async (req, reply) => {
      const { token } = TokenParams.parse(req.params);
      const found = await viewQuote(platform, token);
      if (!found) return unavailable(req, reply);
      return page(req, reply, token, found);
    });

    scope.get('/q/:token/pdf', { schema: { hide: true } }, async (req, reply) => {
      const { token } = TokenParams.parse(req.params);
      const pdf = await publicPdf(platform, token);
      if (!pdf) return unavailable(req, reply);
      reply.header('x-robots-tag', 'noindex, nofollow');
      return sendPdf(reply, pdf.name, pdf.body);
    });

    for (const kind of ['accept', 'decline'] as const) {
      scope.post(`/q/:token/${kind}`, { schema: { hide: true } }, async (req, reply) => {
        const { token } = TokenParams.parse(req.params);
        const body = (req.body ?? {}) as Record<string, unknown>;
        const parsed =
          kind === 'accept' ? c.AcceptQuoteForm.safeParse(body) : c.DeclineQuoteForm.safeParse(body);
        if (!parsed.success) {
          const found = await peekQuote(platform, token);
          if (!found) return unavailable(req, reply);
          const locale = localeOf(req, found.snapshot.locale);
          return page(
            req,
            reply,
            token,
            found,
            400,
            translate(locale, kind === 'accept' ? 'quotePage.nameRequired' : 'quotePage.reasonRequired'),
          );
        }
        const data = parsed.data as { formToken: string; name?: string; reason?: string };
        try {
          const found = await answerQuote(
            platform,
            token,
            data.formToken,
            kind === 'accept' ? { kind, name: data.name ?? '' } : { kind, reason: data.reason ?? '' },
          );
          if (!found) return unavailable(req, reply);
          return page(req, reply, token, found);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          const found = await peekQuote(platform, token);
          if (!found) return unavailable(req, reply);
          return page(req, reply, token, found, error.status);
        }
      });
    }
  });
}
