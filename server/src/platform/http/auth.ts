import type { Locale } from '@contracts/common';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { isRole } from '../access';
import { parseToken, safeEqual, sha256 } from '../crypto';
import type { DatabaseHandle } from '../db/database';
import { apiTokens, sessions } from '../db/identity.tables';
import { readInTenant, withTenant } from '../db/tenancy';
import type { Principal } from './principal';

/**
 * Resolves the caller from the session cookie or a bearer API token. Both carry their tenant, so the
 * lookup runs inside that tenant's row-level security; the user's status is read on every request, so
 * deactivation and revocation take effect at once. The lookup runs before every API request, so it is one
 * round trip of fixed SQL, prepared once per connection.
 */

export const SESSION_COOKIE = 'cl_session';
export const CSRF_COOKIE = 'cl_csrf';
export const TOKEN_PREFIX = 'clt_';

const TOUCH_AFTER_MS = 5 * 60_000;

type UserColumns = {
  userId: string;
  role: string;
  status: string;
  locale: string | null;
  timeZone: string | null;
};

const USER_COLUMNS = 'u.id AS "userId", u.role, u.status, u.locale, u.time_zone AS "timeZone"';

export async function resolvePrincipal(db: DatabaseHandle, req: FastifyRequest): Promise<Principal | null> {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return resolveToken(db, auth.slice(7).trim());
  const cookie = req.cookies[SESSION_COOKIE];
  return cookie ? resolveSession(db, cookie) : null;
}

type SessionRow = UserColumns & { secretHash: string; csrfToken: string; expiresAt: Date; lastSeenAt: Date };

const SESSION_LOOKUP = {
  name: 'auth_session',
  text: `SELECT s.secret_hash AS "secretHash", s.csrf_token AS "csrfToken", s.expires_at AS "expiresAt",
                s.last_seen_at AS "lastSeenAt", ${USER_COLUMNS}
           FROM sessions s
           JOIN users u ON u.tenant_id = s.tenant_id AND u.id = s.user_id
          WHERE s.tenant_id = $1 AND s.id = $2`,
};

async function resolveSession(db: DatabaseHandle, cookie: string): Promise<Principal | null> {
  const parsed = parseToken(cookie);
  if (!parsed) return null;
  const [row] = await readInTenant<SessionRow>(db, parsed.tenantId, {
    ...SESSION_LOOKUP,
    values: [parsed.tenantId, parsed.id],
  });
  if (!row || !safeEqual(row.secretHash, sha256(parsed.secret))) return null;
  const now = Date.now();
  if (row.expiresAt.getTime() <= now || row.status !== 'active' || !isRole(row.role)) return null;
  if (now - row.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    // Rare (once per five minutes of use), so it may cost a transaction of its own.
    await withTenant(db, parsed.tenantId, (tx) =>
      tx
        .update(sessions)
        .set({ lastSeenAt: new Date(now) })
        .where(and(eq(sessions.tenantId, parsed.tenantId), eq(sessions.id, parsed.id))),
    );
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
}

type TokenRow = UserColumns & {
  secretHash: string;
  scopes: string[];
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
};

const TOKEN_LOOKUP = {
  name: 'auth_token',
  text: `SELECT t.secret_hash AS "secretHash", t.scopes, t.expires_at AS "expiresAt", t.revoked_at AS "revokedAt",
                t.last_used_at AS "lastUsedAt", ${USER_COLUMNS}
           FROM api_tokens t
           JOIN users u ON u.tenant_id = t.tenant_id AND u.id = t.user_id
          WHERE t.tenant_id = $1 AND t.id = $2`,
};

async function resolveToken(db: DatabaseHandle, bearer: string): Promise<Principal | null> {
  if (!bearer.startsWith(TOKEN_PREFIX)) return null;
  const parsed = parseToken(bearer.slice(TOKEN_PREFIX.length));
  if (!parsed) return null;
  const [row] = await readInTenant<TokenRow>(db, parsed.tenantId, {
    ...TOKEN_LOOKUP,
    values: [parsed.tenantId, parsed.id],
  });
  if (!row || !safeEqual(row.secretHash, sha256(parsed.secret))) return null;
  const now = Date.now();
  if (row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= now)) return null;
  if (row.status !== 'active' || !isRole(row.role)) return null;
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > TOUCH_AFTER_MS) {
    await withTenant(db, parsed.tenantId, (tx) =>
      tx
        .update(apiTokens)
        .set({ lastUsedAt: sql`now()` })
        .where(and(eq(apiTokens.tenantId, parsed.tenantId), eq(apiTokens.id, parsed.id))),
    );
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
    scopes: row.scopes.filter((s): s is 'read' | 'write' | 'admin' => ['read', 'write', 'admin'].includes(s)),
    csrfToken: null,
  } satisfies Principal;
}
