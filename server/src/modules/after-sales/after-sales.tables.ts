import {
  date,
  doublePrecision,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { instant, tenantId, tenantPolicy, timestamps, version } from '../../platform/db/columns';
import { users } from '../../platform/db/identity.tables';
import { contacts, customers } from '../customers/customers.tables';

/**
 * After-sales signals of a customer's health: complaints, open until resolved, and product usage reported per
 * customer, metric and day. Both are read by the nightly health recompute (retention) as sets.
 */

export const complaints = pgTable(
  'complaints',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    contactId: uuid('contact_id'),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** The contract's ComplaintCategory. */
    category: text('category').notNull().default('other'),
    /** The contract's ComplaintSeverity. */
    severity: text('severity').notNull().default('medium'),
    /** open | resolved. */
    status: text('status').notNull().default('open'),
    ownerId: uuid('owner_id'),
    receivedAt: instant('received_at').notNull(),
    resolvedAt: instant('resolved_at'),
    resolution: text('resolution'),
    createdBy: uuid('created_by'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // The health recompute counts open complaints per customer; the customer's card lists them.
    index('complaints_customer_idx').on(t.tenantId, t.customerId, t.status),
    index('complaints_open_idx').on(t.tenantId, t.status, t.receivedAt),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }).onDelete('cascade'),
    // Like deals and leads, a complaint keeps its contact: deleting the contact is refused (409 in_use).
    foreignKey({ columns: [t.tenantId, t.contactId], foreignColumns: [contacts.tenantId, contacts.id] }),
    foreignKey({ columns: [t.tenantId, t.ownerId], foreignColumns: [users.tenantId, users.id] }),
    tenantPolicy(t),
  ],
);

/** One value per customer, metric and day; a day reported again replaces its value. */
export const customerUsage = pgTable(
  'customer_usage',
  {
    tenantId: tenantId(),
    customerId: uuid('customer_id').notNull(),
    metric: text('metric').notNull(),
    day: date('day').notNull(),
    value: doublePrecision('value').notNull(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.customerId, t.metric, t.day] }),
    // The health recompute sums two windows of days for every customer.
    index('customer_usage_day_idx').on(t.tenantId, t.day),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }).onDelete('cascade'),
    tenantPolicy(t),
  ],
);
