import { bigint, date, foreignKey, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { tenantId, tenantPolicy, timestamps, version } from '../../platform/db/columns';
import { teams, tenants, users } from '../../platform/db/identity.tables';
import { contacts, customers } from '../customers/customers.tables';

/**
 * Deals (opportunities). Lead conversion creates them with what the lead knows; the deals issue adds
 * pipelines, stages with gates and the rest. Money is integer minor units with its currency.
 */

export const deals = pgTable(
  'deals',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    customerId: uuid('customer_id').notNull(),
    contactId: uuid('contact_id'),
    amountMinor: bigint('amount_minor', { mode: 'number' }),
    currency: text('currency').notNull(),
    expectedCloseOn: date('expected_close_on', { mode: 'string' }),
    status: text('status').notNull().default('open'),
    source: text('source'),
    campaignId: uuid('campaign_id'),
    ownerId: uuid('owner_id'),
    teamId: uuid('team_id'),
    notes: text('notes').notNull().default(''),
    createdBy: uuid('created_by'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('deals_customer_idx').on(t.tenantId, t.customerId),
    index('deals_owner_idx').on(t.tenantId, t.ownerId, t.status),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.tenantId] }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }),
    foreignKey({ columns: [t.tenantId, t.contactId], foreignColumns: [contacts.tenantId, contacts.id] }),
    foreignKey({ columns: [t.tenantId, t.ownerId], foreignColumns: [users.tenantId, users.id] }),
    foreignKey({ columns: [t.tenantId, t.teamId], foreignColumns: [teams.tenantId, teams.id] }),
    tenantPolicy(t),
  ],
);
