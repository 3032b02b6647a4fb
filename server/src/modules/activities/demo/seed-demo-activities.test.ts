import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/helper';
import { seedDemo } from '../../../cli/demo';
import { teamMembers } from '../../../platform/db/identity.tables';
import { withSystem } from '../../../platform/db/tenancy';
import { seedDemoCustomers } from '../../customers';
import { customers } from '../../customers/customers.tables';
import { leads, seedDemoLeads } from '../../leads';
import { activities, dailyLogs } from '../activities.tables';
import { seedDemoActivities } from './seed-demo-activities';

/** The demo year of activities and the reps' daily logs, written on the demo customers and converted leads. */

const DAY = 86_400_000;
const now = new Date('2026-11-20T04:00:00Z');
const db = await freshDatabase();
afterAll(() => db.close());
const company = await seedDemo(db, { password: 'demo-password-for-tests' });
await seedDemoLeads(db, company, { count: 120, now });
await seedDemoCustomers(db, company);
const before = await withSystem(db, (tx) =>
  tx.select({ id: activities.id }).from(activities).where(eq(activities.tenantId, company.tenantId)),
);
const result = await seedDemoActivities(db, company, { now });

const rowsOf = async () =>
  withSystem(db, (tx) =>
    tx
      .select({ activity: activities, customer: customers.name, stage: customers.lifecycleStage })
      .from(activities)
      .innerJoin(
        customers,
        and(eq(customers.tenantId, activities.tenantId), eq(customers.id, activities.customerId)),
      )
      .where(eq(activities.tenantId, company.tenantId)),
  );
const all = await rowsOf();
const earlier = new Set(before.map((r) => r.id));
const seeded = all.filter((r) => !earlier.has(r.activity.id));

