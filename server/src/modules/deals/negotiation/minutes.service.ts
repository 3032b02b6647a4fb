import type {
  FloorDecisionInput,
  MinutesInput,
  MinutesPatch,
  MinutesResult,
  NegotiationMinutes,
  PriceFloor,
  SignOffInput,
} from '@contracts/deal-negotiation.contract';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import { changesBetween, writeAudit } from '../../../platform/audit';
import type { Tx } from '../../../platform/db/database';
import { teamMembers, users } from '../../../platform/db/identity.tables';
import { withTenant } from '../../../platform/db/tenancy';
import { AppError, invalidFields } from '../../../platform/http/errors';
import type { Platform } from '../../../platform/platform';
import { approveRequest, type LatestApproval, returnRequest } from '../../approvals';
import { dispatchMailCopies, type MailCopies, mailCopies, notify } from '../../notifications';
import { type DealAccess, type DealCaller, type DealRow, dealFor } from '../deal-access';
import { negotiationMinutes } from '../negotiation.tables';
import { askFloorApproval, cancelFloorApproval, floorCheck, floorRequestsOf } from './minutes-approval';
import { assertOpen } from './open-deal';
import { priceFloorOf } from './price-floor';

/**
 * Minutes of negotiation meetings (DOMAIN.md §4). Agreed minutes carry the final price and terms, and count
 * for the "minutes signed" gate once the customer signed them — but an agreed price below the price floor
 * (written into the minutes when the price is set) goes through the approvals matrix first (minutes-approval.ts):
 * floorApproval pending until the request's last level approves it in the approvals inbox (never the author).
 * Only minutes with floorApproval not_needed or approved count as signed. No agreement needs the next meeting
 * and a changed strategy, and the deal owner's team leads are told.
 */

type MinutesRow = typeof negotiationMinutes.$inferSelect;
type CreateInput = z.output<typeof MinutesInput>;
type PatchInput = Omit<z.output<typeof MinutesPatch>, 'version'>;
type Terms = CreateInput;

const AUDITED = [
  'heldOn',
  'attendees',
  'result',
  'finalPriceMinor',
  'currency',
  'deliveryTime',
  'paymentTerms',
  'liability',
  'otherTerms',
  'nextSteps',
  'nextMeetingOn',
  'strategyNote',
  'floorMinor',
  'floorApproval',
  'signedByName',
  'signedOn',
] as const;

export const countsAsSigned = (row: Pick<MinutesRow, 'result' | 'signedByName' | 'floorApproval'>) =>
  row.result === 'agreed' &&
  row.signedByName !== null &&
  (row.floorApproval === 'not_needed' || row.floorApproval === 'approved');

async function namesOf(tx: Tx, tenantId: string, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), inArray(users.id, wanted)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

function present(
  row: MinutesRow,
  names: Map<string, string>,
  request: LatestApproval | undefined,
): NegotiationMinutes {
  return {
    id: row.id,
    dealId: row.dealId,
    heldOn: row.heldOn,
    attendees: row.attendees,
    result: row.result as MinutesResult,
    finalPriceMinor: row.finalPriceMinor,
    currency: row.currency,
    deliveryTime: row.deliveryTime,
    paymentTerms: row.paymentTerms,
    liability: row.liability,
    otherTerms: row.otherTerms,
    nextSteps: row.nextSteps,
    nextMeetingOn: row.nextMeetingOn,
    strategyNote: row.strategyNote,
    floorMinor: row.floorMinor,
    floorApproval: row.floorApproval as NegotiationMinutes['floorApproval'],
    floorApprovedBy: row.floorApprovedBy,
    floorApprovedByName: row.floorApprovedBy ? (names.get(row.floorApprovedBy) ?? null) : null,
    floorApprovedAt: row.floorApprovedAt?.toISOString() ?? null,
    floorComment: row.floorComment,
    floorRequest: request ?? null,
    signedByName: row.signedByName,
    signedOn: row.signedOn,
    countsAsSigned: countsAsSigned(row),
    createdBy: row.createdBy,
    createdByName: row.createdBy ? (names.get(row.createdBy) ?? null) : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

async function presentOne(tx: Tx, row: MinutesRow): Promise<NegotiationMinutes> {
  const requests = await floorRequestsOf(tx, row.tenantId, [row.id]);
  return present(
    row,
    await namesOf(tx, row.tenantId, [row.createdBy, row.floorApprovedBy]),
    requests.get(row.id),
  );
}

export async function listMinutes(
  platform: Platform,
  caller: DealCaller,
  dealId: string,
): Promise<{ items: NegotiationMinutes[]; floor: PriceFloor }> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const { deal } = await dealFor(tx, caller, dealId, 'read');
    const rows = await tx
      .select()
      .from(negotiationMinutes)
      .where(and(eq(negotiationMinutes.tenantId, tenantId), eq(negotiationMinutes.dealId, dealId)))
      .orderBy(
        desc(negotiationMinutes.heldOn),
        desc(negotiationMinutes.createdAt),
        desc(negotiationMinutes.id),
      );
    const names = await namesOf(
      tx,
      tenantId,
      rows.flatMap((r) => [r.createdBy, r.floorApprovedBy]),
    );
    const requests = await floorRequestsOf(
      tx,
      tenantId,
      rows.map((r) => r.id),
    );
    return {
      items: rows.map((r) => present(r, names, requests.get(r.id))),
      floor: await priceFloorOf(tx, deal),
    };
  });
}

