import type { CustomerTag, CustomerTagColor } from '@contracts/customers.contract';
import { and, eq, ne, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { type Actor, changesBetween, writeAudit } from '../../platform/audit';
import type { Tx } from '../../platform/db/database';
import { withTenant } from '../../platform/db/tenancy';
import { AppError } from '../../platform/http/errors';
import type { Platform } from '../../platform/platform';
import { customers, customerTags } from './customers.tables';

/**
 * The company's managed customer tags (客户标签, e.g. 预算敏感型, 技术驱动型) with a colour. Customers store tag
 * names, so a rename is carried onto every customer that has the tag; a removed tag stays on customers as
 * a free tag (nothing a rep wrote disappears).
 */

type TagRow = typeof customerTags.$inferSelect;

function present(row: TagRow): CustomerTag {
  return {
    id: row.id,
    name: row.name,
    color: row.color as CustomerTagColor,
    description: row.description,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export async function list(platform: Platform, actor: Actor): Promise<{ items: CustomerTag[] }> {
  return withTenant(platform.db, actor.tenantId, async (tx) => {
    const rows = await tx
      .select()
      .from(customerTags)
      .where(eq(customerTags.tenantId, actor.tenantId))
      .orderBy(sql`lower(${customerTags.name})`);
    return { items: rows.map(present) };
  });
}

async function assertNameFree(tx: Tx, tenantId: string, name: string, exceptId?: string): Promise<void> {
  const [taken] = await tx
    .select({ id: customerTags.id })
    .from(customerTags)
    .where(
      and(
        eq(customerTags.tenantId, tenantId),
        sql`lower(${customerTags.name}) = lower(${name})`,
        exceptId ? ne(customerTags.id, exceptId) : undefined,
      ),
    );
  if (taken) throw new AppError('name_taken');
}

const AUDITED = ['name', 'color', 'description'] as const;

export async function create(
  platform: Platform,
  actor: Actor,
  input: { name: string; color: CustomerTagColor; description: string },
): Promise<CustomerTag> {
  return withTenant(platform.db, actor.tenantId, async (tx) => {
    await assertNameFree(tx, actor.tenantId, input.name);
    const now = platform.clock.now();
    const [row] = await tx
      .insert(customerTags)
      .values({
        tenantId: actor.tenantId,
        id: uuidv7(),
        ...input,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new AppError('internal');
    await writeAudit(tx, actor, {
      entity: 'customer_tag',
      entityId: row.id,
      action: 'create',
      changes: changesBetween(null, row, AUDITED),
    });
    return present(row);
  });
}

export async function update(
  platform: Platform,
  actor: Actor,
  id: string,
  expectedVersion: number | null,
  input: {
    name?: string | undefined;
    color?: CustomerTagColor | undefined;
    description?: string | undefined;
  },
): Promise<CustomerTag> {
  const tenantId = actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const [before] = await tx
      .select()
      .from(customerTags)
      .where(and(eq(customerTags.tenantId, tenantId), eq(customerTags.id, id)))
      .for('update');
    if (!before) throw new AppError('not_found');
    if (expectedVersion !== null && before.version !== expectedVersion)
      throw new AppError('version_conflict');
    const renamed = input.name !== undefined && input.name !== before.name;
    if (renamed && input.name) await assertNameFree(tx, tenantId, input.name, id);
    const now = platform.clock.now();
    const [after] = await tx
      .update(customerTags)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.color !== undefined ? { color: input.color } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        version: before.version + 1,
        updatedAt: now,
      })
      .where(and(eq(customerTags.tenantId, tenantId), eq(customerTags.id, id)))
      .returning();
    if (!after) throw new AppError('not_found');
    let carried = 0;
    if (renamed) {
      // Each customer keeps its tags' order and never ends up with the new name twice.
      const moved = await tx
        .update(customers)
        .set({
          tags: sql`ARRAY(SELECT t FROM unnest(array_replace(${customers.tags}, ${before.name}, ${after.name}))
            WITH ORDINALITY AS u(t, n) GROUP BY t ORDER BY min(n))`,
          version: sql`${customers.version} + 1`,
          updatedAt: now,
        })
        .where(and(eq(customers.tenantId, tenantId), sql`${customers.tags} @> ARRAY[${before.name}]::text[]`))
        .returning({ id: customers.id });
      carried = moved.length;
    }
    await writeAudit(tx, actor, {
      entity: 'customer_tag',
      entityId: id,
      action: 'update',
      changes: {
        ...changesBetween(before, after, AUDITED),
        ...(renamed ? { customersRetagged: { from: null, to: carried } } : {}),
      },
    });
    return present(after);
  });
}

export async function remove(platform: Platform, actor: Actor, id: string): Promise<void> {
  await withTenant(platform.db, actor.tenantId, async (tx) => {
    const [before] = await tx
      .delete(customerTags)
      .where(and(eq(customerTags.tenantId, actor.tenantId), eq(customerTags.id, id)))
      .returning();
    if (!before) throw new AppError('not_found');
    await writeAudit(tx, actor, {
      entity: 'customer_tag',
      entityId: id,
      action: 'delete',
      changes: changesBetween(before, null, AUDITED),
    });
  });
}
