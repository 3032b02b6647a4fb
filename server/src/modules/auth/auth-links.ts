import { and, eq, gt, isNull } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { composeToken, newSecret, parseToken, safeEqual, sha256 } from '../../platform/crypto';
import type { Tx } from '../../platform/db/database';
import { authLinks } from '../../platform/db/identity.tables';

/** Single-use, expiring links mailed to users: password resets (1 hour) and invitations (7 days). */

export type LinkKind = 'reset' | 'invite';

const TTL_MS: Record<LinkKind, number> = { reset: 3600_000, invite: 7 * 24 * 3600_000 };

export async function issueLink(tx: Tx, tenantId: string, userId: string, kind: LinkKind): Promise<string> {
  // A new link replaces any unused one of the same kind.
  await tx
    .update(authLinks)
    .set({ usedAt: new Date() })
    .where(and(eq(authLinks.userId, userId), eq(authLinks.kind, kind), isNull(authLinks.usedAt)));
  const id = uuidv7();
  const secret = newSecret();
  await tx.insert(authLinks).values({
    tenantId,
    id,
    userId,
    kind,
    secretHash: sha256(secret),
    expiresAt: new Date(Date.now() + TTL_MS[kind]),
  });
  return composeToken(tenantId, id, secret);
}

export function linkTenant(token: string): string | null {
  return parseToken(token)?.tenantId ?? null;
}

/** The user a live link belongs to, or null. With `consume`, the link is spent in the same transaction. */
export async function readLink(
  tx: Tx,
  token: string,
  kind: LinkKind,
  consume: boolean,
): Promise<{ userId: string } | null> {
  const parsed = parseToken(token);
  if (!parsed) return null;
  const [row] = await tx
    .select()
    .from(authLinks)
    .where(
      and(
        eq(authLinks.id, parsed.id),
        eq(authLinks.kind, kind),
        isNull(authLinks.usedAt),
        gt(authLinks.expiresAt, new Date()),
      ),
    )
    .for('update');
  if (!row || !safeEqual(row.secretHash, sha256(parsed.secret))) return null;
  if (consume) await tx.update(authLinks).set({ usedAt: new Date() }).where(eq(authLinks.id, row.id));
  return { userId: row.userId };
}
