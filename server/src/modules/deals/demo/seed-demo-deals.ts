import { DEFAULT_PRICE_BUFFER_PERCENT } from '@contracts/deal-negotiation.contract';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { type Actor, systemActor } from '../../../platform/audit';
import type { DatabaseHandle, Tx } from '../../../platform/db/database';
import { tenants } from '../../../platform/db/identity.tables';
import { withTenant } from '../../../platform/db/tenancy';
import { type DemoAccount, demoAccounts } from '../../customers';
import { dealNeedItems, dealNeeds } from '../deal-needs.tables';
import { closeDeal, createDeal, type DealRow } from '../deals.service';
import {
  competitors,
  dealCompetitors,
  dealContacts,
  dealLossReasons,
  dealStageHistory,
  deals,
} from '../deals.tables';
import { floorOf } from '../negotiation/price-floor';
import { dealObjections, negotiationMinutes, objectionResponses } from '../negotiation.tables';
import { defaultPipeline, ensurePipelines, type PipelineWithStages } from '../pipelines.service';
import { priceLines } from '../proposals/proposal-math';
import { proposalFeedback, proposalReviews, proposals } from '../proposals.tables';
import {
  DEMO_COMPETITORS,
  DEMO_DEALS,
  DEMO_PLAYBOOK,
  type DemoDeal,
  type DemoMinutes,
  type DemoProposal,
} from './demo-deal-data';

/**
 * Demo deals on top of the demo customers (issue 6 "Demo data"): open deals in every stage of both template
 * pipelines with the records their earlier stages' gates ask for (needs, decision maker, reviewed and presented
 * proposal versions with feedback, objections answered from the playbook, signed minutes), won deals closed at
 * an agreed price, lost deals with their loss reason and competitor, the company's competitors and playbook.
 * Deals go through createDeal and closeDeal; their records are written straight to the deals module's tables.
 * A deal whose name the customer already has is left alone, so a second run adds nothing.
 */

const DAY = 86_400_000;

type DemoCompany = { tenantId: string; users: readonly { key: string; id: string }[] };

export type SeedDemoDealsResult = {
  deals: number;
  won: number;
  lost: number;
  proposals: number;
  objections: number;
  minutes: number;
};

const isoDay = (at: Date) => at.toISOString().slice(0, 10);

/** The manager of the owner's team reviews and approves (the director when the owner has no team manager). */
function reviewerOf(company: DemoCompany, ownerId: string): string | null {
  const ownerKey = company.users.find((u) => u.id === ownerId)?.key ?? '';
  const team = ownerKey.split('-rep')[0] ?? '';
  return (
    company.users.find((u) => u.key === `${team}-manager`)?.id ??
    company.users.find((u) => u.key === 'director')?.id ??
    null
  );
}

