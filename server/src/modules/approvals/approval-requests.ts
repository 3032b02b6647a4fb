import type { ApprovalStatus, ApproverLevel } from '@contracts/approvals.contract';
import type { Role } from '@contracts/common';
import { and, desc, eq, inArray, ne } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { type Actor, systemActor, writeAudit } from '../../platform/audit';
import type { Config } from '../../platform/config';
import type { Tx } from '../../platform/db/database';
import { users } from '../../platform/db/identity.tables';
import { AppError } from '../../platform/http/errors';
import { type MailCopies, mailCopies, notify } from '../notifications';
import { managerDirectory } from '../teams';
import { approvalSubject } from './approval-registry';
import { authorityOf, LEVELS, loadApprovalSettings } from './approval-rules';
import { approvalRequests, approvalSteps } from './approvals.tables';

/**
 * Opening, reading and withdrawing approval requests from inside a subject module's transaction (a quote
 * submitted for approval, a quote revised or withdrawn). The steps come from the authority matrix; each level
 * is resolved to people when the request opens, so the inbox and the permission checks read one list.
 */

export type ApprovalCaller = { actor: Actor; role: Role };
export type ApprovalState = 'none' | 'pending' | 'approved' | 'returned';
export type RequestRow = typeof approvalRequests.$inferSelect;
export type StepRow = typeof approvalSteps.$inferSelect;

export type ApprovalRequestInput = {
  subjectType: string;
  subjectId: string;
  subjectVersion: number;
  title: string;
  facts: Record<string, unknown>;
  discountBp: number | null;
  marginBp: number | null;
  amountMinor: number | null;
  currency: string | null;
  categories: readonly string[];
  reason: string;
  /** The price is below the deal's negotiation price floor: the matrix's belowFloorLevel applies. */
  belowFloor?: boolean;
  /** Levels to ask instead of the matrix's (a subject whose rule is none of the matrix's). */
  levels?: readonly ApproverLevel[];
  /** When the request opens (the caller's platform clock). */
  now: Date;
};

/**
 * Mail copies of approval notifications need the SMTP setting, which subject modules calling requestApproval
 * inside their transaction do not pass: the routes' registration hands it over once at start-up. Mails queued
 * inside another module's transaction are sent by the mail sweep; the approvals routes dispatch theirs at once.
 */
let mailConfig: Pick<Config, 'smtpUrl' | 'publicUrl'> | null = null;
export function configureApprovalMail(config: Pick<Config, 'smtpUrl' | 'publicUrl'>): void {
  mailConfig = config;
}
export function approvalMail(): MailCopies {
  return mailCopies(mailConfig ?? { smtpUrl: undefined, publicUrl: '' });
}

/** The people of a level: the requester's team leads, or the active directors / admins; never the requester. */
export async function peopleOf(
  tx: Tx,
  tenantId: string,
  level: ApproverLevel,
  requesterId: string,
): Promise<string[]> {
  if (level === 'manager') {
    const managersOf = await managerDirectory(tx, tenantId);
    return managersOf(requesterId, null);
  }
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.tenantId, tenantId),
        eq(users.role, level),
        eq(users.status, 'active'),
        ne(users.id, requesterId),
      ),
    )
    .orderBy(users.createdAt);
  return rows.map((r) => r.id);
}

export const nextLevel = (level: string): ApproverLevel | null =>
  LEVELS[LEVELS.indexOf(level as ApproverLevel) + 1] ?? null;

export async function notifyStep(
  tx: Tx,
  request: Pick<RequestRow, 'tenantId' | 'id' | 'title' | 'requestedBy'>,
  userIds: readonly string[],
  kind: 'approval_requested' | 'approval_reminder' | 'approval_escalated',
  dedupeKey: string,
  mail: MailCopies,
): Promise<void> {
  const [requester] = await tx
    .select({ name: users.name })
    .from(users)
    .where(and(eq(users.tenantId, request.tenantId), eq(users.id, request.requestedBy)));
  await notify(tx, {
    tenantId: request.tenantId,
    userIds,
    kind,
    params: { title: request.title, requester: requester?.name ?? '' },
    entity: 'approval',
    entityId: request.id,
    dedupeKey,
    mail,
  });
}

