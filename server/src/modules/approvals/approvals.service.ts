import type {
  Approval,
  ApprovalStatus,
  ApprovalStep,
  ApprovalSummary,
  ListApprovalsQuery,
  StepStatus,
} from '@contracts/approvals.contract';
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { can } from '../../platform/access';
import { writeAudit } from '../../platform/audit';
import type { Tx } from '../../platform/db/database';
import { users } from '../../platform/db/identity.tables';
import { withTenant } from '../../platform/db/tenancy';
import { AppError } from '../../platform/http/errors';
import { decodeCursor, encodeCursor, pageFrom } from '../../platform/http/pagination';
import type { Platform } from '../../platform/platform';
import { dispatchMailCopies, type MailCopies, mailCopies, notify } from '../notifications';
import { type ApprovalOutcome, approvalSubject } from './approval-registry';
import { type ApprovalCaller, notifyStep, type RequestRow, type StepRow } from './approval-requests';
import { approvalRequests, approvalSteps } from './approvals.tables';

/**
 * The approvals inbox and the decisions: approve the current step (the next level is asked, or the request is
 * approved and its subject hears it in the same transaction), return it with a comment, or withdraw it. Who
 * sees a request: its requester, anyone listed on one of its steps, and holders of approvals.configure; the
 * rest get 404. Nobody decides their own request, and only the people of the current step decide it.
 */

type ListQuery = z.output<typeof ListApprovalsQuery>;

const userOf = (caller: ApprovalCaller): string => caller.actor.userId ?? '';
const iso = (d: Date | null): string | null => d?.toISOString() ?? null;
const numberOr = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

async function namesOf(tx: Tx, tenantId: string, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), inArray(users.id, unique)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

function summaryOf(r: RequestRow, current: StepRow | undefined, names: Map<string, string>): ApprovalSummary {
  const pending = r.status === 'pending';
  return {
    id: r.id,
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    subjectVersion: r.subjectVersion,
    subjectLink: approvalSubject(r.subjectType)?.link(r.subjectId, r.facts) ?? '',
    title: r.title,
    discountBp: r.discountBp,
    marginBp: numberOr(r.facts.marginBp),
    amountMinor: r.amountMinor,
    currency: r.currency,
    status: r.status as ApprovalStatus,
    currentStep: r.currentStep,
    waitingFor: pending ? (current?.approverRole ?? null) : null,
    waitingSince: pending ? iso(current?.startedAt ?? null) : null,
    requestedBy: { id: r.requestedBy, name: names.get(r.requestedBy) ?? '' },
    createdAt: r.createdAt.toISOString(),
    decidedAt: iso(r.decidedAt),
    version: r.version,
  };
}

async function stepsOf(tx: Tx, tenantId: string, requestIds: readonly string[]): Promise<StepRow[]> {
  if (requestIds.length === 0) return [];
  return tx
    .select()
    .from(approvalSteps)
    .where(and(eq(approvalSteps.tenantId, tenantId), inArray(approvalSteps.requestId, [...requestIds])))
    .orderBy(asc(approvalSteps.requestId), asc(approvalSteps.stepNo));
}

const currentOf = (r: RequestRow, steps: readonly StepRow[]) =>
  steps.find((s) => s.requestId === r.id && s.stepNo === r.currentStep);

function mayDecide(caller: ApprovalCaller, r: RequestRow, current: StepRow | undefined): boolean {
  const me = userOf(caller);
  return (
    r.status === 'pending' &&
    r.requestedBy !== me &&
    current?.status === 'pending' &&
    current.approverIds.includes(me)
  );
}

