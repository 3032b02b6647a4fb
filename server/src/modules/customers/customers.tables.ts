import { sql } from 'drizzle-orm';
import {
  boolean,
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
import { teams, tenants, users } from '../../platform/db/identity.tables';

/**
 * Customers (accounts), their contacts and the company's managed customer tags (DOMAIN.md §7). Lead
 * conversion creates customers and contacts with what a lead knows; the customers API edits the full
 * profile. The `*_norm` columns hold the normalised company names, phone and email the duplicate check
 * compares (see platform/text/normalize.ts).
 */

/**
 * What the customer list's free-text search looks in, as one expression: the trigram index below is built
 * on it and the list query repeats it (qualified by the table name), so the planner can use the index.
 */
export function customerSearchText(table = ''): string {
  const col = (name: string) => `coalesce(${table ? `"${table}".` : ''}${name}, '')`;
  return `(${['name', 'legal_name', 'credit_code', 'tax_id', 'phone', 'phone_norm'].map(col).join(" || ' ' || ")})`;
}

/** The same for contacts: name, email, phones and WeChat id. */
export function contactSearchText(table = ''): string {
  const col = (name: string) => `coalesce(${table ? `"${table}".` : ''}${name}, '')`;
  return `(${['name', 'email', 'phone', 'phone_norm', 'wechat'].map(col).join(" || ' ' || ")})`;
}

export const customers = pgTable(
  'customers',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    /** Display (short) name, e.g. 云帆科技. */
    name: text('name').notNull(),
    nameNorm: text('name_norm').notNull(),
    /** Registered name, e.g. 上海云帆科技有限公司. */
    legalName: text('legal_name'),
    legalNameNorm: text('legal_name_norm'),
    industry: text('industry'),
    companySize: text('company_size'),
    region: text('region'),
    address: text('address'),
    phone: text('phone'),
    phoneNorm: text('phone_norm'),
    website: text('website'),
    /** Mainland China unified social credit code (统一社会信用代码), 18 characters with a check digit. */
    creditCode: text('credit_code'),
    /** Any other tax or company registration number (VAT, EIN, …), kept as written. */
    taxId: text('tax_id'),
    /** Parent company (group); never a cycle (the service walks the ancestors). */
    parentId: uuid('parent_id'),
    /** Tag names: the company's managed tags (customer_tags) and free ones. */
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    source: text('source'),
    campaignId: uuid('campaign_id'),
    ownerId: uuid('owner_id'),
    teamId: uuid('team_id'),
    /** Users who see and edit the customer besides its owner and their managers. */
    sharedWith: uuid('shared_with').array().notNull().default(sql`'{}'::uuid[]`),
    notes: text('notes').notNull().default(''),
    /** Values of the company's custom fields for customers, keyed by field key (custom-fields module). */
    custom: jsonb('custom').$type<Record<string, unknown>>().notNull().default({}),
    /** potential | growth | mature | decline | churned (DOMAIN.md §7), computed by the lifecycle rules. */
    lifecycleStage: text('lifecycle_stage'),
    /** strategic | growth | potential | dormant (RFM grading), computed by the tier rules. */
    tier: text('tier'),
    /** 0–100 from the health rules (null until they have run); below the company's threshold: at risk. */
    healthScore: integer('health_score'),
    atRisk: boolean('at_risk').notNull().default(false),
    /** Latest activity logged on the customer or one of its contacts (the activities module keeps it). */
    lastActivityAt: instant('last_activity_at'),
    /** When the current owner got the customer (null: since it was created); the pool's return clock. */
    ownerSince: instant('owner_since'),
    createdBy: uuid('created_by'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('customers_name_norm_idx').on(t.tenantId, t.nameNorm),
    index('customers_legal_name_norm_idx').on(t.tenantId, t.legalNameNorm),
    index('customers_phone_norm_idx').on(t.tenantId, t.phoneNorm),
    index('customers_credit_code_idx').on(t.tenantId, t.creditCode),
    index('customers_owner_idx').on(t.tenantId, t.ownerId),
    index('customers_team_idx').on(t.tenantId, t.teamId),
    index('customers_parent_idx').on(t.tenantId, t.parentId),
    index('customers_created_idx').on(t.tenantId, t.createdAt, t.id),
    index('customers_updated_idx').on(t.tenantId, t.updatedAt, t.id),
    index('customers_sort_name_idx').on(t.tenantId, sql`lower(${t.name})`, t.id),
    index('customers_last_activity_idx').on(
      t.tenantId,
      sql`coalesce(${t.lastActivityAt}, '-infinity'::timestamptz)`,
      t.id,
    ),
    index('customers_health_idx').on(t.tenantId, sql`coalesce(${t.healthScore}, 101)`, t.id),
    // The at-risk list (a few percent of the customers) walks its own small index in health order.
    index('customers_at_risk_idx')
      .on(t.tenantId, sql`coalesce(${t.healthScore}, 101)`, t.id)
      .where(sql`${t.atRisk}`),
    index('customers_tags_idx').using('gin', t.tags),
    index('customers_custom_idx').using('gin', sql`${t.custom} jsonb_path_ops`),
    index('customers_shared_idx').using('gin', t.sharedWith),
    index('customers_search_idx').using('gin', sql.raw(`${customerSearchText()} gin_trgm_ops`)),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.tenantId] }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.ownerId], foreignColumns: [users.tenantId, users.id] }),
    foreignKey({ columns: [t.tenantId, t.teamId], foreignColumns: [teams.tenantId, teams.id] }),
    // No SET NULL with the tenant in the key (SCALE.md rule 4): deleting a parent clears its children first.
    foreignKey({ columns: [t.tenantId, t.parentId], foreignColumns: [t.tenantId, t.id] }),
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
    department: text('department'),
    /** Primary phone and email: normalised for the duplicate check. */
    phone: text('phone'),
    phoneNorm: text('phone_norm'),
    email: text('email'),
    emailNorm: text('email_norm'),
    /** Further phones and emails, as written. */
    phones: text('phones').array().notNull().default(sql`'{}'::text[]`),
    emails: text('emails').array().notNull().default(sql`'{}'::text[]`),
    wechat: text('wechat'),
    /** How the person likes to be approached: channels, times, topics. */
    preferences: text('preferences').notNull().default(''),
    /** Decision-chain role: decision_maker | influencer | technical_evaluator | procurement | finance | user. */
    role: text('role'),
    /** supporter | neutral | opponent | unknown */
    attitude: text('attitude').notNull().default('unknown'),
    /** Another contact of the same customer; never a cycle. */
    reportsToId: uuid('reports_to_id'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    notes: text('notes').notNull().default(''),
    /** Values of the company's custom fields for contacts, keyed by field key. */
    custom: jsonb('custom').$type<Record<string, unknown>>().notNull().default({}),
    ownerId: uuid('owner_id'),
    /** Latest activity logged with this contact (the activities module keeps it). */
    lastActivityAt: instant('last_activity_at'),
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
    index('contacts_created_idx').on(t.tenantId, t.createdAt, t.id),
    index('contacts_reports_to_idx').on(t.tenantId, t.reportsToId),
    index('contacts_tags_idx').using('gin', t.tags),
    index('contacts_custom_idx').using('gin', sql`${t.custom} jsonb_path_ops`),
    index('contacts_search_idx').using('gin', sql.raw(`${contactSearchText()} gin_trgm_ops`)),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.ownerId], foreignColumns: [users.tenantId, users.id] }),
    // Cleared by the service before the contact it points at is deleted (SCALE.md rule 4).
    foreignKey({ columns: [t.tenantId, t.reportsToId], foreignColumns: [t.tenantId, t.id] }),
    tenantPolicy(t),
  ],
);

/** The company's managed customer tags (客户标签) with a colour; customers may also carry free tags. */
export const customerTags = pgTable(
  'customer_tags',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    /** One of the palette names of the contract (CUSTOMER_TAG_COLORS). */
    color: text('color').notNull().default('default'),
    description: text('description').notNull().default(''),
    createdBy: uuid('created_by'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('customer_tags_name_uq').on(t.tenantId, sql`lower(${t.name})`),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.tenantId] }).onDelete('cascade'),
    tenantPolicy(t),
  ],
);
