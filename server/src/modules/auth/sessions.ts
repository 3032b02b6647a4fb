import { and, eq, ne } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { composeToken, newSecret, sha256 } from '../../platform/crypto';
import type { Tx } from '../../platform/db/database';
import { sessions } from '../../platform/db/identity.tables';

/** Database-backed sessions: any API process can serve any request, and ending one is immediate. */

export type NewSession = { cookie: string; csrfToken: string; sessionId: string; expiresAt: Date };

export async function createSession(
  tx: Tx,
  input: { tenantId: string; userId: string; ttlMs: number; ip: string | null; userAgent: string | null },
): Promise<NewSession> {
  const id = uuidv7();
  const secret = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(Date.now() + input.ttlMs);
  await tx.insert(sessions).values({
    tenantId: input.tenantId,
    id,
    userId: input.userId,
    secretHash: sha256(secret),
    csrfToken,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
    expiresAt,
  });
  return { cookie: composeToken(input.tenantId, id, secret), csrfToken, sessionId: id, expiresAt };
}

export async function endSession(tx: Tx, sessionId: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user, optionally keeping the one making the request. */
export async function endUserSessions(tx: Tx, userId: string, keepSessionId?: string | null): Promise<void> {
  await tx
    .delete(sessions)
    .where(
      keepSessionId
        ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId))
        : eq(sessions.userId, userId),
    );
}
