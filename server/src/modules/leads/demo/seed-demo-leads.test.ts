import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/helper';
import { seedDemo } from '../../../cli/demo';
import { teamMembers } from '../../../platform/db/identity.tables';
import { withSystem } from '../../../platform/db/tenancy';
import { customers } from '../../customers/customers.tables';
import { deals } from '../../deals/deals.tables';
import { leadEvents, leads } from '../leads.tables';
import { seedDemoLeads } from './seed-demo-leads';

/** The demo leads are computed by the module itself: routed, scored, followed up and concluded. */

const db = await freshDatabase();
afterAll(() => db.close());
const company = await seedDemo(db, { password: 'demo-password-for-tests' });
const now = new Date('2026-11-20T04:00:00Z');
const result = await seedDemoLeads(db, company, { count: 400, now });

describe('demo leads', () => {
  it('creates leads across every channel, grade and outcome', async () => {
    expect(result.leads).toBe(400);
    const rows = await withSystem(db, (tx) =>
      tx
        .select({
          status: leads.status,
          source: leads.source,
          grade: leads.grade,
          n: sql<number>`count(*)::int`,
        })
        .from(leads)
        .where(eq(leads.tenantId, company.tenantId))
        .groupBy(leads.status, leads.source, leads.grade),
    );
    const statuses = new Set(rows.map((r) => r.status));
    for (const status of ['new', 'contacted', 'nurturing', 'sql', 'converted', 'disqualified']) {
      expect(statuses, status).toContain(status);
    }
    expect(new Set(rows.map((r) => r.source)).size).toBeGreaterThanOrEqual(7);
    expect(new Set(rows.map((r) => r.grade))).toEqual(new Set(['A', 'B', 'C', null]));
  });

  it('routes leads to the team of their region and scores them with the demo rules', async () => {
    const routed = await withSystem(db, (tx) =>
      tx
        .select({
          region: leads.region,
          teamId: leads.teamId,
          ownerInTeam: sql<boolean>`${teamMembers.userId} IS NOT NULL`,
        })
        .from(leads)
        .leftJoin(
          teamMembers,
          and(
            eq(teamMembers.tenantId, leads.tenantId),
            eq(teamMembers.teamId, leads.teamId),
            eq(teamMembers.userId, leads.ownerId),
          ),
        )
        .where(and(eq(leads.tenantId, company.tenantId), eq(leads.region, '华南'))),
    );
    const south = company.teams.find((t) => t.key === 'south')?.id;
    expect(routed.length).toBeGreaterThan(10);
    expect(routed.every((r) => r.teamId === south && r.ownerInTeam)).toBe(true);

    const scored = await withSystem(db, (tx) =>
      tx
        .select({ score: leads.score, breakdown: leads.scoreBreakdown })
        .from(leads)
        .where(and(eq(leads.tenantId, company.tenantId), sql`${leads.score} > 0`)),
    );
    expect(scored.length).toBeGreaterThan(100);
    for (const r of scored) {
      expect(r.breakdown.reduce<number>((sum, item) => sum + (item as { points: number }).points, 0)).toBe(
        r.score,
      );
    }
    const events = await withSystem(db, (tx) =>
      tx
        .select({ n: sql<number>`count(*)::int` })
        .from(leadEvents)
        .where(eq(leadEvents.tenantId, company.tenantId)),
    );
    expect(events[0]?.n).toBeGreaterThan(400);
  });

  it('has late first contacts recorded as SLA breaches, and conversions with customers and deals', async () => {
    const [breaches] = await withSystem(db, (tx) =>
      tx
        .select({ n: sql<number>`count(*)::int` })
        .from(leads)
        .where(and(eq(leads.tenantId, company.tenantId), isNotNull(leads.slaBreachedAt))),
    );
    expect(breaches?.n).toBeGreaterThan(0);
    const converted = await withSystem(db, (tx) =>
      tx
        .select({ customerId: leads.customerId, dealId: leads.dealId })
        .from(leads)
        .where(and(eq(leads.tenantId, company.tenantId), eq(leads.status, 'converted'))),
    );
    expect(converted.length).toBeGreaterThan(5);
    expect(converted.every((c) => c.customerId)).toBe(true);
    const customerCount = await withSystem(db, (tx) =>
      tx
        .select({ n: sql<number>`count(*)::int` })
        .from(customers)
        .where(eq(customers.tenantId, company.tenantId)),
    );
    expect(customerCount[0]?.n).toBe(converted.length);
    const dealCount = await withSystem(db, (tx) =>
      tx.select({ n: sql<number>`count(*)::int` }).from(deals).where(eq(deals.tenantId, company.tenantId)),
    );
    expect(dealCount[0]?.n).toBe(converted.filter((c) => c.dealId).length);
  });
});
