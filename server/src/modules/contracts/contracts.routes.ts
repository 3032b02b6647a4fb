import { createHash, randomBytes } from 'node:crypto';
import { IdParams, type Locale } from '@contracts/common';
import * as c from '@contracts/contracts.contract';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../platform/audit';
import { AppError, FieldsError, invalidFields } from '../../platform/http/errors';
import type { Principal } from '../../platform/http/principal';
import { authorize, bindRoute } from '../../platform/http/route';
import { pickLocale } from '../../platform/i18n/i18n';
import type { Platform } from '../../platform/platform';
import type { ContractCaller } from './contract-access';
import { closeContract } from './contract-close';
import { assignHandover, getHandover, patchHandover } from './contract-handover';
import { renderSigningPage, renderUnavailable } from './contract-page';
import { recordPaperSigning } from './contract-paper';
import {
  customerRevision,
  diffVersions,
  listVersions,
  putClauses,
  reviewContract,
  submitContract,
} from './contract-review';
import { getContractSettings, putContractSettings } from './contract-settings';
import {
  contractPdf,
  countersign,
  declineSigning,
  formTokenOf,
  requestCode,
  type SigningState,
  type SignOutcome,
  sendForSignature,
  signContract,
  signingPath,
  signingPdf,
  verifyDocument,
  viewSigning,
} from './contract-signing';
import { createTemplate, listTemplates, patchTemplate } from './contract-templates';
import { createContract, getContract, listContracts, localeOf, patchContract } from './contracts.service';

/**
 * Contract routes: the API under /api/v1/contracts, templates and settings, PDF downloads, and the customer's
 * signing page /s/{token} with its PDF and forms (form-urlencoded, parsed only in that scope).
 */

const callerOf = (principal: Principal, actor: Actor): ContractCaller => ({ actor, role: principal.role });

/** The signature image rides in the sign form: its size limit plus room for the other fields. */
const FORM_LIMIT = c.MAX_SIGNATURE_CHARS + 16 * 1024;
const MAX_VERIFY_BYTES = 50 * 1024 * 1024;
const MAX_PAPER_BYTES = 20 * 1024 * 1024;
const TokenParams = z.object({ token: z.string().min(1).max(300) });

