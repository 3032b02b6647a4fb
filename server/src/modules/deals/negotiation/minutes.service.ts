import { ROLES, type Role } from '@contracts/common';
import type {
  FloorApproval,
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
import { can } from '../../../platform/access';
import { changesBetween, writeAudit } from '../../../platform/audit';
import type { Tx } from '../../../platform/db/database';
import { teamMembers, users } from '../../../platform/db/identity.tables';
import { withTenant } from '../../../platform/db/tenancy';
import { AppError, invalidFields } from '../../../platform/http/errors';
import type { Platform } from '../../../platform/platform';
import { dispatchMailCopies, type MailCopies, mailCopies, notify } from '../../notifications';
import { type DealAccess, type DealCaller, type DealRow, dealFor } from '../deal-access';
import { negotiationMinutes } from '../negotiation.tables';
import { assertOpen } from './open-deal';
import { priceFloorOf } from './price-floor';

/**
 * Minutes of negotiation meetings (DOMAIN.md §4). Agreed minutes carry the final price and terms, and count
 * for the "minutes signed" gate once the customer signed them — but an agreed price below the price floor
 * (written into the minutes when the price is set) needs a manager's approval first: floorApproval pending
 * until a user who may approve on the deal (never the author) approves or rejects it. Only minutes with
 * floorApproval not_needed or approved count as signed. No agreement needs the next meeting and a changed
 * strategy, and the deal owner's team leads are told.
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

const APPROVER_ROLES = ROLES.filter((role) => can(role, 'deals.approve'));

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

function present(row: MinutesRow, names: Map<string, string>): NegotiationMinutes {
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
    floorApproval: row.floorApproval as FloorApproval,
    floorApprovedBy: row.floorApprovedBy,
    floorApprovedByName: row.floorApprovedBy ? (names.get(row.floorApprovedBy) ?? null) : null,
    floorApprovedAt: row.floorApprovedAt?.toISOString() ?? null,
    floorComment: row.floorComment,
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
  return present(row, await namesOf(tx, row.tenantId, [row.createdBy, row.floorApprovedBy]));
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
    return { items: rows.map((r) => present(r, names)), floor: await priceFloorOf(tx, deal) };
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

/** The floor check of agreed minutes: pending when the final price is below the floor in force. */
function floorState(
  terms: Terms,
  floor: PriceFloor,
): { floorMinor: number | null; floorApproval: FloorApproval } {
  if (terms.result !== 'agreed') return { floorMinor: floor.floorMinor, floorApproval: 'not_needed' };
  const below =
    floor.floorMinor !== null && terms.finalPriceMinor !== null && terms.finalPriceMinor < floor.floorMinor;
  return { floorMinor: floor.floorMinor, floorApproval: below ? 'pending' : 'not_needed' };
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

/**
 * Who may approve a price below the floor on this deal: active users holding deals.approve who see it (the
 * owner's managers, directors), the author never; admins only when nobody else can.
 */
export async function floorApprovers(
  tx: Tx,
  caller: DealCaller,
  deal: DealRow,
  authorId: string | null,
): Promise<string[]> {
  const candidates = await tx
    .select({ id: users.id, role: users.role })
    .from(users)
    .where(
      and(eq(users.tenantId, deal.tenantId), eq(users.status, 'active'), inArray(users.role, APPROVER_ROLES)),
    );
  const seeing: { id: string; role: string }[] = [];
  for (const user of candidates) {
    if (user.id === authorId) continue;
    const seer = { actor: { ...caller.actor, userId: user.id }, role: user.role as Role };
    const sees = await dealFor(tx, seer, deal.id, 'approve').then(
      () => true,
      () => false,
    );
    if (sees) seeing.push(user);
  }
  const preferred = seeing.filter((u) => u.role !== 'admin');
  return (preferred.length > 0 ? preferred : seeing).map((u) => u.id);
}

function formatMinor(amount: number | null, currency: string | null): string {
  if (amount === null) return '—';
  const code = currency ?? 'CNY';
  try {
    const digits = new Intl.NumberFormat('en-US', { style: 'currency', currency: code }).resolvedOptions()
      .maximumFractionDigits;
    const value = amount / 10 ** (digits ?? 2);
    return `${code} ${value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
  } catch {
    return `${code} ${amount}`;
  }
}

/** Tells whoever the new state of the minutes concerns (approvers of a pending price, managers of no agreement). */
async function notifyFor(
  tx: Tx,
  caller: DealCaller,
  access: DealAccess,
  row: MinutesRow,
  before: MinutesRow | null,
  copies: MailCopies,
): Promise<void> {
  const { deal } = access;
  const names = await namesOf(tx, deal.tenantId, [caller.actor.userId, deal.ownerId]);
  const author = (caller.actor.userId && names.get(caller.actor.userId)) || null;
  if (row.floorApproval === 'pending' && before?.floorApproval !== 'pending') {
    await notify(tx, {
      tenantId: deal.tenantId,
      userIds: await floorApprovers(tx, caller, deal, row.createdBy),
      kind: 'price_floor_approval_requested',
      params: {
        deal: deal.name,
        author,
        price: formatMinor(row.finalPriceMinor, row.currency),
        floor: formatMinor(row.floorMinor, row.currency),
      },
      entity: 'deal',
      entityId: deal.id,
      dedupeKey: `minutes-floor:${row.id}:${row.version}`,
      mail: copies,
    });
  }
  if (row.result === 'no_agreement' && before?.result !== 'no_agreement') {
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
        ...floorState(terms, floor),
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
    await notifyFor(tx, caller, access, row, null, copies);
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
 * reference and buffer, and the customer's sign-off and any approval are cleared.
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
    const now = platform.clock.now();
    const [after] = await tx
      .update(negotiationMinutes)
      .set({
        ...terms,
        ...(dealChanged
          ? {
              ...floorState(terms, floor),
              floorApprovedBy: null,
              floorApprovedAt: null,
              floorComment: '',
              signedByName: null,
              signedOn: null,
            }
          : {}),
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
    if (dealChanged) await notifyFor(tx, caller, access, after, before, copies);
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

export async function decideFloor(
  platform: Platform,
  caller: DealCaller,
  dealId: string,
  id: string,
  input: z.output<typeof FloorDecisionInput>,
): Promise<NegotiationMinutes> {
  const { actor } = caller;
  const tenantId = actor.tenantId;
  const approverId = actor.userId;
  if (!approverId) throw new AppError('forbidden');
  if (input.decision === 'rejected' && input.comment.trim() === '') {
    throw invalidFields({ path: 'comment', code: 'required' });
  }
  const copies = mailCopies(platform.config);
  const answer = await withTenant(platform.db, tenantId, async (tx) => {
    const { deal } = assertOpen(await dealFor(tx, caller, dealId, 'approve'));
    const before = await minutesRow(tx, tenantId, dealId, id);
    if (before.createdBy === approverId) throw new AppError('own_minutes_approval');
    if (before.floorApproval !== 'pending') throw new AppError('floor_not_pending');
    const now = platform.clock.now();
    const [after] = await tx
      .update(negotiationMinutes)
      .set({
        floorApproval: input.decision,
        floorApprovedBy: approverId,
        floorApprovedAt: now,
        floorComment: input.comment,
        version: before.version + 1,
        updatedAt: now,
      })
      .where(and(eq(negotiationMinutes.tenantId, tenantId), eq(negotiationMinutes.id, id)))
      .returning();
    if (!after) throw new AppError('not_found');
    await writeAudit(tx, actor, {
      entity: 'negotiation_minutes',
      entityId: id,
      action: input.decision === 'approved' ? 'floor_approve' : 'floor_reject',
      changes: changesBetween(before, after, ['floorApproval', 'floorApprovedBy', 'floorComment']),
    });
    const names = await namesOf(tx, tenantId, [approverId]);
    if (after.createdBy) {
      await notify(tx, {
        tenantId,
        userIds: [after.createdBy],
        kind: input.decision === 'approved' ? 'price_floor_approved' : 'price_floor_rejected',
        params: {
          deal: deal.name,
          approver: names.get(approverId) ?? null,
          price: formatMinor(after.finalPriceMinor, after.currency),
          comment: input.comment,
        },
        entity: 'deal',
        entityId: dealId,
        dedupeKey: `minutes-floor-decision:${id}:${after.version}`,
        mail: copies,
      });
    }
    return presentOne(tx, after);
  });
  await dispatchMailCopies(platform, tenantId, copies);
  return answer;
}
