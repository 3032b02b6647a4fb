import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { systemActor, writeAudit } from '../../../platform/audit';
import type { DatabaseHandle } from '../../../platform/db/database';
import { tenants } from '../../../platform/db/identity.tables';
import { withTenant } from '../../../platform/db/tenancy';
import { type DemoAccount, demoAccounts } from '../../customers';
import { closeDeal, createDeal } from '../../deals';
import type { MailCopies } from '../../notifications';
import { customerChurns, customerRetention } from '../retention.tables';
import { recomputeRetention } from '../retention-compute';

/**
 * The deal history behind the demo customers' tiers and lifecycle stages, so the rules reach the grades the
 * customer seeder gave them (a strategic account won often and big, a declining one not for over a year, a
 * churned one went to a competitor), then a real grading run: health scores, at-risk alerts and follow-up
 * tasks come from the rules and the demo activities, not from fixed values.
 */

const DAY = 86_400_000;

type Profile = { won: readonly [daysAgo: number, yuan: number][]; lost?: readonly number[] };

/** Won deals (days ago, amount in yuan) per tier and stage the customer seeder set. */
const PROFILES: Record<string, Profile> = {
  'strategic/mature': {
    won: [
      [25, 680_000],
      [120, 420_000],
      [250, 1_200_000],
      [400, 350_000],
      [600, 900_000],
    ],
  },
  'growth/growth': { won: [[45, 260_000]], lost: [70] },
  'potential/potential': { won: [] },
  'dormant/decline': { won: [[430, 90_000]], lost: [40] },
  'dormant/churned': { won: [[500, 120_000]], lost: [200] },
};

export async function seedDemoRetention(
  handle: DatabaseHandle,
  company: { tenantId: string },
  options: { now?: Date } = {},
): Promise<{ deals: number; graded: number; atRisk: number }> {
  const { tenantId } = company;
  const actor = systemActor(tenantId);
  const now = options.now ?? new Date();
  const copies: MailCopies = { enabled: false, publicUrl: '', queued: [] };
  return withTenant(handle, tenantId, async (tx) => {
    const [tenant] = await tx
      .select({ currency: tenants.currency })
      .from(tenants)
      .where(eq(tenants.tenantId, tenantId));
    const currency = tenant?.currency ?? 'CNY';
    const accounts: DemoAccount[] = await demoAccounts(tx, tenantId);
    let deals = 0;
    for (const account of accounts) {
      const profile = PROFILES[`${account.tier}/${account.lifecycleStage}`];
      if (!profile) continue;
      const outcomes = [
        ...profile.won.map(([ago, yuan]) => ({ status: 'won' as const, ago, yuan })),
        ...(profile.lost ?? []).map((ago) => ({ status: 'lost' as const, ago, yuan: 150_000 })),
      ];
      for (const [i, o] of outcomes.entries()) {
        const closedAt = new Date(now.getTime() - o.ago * DAY);
        const deal = await createDeal(tx, actor, {
          name: `${account.name} · ${o.status === 'won' ? '项目' : '投标'} ${i + 1}`,
          customerId: account.id,
          contactId: account.contacts[0]?.id ?? null,
          amountMinor: o.yuan * 100,
          currency,
          expectedCloseOn: closedAt.toISOString().slice(0, 10),
          source: null,
          campaignId: null,
          ownerId: account.ownerId,
          teamId: null,
          createdAt: new Date(closedAt.getTime() - 45 * DAY),
        });
        await closeDeal(tx, actor, deal.id, { status: o.status, closedAt });
        deals += 1;
      }
      if (account.lifecycleStage === 'churned') {
        await tx.insert(customerRetention).values({ tenantId, customerId: account.id }).onConflictDoNothing();
        await tx
          .update(customerRetention)
          .set({ overrideStage: 'churned', overrideReason: 'competitor', overrideAt: now })
          .where(eq(customerRetention.customerId, account.id));
        await tx.insert(customerChurns).values({
          tenantId,
          id: uuidv7(),
          customerId: account.id,
          reason: 'competitor',
          competitor: '友商 A',
          note: '对方报价低 18%，且承诺本地驻场。',
          churnedAt: new Date(now.getTime() - 150 * DAY),
        });
        await writeAudit(tx, actor, {
          entity: 'customer',
          entityId: account.id,
          action: 'churn',
          changes: { churnReason: { from: null, to: 'competitor' } },
        });
      }
    }
    const result = await recomputeRetention(tx, { tenantId, now, copies });
    return { deals, graded: result.customers, atRisk: result.newlyAtRisk };
  });
}
