import type { CustomerSegment } from '@contracts/customer-segments.contract';
import { CustomerFilter } from '@contracts/customers.contract';
import { and, asc, eq, or } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { type Actor, changesBetween, writeAudit } from '../../../platform/audit';
import type { Tx } from '../../../platform/db/database';
import { users } from '../../../platform/db/identity.tables';
import { withTenant } from '../../../platform/db/tenancy';
import { AppError, invalidFields } from '../../../platform/http/errors';
import type { Platform } from '../../../platform/platform';
import { customerSegments } from '../customer-segments.tables';

/**
 * Customer segments. A user sees their own segments and the company's shared ones; someone else's private
 * segment does not exist for them (404), a shared one is read-only (403). The list resolves a segment to its
 * filters at each request, so a segment always means what it says today (new customers, moved tiers).
 */

type SegmentRow = typeof customerSegments.$inferSelect;

const MAX_SEGMENTS = 500;
const AUDITED = ['name', 'description', 'filters', 'shared'] as const;

function present(row: SegmentRow, ownerName: string | null): CustomerSegment {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    filters: row.filters,
    shared: row.shared,
    ownerId: row.ownerId,
    ownerName,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** Blank values filter nothing: they are not stored, so a segment reads exactly like a list link. */
function cleanFilters(filters: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(filters)
      .map(([key, value]) => [key, value.trim()] as const)
      .filter(([, value]) => value !== ''),
  );
}

const visibleTo = (userId: string) =>
  or(eq(customerSegments.ownerId, userId), eq(customerSegments.shared, true));

async function ownerName(tx: Tx, tenantId: string, userId: string): Promise<string | null> {
  const [row] = await tx
    .select({ name: users.name })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
  return row?.name ?? null;
}

async function load(tx: Tx, actor: Actor, id: string, forEdit: boolean): Promise<SegmentRow> {
  const q = tx
    .select()
    .from(customerSegments)
    .where(and(eq(customerSegments.tenantId, actor.tenantId), eq(customerSegments.id, id)));
  const [row] = forEdit ? await q.for('update') : await q;
  const userId = actor.userId ?? '';
  if (!row || (row.ownerId !== userId && !row.shared)) throw new AppError('not_found');
  if (forEdit && row.ownerId !== userId) throw new AppError('forbidden');
  return row;
}

/**
 * A list filter with its segment resolved: the segment's filters, then the request's own on top (a key given
 * in both takes the request's value). An unknown or invisible segment is a 400 naming `segment`.
 */
export async function withSegment<F extends CustomerFilter>(tx: Tx, actor: Actor, filter: F): Promise<F> {
  if (!filter.segment) return filter;
  let row: SegmentRow;
  try {
    row = await load(tx, actor, filter.segment, false);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') {
      throw invalidFields({ path: 'segment', code: 'unknown_record' });
    }
    throw error;
  }
  const saved = CustomerFilter.parse(row.filters);
  const given = Object.fromEntries(
    Object.entries(filter).filter(([k, v]) => v !== undefined && k !== 'segment'),
  );
  return { ...filter, ...saved, ...given, segment: undefined };
}

export async function listSegments(platform: Platform, actor: Actor): Promise<{ items: CustomerSegment[] }> {
  return withTenant(platform.db, actor.tenantId, async (tx) => {
    const rows = await tx
      .select({ segment: customerSegments, ownerName: users.name })
      .from(customerSegments)
      .leftJoin(
        users,
        and(eq(users.tenantId, customerSegments.tenantId), eq(users.id, customerSegments.ownerId)),
      )
      .where(and(eq(customerSegments.tenantId, actor.tenantId), visibleTo(actor.userId ?? '')))
      .orderBy(asc(customerSegments.name), asc(customerSegments.id))
      .limit(MAX_SEGMENTS);
    return { items: rows.map((r) => present(r.segment, r.ownerName)) };
  });
}

export async function getSegment(platform: Platform, actor: Actor, id: string): Promise<CustomerSegment> {
  return withTenant(platform.db, actor.tenantId, async (tx) => {
    const row = await load(tx, actor, id, false);
    return present(row, await ownerName(tx, actor.tenantId, row.ownerId));
  });
}

export type SegmentInput = {
  name: string;
  description: string;
  filters: Record<string, string>;
  shared: boolean;
};

export async function createSegment(
  platform: Platform,
  actor: Actor,
  input: SegmentInput,
): Promise<CustomerSegment> {
  const userId = actor.userId;
  if (!userId) throw new AppError('forbidden');
  return withTenant(platform.db, actor.tenantId, async (tx) => {
    const now = platform.clock.now();
    const [row] = await tx
      .insert(customerSegments)
      .values({
        tenantId: actor.tenantId,
        id: uuidv7(),
        ownerId: userId,
        name: input.name,
        description: input.description,
        filters: cleanFilters(input.filters),
        shared: input.shared,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new AppError('internal');
    await writeAudit(tx, actor, {
      entity: 'customer_segment',
      entityId: row.id,
      action: 'create',
      changes: changesBetween(null, row, AUDITED),
    });
    return present(row, await ownerName(tx, actor.tenantId, userId));
  });
}

export async function updateSegment(
  platform: Platform,
  actor: Actor,
  id: string,
  expectedVersion: number | null,
  input: Partial<SegmentInput>,
): Promise<CustomerSegment> {
  return withTenant(platform.db, actor.tenantId, async (tx) => {
    const before = await load(tx, actor, id, true);
    if (expectedVersion !== null && before.version !== expectedVersion)
      throw new AppError('version_conflict');
    const [after] = await tx
      .update(customerSegments)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.filters !== undefined ? { filters: cleanFilters(input.filters) } : {}),
        ...(input.shared !== undefined ? { shared: input.shared } : {}),
        version: before.version + 1,
        updatedAt: platform.clock.now(),
      })
      .where(and(eq(customerSegments.tenantId, actor.tenantId), eq(customerSegments.id, id)))
      .returning();
    if (!after) throw new AppError('not_found');
    await writeAudit(tx, actor, {
      entity: 'customer_segment',
      entityId: id,
      action: 'update',
      changes: changesBetween(before, after, AUDITED),
    });
    return present(after, await ownerName(tx, actor.tenantId, after.ownerId));
  });
}

export async function deleteSegment(platform: Platform, actor: Actor, id: string): Promise<void> {
  await withTenant(platform.db, actor.tenantId, async (tx) => {
    const before = await load(tx, actor, id, true);
    await tx
      .delete(customerSegments)
      .where(and(eq(customerSegments.tenantId, actor.tenantId), eq(customerSegments.id, id)));
    await writeAudit(tx, actor, {
      entity: 'customer_segment',
      entityId: id,
      action: 'delete',
      changes: changesBetween(before, null, AUDITED),
    });
  });
}
