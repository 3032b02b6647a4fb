import { randomBytes } from 'node:crypto';
import type { Locale } from '@contracts/common';
import { type PublicFormSubmission, submitLeadForm } from '@contracts/marketing.contract';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, fieldErrors, invalidFields, ValidationError } from '../../../platform/http/errors';
import { pickLocale, translate } from '../../../platform/i18n/i18n';
import type { Platform } from '../../../platform/platform';
import {
  type HiddenValues,
  renderEmbedScript,
  renderFormPage,
  renderMessagePage,
  UTM_PARAMS,
} from './hosted-page';
import { loadPublicForm, type PublicForm, submitPublicForm } from './public-form.service';

/**
 * The public side of web forms, outside /api/v1 and without a session: the hosted page, its embed script and
 * the submission endpoint. These responses replace the app's CSP with a nonce-based one and may be framed by
 * any site; everything else keeps the app's headers. Form-urlencoded bodies are parsed only in this scope.
 */

const BODY_LIMIT = 64 * 1024;

const str = (value: unknown, max: number): string => (typeof value === 'string' ? value.slice(0, max) : '');

function localeOf(requested: unknown, req: FastifyRequest, fallback: Locale): Locale {
  if (requested === 'zh-CN' || requested === 'en-US') return requested;
  return pickLocale(req.headers['accept-language'], fallback);
}

/** Origin of the form's redirect target: a plain post that redirects must be allowed to go there. */
function redirectOrigin(form: PublicForm | null): string {
  if (!form?.row.redirectUrl) return '';
  try {
    return ` ${new URL(form.row.redirectUrl).origin}`;
  } catch {
    return '';
  }
}

function sendHtml(reply: FastifyReply, status: number, html: string, nonce: string, form: PublicForm | null) {
  reply.header(
    'content-security-policy',
    [
      "default-src 'none'",
      `script-src 'nonce-${nonce}'`,
      `style-src 'nonce-${nonce}'`,
      `form-action 'self'${redirectOrigin(form)}`,
      'frame-ancestors *',
      "base-uri 'none'",
    ].join('; '),
  );
  reply.removeHeader('x-frame-options');
  reply.header('cache-control', 'no-store');
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}

function unavailable(reply: FastifyReply, locale: Locale, nonce: string) {
  return sendHtml(
    reply,
    404,
    renderMessagePage(
      locale,
      nonce,
      translate(locale, 'publicForm.unavailableTitle'),
      translate(locale, 'publicForm.unavailableText'),
    ),
    nonce,
    null,
  );
}

const newNonce = () => randomBytes(16).toString('base64');
const newSubmissionKey = () => randomBytes(18).toString('base64url');

/** What the visitor had typed, to show it again next to the errors. */
function typedValues(body: Record<string, unknown>): { values: Record<string, string>; consent: boolean } {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(body))
    if (typeof value === 'string') values[key] = value.slice(0, 5000);
  return { values, consent: body.consent === true || body.consent === 'on' || body.consent === 'true' };
}

function hiddenFrom(body: Record<string, unknown>): HiddenValues {
  const key = str(body.submissionKey, 100);
  return {
    submissionKey: /^[A-Za-z0-9_-]{8,100}$/.test(key) ? key : newSubmissionKey(),
    utm: Object.fromEntries(UTM_PARAMS.map((p) => [p, str(body[p], 200)])),
    referrer: str(body.referrer, 2000),
    pageUrl: str(body.pageUrl, 2000),
  };
}

