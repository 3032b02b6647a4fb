import type { Actor } from '../../platform/audit';
import type { Tx } from '../../platform/db/database';

/**
 * What approvals knows of the things it approves: each subject module (quotes, negotiation minutes…) registers
 * at start-up how to hear a final decision and where its record lives in the app. A registry instead of imports
 * keeps approvals free of the modules that use it (quotes imports approvals, never the other way round).
 */

/**
 * approved: the last step approved; returned: an approver sent it back with a comment; withdrawn: the requester
 * withdrew it (nobody judged it, so the subject must not record a return).
 */
export type ApprovalOutcome = 'approved' | 'returned' | 'withdrawn';

export type ApprovalDecision = {
  tenantId: string;
  subjectId: string;
  subjectVersion: number;
  outcome: ApprovalOutcome;
  actor: Actor;
  comment: string | null;
  /** When it was decided (the platform clock). */
  at: Date;
};

export type ApprovalSubject = {
  /** Called in the deciding transaction once the last step approves, any step returns it, or its requester withdraws it. */
  decided(tx: Tx, decision: ApprovalDecision): Promise<void>;
  /** The subject's page in the web app, e.g. `/quote-to-cash/quotes/<id>`; facts are the request's. */
  link(subjectId: string, facts: Record<string, unknown>): string;
};

const subjects = new Map<string, ApprovalSubject>();

/** Idempotent: registering the same type again (a second app in tests) replaces the first. */
export function registerApprovalSubject(type: string, subject: ApprovalSubject): void {
  subjects.set(type, subject);
}

export function approvalSubject(type: string): ApprovalSubject | null {
  return subjects.get(type) ?? null;
}
