import { boolean, foreignKey, index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { tenantId, tenantPolicy, timestamps, version } from '../../platform/db/columns';
import { users } from '../../platform/db/identity.tables';

/** Customer segments: saved customer-list filters (the list's query string), private or shared. */
export const customerSegments = pgTable(
  'customer_segments',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    ownerId: uuid('owner_id').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    filters: jsonb('filters').$type<Record<string, string>>().notNull().default({}),
    shared: boolean('shared').notNull().default(false),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('customer_segments_owner_idx').on(t.tenantId, t.ownerId),
    foreignKey({ columns: [t.tenantId, t.ownerId], foreignColumns: [users.tenantId, users.id] }).onDelete(
      'cascade',
    ),
    tenantPolicy(t),
  ],
);
