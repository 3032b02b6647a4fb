import { sql } from 'drizzle-orm';
import {
  date,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
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
    /** Meetings and visits: when they end (the calendar's block); null for a point in time. */
    endsAt: instant('ends_at'),
    /** Visits and meetings: where. */
    location: text('location'),
    /** Tasks: when due, and when done. */
    dueAt: instant('due_at'),
    doneAt: instant('done_at'),
    /** low | normal | high */
    priority: text('priority').notNull().default('normal'),
    /** When to remind the owner (a sweep sends an in-app notice, and mail when configured), and when it did. */
    remindAt: instant('remind_at'),
    remindedAt: instant('reminded_at'),
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
    index('activities_owner_occurred_idx').on(t.tenantId, t.ownerId, t.occurredAt),
    index('activities_remind_idx')
      .on(t.tenantId, t.remindAt)
      .where(sql`${t.remindAt} IS NOT NULL AND ${t.remindedAt} IS NULL`),
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

/**
 * A rep's daily sales log (销售日报) for one day: what they did (generated from the day's activities, then
 * edited), key points per customer, and the plan for tomorrow; submitted for the manager's review.
 */
export const dailyLogs = pgTable(
  'daily_logs',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    summary: text('summary').notNull().default(''),
    /** [{ customerId, text }]: what moved with each customer that day. */
    keyPoints: jsonb('key_points')
      .$type<{ customerId: string | null; text: string }[]>()
      .notNull()
      .default([]),
    plans: text('plans').notNull().default(''),
    submittedAt: instant('submitted_at'),
    /** The manager's review: comment and when. */
    reviewComment: text('review_comment'),
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: instant('reviewed_at'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('daily_logs_user_day_uq').on(t.tenantId, t.userId, t.day),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.tenantId] }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.tenantId, t.reviewedBy], foreignColumns: [users.tenantId, users.id] }),
    tenantPolicy(t),
  ],
);

/**
 * A user's calendar feed (ICS) secret: the URL carries the tenant id and a random secret, stored hashed, so a
 * phone calendar can subscribe without a session; regenerating replaces it.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    tenantId: tenantId(),
    userId: uuid('user_id').notNull(),
    secretHash: text('secret_hash').notNull(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userId] }),
    uniqueIndex('calendar_feeds_secret_uq').on(t.tenantId, t.secretHash),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.tenantId] }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }).onDelete(
      'cascade',
    ),
    tenantPolicy(t),
  ],
);
