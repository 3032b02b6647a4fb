import type { Locale } from '@contracts/common';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { isRole } from '../access';
import { parseToken, safeEqual, sha256 } from '../crypto';
import type { DatabaseHandle } from '../db/database';
import { apiTokens, sessions, users } from '../db/identity.tables';
import { withTenant } from '../db/tenancy';
import type { Principal } from './principal';

/**
 * Resolves the caller from the session cookie or a bearer API token. Both carry their tenant, so the
 * lookup runs inside that tenant's row-level security; the user's status is read on every request, so
 * deactivation and revocation take effect at once.
 */

export const SESSION_COOKIE = 'cl_session';
export const CSRF_COOKIE = 'cl_csrf';
export const TOKEN_PREFIX = 'clt_';

const TOUCH_AFTER_MS = 5 * 60_000;

export async function resolvePrincipal(db: DatabaseHandle, req: FastifyRequest): Promise<Principal | null> {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return resolveToken(db, auth.slice(7).trim());
  const cookie = req.cookies[SESSION_COOKIE];
  return cookie ? resolveSession(db, cookie) : null;
}

async function resolveSession(db: DatabaseHandle, cookie: string): Promise<Principal | null> {
  const parsed = parseToken(cookie);
  if (!parsed) return null;
  return withTenant(db, parsed.tenantId, async (tx) => {
    const [row] = await tx
      .select({
        secretHash: sessions.secretHash,
        csrfToken: sessions.csrfToken,
        expiresAt: sessions.expiresAt,
        lastSeenAt: sessions.lastSeenAt,
        userId: users.id,
        role: users.role,
        status: users.status,
        locale: users.locale,
        timeZone: users.timeZone,
      })
      .from(sessions)
      .innerJoin(users, and(eq(users.tenantId, sessions.tenantId), eq(users.id, sessions.userId)))
      .where(eq(sessions.id, parsed.id));
    if (!row || !safeEqual(row.secretHash, sha256(parsed.secret))) return null;
    const now = Date.now();
    if (row.expiresAt.getTime() <= now || row.status !== 'active' || !isRole(row.role)) return null;
    if (now - row.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
      await tx
        .update(sessions)
        .set({ lastSeenAt: new Date(now) })
        .where(eq(sessions.id, parsed.id));
    }
    return {
      tenantId: parsed.tenantId,
      userId: row.userId,
      role: row.role,
      locale: row.locale as Locale | null,
      timeZone: row.timeZone,
      kind: 'session',
      sessionId: parsed.id,
      tokenId: null,
      scopes: ['read', 'write', 'admin'],
      csrfToken: row.csrfToken,
    } satisfies Principal;
  });
}

async function resolveToken(db: DatabaseHandle, bearer: string): Promise<Principal | null> {
  if (!bearer.startsWith(TOKEN_PREFIX)) return null;
  const parsed = parseToken(bearer.slice(TOKEN_PREFIX.length));
  if (!parsed) return null;
  return withTenant(db, parsed.tenantId, async (tx) => {
    const [row] = await tx
      .select({
        secretHash: apiTokens.secretHash,
        scopes: apiTokens.scopes,
        expiresAt: apiTokens.expiresAt,
        revokedAt: apiTokens.revokedAt,
        lastUsedAt: apiTokens.lastUsedAt,
        userId: users.id,
        role: users.role,
        status: users.status,
        locale: users.locale,
        timeZone: users.timeZone,
      })
      .from(apiTokens)
      .innerJoin(users, and(eq(users.tenantId, apiTokens.tenantId), eq(users.id, apiTokens.userId)))
      .where(eq(apiTokens.id, parsed.id));
    if (!row || !safeEqual(row.secretHash, sha256(parsed.secret))) return null;
    const now = Date.now();
    if (row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= now)) return null;
    if (row.status !== 'active' || !isRole(row.role)) return null;
    if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > TOUCH_AFTER_MS) {
      await tx.update(apiTokens).set({ lastUsedAt: sql`now()` }).where(eq(apiTokens.id, parsed.id));
    }
    return {
      tenantId: parsed.tenantId,
      userId: row.userId,
      role: row.role,
      locale: row.locale as Locale | null,
      timeZone: row.timeZone,
      kind: 'token',
      sessionId: null,
      tokenId: parsed.id,
      scopes: row.scopes.filter((s): s is 'read' | 'write' | 'admin' =>
        ['read', 'write', 'admin'].includes(s),
      ),
      csrfToken: null,
    } satisfies Principal;
  });
}