/**
 * Opens a request for one version of a subject, with one step per level the matrix asks for (a level with
 * nobody is recorded as skipped and hands over to the next one), and notifies the first step's approvers.
 * 409 approval_pending when that version already waits; 409 approval_not_required when the caller's authority
 * covers it; 409 no_approver when nobody but the requester could decide.
 */
export async function requestApproval(
  tx: Tx,
  caller: ApprovalCaller,
  input: ApprovalRequestInput,
): Promise<RequestRow> {
  const tenantId = caller.actor.tenantId;
  const requesterId = caller.actor.userId;
  if (!requesterId) throw new AppError('forbidden');
  if (!approvalSubject(input.subjectType)) {
    // A programming error, not a user one: the subject module forgot to register at start-up.
    throw new Error(`approval subject ${input.subjectType} is not registered`);
  }
  const { rules } = await loadApprovalSettings(tx, tenantId);
  const authority = authorityOf(rules, {
    role: caller.role,
    discountBp: input.discountBp ?? 0,
    marginBp: input.marginBp,
    categories: input.categories,
    belowFloor: input.belowFloor === true,
  });
  const levels = input.levels ? [...input.levels] : authority.levels;
  if (levels.length === 0) throw new AppError('approval_not_required');

  const [open] = await tx
    .select({ id: approvalRequests.id })
    .from(approvalRequests)
    .where(
      and(
        eq(approvalRequests.tenantId, tenantId),
        eq(approvalRequests.subjectType, input.subjectType),
        eq(approvalRequests.subjectId, input.subjectId),
        eq(approvalRequests.subjectVersion, input.subjectVersion),
        eq(approvalRequests.status, 'pending'),
      ),
    );
  if (open) throw new AppError('approval_pending');

  const chain: { level: ApproverLevel; people: string[] }[] = [];
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i] as ApproverLevel;
    const people = await peopleOf(tx, tenantId, level, requesterId);
    chain.push({ level, people });
    const next = nextLevel(level);
    // The last level has nobody: its decision falls through to the level above.
    if (people.length === 0 && i === levels.length - 1 && next) levels.push(next);
  }
  const first = chain.findIndex((s) => s.people.length > 0);
  if (first === -1) throw new AppError('no_approver');

  const now = input.now;
  const id = uuidv7();
  const facts = {
    ...input.facts,
    discountBp: input.discountBp,
    marginBp: input.marginBp,
    categories: [...input.categories],
    reasons: input.levels ? [] : authority.reasons,
  };
  const [request] = await tx
    .insert(approvalRequests)
    .values({
      tenantId,
      id,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      subjectVersion: input.subjectVersion,
      title: input.title,
      facts,
      discountBp: input.discountBp,
      amountMinor: input.amountMinor,
      currency: input.currency,
      reason: input.reason,
      requestedBy: requesterId,
      status: 'pending',
      currentStep: first + 1,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!request) throw new AppError('internal');
  await tx.insert(approvalSteps).values(
    chain.map((s, i) => ({
      tenantId,
      requestId: id,
      stepNo: i + 1,
      approverRole: s.level,
      approverIds: s.people,
      status: i < first ? 'skipped' : i === first ? 'pending' : 'waiting',
      startedAt: i === first ? now : null,
    })),
  );
  await writeAudit(tx, caller.actor, {
    entity: 'approval',
    entityId: id,
    action: 'create',
    changes: {
      subject: { from: null, to: `${input.subjectType}:${input.subjectId}:${input.subjectVersion}` },
      levels: { from: null, to: chain.map((s) => s.level) },
      status: { from: null, to: 'pending' },
    },
  });
  await notifyStep(
    tx,
    request,
    chain[first]?.people ?? [],
    'approval_requested',
    `approval:${id}:${first + 1}`,
    approvalMail(),
  );
  return request;
}

/** The state of the latest request about this version of the subject ('none' when none, or withdrawn). */
export async function approvalStateOf(
  tx: Tx,
  tenantId: string,
  subjectType: string,
  subjectId: string,
  subjectVersion: number,
): Promise<ApprovalState> {
  const [latest] = await tx
    .select({ status: approvalRequests.status })
    .from(approvalRequests)
    .where(
      and(
        eq(approvalRequests.tenantId, tenantId),
        eq(approvalRequests.subjectType, subjectType),
        eq(approvalRequests.subjectId, subjectId),
        eq(approvalRequests.subjectVersion, subjectVersion),
      ),
    )
    .orderBy(desc(approvalRequests.createdAt), desc(approvalRequests.id))
    .limit(1);
  const status = latest?.status;
  return status === 'pending' || status === 'approved' || status === 'returned' ? status : 'none';
}

