import { sql } from 'drizzle-orm';
import { integer, pgPolicy, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Column sets and the row-level-security policy every tenant table shares.
 * The policy reads the tenant that `withTenant` sets with SET LOCAL (SCALE.md rule 10).
 */

export const tenantId = () => uuid('tenant_id').notNull();

/**
 * A point in time, UTC, to the millisecond: what a JavaScript Date holds, so a value read, sent in a cursor
 * or an ETag and compared again is exactly the stored one (PostgreSQL's default microseconds would not be).
 */
export const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date', precision: 3 });

export const timestamps = () => ({
  createdAt: instant('created_at').notNull().defaultNow(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});

/*
 * Indexes are declared in ascending order only: PostgreSQL walks a plain index backwards for ORDER BY … DESC,
 * while a `DESC NULLS LAST` index (drizzle's `.desc()`) matches neither `ASC` nor plain `DESC` and is skipped.
 */

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