async function present(tx: Tx, caller: ApprovalCaller, r: RequestRow): Promise<Approval> {
  const steps = await stepsOf(tx, r.tenantId, [r.id]);
  const names = await namesOf(tx, r.tenantId, [
    r.requestedBy,
    ...steps.flatMap((s) => [...s.approverIds, ...(s.decidedBy ? [s.decidedBy] : [])]),
  ]);
  const current = currentOf(r, steps);
  const person = (id: string) => ({ id, name: names.get(id) ?? '' });
  const decide = mayDecide(caller, r, current);
  return {
    ...summaryOf(r, current, names),
    reason: r.reason,
    facts: r.facts,
    steps: steps.map(
      (s): ApprovalStep => ({
        stepNo: s.stepNo,
        approverRole: s.approverRole,
        approvers: s.approverIds.map(person),
        status: s.status as StepStatus,
        decidedBy: s.decidedBy ? person(s.decidedBy) : null,
        comment: s.comment,
        startedAt: iso(s.startedAt),
        remindedAt: iso(s.remindedAt),
        escalatedAt: iso(s.escalatedAt),
        decidedAt: iso(s.decidedAt),
      }),
    ),
    can: {
      approve: decide,
      return: decide,
      cancel: r.status === 'pending' && r.requestedBy === userOf(caller),
    },
  };
}

/** The request if the caller may see it (requester, listed approver, approvals.configure), else 404. */
async function visibleRequest(
  tx: Tx,
  caller: ApprovalCaller,
  id: string,
  lock: boolean,
): Promise<RequestRow> {
  const tenantId = caller.actor.tenantId;
  const query = tx
    .select()
    .from(approvalRequests)
    .where(and(eq(approvalRequests.tenantId, tenantId), eq(approvalRequests.id, id)));
  const [request] = await (lock ? query.for('update') : query);
  if (!request) throw new AppError('not_found');
  const me = userOf(caller);
  if (request.requestedBy === me || can(caller.role, 'approvals.configure')) return request;
  const steps = await stepsOf(tx, tenantId, [id]);
  if (!steps.some((s) => s.approverIds.includes(me))) throw new AppError('not_found');
  return request;
}

export async function getApproval(platform: Platform, caller: ApprovalCaller, id: string): Promise<Approval> {
  return withTenant(platform.db, caller.actor.tenantId, async (tx) =>
    present(tx, caller, await visibleRequest(tx, caller, id, false)),
  );
}

/** inbox: pending requests whose current step lists me; mine: my requests; all: approvals.configure only. */
export async function listApprovals(
  platform: Platform,
  caller: ApprovalCaller,
  query: ListQuery,
): Promise<{ items: ApprovalSummary[]; nextCursor: string | null }> {
  if (query.box === 'all' && !can(caller.role, 'approvals.configure')) throw new AppError('forbidden');
  const tenantId = caller.actor.tenantId;
  const me = userOf(caller);
  return withTenant(platform.db, tenantId, async (tx) => {
    const cursor = query.cursor ? decodeCursor(query.cursor) : null;
    const where: (SQL | undefined)[] = [
      eq(approvalRequests.tenantId, tenantId),
      query.box === 'mine' ? eq(approvalRequests.requestedBy, me) : undefined,
      query.box === 'inbox' ? inboxOf(me) : undefined,
      query.status ? eq(approvalRequests.status, query.status) : undefined,
      cursor
        ? sql`(${approvalRequests.createdAt}, ${approvalRequests.id}) < (${new Date(String(cursor.value))}, ${cursor.id}::uuid)`
        : undefined,
    ];
    const rows = await tx
      .select()
      .from(approvalRequests)
      .where(and(...where))
      .orderBy(desc(approvalRequests.createdAt), desc(approvalRequests.id))
      .limit(query.limit + 1);
    const page = pageFrom(rows, query.limit, (r) => encodeCursor(r.createdAt, r.id));
    const steps = await stepsOf(
      tx,
      tenantId,
      page.items.map((r) => r.id),
    );
    const names = await namesOf(
      tx,
      tenantId,
      page.items.map((r) => r.requestedBy),
    );
    return {
      items: page.items.map((r) => summaryOf(r, currentOf(r, steps), names)),
      nextCursor: page.nextCursor,
    };
  });
}

/** Pending requests whose current step is pending and lists the user. */
function inboxOf(userId: string): SQL {
  return sql`${approvalRequests.status} = 'pending' AND EXISTS (SELECT 1 FROM ${approvalSteps} s
    WHERE s.tenant_id = ${approvalRequests.tenantId} AND s.request_id = ${approvalRequests.id}
      AND s.step_no = ${approvalRequests.currentStep} AND s.status = 'pending'
      AND s.approver_ids @> ${JSON.stringify([userId])}::jsonb)`;
}