export type LatestApproval = {
  id: string;
  status: ApprovalStatus;
  /** The level the request now waits for (null once decided). */
  waitingFor: ApproverLevel | null;
  levels: ApproverLevel[];
  reasons: string[];
};

/**
 * The latest request about each of these subjects (any version), for a subject module showing its records'
 * approval without asking per row: the level it waits for and why it was needed.
 */
export async function latestApprovals(
  tx: Tx,
  tenantId: string,
  subjectType: string,
  subjectIds: readonly string[],
): Promise<Map<string, LatestApproval>> {
  const latest = new Map<string, LatestApproval>();
  if (subjectIds.length === 0) return latest;
  const rows = await tx
    .select()
    .from(approvalRequests)
    .where(
      and(
        eq(approvalRequests.tenantId, tenantId),
        eq(approvalRequests.subjectType, subjectType),
        inArray(approvalRequests.subjectId, [...subjectIds]),
      ),
    )
    .orderBy(desc(approvalRequests.createdAt), desc(approvalRequests.id));
  const newest = rows.filter((r, i) => rows.findIndex((o) => o.subjectId === r.subjectId) === i);
  if (newest.length === 0) return latest;
  const steps = await tx
    .select()
    .from(approvalSteps)
    .where(
      and(
        eq(approvalSteps.tenantId, tenantId),
        inArray(
          approvalSteps.requestId,
          newest.map((r) => r.id),
        ),
      ),
    )
    .orderBy(approvalSteps.stepNo);
  for (const r of newest) {
    const mine = steps.filter((s) => s.requestId === r.id);
    const current = mine.find((s) => s.stepNo === r.currentStep);
    const reasons = Array.isArray(r.facts.reasons)
      ? r.facts.reasons.filter((x): x is string => typeof x === 'string')
      : [];
    latest.set(r.subjectId, {
      id: r.id,
      status: r.status as ApprovalStatus,
      waitingFor:
        r.status === 'pending' ? ((current?.approverRole as ApproverLevel | undefined) ?? null) : null,
      levels: mine.map((s) => s.approverRole as ApproverLevel),
      reasons,
    });
  }
  return latest;
}

/**
 * Withdraws every pending request about a subject (all versions): the subject changed or was withdrawn by its
 * module, so nobody should decide on it any more. Returns how many were cancelled.
 */
export async function cancelApprovals(
  tx: Tx,
  tenantId: string,
  subjectType: string,
  subjectId: string,
  now: Date,
  actor: Actor = systemActor(tenantId),
): Promise<number> {
  const open = await tx
    .select({ id: approvalRequests.id, version: approvalRequests.version })
    .from(approvalRequests)
    .where(
      and(
        eq(approvalRequests.tenantId, tenantId),
        eq(approvalRequests.subjectType, subjectType),
        eq(approvalRequests.subjectId, subjectId),
        eq(approvalRequests.status, 'pending'),
      ),
    )
    .for('update');
  if (open.length === 0) return 0;
  for (const r of open) {
    await tx
      .update(approvalRequests)
      .set({ status: 'cancelled', decidedAt: now, updatedAt: now, version: r.version + 1 })
      .where(and(eq(approvalRequests.tenantId, tenantId), eq(approvalRequests.id, r.id)));
    await writeAudit(tx, actor, {
      entity: 'approval',
      entityId: r.id,
      action: 'cancel',
      changes: { status: { from: 'pending', to: 'cancelled' } },
    });
  }
  await tx
    .update(approvalSteps)
    .set({ status: 'cancelled' })
    .where(
      and(
        eq(approvalSteps.tenantId, tenantId),
        inArray(
          approvalSteps.requestId,
          open.map((r) => r.id),
        ),
        inArray(approvalSteps.status, ['pending', 'waiting']),
      ),
    );
  return open.length;
}
