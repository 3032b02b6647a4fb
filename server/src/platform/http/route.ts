import { createHash } from 'node:crypto';
import type { RouteContract } from '@contracts/common';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodObject, type z } from 'zod';
import { can } from '../access';
import type { Actor } from '../audit';
import { safeEqual } from '../crypto';
import { idempotencyKeys } from '../db/platform.tables';
import { withTenant } from '../db/tenancy';
import type { Platform } from '../platform';
import { AppError } from './errors';
import { actorOf, type Principal } from './principal';

/**
 * Binds a contract to a handler: validation from the zod schemas, authentication, permission and token
 * scope, CSRF for cookie writes, Idempotency-Key replay for POST, and If-Match for PATCH. Handlers stay a
 * few lines: they call a service and return the response body.
 */

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type Responses<C extends RouteContract> = C['response'];
type ResponseBody<C extends RouteContract> = {
  [K in keyof Responses<C>]: Responses<C>[K] extends z.ZodType ? z.input<Responses<C>[K]> : never;
}[keyof Responses<C>];

export type RouteInput<C extends RouteContract> = {
  params: Out<C['params']>;
  query: Out<C['query']>;
  body: Out<C['body']>;
  principal: C['access'] extends 'session' ? Principal : Principal | null;
  actor: C['access'] extends 'session' ? Actor : Actor | null;
  /** Version the client read (If-Match or body.version); PATCH routes require one. */
  expectedVersion: number | null;
  req: FastifyRequest;
  reply: FastifyReply;
};

export type RouteHandler<C extends RouteContract> = (input: RouteInput<C>) => Promise<ResponseBody<C>>;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const IDEMPOTENCY_STALE_MS = 60_000;

export function bindRoute<C extends RouteContract>(
  app: FastifyInstance,
  platform: Platform,
  contract: C,
  handler: RouteHandler<C>,
): void {
  const statuses = Object.keys(contract.response).map(Number);
  const status = statuses[0] ?? 200;
  const response: Record<number, z.ZodType> = {};
  for (const [code, schema] of Object.entries(contract.response)) {
    if (Number(code) !== 204 && schema) response[Number(code)] = schema;
  }

  app.route({
    method: contract.method,
    url: contract.path,
    schema: {
      summary: contract.summary,
      tags: [...contract.tags],
      ...(contract.params ? { params: contract.params } : {}),
      ...(contract.query ? { querystring: contract.query } : {}),
      ...(contract.body ? { body: contract.body } : {}),
      response,
      ...(contract.access === 'session' ? { security: [{ session: [] }, { bearer: [] }] } : {}),
    },
    // Who may call comes before what they sent: a caller without the permission learns 403, not which field
    // of a body they may not send anyway was wrong.
    ...(contract.access === 'session'
      ? {
          preValidation: async (req: FastifyRequest) => {
            authorize(contract, req);
          },
        }
      : {}),
    handler: async (req, reply) => {
      const principal = contract.access === 'session' ? authorize(contract, req) : req.principal;
      const actor = principal ? actorOf(principal, req.id, req.ip) : null;
      const expectedVersion = readExpectedVersion(req, contract);
      const run = async () =>
        handler({
          params: req.params as Out<C['params']>,
          query: req.query as Out<C['query']>,
          body: req.body as Out<C['body']>,
          principal: principal as RouteInput<C>['principal'],
          actor: actor as RouteInput<C>['actor'],
          expectedVersion,
          req,
          reply,
        });

      const key = req.headers['idempotency-key'];
      const result =
        contract.method === 'POST' && principal && typeof key === 'string'
          ? await withIdempotency(platform, principal, req, key, status, run)
          : { status, body: await run() };

      const body = result.body as unknown;
      if (body && typeof body === 'object' && 'version' in body && typeof body.version === 'number') {
        reply.header('etag', `"${body.version}"`);
      }
      if (result.status === 204) return reply.code(204).send();
      return reply.code(result.status).send(body);
    },
  });
}

export function authorize(contract: RouteContract, req: FastifyRequest): Principal {
  const principal = req.principal;
  if (!principal) throw new AppError('unauthenticated');
  if (principal.kind === 'session' && !SAFE_METHODS.has(req.method)) {
    const header = req.headers['x-csrf-token'];
    if (typeof header !== 'string' || !principal.csrfToken || !safeEqual(header, principal.csrfToken)) {
      throw new AppError('csrf_failed');
    }
  }
  if (principal.kind === 'token') {
    const needed = contract.scope ?? (SAFE_METHODS.has(contract.method) ? 'read' : 'write');
    if (!principal.scopes.includes(needed)) throw new AppError('token_scope', { scope: needed });
  }
  if (contract.permission && !can(principal.role, contract.permission)) throw new AppError('forbidden');
  return principal;
}

/** PATCH of a versioned record (its body has a `version` field) must say which version it read. */
function readExpectedVersion(req: FastifyRequest, contract: RouteContract): number | null {
  if (
    contract.method !== 'PATCH' ||
    !(contract.body instanceof ZodObject) ||
    !('version' in contract.body.shape)
  ) {
    return null;
  }
  const header = req.headers['if-match'];
  if (typeof header === 'string') {
    const m = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
    if (!m) throw new AppError('version_required');
    return Number(m[1]);
  }
  const body = req.body as { version?: unknown } | undefined;
  if (body && typeof body.version === 'number') return body.version;
  throw new AppError('version_required');
}

type Outcome = { status: number; body: unknown };

/** First response wins: a replay of the same key and body returns it; the same key with another body is 422. */
async function withIdempotency(
  platform: Platform,
  principal: Principal,
  req: FastifyRequest,
  rawKey: string,
  status: number,
  run: () => Promise<unknown>,
): Promise<Outcome> {
  const key = rawKey.slice(0, 200);
  const requestHash = createHash('sha256')
    .update(`${req.method} ${req.routeOptions.url ?? req.url}\n${JSON.stringify(req.body ?? null)}`)
    .digest('hex');
  const where = and(eq(idempotencyKeys.principalId, principal.userId), eq(idempotencyKeys.key, key));

  const claimed = await withTenant(platform.db, principal.tenantId, async (tx) => {
    const inserted = await tx
      .insert(idempotencyKeys)
      .values({
        tenantId: principal.tenantId,
        principalId: principal.userId,
        key,
        method: req.method,
        path: req.url,
        requestHash,
      })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (inserted.length > 0) return null;
    const [existing] = await tx.select().from(idempotencyKeys).where(where);
    return existing ?? null;
  });

  if (claimed) {
    if (claimed.requestHash !== requestHash) throw new AppError('idempotency_key_reused');
    if (claimed.statusCode !== null) return { status: claimed.statusCode, body: claimed.responseBody };
    if (Date.now() - claimed.createdAt.getTime() < IDEMPOTENCY_STALE_MS) {
      throw new AppError('idempotency_in_progress');
    }
  }

  try {
    const body = await run();
    await withTenant(platform.db, principal.tenantId, (tx) =>
      tx
        .update(idempotencyKeys)
        .set({ statusCode: status, responseBody: body ?? null })
        .where(where),
    );
    return { status, body };
  } catch (error) {
    // A failed attempt must not pin the key: the client may fix the request and retry with it.
    await withTenant(platform.db, principal.tenantId, (tx) => tx.delete(idempotencyKeys).where(where));
    throw error;
  }
}