export async function countMyPending(platform: Platform, caller: ApprovalCaller): Promise<number> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const [row] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(approvalRequests)
      .where(and(eq(approvalRequests.tenantId, tenantId), inboxOf(userOf(caller))));
    return row?.n ?? 0;
  });
}

type Locked = { request: RequestRow; steps: StepRow[]; current: StepRow };

/** The checks every decision shares, on the locked request: visible, same version, still pending, and mine to decide. */
async function lockForDecision(
  tx: Tx,
  caller: ApprovalCaller,
  id: string,
  expectedVersion: number | null,
): Promise<Locked> {
  const request = await visibleRequest(tx, caller, id, true);
  if (expectedVersion !== null && expectedVersion !== request.version) throw new AppError('version_conflict');
  if (request.status !== 'pending') throw new AppError('approval_decided');
  const me = userOf(caller);
  if (request.requestedBy === me) throw new AppError('own_approval');
  const steps = await stepsOf(tx, request.tenantId, [id]);
  const current = currentOf(request, steps);
  if (current?.status !== 'pending' || !current.approverIds.includes(me)) {
    throw new AppError('not_your_approval_step');
  }
  return { request, steps, current };
}

async function setStep(tx: Tx, step: StepRow, values: Partial<StepRow>): Promise<void> {
  await tx
    .update(approvalSteps)
    .set(values)
    .where(
      and(
        eq(approvalSteps.tenantId, step.tenantId),
        eq(approvalSteps.requestId, step.requestId),
        eq(approvalSteps.stepNo, step.stepNo),
      ),
    );
}

async function setRequest(
  tx: Tx,
  request: RequestRow,
  values: Partial<RequestRow> & { updatedAt: Date },
): Promise<RequestRow> {
  const [row] = await tx
    .update(approvalRequests)
    .set({ ...values, version: request.version + 1 })
    .where(and(eq(approvalRequests.tenantId, request.tenantId), eq(approvalRequests.id, request.id)))
    .returning();
  if (!row) throw new AppError('not_found');
  return row;
}

/** Tells the requester the final outcome. */
async function notifyRequester(
  tx: Tx,
  caller: ApprovalCaller,
  request: RequestRow,
  kind: 'approval_approved' | 'approval_returned',
  comment: string,
  mail: MailCopies,
): Promise<void> {
  const names = await namesOf(tx, request.tenantId, [userOf(caller)]);
  await notify(tx, {
    tenantId: request.tenantId,
    userIds: [request.requestedBy],
    kind,
    params: { title: request.title, approver: names.get(userOf(caller)) ?? '', comment: comment || '—' },
    entity: 'approval',
    entityId: request.id,
    dedupeKey: `${kind}:${request.id}`,
    mail,
  });
}

async function tellSubject(
  tx: Tx,
  caller: ApprovalCaller,
  request: RequestRow,
  outcome: ApprovalOutcome,
  comment: string,
  at: Date,
): Promise<void> {
  await approvalSubject(request.subjectType)?.decided(tx, {
    tenantId: request.tenantId,
    subjectId: request.subjectId,
    subjectVersion: request.subjectVersion,
    outcome,
    actor: caller.actor,
    comment: comment || null,
    at,
  });
}

/**
 * Approves the current step. The next step that has people becomes pending (its approvers are notified; a
 * level left without people is skipped); after the last one the request is approved and its subject's
 * `decided` hook runs in this transaction.
 */
