import type { LeadListColumn, LeadSort, LeadView } from '@contracts/lead-views.contract';
import { and, asc, eq, or } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { type Actor, changesBetween, writeAudit } from '../../../platform/audit';
import type { Tx } from '../../../platform/db/database';
import { users } from '../../../platform/db/identity.tables';
import { withTenant } from '../../../platform/db/tenancy';
import { AppError } from '../../../platform/http/errors';
import type { Platform } from '../../../platform/platform';
import { leadViews } from '../leads.tables';

/**
 * Saved views of the lead list. A user sees their own views and the company's shared ones; a private view of
 * someone else does not exist for them (404), a shared one is read-only (403).
 */

type ViewRow = typeof leadViews.$inferSelect;

/** Enough for any person's own plus the company's shared views; the list is not paged. */
const MAX_VIEWS = 500;

const AUDITED = ['name', 'filters', 'columns', 'sort', 'shared'] as const;

function present(row: ViewRow, ownerName: string | null): LeadView {
  return {
    id: row.id,
    name: row.name,
    filters: row.filters as Record<string, string>,
    columns: row.columns as LeadListColumn[],
    sort: row.sort as LeadSort,
    shared: row.shared,
    ownerId: row.ownerId,
    ownerName,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** Blank values filter nothing: they are not stored, so a view's filters read exactly like a list link. */
function cleanFilters(filters: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(filters)
      .map(([key, value]) => [key, value.trim()] as const)
      .filter(([, value]) => value !== ''),
  );
}

const cleanColumns = (columns: readonly LeadListColumn[]) => [...new Set(columns)];

const visibleTo = (userId: string) => or(eq(leadViews.ownerId, userId), eq(leadViews.shared, true));

async function ownerName(tx: Tx, tenantId: string, userId: string): Promise<string | null> {
  const [row] = await tx
    .select({ name: users.name })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
  return row?.name ?? null;
}

/** The view if the actor may see it; `forEdit` also requires them to own it. */
async function load(tx: Tx, actor: Actor, id: string, forEdit: boolean): Promise<ViewRow> {
  const q = tx
    .select()
    .from(leadViews)
    .where(and(eq(leadViews.tenantId, actor.tenantId), eq(leadViews.id, id)));
  const [row] = forEdit ? await q.for('update') : await q;
  const userId = actor.userId ?? '';
  if (!row || (row.ownerId !== userId && !row.shared)) throw new AppError('not_found');
  if (forEdit && row.ownerId !== userId) throw new AppError('forbidden');
  return row;
}

export async function listViews(platform: Platform, actor: Actor): Promise<{ items: LeadView[] }> {
  return withTenant(platform.db, actor.tenantId, async (tx) => {
    const rows = await tx
      .select({ view: leadViews, ownerName: users.name })
      .from(leadViews)
      .leftJoin(users, and(eq(users.tenantId, leadViews.tenantId), eq(users.id, leadViews.ownerId)))
      .where(and(eq(leadViews.tenantId, actor.tenantId), visibleTo(actor.userId ?? '')))
      .orderBy(asc(leadViews.name), asc(leadViews.id))
      .limit(MAX_VIEWS);
    return { items: rows.map((r) => present(r.view, r.ownerName)) };
  });
}

export async function getView(platform: Platform, actor: Actor, id: string): Promise<LeadView> {
  return withTenant(platform.db, actor.tenantId, async (tx) => {
    const row = await load(tx, actor, id, false);
    return present(row, await ownerName(tx, actor.tenantId, row.ownerId));
  });
}

export type ViewInput = {
  name: string;
  filters: Record<string, string>;
  columns: LeadListColumn[];
  sort: LeadSort;
  shared: boolean;
};

export async function createView(platform: Platform, actor: Actor, input: ViewInput): Promise<LeadView> {
  const userId = actor.userId;
  if (!userId) throw new AppError('forbidden');
  return withTenant(platform.db, actor.tenantId, async (tx) => {
    const now = platform.clock.now();
    const [row] = await tx
      .insert(leadViews)
      .values({
        tenantId: actor.tenantId,
        id: uuidv7(),
        ownerId: userId,
        name: input.name,
        filters: cleanFilters(input.filters),
        columns: cleanColumns(input.columns),
        sort: input.sort,
        shared: input.shared,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new AppError('internal');
    await writeAudit(tx, actor, {
      entity: 'lead_view',
      entityId: row.id,
      action: 'create',
      changes: changesBetween(null, row, AUDITED),
    });
    return present(row, await ownerName(tx, actor.tenantId, userId));
  });
}

export async function updateView(
  platform: Platform,
  actor: Actor,
  id: string,
  expectedVersion: number | null,
  input: Partial<ViewInput>,
): Promise<LeadView> {
  return withTenant(platform.db, actor.tenantId, async (tx) => {
    const before = await load(tx, actor, id, true);
    if (expectedVersion !== null && before.version !== expectedVersion) {
      throw new AppError('version_conflict');
    }
    const [after] = await tx
      .update(leadViews)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.filters !== undefined ? { filters: cleanFilters(input.filters) } : {}),
        ...(input.columns !== undefined ? { columns: cleanColumns(input.columns) } : {}),
        ...(input.sort !== undefined ? { sort: input.sort } : {}),
        ...(input.shared !== undefined ? { shared: input.shared } : {}),
        version: before.version + 1,
        updatedAt: platform.clock.now(),
      })
      .where(and(eq(leadViews.tenantId, actor.tenantId), eq(leadViews.id, id)))
      .returning();
    if (!after) throw new AppError('not_found');
    await writeAudit(tx, actor, {
      entity: 'lead_view',
      entityId: id,
      action: 'update',
      changes: changesBetween(before, after, AUDITED),
    });
    return present(after, await ownerName(tx, actor.tenantId, after.ownerId));
  });
}

export async function deleteView(platform: Platform, actor: Actor, id: string): Promise<void> {
  await withTenant(platform.db, actor.tenantId, async (tx) => {
    const before = await load(tx, actor, id, true);
    await tx.delete(leadViews).where(and(eq(leadViews.tenantId, actor.tenantId), eq(leadViews.id, id)));
    await writeAudit(tx, actor, {
      entity: 'lead_view',
      entityId: id,
      action: 'delete',
      changes: changesBetween(before, null, AUDITED),
    });
  });
}
