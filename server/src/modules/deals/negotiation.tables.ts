import {
  bigint,
  boolean,
  date,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { instant, tenantId, tenantPolicy, timestamps, version } from '../../platform/db/columns';
import { tenants, users } from '../../platform/db/identity.tables';
import { deals } from './deals.tables';

/**
 * Negotiation (DOMAIN.md §4): the objections raised on a deal with the response chosen from the company's
 * playbook, and the minutes of each negotiation meeting with the terms, sign-off and the price-floor check.
 */

/** Proven responses to objections, by type: the playbook reps choose from. */
export const objectionResponses = pgTable(
  'objection_responses',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    /** price | delivery | competitor | terms | other */
    type: text('type').notNull(),
    title: text('title').notNull(),
    /** value_breakdown | case_evidence | flexible_pricing | other */
    method: text('method').notNull().default('other'),
    body: text('body').notNull(),
    active: boolean('active').notNull().default(true),
    createdBy: uuid('created_by'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('objection_responses_type_idx').on(t.tenantId, t.type),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.tenantId] }).onDelete('cascade'),
    tenantPolicy(t),
  ],
);

export const dealObjections = pgTable(
  'deal_objections',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    dealId: uuid('deal_id').notNull(),
    type: text('type').notNull(),
    description: text('description').notNull(),
    /** The playbook response used, if one was. */
    responseId: uuid('response_id'),
    responseStrategy: text('response_strategy').notNull().default(''),
    outcome: text('outcome').notNull().default(''),
    /** open | resolved | unresolved */
    status: text('status').notNull().default('open'),
    resolvedAt: instant('resolved_at'),
    createdBy: uuid('created_by'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('deal_objections_deal_idx').on(t.tenantId, t.dealId, t.status),
    foreignKey({ columns: [t.tenantId, t.dealId], foreignColumns: [deals.tenantId, deals.id] }).onDelete(
      'cascade',
    ),
    foreignKey({
      columns: [t.tenantId, t.responseId],
      foreignColumns: [objectionResponses.tenantId, objectionResponses.id],
    }),
    tenantPolicy(t),
  ],
);

export const negotiationMinutes = pgTable(
  'negotiation_minutes',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    dealId: uuid('deal_id').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    attendees: text('attendees').notNull().default(''),
    /** agreed | no_agreement */
    result: text('result').notNull(),
    finalPriceMinor: bigint('final_price_minor', { mode: 'number' }),
    currency: text('currency'),
    deliveryTime: text('delivery_time').notNull().default(''),
    paymentTerms: text('payment_terms').notNull().default(''),
    liability: text('liability').notNull().default(''),
    otherTerms: text('other_terms').notNull().default(''),
    nextSteps: text('next_steps').notNull().default(''),
    /** No agreement: when the parties meet again and how the approach changes (the manager is told). */
    nextMeetingOn: date('next_meeting_on', { mode: 'string' }),
    strategyNote: text('strategy_note').notNull().default(''),
    /** The price floor in force when the minutes were written (reference price less the buffer). */
    floorMinor: bigint('floor_minor', { mode: 'number' }),
    /** not_needed | pending | approved | rejected | withdrawn: a price below the floor goes through the approval matrix. */
    floorApproval: text('floor_approval').notNull().default('not_needed'),
    floorApprovedBy: uuid('floor_approved_by'),
    floorApprovedAt: instant('floor_approved_at'),
    floorComment: text('floor_comment').notNull().default(''),
    /** Customer sign-off (by e-signature once quote-to-cash brings it). */
    signedByName: text('signed_by_name'),
    signedOn: date('signed_on', { mode: 'string' }),
    createdBy: uuid('created_by'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('negotiation_minutes_deal_idx').on(t.tenantId, t.dealId, t.heldOn),
    index('negotiation_minutes_floor_idx').on(t.tenantId, t.floorApproval),
    foreignKey({ columns: [t.tenantId, t.dealId], foreignColumns: [deals.tenantId, deals.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.tenantId, t.floorApprovedBy], foreignColumns: [users.tenantId, users.id] }),
    tenantPolicy(t),
  ],
);
