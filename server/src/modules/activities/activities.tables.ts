import { foreignKey, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { instant, tenantId, tenantPolicy, timestamps, version } from '../../platform/db/columns';
import { tenants, users } from '../../platform/db/identity.tables';
import { contacts, customers } from '../customers/customers.tables';
import { deals } from '../deals/deals.tables';
import { leads } from '../leads/leads.tables';

/**
 * What people did and plan to do: calls, emails, meetings, visits, notes and tasks, each linked to any of a
 * lead, customer, contact and deal (a converted lead's activities gain the customer link and keep the lead's).
 */

export const activities = pgTable(
  'activities',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    /** call | email | meeting | visit | note | task */
    kind: text('kind').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull().default(''),
    /** inbound | outbound, for calls and emails */
    direction: text('direction'),
    occurredAt: instant('occurred_at').notNull().defaultNow(),
    /** Tasks: when due, and when done. */
    dueAt: instant('due_at'),
    doneAt: instant('done_at'),
    leadId: uuid('lead_id'),
    customerId: uuid('customer_id'),
    contactId: uuid('contact_id'),
    dealId: uuid('deal_id'),
    ownerId: uuid('owner_id').notNull(),
    createdBy: uuid('created_by'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('activities_lead_idx').on(t.tenantId, t.leadId, t.occurredAt),
    index('activities_customer_idx').on(t.tenantId, t.customerId, t.occurredAt),
    index('activities_contact_idx').on(t.tenantId, t.contactId, t.occurredAt),
    index('activities_deal_idx').on(t.tenantId, t.dealId, t.occurredAt),
    index('activities_owner_due_idx').on(t.tenantId, t.ownerId, t.dueAt),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.tenantId] }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.leadId], foreignColumns: [leads.tenantId, leads.id] }).onDelete(
      'cascade',
    ),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.tenantId, t.contactId],
      foreignColumns: [contacts.tenantId, contacts.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.dealId], foreignColumns: [deals.tenantId, deals.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.tenantId, t.ownerId], foreignColumns: [users.tenantId, users.id] }),
    tenantPolicy(t),
  ],
);
