import { sql } from 'drizzle-orm';
import { integer, pgPolicy, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Column sets and the row-level-security policy every tenant table shares.
 * The policy reads the tenant that `withTenant` sets with SET LOCAL (SCALE.md rule 10).
 */

export const tenantId = () => uuid('tenant_id').notNull();

export const timestamps = () => ({
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** Optimistic-concurrency counter: bumped by every update, compared against If-Match / body.version. */
export const version = () => integer('version').notNull().default(1);

const currentTenant = sql`NULLIF(current_setting('app.tenant_id', true), '')::uuid`;

export const tenantPolicy = (table: { tenantId: unknown }) => {
  void table;
  return pgPolicy('tenant_isolation', {
    as: 'permissive',
    for: 'all',
    using: sql`tenant_id = ${currentTenant}`,
    withCheck: sql`tenant_id = ${currentTenant}`,
  });
};