/** What a result requires: agreed → the final price (in the floor's currency); no agreement → next meeting and strategy. */
function checkTerms(terms: Terms, floor: PriceFloor): Terms {
  const problems: Parameters<typeof invalidFields> = [];
  let currency = terms.currency;
  if (terms.result === 'agreed') {
    if (terms.finalPriceMinor === null) problems.push({ path: 'finalPriceMinor', code: 'required' });
    currency = currency ?? floor.currency;
    if (floor.floorMinor !== null && currency !== floor.currency) {
      problems.push({
        path: 'currency',
        code: 'minutes_currency_mismatch',
        vars: { currency: floor.currency },
      });
    }
  } else {
    if (terms.nextMeetingOn === null) problems.push({ path: 'nextMeetingOn', code: 'required' });
    if (terms.strategyNote.trim() === '') problems.push({ path: 'strategyNote', code: 'required' });
  }
  if (problems.length > 0) throw invalidFields(...problems);
  return { ...terms, currency };
}

/** Team leads of the deal's team (else of the owner's teams), the owner excluded: who hears of no agreement. */
async function ownerManagers(tx: Tx, deal: DealRow): Promise<string[]> {
  if (!deal.ownerId) return [];
  const teams = deal.teamId
    ? [deal.teamId]
    : (
        await tx
          .select({ teamId: teamMembers.teamId })
          .from(teamMembers)
          .where(and(eq(teamMembers.tenantId, deal.tenantId), eq(teamMembers.userId, deal.ownerId)))
      ).map((r) => r.teamId);
  if (teams.length === 0) return [];
  const leads = await tx
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .innerJoin(users, and(eq(users.tenantId, teamMembers.tenantId), eq(users.id, teamMembers.userId)))
    .where(
      and(
        eq(teamMembers.tenantId, deal.tenantId),
        inArray(teamMembers.teamId, teams),
        eq(teamMembers.isLead, true),
        eq(users.status, 'active'),
      ),
    );
  return [...new Set(leads.map((r) => r.userId))].filter((id) => id !== deal.ownerId);
}

/** Tells the owner's managers of no agreement (approvers of a pending price hear it from approvals). */
async function notifyNoAgreement(
  tx: Tx,
  access: DealAccess,
  row: MinutesRow,
  before: MinutesRow | null,
  copies: MailCopies,
): Promise<void> {
  const { deal } = access;
  if (row.result !== 'no_agreement' || before?.result === 'no_agreement') return;
  const names = await namesOf(tx, deal.tenantId, [deal.ownerId]);
  await notify(tx, {
    tenantId: deal.tenantId,
    userIds: await ownerManagers(tx, deal),
    kind: 'negotiation_no_agreement',
    params: {
      deal: deal.name,
      owner: (deal.ownerId && names.get(deal.ownerId)) || null,
      nextMeetingOn: row.nextMeetingOn,
      strategy: row.strategyNote,
    },
    entity: 'deal',
    entityId: deal.id,
    dedupeKey: `minutes-no-agreement:${row.id}:${row.version}`,
    mail: copies,
  });
}

