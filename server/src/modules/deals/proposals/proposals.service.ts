import type {
  Milestone,
  Proposal,
  ProposalLineInput,
  ProposalSummary,
  RoiInput,
} from '@contracts/deal-proposals.contract';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { type Actor, changesBetween, writeAudit } from '../../../platform/audit';
import type { Tx } from '../../../platform/db/database';
import { withTenant } from '../../../platform/db/tenancy';
import { AppError, invalidFields } from '../../../platform/http/errors';
import type { Platform } from '../../../platform/platform';
import { type DealAccess, type DealCaller, dealFor } from '../deal-access';
import { dealNeedItems } from '../deal-needs.tables';
import { proposalMaterials } from '../materials.tables';
import { proposals } from '../proposals.tables';
import { priceLines, roiInputs, storedLines, storedMilestones } from './proposal-math';
import {
  EDITABLE_STATUSES,
  OPEN_STATUSES,
  type ProposalRow,
  presentProposal,
  proposalRow,
  summaryOf,
  userNames,
} from './proposal-view';

/**
 * Proposal versions of a deal: list, start a new version (a copy of an earlier one if asked; versions still
 * being worked on are superseded), edit a draft or returned version. The review lives in proposal-review.ts,
 * the presentation in proposal-presentation.ts, materials in proposal-materials.ts, the comparison in
 * proposal-compare.ts.
 */

export type ProposalContent = {
  title?: string | undefined;
  overview?: string | undefined;
  valueProposition?: string | undefined;
  answers?: Record<string, string> | undefined;
  lines?: ProposalLineInput[] | undefined;
  milestones?: Milestone[] | undefined;
  currency?: string | undefined;
  pricingNote?: string | undefined;
  roi?: RoiInput | null | undefined;
};

const AUDITED = [
  'title',
  'overview',
  'valueProposition',
  'answers',
  'lines',
  'milestones',
  'currency',
  'totalMinor',
  'pricingNote',
  'roi',
  'status',
] as const;

/** Runs `work` on a deal the caller may work on, in one transaction. */
export function onDeal<T>(
  platform: Platform,
  caller: DealCaller,
  dealId: string,
  need: 'read' | 'edit' | 'approve',
  work: (tx: Tx, access: DealAccess) => Promise<T>,
  lock = false,
): Promise<T> {
  return withTenant(platform.db, caller.actor.tenantId, async (tx) =>
    work(tx, await dealFor(tx, caller, dealId, need, { lock })),
  );
}

/** A closed deal (won or lost) keeps its proposals as they were: no new versions, edits, reviews or presentations. */
export function assertDealOpen(access: DealAccess): void {
  if (access.deal.status !== 'open') throw new AppError('deal_closed');
}

export function listProposals(
  platform: Platform,
  caller: DealCaller,
  dealId: string,
): Promise<{ items: ProposalSummary[] }> {
  return onDeal(platform, caller, dealId, 'read', async (tx, { deal }) => {
    const rows = await tx
      .select()
      .from(proposals)
      .where(and(eq(proposals.tenantId, deal.tenantId), eq(proposals.dealId, deal.id)))
      .orderBy(desc(proposals.versionNo));
    const names = await userNames(
      tx,
      deal.tenantId,
      rows.flatMap((r) => [r.reviewerId, r.createdBy]),
    );
    return { items: rows.map((r) => summaryOf(r, names)) };
  });
}

export function getProposal(
  platform: Platform,
  caller: DealCaller,
  dealId: string,
  proposalId: string,
): Promise<Proposal> {
  return onDeal(platform, caller, dealId, 'read', async (tx, access) =>
    presentProposal(tx, access, await proposalRow(tx, access.deal.tenantId, dealId, proposalId)),
  );
}

/**
 * Answers may only name need items of this deal's needs record: strict input is refused naming the unknown
 * ones; a copied version just drops answers to items removed since.
 */
async function checkAnswers(
  tx: Tx,
  tenantId: string,
  dealId: string,
  answers: Record<string, string>,
  strict = true,
): Promise<Record<string, string>> {
  const ids = Object.keys(answers);
  if (ids.length === 0) return {};
  const known = await tx
    .select({ id: dealNeedItems.id })
    .from(dealNeedItems)
    .where(
      and(
        eq(dealNeedItems.tenantId, tenantId),
        eq(dealNeedItems.dealId, dealId),
        inArray(dealNeedItems.id, ids),
      ),
    );
  const knownIds = new Set(known.map((k) => k.id));
  const unknown = ids.filter((id) => !knownIds.has(id));
  if (strict && unknown.length > 0) {
    throw invalidFields(...unknown.map((id) => ({ path: `answers.${id}`, code: 'unknown_record' as const })));
  }
  // Blank answers are no answers: the pain point stays flagged.
  return Object.fromEntries(
    Object.entries(answers).filter(([id, text]) => knownIds.has(id) && text.trim() !== ''),
  );
}