describe('demo activities', () => {
  it('writes a year of every kind, with meeting ends, visit places, and task due dates and priorities', async () => {
    expect(result.activities).toBeGreaterThan(300);
    const kinds = new Set(seeded.map((r) => r.activity.kind));
    expect(kinds).toEqual(new Set(['call', 'email', 'meeting', 'visit', 'note', 'task']));
    const times = seeded.map((r) => r.activity.occurredAt.getTime());
    expect(now.getTime() - Math.min(...times)).toBeGreaterThan(330 * DAY);
    for (const { activity: a } of seeded) {
      if (a.kind === 'meeting' || a.kind === 'visit') {
        expect(a.endsAt?.getTime() ?? 0, a.subject).toBeGreaterThan(a.occurredAt.getTime());
        expect(a.location, a.subject).toBeTruthy();
      }
      if (a.kind === 'task') expect(a.dueAt, a.subject).not.toBeNull();
      if (a.kind === 'call' || a.kind === 'email') expect(a.direction).toMatch(/^(inbound|outbound)$/);
    }
    const tasks = seeded.map((r) => r.activity).filter((a) => a.kind === 'task');
    expect(new Set(tasks.map((a) => a.priority))).toEqual(new Set(['low', 'normal', 'high']));
    const due = (a: (typeof tasks)[number]) => a.dueAt?.getTime() ?? 0;
    expect(tasks.filter((a) => a.doneAt !== null).length).toBeGreaterThan(20);
    expect(tasks.filter((a) => a.doneAt === null && due(a) < now.getTime()).length).toBeGreaterThan(0);
    const reminders = seeded
      .map((r) => r.activity)
      .filter((a) => a.remindAt !== null && a.remindAt > now && a.remindedAt === null);
    expect(reminders.length).toBeGreaterThan(5);
    // No reminder is left in the past for the sweep to fire the first time it runs.
    expect(seeded.filter((r) => r.activity.remindAt !== null && r.activity.remindAt <= now)).toHaveLength(0);
  });

  it('writes in the owner’s language and follows each customer’s stage', async () => {
    const cjk = /[\u4e00-\u9fff]/;
    const lumen = seeded.filter((r) => r.customer === 'Lumen Analytics');
    expect(lumen.length).toBeGreaterThan(10);
    for (const r of lumen) expect(r.activity.subject).not.toMatch(cjk);
    const yunfan = seeded.filter((r) => r.customer === '云帆科技');
    expect(yunfan.length).toBeGreaterThan(30);
    for (const r of yunfan) expect(r.activity.subject).toMatch(cjk);

    const churned = seeded.filter((r) => r.stage === 'churned');
    expect(churned.length).toBeGreaterThan(0);
    for (const r of churned) {
      expect(r.activity.occurredAt.getTime()).toBeLessThan(now.getTime() - 140 * DAY);
    }
    const declining = seeded.filter((r) => r.stage === 'decline').map((r) => r.activity.occurredAt.getTime());
    const within = (fromDays: number, toDays: number) =>
      declining.filter((t) => t >= now.getTime() - fromDays * DAY && t < now.getTime() - toDays * DAY).length;
    expect(within(365, 245)).toBeGreaterThan(within(140, 20));

    const touched = await withSystem(db, (tx) =>
      tx
        .select({ name: customers.name, last: customers.lastActivityAt })
        .from(customers)
        .where(and(eq(customers.tenantId, company.tenantId), eq(customers.name, '云帆科技'))),
    );
    const latest = Math.max(
      ...yunfan
        .map((r) => r.activity)
        .filter((a) => a.kind !== 'task' && a.occurredAt <= now)
        .map((a) => a.occurredAt.getTime()),
    );
    expect(touched[0]?.last?.getTime()).toBe(latest);
  });

  it('follows up converted leads on their customer, contact and deal after the conversion', async () => {
    const converted = await withSystem(db, (tx) =>
      tx
        .select({ id: leads.id, customerId: leads.customerId, dealId: leads.dealId, at: leads.convertedAt })
        .from(leads)
        .where(and(eq(leads.tenantId, company.tenantId), isNotNull(leads.convertedAt))),
    );
    expect(converted.length).toBeGreaterThan(0);
    const followUps = seeded.filter((r) => converted.some((l) => l.customerId === r.activity.customerId));
    expect(followUps.length).toBeGreaterThan(converted.length);
    for (const { activity: a } of followUps) {
      const lead = converted.find((l) => l.customerId === a.customerId);
      expect(a.leadId).toBe(lead?.id);
      expect(a.dealId).toBe(lead?.dealId ?? null);
      expect(a.occurredAt.getTime()).toBeGreaterThan((lead?.at?.getTime() ?? 0) - 5 * DAY);
    }
  });

  it('writes the reps’ logs of the last ten working days, most submitted, older ones reviewed by their manager', async () => {
    const logs = await withSystem(db, (tx) =>
      tx.select().from(dailyLogs).where(eq(dailyLogs.tenantId, company.tenantId)),
    );
    expect(logs).toHaveLength(result.dailyLogs);
    const working = new Set(seeded.filter((r) => r.stage !== 'churned').map((r) => r.activity.ownerId));
    const reps = company.users.filter((u) => u.role === 'rep' && working.has(u.id));
    expect(reps.length).toBeGreaterThan(5);
    for (const rep of reps) {
      const days = logs.filter((l) => l.userId === rep.id).length;
      expect(days, rep.key).toBeGreaterThanOrEqual(7);
      expect(days, rep.key).toBeLessThanOrEqual(10);
    }
    const leadsOfTeams = await withSystem(db, (tx) =>
      tx.select().from(teamMembers).where(eq(teamMembers.tenantId, company.tenantId)),
    );
    const managerOf = (userId: string) => {
      const team = leadsOfTeams.find((m) => m.userId === userId)?.teamId;
      return leadsOfTeams.find((m) => m.teamId === team && m.isLead)?.userId;
    };
    for (const log of logs) {
      const weekday = new Date(`${log.day}T00:00:00Z`).getUTCDay();
      expect(weekday, log.day).not.toBe(0);
      expect(weekday, log.day).not.toBe(6);
      expect(new Date(`${log.day}T00:00:00Z`).getTime()).toBeGreaterThan(now.getTime() - 16 * DAY);
      expect(log.day < '2026-11-20').toBe(true);
      expect(log.summary.length, log.day).toBeGreaterThan(0);
      expect(log.keyPoints.length).toBeGreaterThan(0);
      if (log.reviewedBy) {
        expect(log.submittedAt).not.toBeNull();
        expect(log.reviewedBy).toBe(managerOf(log.userId));
        expect(log.reviewComment).toBeTruthy();
      }
    }
    expect(logs.filter((l) => l.submittedAt !== null).length).toBeGreaterThan(logs.length / 2);
    expect(logs.filter((l) => l.reviewedBy !== null).length).toBeGreaterThan(logs.length / 3);
  });

  it('writes the same activities for the same seed and day', async () => {
    const other = await freshDatabase();
    try {
      const again = await seedDemo(other, { password: 'demo-password-for-tests' });
      await seedDemoLeads(other, again, { count: 120, now });
      await seedDemoCustomers(other, again);
      expect(await seedDemoActivities(other, again, { now })).toEqual(result);
      const shape = (rows: { kind: string; subject: string; occurredAt: Date }[]) =>
        rows.map((a) => `${a.occurredAt.toISOString()} ${a.kind} ${a.subject}`).sort();
      const theirs = await withSystem(other, (tx) =>
        tx.select().from(activities).where(eq(activities.tenantId, again.tenantId)),
      );
      const ours = await withSystem(db, (tx) =>
        tx.select().from(activities).where(eq(activities.tenantId, company.tenantId)),
      );
      expect(shape(theirs)).toEqual(shape(ours));
    } finally {
      await other.close();
    }
  });
});
