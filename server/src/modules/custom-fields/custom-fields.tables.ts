import {
  boolean,
  foreignKey,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenantId, tenantPolicy, timestamps, version } from '../../platform/db/columns';
import { tenants } from '../../platform/db/identity.tables';

/**
 * Custom field definitions per object. The values live on the records themselves (`customers.custom`,
 * `contacts.custom`, `leads.custom`: jsonb keyed by `key`, with a GIN index), so a filter on them is one indexed condition.
 * A field is switched off rather than deleted: its values stay, hidden, until it is switched on again.
 */
export const customFields = pgTable(
  'custom_fields',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    /** customer | contact | lead */
    object: text('object').notNull(),
    key: text('key').notNull(),
    labelZh: text('label_zh').notNull(),
    labelEn: text('label_en').notNull(),
    /** text | number | money | date | select | multiselect | user | boolean */
    type: text('type').notNull(),
    /** [{ value, labelZh, labelEn }] for select and multiselect. */
    options: jsonb('options')
      .$type<{ value: string; labelZh: string; labelEn: string }[]>()
      .notNull()
      .default([]),
    required: boolean('required').notNull().default(false),
    position: integer('position').notNull().default(0),
    active: boolean('active').notNull().default(true),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('custom_fields_key_uq').on(t.tenantId, t.object, t.key),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.tenantId] }).onDelete('cascade'),
    tenantPolicy(t),
  ],
);
