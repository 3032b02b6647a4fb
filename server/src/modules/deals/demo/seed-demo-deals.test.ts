import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/helper';
import { seedDemo } from '../../../cli/demo';
import type { Tx } from '../../../platform/db/database';
import { withTenant } from '../../../platform/db/tenancy';
import { seedDemoCustomers } from '../../customers';
import { dealNeedItems, dealNeeds } from '../deal-needs.tables';
import {
  competitors,
  dealCompetitors,
  dealContacts,
  deals,
  pipelineStages,
  pipelines,
} from '../deals.tables';
import { checkGate, dealFacts } from '../gates';
import { dealObjections, negotiationMinutes, objectionResponses } from '../negotiation.tables';
import { presentStage } from '../pipelines.service';
import { proposalFeedback, proposalReviews, proposals } from '../proposals.tables';
import { seedDemoDeals } from './seed-demo-deals';

/** The demo deals fill every stage of both pipelines, each with the records its earlier gates ask for. */

const now = new Date('2026-11-20T04:00:00Z');
const db = await freshDatabase();
afterAll(() => db.close());
const company = await seedDemo(db, { password: 'demo-password-for-tests' });
await seedDemoCustomers(db, company);
const first = await seedDemoDeals(db, company, { now });
const { tenantId } = company;
const read = <T>(fn: (tx: Tx) => Promise<T>) => withTenant(db, tenantId, fn);

