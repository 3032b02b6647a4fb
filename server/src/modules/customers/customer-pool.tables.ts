import { boolean, foreignKey, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { instant, tenantId, tenantPolicy, timestamps, version } from '../../platform/db/columns';
import { tenants, users } from '../../platform/db/identity.tables';
import { customers } from './customers.tables';

/**
 * The public pool (公海, DOMAIN.md §7): a customer without owner is in the pool. These tables hold the
 * company's pool rules and the history of claims, releases and automatic returns.
 */

/** One row per company once an admin or manager changes the defaults (version 0 until then). */
export const customerPoolSettings = pgTable(
  'customer_pool_settings',
  {
    tenantId: uuid('tenant_id').notNull().primaryKey(),
    /** Days without a logged follow-up before an owned customer returns to the pool. */
    returnDays: integer('return_days').notNull().default(30),
    /** Per-tier overrides of returnDays (null: returnDays). */
    returnDaysStrategic: integer('return_days_strategic'),
    returnDaysGrowth: integer('return_days_growth'),
    returnDaysPotential: integer('return_days_potential'),
    returnDaysDormant: integer('return_days_dormant'),
    /** The owner is warned this many days before the return. */
    warnDays: integer('warn_days').notNull().default(3),
    /** A rep may claim at most claimLimit customers in any claimPeriodDays days… */
    claimLimit: integer('claim_limit').notNull().default(20),
    claimPeriodDays: integer('claim_period_days').notNull().default(30),
    /** …and may not claim while holding this many customers (null: no cap). */
    holdLimit: integer('hold_limit'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.tenantId] }).onDelete('cascade'),
    tenantPolicy(t),
  ],
);

/** Every claim, release and automatic return of a customer: who, when, why. */
export const customerPoolEvents = pgTable(
  'customer_pool_events',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    /** claim | release | return (the sweep) */
    kind: text('kind').notNull(),
    /** The owner gained (claim) or lost (release, return). */
    userId: uuid('user_id'),
    /** Who did it; null for the sweep. */
    actorId: uuid('actor_id'),
    /** True when the sweep returned the customer. */
    auto: boolean('auto').notNull().default(false),
    reason: text('reason').notNull().default(''),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('customer_pool_events_customer_idx').on(t.tenantId, t.customerId, t.createdAt),
    index('customer_pool_events_user_idx').on(t.tenantId, t.userId, t.kind, t.createdAt),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }),
    foreignKey({ columns: [t.tenantId, t.actorId], foreignColumns: [users.tenantId, users.id] }),
    tenantPolicy(t),
  ],
);