export async function createMinutes(
  platform: Platform,
  caller: DealCaller,
  dealId: string,
  input: CreateInput,
): Promise<NegotiationMinutes> {
  const { actor } = caller;
  const tenantId = actor.tenantId;
  const copies = mailCopies(platform.config);
  const answer = await withTenant(platform.db, tenantId, async (tx) => {
    const access = assertOpen(await dealFor(tx, caller, dealId, 'edit'));
    const floor = await priceFloorOf(tx, access.deal);
    const terms = checkTerms(input, floor);
    const now = platform.clock.now();
    const [row] = await tx
      .insert(negotiationMinutes)
      .values({
        tenantId,
        id: uuidv7(),
        dealId,
        ...terms,
        ...(await floorCheck(tx, caller, terms, floor)),
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new AppError('internal');
    await writeAudit(tx, actor, {
      entity: 'negotiation_minutes',
      entityId: row.id,
      action: 'create',
      changes: { dealId: { from: null, to: dealId }, ...changesBetween(null, row, AUDITED) },
    });
    if (row.floorApproval === 'pending') await askFloorApproval(tx, caller, access.deal, row, now);
    await notifyNoAgreement(tx, access, row, null, copies);
    return presentOne(tx, row);
  });
  await dispatchMailCopies(platform, tenantId, copies);
  return answer;
}

async function minutesRow(tx: Tx, tenantId: string, dealId: string, id: string): Promise<MinutesRow> {
  const [row] = await tx
    .select()
    .from(negotiationMinutes)
    .where(
      and(
        eq(negotiationMinutes.tenantId, tenantId),
        eq(negotiationMinutes.dealId, dealId),
        eq(negotiationMinutes.id, id),
      ),
    )
    .for('update');
  if (!row) throw new AppError('not_found');
  return row;
}

const termsOf = (row: MinutesRow): Terms => ({
  heldOn: row.heldOn,
  attendees: row.attendees,
  result: row.result as MinutesResult,
  finalPriceMinor: row.finalPriceMinor,
  currency: row.currency,
  deliveryTime: row.deliveryTime,
  paymentTerms: row.paymentTerms,
  liability: row.liability,
  otherTerms: row.otherTerms,
  nextSteps: row.nextSteps,
  nextMeetingOn: row.nextMeetingOn,
  strategyNote: row.strategyNote,
});

/**
 * Edits minutes. A new result, price or currency is a new deal: the floor is checked again with today's
 * reference and buffer, any open request is withdrawn, and the customer's sign-off and any approval are
 * cleared. Saving minutes whose price was returned or withdrawn (like a quote back in draft), or that wait
 * without an open request, asks again.
 */
export async function updateMinutes(
  platform: Platform,
  caller: DealCaller,
  dealId: string,
  id: string,
  expectedVersion: number | null,
  input: PatchInput,
): Promise<NegotiationMinutes> {
  const { actor } = caller;
  const tenantId = actor.tenantId;
  const copies = mailCopies(platform.config);
  const answer = await withTenant(platform.db, tenantId, async (tx) => {
    const access = assertOpen(await dealFor(tx, caller, dealId, 'edit'));
    const before = await minutesRow(tx, tenantId, dealId, id);
    if (expectedVersion !== null && before.version !== expectedVersion)
      throw new AppError('version_conflict');
    const patch = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    const merged: Terms = { ...termsOf(before), ...patch };
    const floor = await priceFloorOf(tx, access.deal);
    const terms = checkTerms(merged, floor);
    const dealChanged =
      terms.result !== before.result ||
      terms.finalPriceMinor !== before.finalPriceMinor ||
      terms.currency !== before.currency;
    // Pending without an open request: written before the matrix owned the decision (or by the demo seed).
    const orphaned =
      before.floorApproval === 'pending' &&
      (await floorRequestsOf(tx, tenantId, [id])).get(id)?.status !== 'pending';
    const askAgain = before.floorApproval === 'rejected' || before.floorApproval === 'withdrawn' || orphaned;
    const now = platform.clock.now();
    if (dealChanged && before.floorApproval === 'pending') await cancelFloorApproval(tx, caller, id, now);
    const [after] = await tx
      .update(negotiationMinutes)
      .set({
        ...terms,
        ...(dealChanged || askAgain
          ? {
              ...(await floorCheck(tx, caller, terms, floor)),
              floorApprovedBy: null,
              floorApprovedAt: null,
              floorComment: '',
            }
          : {}),
        ...(dealChanged ? { signedByName: null, signedOn: null } : {}),
        version: before.version + 1,
        updatedAt: now,
      })
      .where(and(eq(negotiationMinutes.tenantId, tenantId), eq(negotiationMinutes.id, id)))
      .returning();
    if (!after) throw new AppError('not_found');
    await writeAudit(tx, actor, {
      entity: 'negotiation_minutes',
      entityId: id,
      action: 'update',
      changes: changesBetween(before, after, AUDITED),
    });
    if ((dealChanged || askAgain) && after.floorApproval === 'pending') {
      await askFloorApproval(tx, caller, access.deal, after, now);
    }
    if (dealChanged) await notifyNoAgreement(tx, access, after, before, copies);
    return presentOne(tx, after);
  });
  await dispatchMailCopies(platform, tenantId, copies);
  return answer;
}

export async function removeMinutes(
  platform: Platform,
  caller: DealCaller,
  dealId: string,
  id: string,
): Promise<void> {
  const { actor } = caller;
  const tenantId = actor.tenantId;
  await withTenant(platform.db, tenantId, async (tx) => {
    assertOpen(await dealFor(tx, caller, dealId, 'edit'));
    const before = await minutesRow(tx, tenantId, dealId, id);
    // Nobody should find deleted minutes waiting in their inbox.
    if (before.floorApproval === 'pending') await cancelFloorApproval(tx, caller, id, platform.clock.now());
    await tx
      .delete(negotiationMinutes)
      .where(and(eq(negotiationMinutes.tenantId, tenantId), eq(negotiationMinutes.id, id)));
    await writeAudit(tx, actor, {
      entity: 'negotiation_minutes',
      entityId: id,
      action: 'delete',
      changes: { dealId: { from: dealId, to: null }, ...changesBetween(before, null, AUDITED) },
    });
  });
}

export async function signOff(
  platform: Platform,
  caller: DealCaller,
  dealId: string,
  id: string,
  input: z.output<typeof SignOffInput>,
): Promise<NegotiationMinutes> {
  const { actor } = caller;
  const tenantId = actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    assertOpen(await dealFor(tx, caller, dealId, 'edit'));
    const before = await minutesRow(tx, tenantId, dealId, id);
    if (before.result !== 'agreed') throw new AppError('minutes_not_agreed');
    const [after] = await tx
      .update(negotiationMinutes)
      .set({
        signedByName: input.signedByName,
        signedOn: input.signedOn,
        version: before.version + 1,
        updatedAt: platform.clock.now(),
      })
      .where(and(eq(negotiationMinutes.tenantId, tenantId), eq(negotiationMinutes.id, id)))
      .returning();
    if (!after) throw new AppError('not_found');
    await writeAudit(tx, actor, {
      entity: 'negotiation_minutes',
      entityId: id,
      action: 'sign_off',
      changes: changesBetween(before, after, ['signedByName', 'signedOn']),
    });
    return presentOne(tx, after);
  });
}