describe('seedDemoDeals', () => {
  it('puts open deals in every stage of both pipelines', async () => {
    const rows = await read((tx) =>
      tx
        .select({ kind: pipelines.kind, stageId: pipelineStages.id, position: pipelineStages.position })
        .from(pipelineStages)
        .innerJoin(
          pipelines,
          and(eq(pipelines.tenantId, pipelineStages.tenantId), eq(pipelines.id, pipelineStages.pipelineId)),
        )
        .where(eq(pipelineStages.tenantId, tenantId)),
    );
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(['new_customer', 'existing_customer']));
    expect(rows.length).toBe(10);
    const open = await read((tx) =>
      tx
        .select({ stageId: deals.stageId })
        .from(deals)
        .where(and(eq(deals.tenantId, tenantId), eq(deals.status, 'open'))),
    );
    const filled = new Set(open.map((d) => d.stageId));
    for (const stage of rows)
      expect({ ...stage, filled: filled.has(stage.stageId) }).toMatchObject({ filled: true });
  });

  it('meets the gates of every stage a deal has left (all of them for won deals)', async () => {
    const all = await read((tx) => tx.select().from(deals).where(eq(deals.tenantId, tenantId)));
    const stages = await read((tx) =>
      tx.select().from(pipelineStages).where(eq(pipelineStages.tenantId, tenantId)),
    );
    expect(all.length).toBe(first.deals);
    for (const deal of all) {
      const own = stages
        .filter((s) => s.pipelineId === deal.pipelineId)
        .sort((a, b) => a.position - b.position);
      const at = own.find((s) => s.id === deal.stageId);
      expect(at, deal.name).toBeDefined();
      if (deal.status === 'lost' || !at) continue;
      const left = own.filter((s) => deal.status === 'won' || s.position < at.position);
      const facts = await read((tx) => dealFacts(tx, tenantId, deal.id, now));
      for (const stage of left) {
        for (const gate of presentStage(stage).gates) {
          expect({ deal: deal.name, stage: stage.name, gate, met: checkGate(gate, facts).met }).toMatchObject(
            {
              met: true,
            },
          );
        }
      }
    }
  });

  it('closes won deals at their price and lost ones with a reason and a competitor', async () => {
    const closed = await read((tx) =>
      tx
        .select()
        .from(deals)
        .where(and(eq(deals.tenantId, tenantId), inArray(deals.status, ['won', 'lost']))),
    );
    const won = closed.filter((d) => d.status === 'won');
    const lost = closed.filter((d) => d.status === 'lost');
    expect(won.length).toBe(first.won);
    expect(lost.length).toBe(first.lost);
    expect(won.length).toBeGreaterThanOrEqual(2);
    expect(lost.length).toBeGreaterThanOrEqual(2);
    for (const d of won) {
      expect(d.amountMinor ?? 0).toBeGreaterThan(0);
      expect(d.closedAt?.getTime() ?? Number.POSITIVE_INFINITY).toBeLessThan(now.getTime());
      expect(d.probability).toBe(100);
    }
    for (const d of lost) {
      expect(d.lossReasonId).not.toBeNull();
      expect(d.competitorId).not.toBeNull();
      expect(d.probability).toBe(0);
    }
    const rivals = await read((tx) =>
      tx.select().from(competitors).where(eq(competitors.tenantId, tenantId)),
    );
    expect(rivals.length).toBeGreaterThanOrEqual(3);
    expect(rivals.every((c) => c.strengths !== '' && c.weaknesses !== '')).toBe(true);
    const inDeals = await read((tx) =>
      tx.select().from(dealCompetitors).where(eq(dealCompetitors.tenantId, tenantId)),
    );
    expect(inDeals.length).toBeGreaterThanOrEqual(5);
  });

  it('writes needs, reviewed proposal versions with feedback, objections from the playbook and minutes', async () => {
    const [needs, items, versions, reviews, feedback, objections, playbook, minutes, people] = await read(
      (tx) =>
        Promise.all([
          tx.select().from(dealNeeds).where(eq(dealNeeds.tenantId, tenantId)),
          tx.select().from(dealNeedItems).where(eq(dealNeedItems.tenantId, tenantId)),
          tx.select().from(proposals).where(eq(proposals.tenantId, tenantId)),
          tx.select().from(proposalReviews).where(eq(proposalReviews.tenantId, tenantId)),
          tx.select().from(proposalFeedback).where(eq(proposalFeedback.tenantId, tenantId)),
          tx.select().from(dealObjections).where(eq(dealObjections.tenantId, tenantId)),
          tx.select().from(objectionResponses).where(eq(objectionResponses.tenantId, tenantId)),
          tx.select().from(negotiationMinutes).where(eq(negotiationMinutes.tenantId, tenantId)),
          tx.select().from(dealContacts).where(eq(dealContacts.tenantId, tenantId)),
        ]),
    );
    expect(needs.some((n) => n.confirmedAt !== null)).toBe(true);
    expect(needs.some((n) => n.confirmedAt === null)).toBe(true);
    expect(items.length).toBeGreaterThan(needs.length * 2);
    const statuses = new Set(versions.map((p) => p.status));
    for (const s of ['approved', 'presented', 'superseded', 'in_review', 'draft'])
      expect(statuses).toContain(s);
    expect(versions.length).toBe(first.proposals);
    expect(new Set(reviews.map((r) => r.decision))).toEqual(new Set(['approved', 'returned']));
    // Every approved or presented version was approved by a reviewer who is not its author.
    for (const p of versions.filter((v) => v.status === 'approved' || v.status === 'presented')) {
      const mine = reviews.filter((r) => r.proposalId === p.id);
      expect(mine.at(-1)?.decision).toBe('approved');
      expect(mine.at(-1)?.reviewerId).not.toBe(p.createdBy);
      expect(p.totalMinor).toBeGreaterThan(0);
    }
    expect(feedback.length).toBeGreaterThanOrEqual(5);
    expect(objections.length).toBe(first.objections);
    expect(new Set(objections.map((o) => o.status))).toEqual(new Set(['open', 'resolved', 'unresolved']));
    expect(
      objections.every((o) => o.responseId !== null && playbook.some((p) => p.id === o.responseId)),
    ).toBe(true);
    expect(minutes.length).toBe(first.minutes);
    expect(minutes.some((m) => m.result === 'agreed' && m.signedByName !== null)).toBe(true);
    expect(minutes.some((m) => m.result === 'no_agreement' && m.nextMeetingOn !== null)).toBe(true);
    expect(new Set(minutes.map((m) => m.floorApproval))).toEqual(
      new Set(['not_needed', 'pending', 'approved']),
    );
    expect(people.some((c) => c.role === 'decision_maker')).toBe(true);
  });

  it('adds nothing when run a second time', async () => {
    const count = () =>
      read((tx) =>
        Promise.all([
          tx.select({ id: deals.id }).from(deals).where(eq(deals.tenantId, tenantId)),
          tx.select({ id: proposals.id }).from(proposals).where(eq(proposals.tenantId, tenantId)),
          tx.select({ id: competitors.id }).from(competitors).where(eq(competitors.tenantId, tenantId)),
          tx
            .select({ id: objectionResponses.id })
            .from(objectionResponses)
            .where(eq(objectionResponses.tenantId, tenantId)),
          tx
            .select({ id: negotiationMinutes.id })
            .from(negotiationMinutes)
            .where(eq(negotiationMinutes.tenantId, tenantId)),
        ]),
      ).then((lists) => lists.map((l) => l.length));
    const before = await count();
    const again = await seedDemoDeals(db, company, { now });
    expect(again).toEqual({ deals: 0, won: 0, lost: 0, proposals: 0, objections: 0, minutes: 0 });
    expect(await count()).toEqual(before);
    expect(first.deals).toBeGreaterThanOrEqual(14);
  });
});
