import {
  bigint,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { instant, tenantId, tenantPolicy, timestamps, version } from '../../platform/db/columns';
import { deals } from './deals.tables';

/**
 * Needs analysis of a deal (DOMAIN.md §2): one record per deal with the customer's situation, budget and
 * decision process, and its needs, each core/secondary/potential and explicit/implicit. Confirming it with the
 * customer freezes a confirmation a read-only link can show.
 */

export const dealNeeds = pgTable(
  'deal_needs',
  {
    tenantId: tenantId(),
    dealId: uuid('deal_id').notNull(),
    currentBusiness: text('current_business').notNull().default(''),
    currentTools: text('current_tools').notNull().default(''),
    expectedResults: text('expected_results').notNull().default(''),
    deadlineOn: date('deadline_on', { mode: 'string' }),
    /** Who decides, approves and pays, and how (the linked contacts carry their roles on the deal). */
    decisionProcess: text('decision_process').notNull().default(''),
    budgetMinMinor: bigint('budget_min_minor', { mode: 'number' }),
    budgetMaxMinor: bigint('budget_max_minor', { mode: 'number' }),
    budgetCurrency: text('budget_currency'),
    paymentPreference: text('payment_preference').notNull().default(''),
    specialRequirements: text('special_requirements').notNull().default(''),
    /** The summary the customer confirms ("your core needs are X + Y"). */
    summary: text('summary').notNull().default(''),
    confirmedAt: instant('confirmed_at'),
    /** Who confirmed on the customer's side. */
    confirmedByName: text('confirmed_by_name'),
    /** sha256 of the read-only link's token (the token itself is shown once). */
    shareTokenHash: text('share_token_hash'),
    shareExpiresAt: instant('share_expires_at'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.dealId] }),
    index('deal_needs_share_idx').on(t.tenantId, t.shareTokenHash),
    foreignKey({ columns: [t.tenantId, t.dealId], foreignColumns: [deals.tenantId, deals.id] }).onDelete(
      'cascade',
    ),
    tenantPolicy(t),
  ],
);

export const dealNeedItems = pgTable(
  'deal_need_items',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    dealId: uuid('deal_id').notNull(),
    /** pain_point | goal | requirement */
    kind: text('kind').notNull(),
    description: text('description').notNull(),
    /** core | secondary | potential */
    priority: text('priority').notNull(),
    /** explicit | implicit */
    explicitness: text('explicitness').notNull().default('explicit'),
    position: integer('position').notNull().default(0),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('deal_need_items_deal_idx').on(t.tenantId, t.dealId, t.position),
    foreignKey({ columns: [t.tenantId, t.dealId], foreignColumns: [deals.tenantId, deals.id] }).onDelete(
      'cascade',
    ),
    tenantPolicy(t),
  ],
);