function pageLocale(req: FastifyRequest, fallback: Locale): Locale {
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
      `script-src 'nonce-${nonce}'`,
      "img-src 'self' data:",
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

function sendPdf(reply: FastifyReply, name: string, body: Buffer) {
  return reply
    .type('application/pdf')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
    .header('cache-control', 'no-store')
    .send(body);
}

const pdfRoute = {
  method: 'GET',
  path: '/api/v1/contracts/:id/pdf',
  summary: 'A version of the contract as PDF (?version=n), or the final counter-signed PDF (?final=true)',
  tags: ['contracts'],
  access: 'session',
  scope: 'read',
  response: {},
} as const;
const PdfQuery = z.strictObject({
  version: z.coerce.number().int().min(1).optional(),
  final: z.enum(['true', 'false']).optional(),
});

export function registerContractRoutes(app: FastifyInstance, platform: Platform): void {
  bindRoute(app, platform, c.listContracts, async ({ principal, actor, query }) =>
    listContracts(platform, callerOf(principal, actor), query),
  );
  bindRoute(app, platform, c.createContract, async ({ principal, actor, body }) =>
    createContract(platform, callerOf(principal, actor), body),
  );
  bindRoute(app, platform, c.verifyContract, async ({ req, principal, actor, query }) => {
    let digest = query.sha256;
    if (!digest) {
      if (!req.isMultipart())
        throw new AppError('unsupported_media_type', { expected: 'multipart/form-data' });
      const part = await req.file();
      if (!part) throw new AppError('validation_failed');
      const hash = createHash('sha256');
      let size = 0;
      for await (const chunk of part.file) {
        size += (chunk as Buffer).length;
        if (size > MAX_VERIFY_BYTES) throw new AppError('payload_too_large', { limit: '50 MB' });
        hash.update(chunk as Buffer);
      }
      if (part.file.truncated) throw new AppError('payload_too_large', { limit: '50 MB' });
      digest = hash.digest('hex');
    }
    return verifyDocument(platform, callerOf(principal, actor), digest);
  });
  bindRoute(app, platform, c.getContract, async ({ principal, actor, params }) =>
    getContract(platform, callerOf(principal, actor), params.id),
  );
  bindRoute(app, platform, c.patchContract, async ({ principal, actor, params, body }) =>
    patchContract(platform, callerOf(principal, actor), params.id, body),
  );
  bindRoute(app, platform, c.putClauses, async ({ principal, actor, params, body }) =>
    putClauses(platform, callerOf(principal, actor), params.id, body),
  );
  bindRoute(app, platform, c.customerRevision, async ({ principal, actor, params, body }) =>
    customerRevision(platform, callerOf(principal, actor), params.id, body),
  );
  bindRoute(app, platform, c.listVersions, async ({ principal, actor, params }) =>
    listVersions(platform, callerOf(principal, actor), params.id),
  );
  bindRoute(app, platform, c.diffVersions, async ({ principal, actor, params, query }) =>
    diffVersions(platform, callerOf(principal, actor), params.id, query.from, query.to),
  );
  bindRoute(app, platform, c.submitContract, async ({ principal, actor, params, body }) =>
    submitContract(platform, callerOf(principal, actor), params.id, body.version),
  );
  bindRoute(app, platform, c.reviewContract, async ({ principal, actor, params, body }) =>
    reviewContract(platform, callerOf(principal, actor), params.id, body),
  );
  bindRoute(app, platform, c.sendForSignature, async ({ principal, actor, params, body }) =>
    sendForSignature(platform, callerOf(principal, actor), params.id, body),
  );
  bindRoute(app, platform, c.recordPaperSigning, async ({ req, principal, actor, params, query }) => {
    if (!req.isMultipart()) throw new AppError('unsupported_media_type', { expected: 'multipart/form-data' });
    const part = await req.file({ limits: { fileSize: MAX_PAPER_BYTES } });
    if (!part) throw invalidFields({ path: 'file', code: 'required' });
    const bytes = await part.toBuffer();
    if (part.file.truncated) throw new AppError('payload_too_large', { limit: '20 MB' });
    return recordPaperSigning(platform, callerOf(principal, actor), params.id, {
      ...query,
      file: { name: part.filename, contentType: part.mimetype, bytes },
      ip: req.ip,
      userAgent: req.headers['user-agent'] ?? null,
    });
  });
  bindRoute(app, platform, c.countersign, async ({ req, principal, actor, params, body }) =>
    countersign(platform, callerOf(principal, actor), params.id, body.version, {
      ip: req.ip,
      userAgent: req.headers['user-agent'] ?? null,
    }),
  );
  bindRoute(app, platform, c.terminateContract, async ({ principal, actor, params, body }) =>
    closeContract(platform, callerOf(principal, actor), params.id, { to: 'terminated', reason: body.reason }),
  );
  bindRoute(app, platform, c.completeContract, async ({ principal, actor, params, body }) =>
    closeContract(platform, callerOf(principal, actor), params.id, {
      to: 'completed',
      version: body.version,
    }),
  );
  bindRoute(app, platform, c.getHandover, async ({ principal, actor, params }) =>
    getHandover(platform, callerOf(principal, actor), params.id),
  );
  bindRoute(app, platform, c.assignHandover, async ({ principal, actor, params, body }) =>
    assignHandover(platform, callerOf(principal, actor), params.id, body.deliveryOwnerId),
  );
  bindRoute(app, platform, c.patchHandover, async ({ principal, actor, params, body }) =>
    patchHandover(platform, callerOf(principal, actor), params.id, body),
  );
  bindRoute(app, platform, c.listTemplates, async ({ principal, actor }) =>
    listTemplates(platform, callerOf(principal, actor)),
  );
  bindRoute(app, platform, c.createTemplate, async ({ principal, actor, body }) =>
    createTemplate(platform, callerOf(principal, actor), body),
  );
  bindRoute(app, platform, c.patchTemplate, async ({ principal, actor, params, body }) =>
    patchTemplate(platform, callerOf(principal, actor), params.id, body),
  );
  bindRoute(app, platform, c.getContractSettings, async ({ principal, actor }) =>
    getContractSettings(platform, callerOf(principal, actor)),
  );
  bindRoute(app, platform, c.putContractSettings, async ({ principal, actor, body }) =>
    putContractSettings(platform, callerOf(principal, actor), body),
  );

  app.get(
    pdfRoute.path,
    {
      schema: {
        summary: pdfRoute.summary,
        tags: [...pdfRoute.tags],
        params: IdParams,
        querystring: PdfQuery,
      },
    },
    async (req, reply) => {
      const principal = authorize(pdfRoute, req);
      const { id } = IdParams.parse(req.params);
      const query = PdfQuery.parse(req.query);
      const actor: Actor = {
        tenantId: principal.tenantId,
        userId: principal.userId,
        kind: 'user',
        requestId: req.id,
        ip: req.ip,
      };
      const pdf = await contractPdf(platform, callerOf(principal, actor), id, {
        final: query.final === 'true',
        version: query.version,
      });
      return sendPdf(reply, pdf.name, pdf.body);
    },
  );

  void app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: FORM_LIMIT },
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
      state: SigningState,
      status = 200,
      message?: Parameters<typeof renderSigningPage>[2]['message'],
    ) => {
      const nonce = randomBytes(16).toString('base64');
      const html = renderSigningPage(pageLocale(req, localeOf(state.contract.locale)), nonce, {
        state,
        path: signingPath(token),
        formToken: formTokenOf(state),
        ...(message ? { message } : {}),
      });
      return sendHtml(reply, status, html, nonce);
    };
    const unavailable = (req: FastifyRequest, reply: FastifyReply) => {
      const nonce = randomBytes(16).toString('base64');
      return sendHtml(reply, 404, renderUnavailable(pageLocale(req, 'zh-CN'), nonce), nonce);
    };
    const outcome = (
      req: FastifyRequest,
      reply: FastifyReply,
      token: string,
      result: SignOutcome,
      ok: Parameters<typeof renderSigningPage>[2]['message'],
    ) => {
      if (result.kind === 'unavailable') return unavailable(req, reply);
      if (result.kind === 'locked')
        return page(req, reply, token, result.state, 429, { kind: 'no', key: 'locked' });
      if (result.kind === 'wrong_code') {
        return page(req, reply, token, result.state, 400, {
          kind: 'no',
          key: 'wrongCode',
          vars: { left: result.left },
        });
      }
      return page(req, reply, token, result.state, 200, ok);
    };
    /** A refused post re-renders the page with the reason (the link itself is unchanged). */
    const refused = async (req: FastifyRequest, reply: FastifyReply, token: string, error: unknown) => {
      const state = await viewSigning(platform, token);
      if (!state) return unavailable(req, reply);
      if (error instanceof FieldsError)
        return page(req, reply, token, state, 400, { kind: 'no', key: 'missing' });
      if (error instanceof AppError && error.code === 'document_tampered') {
        return page(req, reply, token, state, 409, { kind: 'no', key: 'tampered' });
      }
      if (error instanceof AppError) return page(req, reply, token, state, error.status);
      throw error;
    };
    const form = (req: FastifyRequest) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
      return {
        formToken: str('formToken'),
        name: str('name'),
        code: str('code'),
        signature: str('signature'),
        reason: str('reason'),
      };
    };

    scope.get('/s/:token', { schema: { hide: true } }, async (req, reply) => {
      const { token } = TokenParams.parse(req.params);
      const state = await viewSigning(platform, token);
      if (!state) return unavailable(req, reply);
      return page(req, reply, token, state);
    });
    scope.get('/s/:token/pdf', { schema: { hide: true } }, async (req, reply) => {
      const { token } = TokenParams.parse(req.params);
      const pdf = await signingPdf(platform, token).catch((error: unknown) => {
        if (error instanceof AppError) return null;
        throw error;
      });
      if (!pdf) return unavailable(req, reply);
      reply.header('x-robots-tag', 'noindex, nofollow');
      return sendPdf(reply, pdf.name, pdf.body);
    });
    scope.post('/s/:token/code', { schema: { hide: true } }, async (req, reply) => {
      const { token } = TokenParams.parse(req.params);
      try {
        const result = await requestCode(platform, token, form(req).formToken);
        const email = result.kind === 'ok' ? result.state.request.signerEmail : '';
        return outcome(req, reply, token, result, { kind: 'info', key: 'codeSent', vars: { email } });
      } catch (error) {
        return refused(req, reply, token, error);
      }
    });
    scope.post('/s/:token/sign', { schema: { hide: true } }, async (req, reply) => {
      const { token } = TokenParams.parse(req.params);
      const f = form(req);
      try {
        const result = await signContract(platform, token, {
          formToken: f.formToken,
          name: f.name,
          code: f.code,
          signature: f.signature,
          ip: req.ip,
          userAgent: req.headers['user-agent'] ?? null,
        });
        return outcome(req, reply, token, result, undefined);
      } catch (error) {
        return refused(req, reply, token, error);
      }
    });
    scope.post('/s/:token/decline', { schema: { hide: true } }, async (req, reply) => {
      const { token } = TokenParams.parse(req.params);
      const f = form(req);
      try {
        return outcome(req, reply, token, await declineSigning(platform, token, f), undefined);
      } catch (error) {
        return refused(req, reply, token, error);
      }
    });
  });
}