async function ensureCompetitors(tx: Tx, tenantId: string, now: Date): Promise<Map<string, string>> {
  await tx
    .insert(competitors)
    .values(
      DEMO_COMPETITORS.map(({ key: _key, ...c }) => ({
        tenantId,
        id: uuidv7(),
        ...c,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .onConflictDoNothing();
  const rows = await tx
    .select({ id: competitors.id, name: competitors.name })
    .from(competitors)
    .where(
      and(
        eq(competitors.tenantId, tenantId),
        inArray(
          competitors.name,
          DEMO_COMPETITORS.map((c) => c.name),
        ),
      ),
    );
  const byName = new Map(rows.map((r) => [r.name, r.id]));
  return new Map(
    DEMO_COMPETITORS.flatMap((c) => (byName.has(c.name) ? [[c.key, byName.get(c.name) ?? '']] : [])),
  );
}

async function ensurePlaybook(
  tx: Tx,
  tenantId: string,
  authorId: string | null,
  now: Date,
): Promise<Map<string, string>> {
  const existing = await tx
    .select({ id: objectionResponses.id, title: objectionResponses.title })
    .from(objectionResponses)
    .where(eq(objectionResponses.tenantId, tenantId));
  const byTitle = new Map(existing.map((r) => [r.title, r.id]));
  const missing = DEMO_PLAYBOOK.filter((p) => !byTitle.has(p.title));
  if (missing.length > 0) {
    const rows = await tx
      .insert(objectionResponses)
      .values(
        missing.map(({ key: _key, ...p }) => ({
          tenantId,
          id: uuidv7(),
          ...p,
          createdBy: authorId,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .returning({ id: objectionResponses.id, title: objectionResponses.title });
    for (const r of rows) byTitle.set(r.title, r.id);
  }
  return new Map(
    DEMO_PLAYBOOK.flatMap((p) => (byTitle.has(p.title) ? [[p.key, byTitle.get(p.title) ?? '']] : [])),
  );
}

/** Walks a new deal from the first stage to its target, a history entry per stage, evenly over its age. */
async function walkStages(
  tx: Tx,
  actor: Actor,
  deal: DealRow,
  pipeline: PipelineWithStages,
  target: number,
  createdAt: Date,
  enteredTarget: Date,
): Promise<void> {
  if (target === 0) return;
  const step = (enteredTarget.getTime() - createdAt.getTime()) / target;
  for (let position = 1; position <= target; position += 1) {
    const stage = pipeline.stages[position];
    if (!stage) break;
    const at = position === target ? enteredTarget : new Date(createdAt.getTime() + step * position);
    await tx
      .update(dealStageHistory)
      .set({ leftAt: at })
      .where(
        and(
          eq(dealStageHistory.tenantId, actor.tenantId),
          eq(dealStageHistory.dealId, deal.id),
          isNull(dealStageHistory.leftAt),
        ),
      );
    await tx.insert(dealStageHistory).values({
      tenantId: actor.tenantId,
      id: uuidv7(),
      dealId: deal.id,
      pipelineId: pipeline.pipeline.id,
      stageId: stage.id,
      status: 'open',
      enteredAt: at,
      movedBy: deal.ownerId,
    });
    await tx
      .update(deals)
      .set({
        stageId: stage.id,
        stageEnteredAt: at,
        probability: stage.probability,
        forecastCategory: stage.forecastCategory,
      })
      .where(and(eq(deals.tenantId, actor.tenantId), eq(deals.id, deal.id)));
  }
}

async function writeNeeds(
  tx: Tx,
  tenantId: string,
  spec: DemoDeal,
  dealId: string,
  currency: string,
  now: Date,
): Promise<string[]> {
  const needs = spec.needs;
  if (!needs) return [];
  const created = new Date(now.getTime() - (spec.createdDaysAgo - 2) * DAY);
  const confirmedAt = needs.confirmed ? new Date(now.getTime() - needs.confirmed.daysAgo * DAY) : null;
  await tx.insert(dealNeeds).values({
    tenantId,
    dealId,
    currentBusiness: needs.currentBusiness,
    currentTools: needs.currentTools,
    expectedResults: needs.expectedResults,
    deadlineOn: isoDay(new Date(now.getTime() + spec.closeInDays * DAY)),
    decisionProcess: needs.decisionProcess,
    budgetMinMinor: needs.budget ? needs.budget[0] * 100 : null,
    budgetMaxMinor: needs.budget ? needs.budget[1] * 100 : null,
    budgetCurrency: needs.budget ? currency : null,
    paymentPreference: needs.paymentPreference,
    specialRequirements: needs.specialRequirements,
    summary: needs.summary,
    confirmedAt,
    confirmedByName: needs.confirmed?.by ?? null,
    createdAt: created,
    updatedAt: confirmedAt ?? created,
  });
  const rows = needs.items.map(([kind, priority, explicitness, description], position) => ({
    tenantId,
    id: uuidv7(),
    dealId,
    kind,
    priority,
    explicitness,
    description,
    position,
    createdAt: created,
    updatedAt: created,
  }));
  await tx.insert(dealNeedItems).values(rows);
  return rows.filter((r) => r.kind === 'pain_point' && r.priority === 'core').map((r) => r.id);
}

/** Writes the versions; returns the total of the latest approved or presented one (the price-floor reference). */
async function writeProposal(
  tx: Tx,
  tenantId: string,
  proposal: DemoProposal,
  dealId: string,
  currency: string,
  corePainIds: readonly string[],
  ownerId: string,
  reviewerId: string | null,
  now: Date,
): Promise<number | null> {
  const answers = Object.fromEntries(
    corePainIds.flatMap((id, i) => (proposal.answers[i] ? [[id, proposal.answers[i]]] : [])),
  );
  let reference: number | null = null;
  let lineIds: string[] = [];
  for (const [index, version] of proposal.versions.entries()) {
    const created = new Date(now.getTime() - version.daysAgo * DAY);
    const extra = version.extraDiscount ?? 0;
    const priced = priceLines(
      proposal.lines.map(([description, quantity, unit, discount], i) => ({
        id: lineIds[i],
        description,
        quantity,
        unitPriceMinor: unit * 100,
        discountPercent: Math.min(100, discount + extra),
      })),
    );
    lineIds = priced.lines.map((l) => l.id);
    const reviewed = version.reviews && version.reviews.length > 0 && reviewerId !== null;
    const submittedAt = version.status === 'draft' ? null : new Date(created.getTime() + DAY / 4);
    const reviewedAt = reviewed ? new Date(created.getTime() + DAY) : null;
    const presented = version.status === 'presented';
    const id = uuidv7();
    await tx.insert(proposals).values({
      tenantId,
      id,
      dealId,
      versionNo: index + 1,
      title: proposal.title,
      overview: proposal.overview,
      valueProposition: proposal.valueProposition,
      answers,
      lines: priced.lines,
      milestones: proposal.milestones.map(([title, inDays, owner]) => ({
        title,
        dueOn: isoDay(new Date(created.getTime() + inDays * DAY)),
        owner,
      })),
      currency,
      totalMinor: priced.totalMinor,
      pricingNote: proposal.pricingNote,
      roi: {
        investmentMinor: priced.totalMinor,
        yearlyBenefitMinor: proposal.roi[0] * 100,
        yearlySavingMinor: proposal.roi[1] * 100,
      },
      status: version.status,
      reviewerId: submittedAt ? reviewerId : null,
      submittedAt,
      reviewedAt,
      presentedAt: presented ? new Date(created.getTime() + 3 * DAY) : null,
      createdBy: ownerId,
      createdAt: created,
      updatedAt: reviewedAt ?? created,
    });
    if (reviewed && reviewerId) {
      await tx.insert(proposalReviews).values(
        (version.reviews ?? []).map((r, i) => ({
          tenantId,
          id: uuidv7(),
          proposalId: id,
          reviewerId,
          decision: r.decision,
          comment: r.comment,
          createdAt: new Date(created.getTime() + DAY + i * 3_600_000),
        })),
      );
    }
    if (version.feedback && version.feedback.length > 0) {
      await tx.insert(proposalFeedback).values(
        version.feedback.map((f, i) => ({
          tenantId,
          id: uuidv7(),
          proposalId: id,
          kind: f.kind,
          body: f.body,
          status: f.status,
          createdBy: ownerId,
          createdAt: new Date(created.getTime() + 3 * DAY + i * 3_600_000),
          updatedAt: new Date(created.getTime() + 3 * DAY + i * 3_600_000),
        })),
      );
    }
    if (version.status === 'approved' || version.status === 'presented') reference = priced.totalMinor;
  }
  return reference;
}

async function writeMinutes(
  tx: Tx,
  tenantId: string,
  list: readonly DemoMinutes[],
  dealId: string,
  currency: string,
  referenceMinor: number | null,
  ownerId: string,
  reviewerId: string | null,
  now: Date,
): Promise<number | null> {
  let agreedMinor: number | null = null;
  for (const m of list) {
    const held = new Date(now.getTime() - m.daysAgo * DAY);
    const priceMinor = m.price === undefined ? null : m.price * 100;
    const floorMinor = referenceMinor === null ? null : floorOf(referenceMinor, DEFAULT_PRICE_BUFFER_PERCENT);
    const below =
      m.result === 'agreed' && priceMinor !== null && floorMinor !== null && priceMinor < floorMinor;
    const approval = below ? (m.floor ?? 'pending') : 'not_needed';
    await tx.insert(negotiationMinutes).values({
      tenantId,
      id: uuidv7(),
      dealId,
      heldOn: isoDay(held),
      attendees: m.attendees,
      result: m.result,
      finalPriceMinor: priceMinor,
      currency: priceMinor === null ? null : currency,
      deliveryTime: m.deliveryTime ?? '',
      paymentTerms: m.paymentTerms ?? '',
      liability: m.liability ?? '',
      otherTerms: m.otherTerms ?? '',
      nextSteps: m.nextSteps,
      nextMeetingOn:
        m.nextMeetingInDays === undefined
          ? null
          : isoDay(new Date(now.getTime() + m.nextMeetingInDays * DAY)),
      strategyNote: m.strategyNote ?? '',
      floorMinor,
      floorApproval: approval,
      floorApprovedBy: approval === 'approved' ? reviewerId : null,
      floorApprovedAt: approval === 'approved' ? new Date(held.getTime() + DAY) : null,
      floorComment: approval === 'approved' ? (m.floorComment ?? '') : '',
      signedByName: m.signedBy ?? null,
      signedOn: m.signedBy ? isoDay(held) : null,
      createdBy: ownerId,
      createdAt: held,
      updatedAt: held,
    });
    if (m.result === 'agreed' && priceMinor !== null) agreedMinor = priceMinor;
  }
  return agreedMinor;
}

async function seedDeal(
  tx: Tx,
  actor: Actor,
  company: DemoCompany,
  spec: DemoDeal,
  context: {
    account: DemoAccount;
    pipeline: PipelineWithStages;
    currency: string;
    competitorIds: Map<string, string>;
    playbookIds: Map<string, string>;
    lossReasonIds: readonly string[];
    now: Date;
  },
): Promise<{ proposals: number; objections: number; minutes: number }> {
  const { account, pipeline, now } = context;
  const tenantId = actor.tenantId;
  const currency = spec.currency ?? context.currency;
  const contactOf = (name: string) => account.contacts.find((c) => c.name === name)?.id;
  const people = spec.contacts.flatMap((c) => {
    const id = contactOf(c.name);
    return id ? [{ ...c, id }] : [];
  });
  const createdAt = new Date(now.getTime() - spec.createdDaysAgo * DAY);
  const first = pipeline.stages[0];
  const deal = await createDeal(tx, actor, {
    name: spec.name,
    customerId: account.id,
    contactId: people[0]?.id ?? null,
    amountMinor: spec.amount * 100,
    currency,
    expectedCloseOn: isoDay(new Date(now.getTime() + spec.closeInDays * DAY)),
    source: null,
    campaignId: null,
    ownerId: account.ownerId,
    teamId: null,
    pipelineId: pipeline.pipeline.id,
    ...(first ? { stageId: first.id } : {}),
    createdAt,
  });
  const closedAt = spec.outcome ? new Date(now.getTime() - spec.outcome.daysAgo * DAY) : null;
  const enteredTarget = closedAt
    ? new Date(closedAt.getTime() - 7 * DAY)
    : new Date(now.getTime() - spec.daysInStage * DAY);
  await walkStages(tx, actor, deal, pipeline, spec.stage, createdAt, enteredTarget);

  if (people.length > 0) {
    await tx.insert(dealContacts).values(
      people.map((p, i) => ({
        tenantId,
        dealId: deal.id,
        contactId: p.id,
        role: p.role,
        attitude: p.attitude,
        isPrimary: i === 0,
        createdAt,
      })),
    );
  }
  for (const c of spec.competitors ?? []) {
    const competitorId = context.competitorIds.get(c.key);
    if (!competitorId) continue;
    await tx.insert(dealCompetitors).values({
      tenantId,
      dealId: deal.id,
      competitorId,
      differentiation: c.differentiation,
      priceMinor: c.price === undefined ? null : c.price * 100,
      note: c.note,
      createdAt,
    });
  }

  const reviewerId = reviewerOf(company, account.ownerId);
  const corePains = await writeNeeds(tx, tenantId, spec, deal.id, currency, now);
  const reference = spec.proposal
    ? await writeProposal(
        tx,
        tenantId,
        spec.proposal,
        deal.id,
        currency,
        corePains,
        account.ownerId,
        reviewerId,
        now,
      )
    : null;
  for (const o of spec.objections ?? []) {
    const raisedAt = new Date(enteredTarget.getTime() - 5 * DAY);
    const resolvedAt = o.status === 'open' ? null : new Date(enteredTarget.getTime() - DAY);
    await tx.insert(dealObjections).values({
      tenantId,
      id: uuidv7(),
      dealId: deal.id,
      type: o.type,
      description: o.description,
      responseId: o.playbook ? (context.playbookIds.get(o.playbook) ?? null) : null,
      responseStrategy: o.strategy,
      outcome: o.outcome,
      status: o.status,
      resolvedAt,
      createdBy: account.ownerId,
      createdAt: raisedAt,
      updatedAt: resolvedAt ?? raisedAt,
    });
  }
  const agreed = await writeMinutes(
    tx,
    tenantId,
    spec.minutes ?? [],
    deal.id,
    currency,
    reference ?? spec.amount * 100,
    account.ownerId,
    reviewerId,
    now,
  );

  await tx
    .update(deals)
    .set({
      nextStep: spec.outcome ? null : (spec.nextStep ?? null),
      nextStepOn: spec.outcome || !spec.nextStep ? null : isoDay(new Date(now.getTime() + 3 * DAY)),
      proposalDueOn:
        spec.proposalDueInDays === undefined
          ? null
          : isoDay(new Date(now.getTime() + spec.proposalDueInDays * DAY)),
    })
    .where(and(eq(deals.tenantId, tenantId), eq(deals.id, deal.id)));

  if (spec.outcome && closedAt) {
    const outcome = spec.outcome;
    await tx
      .update(deals)
      .set(
        outcome.status === 'won'
          ? {
              amountMinor: agreed ?? spec.amount * 100,
              competitorId: outcome.against ? (context.competitorIds.get(outcome.against) ?? null) : null,
              closeNote: outcome.note,
            }
          : {
              lossReasonId: context.lossReasonIds[outcome.reason] ?? null,
              competitorId: outcome.competitor
                ? (context.competitorIds.get(outcome.competitor) ?? null)
                : null,
              closeNote: outcome.note,
            },
      )
      .where(and(eq(deals.tenantId, tenantId), eq(deals.id, deal.id)));
    await closeDeal(tx, actor, deal.id, { status: outcome.status, closedAt });
  }
  return {
    proposals: spec.proposal?.versions.length ?? 0,
    objections: spec.objections?.length ?? 0,
    minutes: spec.minutes?.length ?? 0,
  };
}

export async function seedDemoDeals(
  handle: DatabaseHandle,
  company: DemoCompany,
  options: { now?: Date } = {},
): Promise<SeedDemoDealsResult> {
  const { tenantId } = company;
  const actor = systemActor(tenantId);
  const now = options.now ?? new Date();
  return withTenant(handle, tenantId, async (tx) => {
    const [tenant] = await tx
      .select({ currency: tenants.currency, locale: tenants.defaultLocale })
      .from(tenants)
      .where(eq(tenants.tenantId, tenantId));
    await ensurePipelines(tx, tenantId);
    const [newCustomer, existingCustomer] = await Promise.all([
      defaultPipeline(tx, tenantId, 'new_customer'),
      defaultPipeline(tx, tenantId, 'existing_customer'),
    ]);
    const reasons = await tx
      .select({ id: dealLossReasons.id })
      .from(dealLossReasons)
      .where(eq(dealLossReasons.tenantId, tenantId))
      .orderBy(asc(dealLossReasons.position), asc(dealLossReasons.createdAt));
    const accounts = await demoAccounts(tx, tenantId);
    const existing = await tx
      .select({ name: deals.name, customerId: deals.customerId })
      .from(deals)
      .where(eq(deals.tenantId, tenantId));
    const taken = new Set(existing.map((d) => `${d.customerId}/${d.name}`));
    const authorId = company.users.find((u) => u.key === 'director')?.id ?? null;
    const context = {
      currency: tenant?.currency ?? 'CNY',
      competitorIds: await ensureCompetitors(tx, tenantId, now),
      playbookIds: await ensurePlaybook(tx, tenantId, authorId, now),
      lossReasonIds: reasons.map((r) => r.id),
      now,
    };
    const result: SeedDemoDealsResult = {
      deals: 0,
      won: 0,
      lost: 0,
      proposals: 0,
      objections: 0,
      minutes: 0,
    };
    for (const spec of DEMO_DEALS) {
      const account = accounts.find((a) => a.name === spec.customer);
      const pipeline = spec.pipeline === 'new_customer' ? newCustomer : existingCustomer;
      if (!account || !pipeline || taken.has(`${account.id}/${spec.name}`)) continue;
      const added = await seedDeal(tx, actor, company, spec, { ...context, account, pipeline });
      result.deals += 1;
      if (spec.outcome?.status === 'won') result.won += 1;
      if (spec.outcome?.status === 'lost') result.lost += 1;
      result.proposals += added.proposals;
      result.objections += added.objections;
      result.minutes += added.minutes;
    }
    return result;
  });
}
