import { sql } from 'drizzle-orm';
import { foreignKey, index, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { instant, tenantId, tenantPolicy } from '../../platform/db/columns';
import { tenants, users } from '../../platform/db/identity.tables';

/**
 * In-app notifications, one row per recipient. `kind` names a message in both catalogues and `params` fills
 * it, so a notification reads in the recipient's language whenever it is shown. `dedupeKey` makes a
 * notification sent from a retried job land once.
 */

export const notifications = pgTable(
  'notifications',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    kind: text('kind').notNull(),
    params: jsonb('params').$type<Record<string, string | number | null>>().notNull().default({}),
    entity: text('entity'),
    entityId: uuid('entity_id'),
    dedupeKey: text('dedupe_key'),
    readAt: instant('read_at'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('notifications_user_idx').on(t.tenantId, t.userId, t.createdAt, t.id),
    uniqueIndex('notifications_dedupe_uq')
      .on(t.tenantId, t.userId, t.dedupeKey)
      .where(sql`${t.dedupeKey} IS NOT NULL`),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.tenantId] }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }).onDelete(
      'cascade',
    ),
    tenantPolicy(t),
  ],
);