/** The columns a content change writes: lines priced, ROI inputs normalised, answers checked. */
async function contentColumns(tx: Tx, deal: DealAccess['deal'], input: ProposalContent) {
  return {
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.overview !== undefined ? { overview: input.overview } : {}),
    ...(input.valueProposition !== undefined ? { valueProposition: input.valueProposition } : {}),
    ...(input.answers !== undefined
      ? { answers: await checkAnswers(tx, deal.tenantId, deal.id, input.answers) }
      : {}),
    ...(input.lines !== undefined ? priceLines(input.lines) : {}),
    ...(input.milestones !== undefined ? { milestones: input.milestones } : {}),
    ...(input.currency !== undefined ? { currency: input.currency } : {}),
    ...(input.pricingNote !== undefined ? { pricingNote: input.pricingNote } : {}),
    ...(input.roi !== undefined ? { roi: input.roi === null ? null : roiInputs(input.roi) } : {}),
  };
}

async function audit(tx: Tx, actor: Actor, before: ProposalRow | null, after: ProposalRow, action: string) {
  await writeAudit(tx, actor, {
    entity: 'proposal',
    entityId: after.id,
    action,
    changes: {
      ...changesBetween(before, after, AUDITED),
      ...(before
        ? {}
        : { dealId: { from: null, to: after.dealId }, versionNo: { from: null, to: after.versionNo } }),
    },
  });
}

export async function createProposal(
  platform: Platform,
  caller: DealCaller,
  dealId: string,
  input: ProposalContent & { copyFrom?: string | undefined },
): Promise<Proposal> {
  return onDeal(
    platform,
    caller,
    dealId,
    'edit',
    async (tx, access) => {
      assertDealOpen(access);
      const { deal } = access;
      const tenantId = deal.tenantId;
      const source = input.copyFrom
        ? await proposalRow(tx, tenantId, dealId, input.copyFrom).catch((error: unknown) => {
            if (error instanceof AppError && error.code === 'not_found') {
              throw invalidFields({ path: 'copyFrom', code: 'unknown_record' });
            }
            throw error;
          })
        : null;
      const [last] = await tx
        .select({ versionNo: sql<number>`max(${proposals.versionNo})` })
        .from(proposals)
        .where(and(eq(proposals.tenantId, tenantId), eq(proposals.dealId, dealId)));
      const versionNo = (last?.versionNo ?? 0) + 1;
      const now = platform.clock.now();
      const superseded = await tx
        .update(proposals)
        .set({ status: 'superseded', version: sql`${proposals.version} + 1`, updatedAt: now })
        .where(
          and(
            eq(proposals.tenantId, tenantId),
            eq(proposals.dealId, dealId),
            inArray(proposals.status, [...OPEN_STATUSES]),
          ),
        )
        .returning({ id: proposals.id, status: proposals.status });
      for (const old of superseded) {
        await writeAudit(tx, caller.actor, {
          entity: 'proposal',
          entityId: old.id,
          action: 'supersede',
          changes: { supersededBy: { from: null, to: versionNo } },
        });
      }
      const defaultTitle = (n: number) => `${deal.name} V${n}`;
      const copied = source
        ? {
            // A copy keeps a title someone wrote; a default title follows the new number.
            title: source.title === defaultTitle(source.versionNo) ? defaultTitle(versionNo) : source.title,
            overview: source.overview,
            valueProposition: source.valueProposition,
            answers: await checkAnswers(tx, tenantId, dealId, source.answers, false),
            ...priceLines(storedLines(source.lines)),
            milestones: storedMilestones(source.milestones),
            currency: source.currency,
            pricingNote: source.pricingNote,
            roi: source.roi,
          }
        : {};
      const [row] = await tx
        .insert(proposals)
        .values({
          tenantId,
          id: uuidv7(),
          dealId,
          versionNo,
          title: defaultTitle(versionNo),
          currency: deal.currency,
          ...copied,
          ...(await contentColumns(tx, deal, input)),
          status: 'draft',
          createdBy: caller.actor.userId,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (!row) throw new AppError('internal');
      if (source) {
        const kept = await tx
          .select({ materialId: proposalMaterials.materialId })
          .from(proposalMaterials)
          .where(and(eq(proposalMaterials.tenantId, tenantId), eq(proposalMaterials.proposalId, source.id)));
        if (kept.length > 0) {
          await tx
            .insert(proposalMaterials)
            .values(
              kept.map((m) => ({ tenantId, proposalId: row.id, materialId: m.materialId, createdAt: now })),
            );
        }
      }
      await audit(tx, caller.actor, null, row, source ? 'copy' : 'create');
      return presentProposal(tx, access, row);
    },
    true,
  );
}

export async function updateProposal(
  platform: Platform,
  caller: DealCaller,
  dealId: string,
  proposalId: string,
  expectedVersion: number | null,
  input: ProposalContent,
): Promise<Proposal> {
  return onDeal(platform, caller, dealId, 'edit', async (tx, access) => {
    assertDealOpen(access);
    const before = await proposalRow(tx, access.deal.tenantId, dealId, proposalId, true);
    if (expectedVersion !== null && expectedVersion !== before.version)
      throw new AppError('version_conflict');
    if (!EDITABLE_STATUSES.includes(before.status as 'draft')) throw new AppError('proposal_locked');
    const [after] = await tx
      .update(proposals)
      .set({
        ...(await contentColumns(tx, access.deal, input)),
        version: before.version + 1,
        updatedAt: platform.clock.now(),
      })
      .where(and(eq(proposals.tenantId, before.tenantId), eq(proposals.id, proposalId)))
      .returning();
    if (!after) throw new AppError('not_found');
    await audit(tx, caller.actor, before, after, 'update');
    return presentProposal(tx, access, after);
  });
}
