import { sql } from 'drizzle-orm';
import {
  bigint,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { instant, tenantId, tenantPolicy, timestamps, version } from '../../platform/db/columns';
import { tenants, users } from '../../platform/db/identity.tables';

/**
 * Discount approvals (DOMAIN.md §5): an authority matrix per company (how deep a discount each role may give,
 * margin floor, per-category limits) and multi-level requests, one step per approver level in order. A request
 * belongs to one version of its subject (a quote version, a negotiation minute), so a changed subject needs a
 * new request.
 */

/** One row per company once its authority matrix changes. jsonb: the contract's ApprovalRules. */
export const approvalSettings = pgTable(
  'approval_settings',
  {
    tenantId: uuid('tenant_id').notNull().primaryKey(),
    rules: jsonb('rules').$type<Record<string, unknown>>().notNull().default({}),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.tenantId] }).onDelete('cascade'),
    tenantPolicy(t),
  ],
);

export const approvalRequests = pgTable(
  'approval_requests',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    /** quote | minutes | contract */
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    /** The subject's version the request is about (a quote's version number). */
    subjectVersion: integer('subject_version').notNull().default(1),
    /** Shown in the inbox: quote number and customer, minutes' deal… */
    title: text('title').notNull(),
    /** What the request asks for: discount, margin, amount, categories, and why the sender's authority is short. */
    facts: jsonb('facts').$type<Record<string, unknown>>().notNull().default({}),
    discountBp: integer('discount_bp'),
    amountMinor: bigint('amount_minor', { mode: 'number' }),
    currency: text('currency'),
    reason: text('reason').notNull().default(''),
    requestedBy: uuid('requested_by').notNull(),
    /** pending | approved | returned | cancelled */
    status: text('status').notNull().default('pending'),
    /** The step now waiting (1-based); equals the step count once approved. */
    currentStep: integer('current_step').notNull().default(1),
    decidedAt: instant('decided_at'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('approval_requests_subject_idx').on(t.tenantId, t.subjectType, t.subjectId, t.subjectVersion),
    index('approval_requests_requester_idx').on(t.tenantId, t.requestedBy, t.status),
    // One open request per subject version.
    uniqueIndex('approval_requests_open_uq')
      .on(t.tenantId, t.subjectType, t.subjectId, t.subjectVersion)
      .where(sql`${t.status} = 'pending'`),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.tenantId] }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.requestedBy], foreignColumns: [users.tenantId, users.id] }),
    tenantPolicy(t),
  ],
);

/** One level of a request: who must decide (a role, resolved to people when it becomes current), and how. */
export const approvalSteps = pgTable(
  'approval_steps',
  {
    tenantId: tenantId(),
    requestId: uuid('request_id').notNull(),
    stepNo: integer('step_no').notNull(),
    /** manager | director | admin, or a named user */
    approverRole: text('approver_role').notNull(),
    /** The people who may decide this step (the requester's team managers, the directors…). */
    approverIds: jsonb('approver_ids').$type<string[]>().notNull().default([]),
    /** waiting | pending | approved | returned | escalated | skipped */
    status: text('status').notNull().default('waiting'),
    decidedBy: uuid('decided_by'),
    comment: text('comment').notNull().default(''),
    /** When it became the current step, and when the reminder and escalation went out. */
    startedAt: instant('started_at'),
    remindedAt: instant('reminded_at'),
    escalatedAt: instant('escalated_at'),
    decidedAt: instant('decided_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.requestId, t.stepNo] }),
    index('approval_steps_pending_idx').on(t.tenantId, t.startedAt).where(sql`${t.status} = 'pending'`),
    foreignKey({
      columns: [t.tenantId, t.requestId],
      foreignColumns: [approvalRequests.tenantId, approvalRequests.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.decidedBy], foreignColumns: [users.tenantId, users.id] }),
    tenantPolicy(t),
  ],
);
