import { eq, sql } from 'drizzle-orm';
import type { DatabaseHandle } from '../../platform/db/database';
import { loginThrottle } from '../../platform/db/identity.tables';
import { withSystem } from '../../platform/db/tenancy';
import { AppError } from '../../platform/http/errors';

/**
 * Sign-in throttling per account and per client IP: after too many failures inside the window the key is
 * locked for a while and sign-in answers 429 with Retry-After, even with the right password.
 */

export const THROTTLE = {
  account: { limit: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  // Issue 4's bar: spraying guesses over many accounts from one address is stopped within 10 failures too.
  ip: { limit: 10, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
} as const;

export const accountKey = (email: string) => `acct:${email.toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;

export async function assertNotLocked(db: DatabaseHandle, keys: string[]): Promise<void> {
  const rows = await withSystem(db, (tx) =>
    tx
      .select({ lockedUntil: loginThrottle.lockedUntil })
      .from(loginThrottle)
      .where(sql`${loginThrottle.key} IN ${keys} AND ${loginThrottle.lockedUntil} > now()`),
  );
  const until = Math.max(0, ...rows.map((r) => r.lockedUntil?.getTime() ?? 0));
  if (until > Date.now()) {
    const seconds = Math.ceil((until - Date.now()) / 1000);
    throw new AppError('too_many_attempts', { minutes: Math.ceil(seconds / 60), retryAfter: seconds });
  }
}

export async function recordFailure(
  db: DatabaseHandle,
  key: string,
  rule: { limit: number; windowMs: number; lockMs: number },
): Promise<void> {
  await withSystem(db, (tx) =>
    tx
      .insert(loginThrottle)
      .values({ key, failures: 1, windowStartedAt: new Date() })
      .onConflictDoUpdate({
        target: loginThrottle.key,
        set: {
          failures: sql`CASE WHEN ${loginThrottle.windowStartedAt} < now() - make_interval(secs => ${rule.windowMs / 1000})
                          THEN 1 ELSE ${loginThrottle.failures} + 1 END`,
          windowStartedAt: sql`CASE WHEN ${loginThrottle.windowStartedAt} < now() - make_interval(secs => ${rule.windowMs / 1000})
                          THEN now() ELSE ${loginThrottle.windowStartedAt} END`,
          lockedUntil: sql`CASE WHEN ${loginThrottle.windowStartedAt} >= now() - make_interval(secs => ${rule.windowMs / 1000})
                             AND ${loginThrottle.failures} + 1 >= ${rule.limit}
                          THEN now() + make_interval(secs => ${rule.lockMs / 1000}) ELSE ${loginThrottle.lockedUntil} END`,
        },
      }),
  );
}

export async function clearFailures(db: DatabaseHandle, key: string): Promise<void> {
  await withSystem(db, (tx) => tx.delete(loginThrottle).where(eq(loginThrottle.key, key)));
}
