import { and, eq, gt, isNull } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { composeToken, NO_TENANT, newSecret, parseToken, safeEqual, sha256 } from '../../platform/crypto';
import type { Tx } from '../../platform/db/database';
import { authLinks } from '../../platform/db/identity.tables';

/**
 * Single-use, expiring links mailed to users: password resets (RESET_LINK_TTL_SECONDS, an hour by default)
 * and invitations (INVITE_LINK_TTL_SECONDS, a week). Times come from the platform clock, so tests move it.
 */

export type LinkKind = 'reset' | 'invite';

export async function issueLink(
  tx: Tx,
  link: { tenantId: string; userId: string; kind: LinkKind; ttlMs: number; now: Date },
): Promise<string> {
  const { tenantId, userId, kind, now } = link;
  // A new link replaces any unused one of the same kind.
  await tx
    .update(authLinks)
    .set({ usedAt: now })
    .where(and(eq(authLinks.userId, userId), eq(authLinks.kind, kind), isNull(authLinks.usedAt)));
  const id = uuidv7();
  const secret = newSecret();
  await tx.insert(authLinks).values({
    tenantId,
    id,
    userId,
    kind,
    secretHash: sha256(secret),
    expiresAt: new Date(now.getTime() + link.ttlMs),
  });
  return composeToken(tenantId, id, secret);
}

/** The tenant to look a link up in; for a malformed token one that has no rows (see NO_TENANT). */
export function linkTenant(token: string): string {
  return parseToken(token)?.tenantId ?? NO_TENANT;
}

/**
 * The user a live link belongs to, or null. With `consume`, the link is spent in the same transaction. An
 * unknown, used, expired or near-miss token takes the same path (one indexed lookup, a constant-time hash
 * comparison), so the time of the answer does not tell them apart.
 */
export async function readLink(
  tx: Tx,
  token: string,
  kind: LinkKind,
  consume: boolean,
  now: Date,
): Promise<{ userId: string } | null> {
  const parsed = parseToken(token) ?? { id: NO_TENANT, secret: '' };
  const query = tx
    .select()
    .from(authLinks)
    .where(
      and(
        eq(authLinks.id, parsed.id),
        eq(authLinks.kind, kind),
        isNull(authLinks.usedAt),
        gt(authLinks.expiresAt, now),
      ),
    );
  // Only a consuming read locks: a lock gives the transaction an id and its commit a WAL flush, which would
  // make a near miss (a real link's id, a wrong secret) measurably slower than an unknown token.
  const [row] = consume ? await query.for('update') : await query;
  if (!row || !safeEqual(row.secretHash, sha256(parsed.secret))) return null;
  if (consume) await tx.update(authLinks).set({ usedAt: now }).where(eq(authLinks.id, row.id));
  return { userId: row.userId };
}