/**
 * The floor-decision path kept from before the matrix owned the decision: it decides the current step of the
 * minutes' approval request for the caller (approve, or return with the comment), so the matrix's rules on who
 * decides apply here as in the approvals inbox.
 */
export async function decideFloor(
  platform: Platform,
  caller: DealCaller,
  dealId: string,
  id: string,
  input: z.output<typeof FloorDecisionInput>,
): Promise<NegotiationMinutes> {
  const { actor } = caller;
  const tenantId = actor.tenantId;
  if (!actor.userId) throw new AppError('forbidden');
  if (input.decision === 'rejected' && input.comment.trim() === '') {
    throw invalidFields({ path: 'comment', code: 'required' });
  }
  const requestId = await withTenant(platform.db, tenantId, async (tx) => {
    assertOpen(await dealFor(tx, caller, dealId, 'read'));
    const row = await minutesRow(tx, tenantId, dealId, id);
    if (row.createdBy === actor.userId) throw new AppError('own_minutes_approval');
    const request = (await floorRequestsOf(tx, tenantId, [id])).get(id);
    if (row.floorApproval !== 'pending' || request?.status !== 'pending')
      throw new AppError('floor_not_pending');
    return request.id;
  });
  const decide = input.decision === 'approved' ? approveRequest : returnRequest;
  await decide(platform, caller, requestId, { comment: input.comment }, null).catch((error: unknown) => {
    // Approvals hides a request from whoever is not on it; this caller sees the deal, so say why instead.
    throw error instanceof AppError && error.code === 'not_found'
      ? new AppError('not_your_approval_step')
      : error;
  });
  return withTenant(platform.db, tenantId, async (tx) =>
    presentOne(tx, await minutesRow(tx, tenantId, dealId, id)),
  );
}
