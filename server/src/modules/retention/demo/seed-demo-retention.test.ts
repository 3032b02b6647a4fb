import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/helper';
import { seedDemo } from '../../../cli/demo';
import { withSystem } from '../../../platform/db/tenancy';
import { seedDemoActivities } from '../../activities';
import { seedDemoAfterSales } from '../../after-sales';
import { seedDemoCustomers } from '../../customers';
import { customers } from '../../customers/customers.tables';
import { seedDemoLeads } from '../../leads';
import { customerChurns, customerRetention } from '../retention.tables';
import { seedDemoRetention } from './seed-demo-retention';

/** The demo deal history makes the rules reach the tiers and stages the demo customers were written with. */

const now = new Date('2026-11-20T04:00:00Z');
const db = await freshDatabase();
afterAll(() => db.close());
const company = await seedDemo(db, { password: 'demo-password-for-tests' });
await seedDemoLeads(db, company, { count: 60, now });
await seedDemoCustomers(db, company);
const before = await withSystem(db, (tx) =>
  tx
    .select({ id: customers.id, name: customers.name, tier: customers.tier, stage: customers.lifecycleStage })
    .from(customers)
    .where(eq(customers.tenantId, company.tenantId)),
);
await seedDemoActivities(db, company, { now });
const afterSales = await seedDemoAfterSales(db, company, { now });
const result = await seedDemoRetention(db, company, { now });

describe('seedDemoRetention', () => {
  it('grades every demo customer to the tier and stage it was written with', async () => {
    const after = await withSystem(db, (tx) =>
      tx
        .select({
          id: customers.id,
          tier: customers.tier,
          stage: customers.lifecycleStage,
          health: customers.healthScore,
        })
        .from(customers)
        .where(eq(customers.tenantId, company.tenantId)),
    );
    const graded = new Map(after.map((c) => [c.id, c]));
    const presets = before.filter((c) => c.tier !== null);
    expect(presets.length).toBeGreaterThanOrEqual(6);
    for (const c of presets) {
      expect({ name: c.name, tier: graded.get(c.id)?.tier, stage: graded.get(c.id)?.stage }).toEqual({
        name: c.name,
        tier: c.tier,
        stage: c.stage,
      });
    }
    expect(after.every((c) => c.health !== null)).toBe(true);
    // The declining account has had no new need for months and lost a bid lately: it is on the at-risk list.
    expect(result.atRisk).toBeGreaterThanOrEqual(1);
    expect(result.graded).toBe(after.length);
  });

  it('records the churned customer with its reason', async () => {
    const churns = await withSystem(db, (tx) =>
      tx.select().from(customerChurns).where(eq(customerChurns.tenantId, company.tenantId)),
    );
    expect(churns.map((c) => c.reason)).toEqual(['competitor']);
    expect(result.deals).toBeGreaterThan(10);
  });

  it('grades the after-sales history: the declining account’s falling usage and open complaints cost it health', async () => {
    expect(afterSales).toEqual({ complaints: 4, usageDays: 300 });
    const rows = await withSystem(db, (tx) =>
      tx
        .select({
          stage: customers.lifecycleStage,
          tier: customers.tier,
          signals: customerRetention.healthSignals,
        })
        .from(customerRetention)
        .innerJoin(
          customers,
          and(
            eq(customers.tenantId, customerRetention.tenantId),
            eq(customers.id, customerRetention.customerId),
          ),
        )
        .where(eq(customerRetention.tenantId, company.tenantId)),
    );
    const signalsOf = (stage: string) =>
      (rows.find((r) => r.stage === stage)?.signals as { signal: string; value: number }[] | undefined) ?? [];
    const declining = signalsOf('decline');
    expect(declining.find((s) => s.signal === 'openComplaints')?.value).toBe(2);
    expect(declining.find((s) => s.signal === 'usageFalling')?.value).toBeGreaterThanOrEqual(30);
    // The strategic account's usage grows and its one complaint is resolved.
    expect(signalsOf('mature').map((s) => s.signal)).not.toContain('usageFalling');
    expect(signalsOf('mature').map((s) => s.signal)).not.toContain('openComplaints');
  });
});