export async function registerPublicFormRoutes(app: FastifyInstance, platform: Platform): Promise<void> {
  await app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: BODY_LIMIT },
      (_req, body, done) => {
        const out: Record<string, string> = {};
        for (const [key, value] of new URLSearchParams(String(body))) out[key] = value;
        done(null, out);
      },
    );

    scope.get('/f/:formKey', { schema: { hide: true } }, async (req, reply) => {
      const { formKey } = req.params as { formKey: string };
      const query = req.query as Record<string, unknown>;
      const nonce = newNonce();
      const form = await loadPublicForm(platform, formKey);
      const locale = localeOf(query.lang, req, form?.defaultLocale ?? 'zh-CN');
      if (!form) return unavailable(reply, locale, nonce);
      // Framed, the request's Referer is the embedding page; opened directly, it is where the visitor came from.
      const referer = str(req.headers.referer, 2000);
      const framed = req.headers['sec-fetch-dest'] === 'iframe';
      const hidden: HiddenValues = {
        submissionKey: newSubmissionKey(),
        utm: Object.fromEntries(UTM_PARAMS.map((p) => [p, str(query[p], 200)])),
        referrer: str(query.ref, 2000) || (framed ? '' : referer),
        pageUrl: str(query.page, 2000) || (framed ? referer : ''),
      };
      return sendHtml(reply, 200, renderFormPage(form, locale, nonce, hidden), nonce, form);
    });

    scope.get('/f/:formKey/embed.js', { schema: { hide: true } }, async (req, reply) => {
      const { formKey } = req.params as { formKey: string };
      const form = await loadPublicForm(platform, formKey);
      if (!form) throw new AppError('not_found');
      reply.removeHeader('content-security-policy');
      reply.header('cache-control', 'public, max-age=300');
      return reply
        .type('application/javascript; charset=utf-8')
        .send(renderEmbedScript(`${platform.config.publicUrl}/f/${form.row.key}`));
    });

    // An embed script on another site posts JSON: the browser asks first (CORS preflight). No credentials.
    scope.options('/f/:formKey', { schema: { hide: true } }, async (_req, reply) =>
      reply
        .header('access-control-allow-origin', '*')
        .header('access-control-allow-methods', 'POST')
        .header('access-control-allow-headers', 'content-type, accept-language')
        .header('access-control-max-age', '86400')
        .code(204)
        .send(),
    );

    scope.route({
      method: 'POST',
      url: submitLeadForm.path,
      bodyLimit: BODY_LIMIT,
      attachValidation: true,
      schema: {
        summary: submitLeadForm.summary,
        tags: [...submitLeadForm.tags],
        params: submitLeadForm.params,
        body: submitLeadForm.body,
        response: submitLeadForm.response,
      },
      handler: async (req, reply) => {
        reply.header('access-control-allow-origin', '*');
        const json = /^application\/json/i.test(req.headers['content-type'] ?? '');
        const { formKey } = req.params as { formKey: string };
        const raw = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
        const nonce = newNonce();

        if (req.validationError) {
          if (json) throw req.validationError;
          const form = await loadPublicForm(platform, formKey);
          const locale = localeOf(raw.lang, req, form?.defaultLocale ?? 'zh-CN');
          if (!form) return unavailable(reply, locale, nonce);
          const issues = req.validationError instanceof ValidationError ? req.validationError.issues : [];
          const errors = Object.fromEntries(fieldErrors(issues, locale).map((e) => [e.path, e.detail]));
          const page = renderFormPage(form, locale, nonce, hiddenFrom(raw), { ...typedValues(raw), errors });
          return sendHtml(reply, 400, page, nonce, form);
        }

        const input = req.body as PublicFormSubmission;
        const outcome = await submitPublicForm(platform, formKey, input, {
          ip: req.ip,
          userAgent: req.headers['user-agent'] ?? null,
          requestId: req.id,
        });
        if (outcome.kind === 'not_found') {
          if (json) throw new AppError('not_found');
          return unavailable(reply, localeOf(input.lang, req, 'zh-CN'), nonce);
        }
        const { form } = outcome;
        const locale = localeOf(input.lang, req, form.defaultLocale);
        switch (outcome.kind) {
          case 'rate_limited': {
            reply.header('retry-after', String(outcome.retryAfter));
            const minutes = Math.ceil(outcome.retryAfter / 60);
            if (json) throw new AppError('rate_limited', { minutes });
            const message = translate(locale, 'errors.rate_limited', { minutes });
            const page = renderMessagePage(
              locale,
              nonce,
              translate(locale, 'publicForm.rateLimitedTitle'),
              message,
            );
            return sendHtml(reply, 429, page, nonce, form);
          }
          case 'invalid': {
            if (json) throw invalidFields(...outcome.problems);
            const errors = Object.fromEntries(
              outcome.problems.map((p) => [p.path, translate(locale, `fields.${p.code}`)]),
            );
            const page = renderFormPage(form, locale, nonce, hiddenFrom(raw), {
              ...typedValues(raw),
              errors,
            });
            return sendHtml(reply, 400, page, nonce, form);
          }
          case 'accepted': {
            const message = form.texts.thankYou[locale];
            if (json)
              return reply.code(200).send({ status: 'accepted', message, redirectUrl: form.row.redirectUrl });
            if (form.row.redirectUrl) {
              reply.header('cache-control', 'no-store');
              return reply.redirect(form.row.redirectUrl, 303);
            }
            return sendHtml(
              reply,
              200,
              renderMessagePage(locale, nonce, form.texts.title[locale], message),
              nonce,
              form,
            );
          }
        }
      },
    });
  });
}
