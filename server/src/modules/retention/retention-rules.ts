import { RetentionRules } from '@contracts/retention.contract';
import { eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { retentionSettings } from './retention.tables';

/**
 * The company's tier, lifecycle and health rules, or the defaults. The defaults follow DOMAIN.md §7: a
 * strategic customer is contacted every 14 days, a customer with no new need for 2 months or no activity for a
 * month loses health, decline shows after a year without a win or a halving of activity.
 */
export const DEFAULT_RULES: RetentionRules = {
  rfm: {
    windowDays: 730,
    recencyDays: [30, 90, 180, 365],
    frequency: [1, 2, 3, 5],
    // CNY 10k, 50k, 200k, 1M in minor units.
    monetaryMinor: [1_000_000, 5_000_000, 20_000_000, 100_000_000],
  },
  tiers: { strategicMin: 13, growthMin: 10, potentialMin: 7, dormantAfterDays: 180 },
  followUpDays: { strategic: 14, growth: 30, potential: 60, dormant: null },
  lifecycle: {
    matureDeals: 3,
    matureMonths: 12,
    declineMonths: 12,
    activityDropPercent: 50,
    activityWindowDays: 90,
  },
  health: {
    threshold: 65,
    needDays: 60,
    activityDays: 30,
    lossDays: 90,
    usageWindowDays: 30,
    usageDropPercent: 30,
    weights: {
      noNewNeed: 25,
      noActivity: 30,
      activityFalling: 15,
      overdueTasks: 15,
      recentLoss: 15,
      // DOMAIN.md §7: a payment overdue past 15 days is a health warning on its own (100 − 40 is below 65).
      paymentOverdue: 40,
      openComplaints: 20,
      usageFalling: 20,
    },
  },
};

/** Stored rules parsed with the contract; a row written by an older version falls back field by field. */
export async function loadRules(
  tx: Tx,
  tenantId: string,
): Promise<{ rules: RetentionRules; version: number }> {
  const [row] = await tx.select().from(retentionSettings).where(eq(retentionSettings.tenantId, tenantId));
  if (!row) return { rules: DEFAULT_RULES, version: 0 };
  // Rules saved before a signal or threshold existed lack it: the default fills it in.
  const stored = row.rules as { health?: { weights?: Record<string, unknown> } };
  const health = stored.health
    ? {
        ...DEFAULT_RULES.health,
        ...stored.health,
        weights: { ...DEFAULT_RULES.health.weights, ...stored.health.weights },
      }
    : DEFAULT_RULES.health;
  const parsed = RetentionRules.safeParse({ ...DEFAULT_RULES, ...row.rules, health });
  return { rules: parsed.success ? parsed.data : DEFAULT_RULES, version: row.version };
}
