import { sql } from 'drizzle-orm';
import { foreignKey, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { tenantId, tenantPolicy, timestamps, version } from '../../platform/db/columns';
import { teams, tenants, users } from '../../platform/db/identity.tables';

/**
 * Customers (accounts) and their contacts. Issue #3 (lead conversion) creates them with the fields a lead
 * carries; the customers issue extends these tables with the full profile. The `*_norm` columns hold the
 * normalised company name, phone and email the duplicate check compares (see platform/text/normalize.ts).
 */

export const customers = pgTable(
  'customers',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    nameNorm: text('name_norm').notNull(),
    industry: text('industry'),
    companySize: text('company_size'),
    region: text('region'),
    phone: text('phone'),
    phoneNorm: text('phone_norm'),
    website: text('website'),
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
    index('customers_name_norm_idx').on(t.tenantId, t.nameNorm),
    index('customers_phone_norm_idx').on(t.tenantId, t.phoneNorm),
    index('customers_owner_idx').on(t.tenantId, t.ownerId),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.tenantId] }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.ownerId], foreignColumns: [users.tenantId, users.id] }),
    foreignKey({ columns: [t.tenantId, t.teamId], foreignColumns: [teams.tenantId, teams.id] }),
    tenantPolicy(t),
  ],
);

export const contacts = pgTable(
  'contacts',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    name: text('name').notNull(),
    title: text('title'),
    phone: text('phone'),
    phoneNorm: text('phone_norm'),
    email: text('email'),
    emailNorm: text('email_norm'),
    notes: text('notes').notNull().default(''),
    ownerId: uuid('owner_id'),
    createdBy: uuid('created_by'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('contacts_customer_idx').on(t.tenantId, t.customerId),
    index('contacts_phone_norm_idx').on(t.tenantId, t.phoneNorm),
    index('contacts_email_norm_idx').on(t.tenantId, t.emailNorm),
    index('contacts_name_idx').on(t.tenantId, sql`lower(${t.name})`),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.ownerId], foreignColumns: [users.tenantId, users.id] }),
    tenantPolicy(t),
  ],
);
