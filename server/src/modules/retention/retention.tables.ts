import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { instant, tenantId, tenantPolicy, timestamps, version } from '../../platform/db/columns';
import { tenants, users } from '../../platform/db/identity.tables';
import { customers } from '../customers/customers.tables';

/**
 * Keeping customers (DOMAIN.md §7): the company's tier, lifecycle and health rules, what the rules found for
 * each customer (with the numbers behind it), and churns. The effective tier, stage and health score are
 * also on `customers`, where lists filter and sort by them.
 */

/** One row per company once the rules are changed (version 0 until then). jsonb: the contract's RetentionRules. */
export const retentionSettings = pgTable(
  'retention_settings',
  {
    tenantId: uuid('tenant_id').notNull().primaryKey(),
    rules: jsonb('rules').$type<Record<string, unknown>>().notNull(),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.tenantId] }).onDelete('cascade'),
    tenantPolicy(t),
  ],
);

/** What the rules computed for one customer, and the people's decisions on top (override, checklist). */
export const customerRetention = pgTable(
  'customer_retention',
  {
    tenantId: tenantId(),
    customerId: uuid('customer_id').notNull(),
    recency: smallint('recency').notNull().default(0),
    frequency: smallint('frequency').notNull().default(0),
    monetary: smallint('monetary').notNull().default(0),
    wonDeals: integer('won_deals').notNull().default(0),
    wonAmountMinor: bigint('won_amount_minor', { mode: 'number' }).notNull().default(0),
    lastWonAt: instant('last_won_at'),
    tier: text('tier'),
    lifecycle: text('lifecycle'),
    lifecycleReasons: text('lifecycle_reasons').array().notNull().default(sql`'{}'::text[]`),
    /** The effective stage (override or computed) and since when it holds. */
    stage: text('stage'),
    stageSince: instant('stage_since'),
    overrideStage: text('override_stage'),
    overrideReason: text('override_reason'),
    overrideBy: uuid('override_by'),
    overrideAt: instant('override_at'),
    /** Recommended actions of the current stage ticked off; cleared when the stage changes. */
    checklistDone: text('checklist_done').array().notNull().default(sql`'{}'::text[]`),
    healthScore: integer('health_score'),
    /** [{ signal, points, value }] of the signals that fired. */
    healthSignals: jsonb('health_signals').$type<unknown[]>().notNull().default([]),
    atRisk: boolean('at_risk').notNull().default(false),
    /** The follow-up task the tier's cadence last created (one open at a time). */
    followUpTaskId: uuid('follow_up_task_id'),
    computedAt: instant('computed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.customerId] }),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.overrideBy], foreignColumns: [users.tenantId, users.id] }),
    tenantPolicy(t),
  ],
);

/** Every churn of a customer: why, to whom, and the win-back plan; `reactivatedAt` when it came back. */
export const customerChurns = pgTable(
  'customer_churns',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    reason: text('reason').notNull(),
    competitor: text('competitor'),
    note: text('note').notNull().default(''),
    winBackTasks: integer('win_back_tasks').notNull().default(0),
    surveySentTo: text('survey_sent_to'),
    churnedBy: uuid('churned_by'),
    churnedAt: instant('churned_at').notNull(),
    reactivatedAt: instant('reactivated_at'),
    reactivationReason: text('reactivation_reason'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('customer_churns_customer_idx').on(t.tenantId, t.customerId, t.churnedAt),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.churnedBy], foreignColumns: [users.tenantId, users.id] }),
    tenantPolicy(t),
  ],
);