export async function approve(
  platform: Platform,
  caller: ApprovalCaller,
  id: string,
  input: { comment: string },
  expectedVersion: number | null,
): Promise<Approval> {
  const copies = mailCopies(platform.config);
  const result = await withTenant(platform.db, caller.actor.tenantId, async (tx) => {
    const { request, steps, current } = await lockForDecision(tx, caller, id, expectedVersion);
    const now = platform.clock.now();
    await setStep(tx, current, {
      status: 'approved',
      decidedBy: userOf(caller),
      comment: input.comment,
      decidedAt: now,
    });
    let next: StepRow | undefined;
    for (const step of steps.filter((s) => s.stepNo > current.stepNo)) {
      if (step.approverIds.length > 0) {
        next = step;
        break;
      }
      await setStep(tx, step, { status: 'skipped' });
    }
    let updated: RequestRow;
    if (next) {
      await setStep(tx, next, { status: 'pending', startedAt: now });
      updated = await setRequest(tx, request, { currentStep: next.stepNo, updatedAt: now });
      await notifyStep(
        tx,
        updated,
        next.approverIds,
        'approval_requested',
        `approval:${id}:${next.stepNo}`,
        copies,
      );
    } else {
      updated = await setRequest(tx, request, { status: 'approved', decidedAt: now, updatedAt: now });
      await tellSubject(tx, caller, updated, 'approved', input.comment, now);
      await notifyRequester(tx, caller, updated, 'approval_approved', input.comment, copies);
    }
    await writeAudit(tx, caller.actor, {
      entity: 'approval',
      entityId: id,
      action: 'approve',
      changes: {
        step: { from: null, to: current.stepNo },
        status: { from: 'pending', to: updated.status },
        ...(input.comment ? { comment: { from: null, to: input.comment } } : {}),
      },
    });
    return present(tx, caller, updated);
  });
  await dispatchMailCopies(platform, caller.actor.tenantId, copies);
  return result;
}

/** Returns the request with a comment: it ends at once (later levels are not asked) and the subject hears it. */
export async function returnRequest(
  platform: Platform,
  caller: ApprovalCaller,
  id: string,
  input: { comment: string },
  expectedVersion: number | null,
): Promise<Approval> {
  const copies = mailCopies(platform.config);
  const result = await withTenant(platform.db, caller.actor.tenantId, async (tx) => {
    const { request, steps, current } = await lockForDecision(tx, caller, id, expectedVersion);
    const now = platform.clock.now();
    await setStep(tx, current, {
      status: 'returned',
      decidedBy: userOf(caller),
      comment: input.comment,
      decidedAt: now,
    });
    for (const step of steps.filter((s) => s.stepNo > current.stepNo)) {
      await setStep(tx, step, { status: 'cancelled' });
    }
    const updated = await setRequest(tx, request, { status: 'returned', decidedAt: now, updatedAt: now });
    await tellSubject(tx, caller, updated, 'returned', input.comment, now);
    await notifyRequester(tx, caller, updated, 'approval_returned', input.comment, copies);
    await writeAudit(tx, caller.actor, {
      entity: 'approval',
      entityId: id,
      action: 'return',
      changes: {
        step: { from: null, to: current.stepNo },
        status: { from: 'pending', to: 'returned' },
        comment: { from: null, to: input.comment },
      },
    });
    return present(tx, caller, updated);
  });
  await dispatchMailCopies(platform, caller.actor.tenantId, copies);
  return result;
}

/**
 * The requester withdraws a pending request. The subject hears it as withdrawn, not returned (nobody judged
 * it): a quote waiting for this approval goes back to draft, where the rep may change it or ask again.
 */
export async function cancelRequest(
  platform: Platform,
  caller: ApprovalCaller,
  id: string,
  expectedVersion: number | null,
): Promise<Approval> {
  return withTenant(platform.db, caller.actor.tenantId, async (tx) => {
    const request = await visibleRequest(tx, caller, id, true);
    if (expectedVersion !== null && expectedVersion !== request.version)
      throw new AppError('version_conflict');
    if (request.requestedBy !== userOf(caller)) throw new AppError('forbidden');
    if (request.status !== 'pending') throw new AppError('approval_decided');
    const now = platform.clock.now();
    await tx
      .update(approvalSteps)
      .set({ status: 'cancelled' })
      .where(
        and(
          eq(approvalSteps.tenantId, request.tenantId),
          eq(approvalSteps.requestId, id),
          inArray(approvalSteps.status, ['pending', 'waiting']),
        ),
      );
    const updated = await setRequest(tx, request, { status: 'cancelled', decidedAt: now, updatedAt: now });
    await tellSubject(tx, caller, updated, 'withdrawn', '', now);
    await writeAudit(tx, caller.actor, {
      entity: 'approval',
      entityId: id,
      action: 'cancel',
      changes: { status: { from: 'pending', to: 'cancelled' } },
    });
    return present(tx, caller, updated);
  });
}
