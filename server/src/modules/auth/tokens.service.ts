import type { ApiToken } from '@contracts/auth.contract';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { type Actor, writeAudit } from '../../platform/audit';
import { composeToken, newSecret, sha256 } from '../../platform/crypto';
import { apiTokens } from '../../platform/db/identity.tables';
import { withTenant } from '../../platform/db/tenancy';
import { TOKEN_PREFIX } from '../../platform/http/auth';
import { AppError } from '../../platform/http/errors';
import type { Principal } from '../../platform/http/principal';
import type { Platform } from '../../platform/platform';

/** Personal API tokens: the secret is shown once and stored only as a hash. */

type Scope = 'read' | 'write' | 'admin';

function present(row: typeof apiTokens.$inferSelect): ApiToken {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes.filter((s): s is Scope => s === 'read' || s === 'write' || s === 'admin'),
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export async function listTokens(platform: Platform, principal: Principal): Promise<ApiToken[]> {
  const rows = await withTenant(platform.db, principal.tenantId, (tx) =>
    tx
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.userId, principal.userId))
      .orderBy(desc(apiTokens.createdAt)),
  );
  return rows.map(present);
}

export async function createToken(
  platform: Platform,
  principal: Principal,
  actor: Actor,
  input: { name: string; scopes: Scope[]; expiresInDays?: number | undefined },
): Promise<ApiToken & { secret: string }> {
  const id = uuidv7();
  const secret = newSecret();
  const scopes = [...new Set(input.scopes)];
  const row = await withTenant(platform.db, principal.tenantId, async (tx) => {
    const [inserted] = await tx
      .insert(apiTokens)
      .values({
        tenantId: principal.tenantId,
        id,
        userId: principal.userId,
        name: input.name,
        secretHash: sha256(secret),
        scopes,
        expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
      })
      .returning();
    await writeAudit(tx, actor, {
      entity: 'api_token',
      entityId: id,
      action: 'create',
      changes: { name: { from: null, to: input.name }, scopes: { from: null, to: scopes } },
    });
    return inserted;
  });
  if (!row) throw new AppError('internal');
  return { ...present(row), secret: `${TOKEN_PREFIX}${composeToken(principal.tenantId, id, secret)}` };
}

export async function revokeToken(platform: Platform, principal: Principal, actor: Actor, id: string) {
  await withTenant(platform.db, principal.tenantId, async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, principal.userId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    if (!row) throw new AppError('not_found');
    await writeAudit(tx, actor, { entity: 'api_token', entityId: id, action: 'revoke' });
  });
}
