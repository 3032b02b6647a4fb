import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { registerModules } from './modules';
import { ping } from './platform/db/database';
import { migrationsCurrent } from './platform/db/migrate';
import { resolvePrincipal } from './platform/http/auth';
import { AppError } from './platform/http/errors';
import { sendProblem } from './platform/http/problem';
import { zodValidatorCompiler } from './platform/http/validation';
import { pickLocale } from './platform/i18n/i18n';
import type { Platform } from './platform/platform';

/** Builds the HTTP application: platform plugins first, then every module's routes. */

export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // Ant Design writes its CSS-in-JS into <style> elements at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const REQUEST_ID_RE = /^[A-Za-z0-9._-]{8,100}$/;

export async function buildApp(platform: Platform): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: platform.log as FastifyBaseLogger,
    trustProxy: platform.config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Invitation and reset tokens travel in the path (tenant id, link id and secret).
    routerOptions: { maxParamLength: 400 },
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID_RE.test(incoming) ? incoming : uuidv7();
    },
    requestIdHeader: false,
  });

  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((error, req, reply) => sendProblem(error, req, reply));

  await app.register(cookie);
  app.decorateRequest('principal', null);
  app.decorateRequest('locale', 'en-US');

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    reply.header('content-security-policy', CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    req.locale = pickLocale(req.headers['accept-language']);
    if (req.url.startsWith('/api/v1/')) {
      req.principal = await resolvePrincipal(platform.db, req);
      if (req.principal?.locale) req.locale = req.principal.locale;
    }
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Closeloop API',
        version: '1',
        description:
          'REST API of Closeloop. Errors are RFC 9457 problem+json. Lists page with `limit` and `cursor`. ' +
          'POST accepts `Idempotency-Key`; PATCH needs `If-Match` or `version`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'cl_session' },
          bearer: { type: 'http', scheme: 'bearer', description: 'Personal API token (clt_…)' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get('/healthz', { schema: { hide: true } }, async () => ({ ok: true }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await ping(platform.db);
      if (!(await migrationsCurrent(platform.db))) throw new Error('migrations pending');
      return { ok: true };
    } catch {
      return reply.code(503).send({ ok: false });
    }
  });

  await registerModules(app, platform);

  if (existsSync(WEB_DIST)) {
    // Wildcard mode looks files up per request, so a rebuilt client is served without a restart.
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: true, index: ['index.html'] });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.method !== 'GET' || !existsSync(WEB_DIST)) {
      return sendProblem(new AppError('route_not_found'), req, reply);
    }
    return reply.type('text/html').sendFile('index.html');
  });

  return app;
}
