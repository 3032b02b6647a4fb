import { and, desc, eq, gt } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database';
import { leadFormSubmissions } from '../leads.tables';

/**
 * Form rate limits count the accepted submissions themselves: they are stored anyway (every one, with its
 * client IP), so the window needs no counter table of its own and survives restarts and several processes.
 * The per-IP window is per form, like its limit. The caller holds the form's row lock, so two submissions
 * cannot both take the last free slot. Rejected and honeypot posts store nothing and do not count; they cost
 * a validation, not a lead.
 */

export type Window = { limit: number; ms: number };

export const FORM_WINDOW_MS = 60_000;
export const IP_WINDOW_MS = 3_600_000;

/**
 * Seconds until one more submission fits in the window (the `limit`-th newest one leaves it), or 0 when it
 * fits now.
 */
export async function retryAfterSeconds(
  tx: Tx,
  scope: { tenantId: string; formId: string; ip?: string | undefined },
  window: Window,
  now: Date,
): Promise<number> {
  const s = leadFormSubmissions;
  const [nth] = await tx
    .select({ at: s.createdAt })
    .from(s)
    .where(
      and(
        eq(s.tenantId, scope.tenantId),
        eq(s.formId, scope.formId),
        scope.ip !== undefined ? eq(s.ip, scope.ip) : undefined,
        gt(s.createdAt, new Date(now.getTime() - window.ms)),
      ),
    )
    .orderBy(desc(s.createdAt))
    .limit(1)
    .offset(window.limit - 1);
  if (!nth) return 0;
  return Math.max(1, Math.ceil((nth.at.getTime() + window.ms - now.getTime()) / 1000));
}
