import type {
  ObjectionResponse,
  ObjectionResponseInput,
  ObjectionResponsePatch,
  ObjectionType,
  ResponseMethod,
} from '@contracts/deal-negotiation.contract';
import { and, asc, eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import { type Actor, changesBetween, writeAudit } from '../../../platform/audit';
import { withTenant } from '../../../platform/db/tenancy';
import { AppError } from '../../../platform/http/errors';
import type { Platform } from '../../../platform/platform';
import { dealObjections, objectionResponses } from '../negotiation.tables';

/**
 * The objection playbook (话术库): proven responses by objection type. Everyone reads it; deals.configure
 * edits it. An objection copies the text of the response it used, so editing or removing a response never
 * changes what was said on a deal.
 */

type ResponseRow = typeof objectionResponses.$inferSelect;
type CreateInput = z.output<typeof ObjectionResponseInput>;
type PatchInput = Omit<z.output<typeof ObjectionResponsePatch>, 'version'>;

const AUDITED = ['type', 'title', 'method', 'body', 'active'] as const;

export function presentResponse(row: ResponseRow): ObjectionResponse {
  return {
    id: row.id,
    type: row.type as ObjectionType,
    title: row.title,
    method: row.method as ResponseMethod,
    body: row.body,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export async function listResponses(
  platform: Platform,
  actor: Actor,
  query: { type?: ObjectionType | undefined; includeInactive?: boolean | undefined },
): Promise<{ items: ObjectionResponse[] }> {
  const tenantId = actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const rows = await tx
      .select()
      .from(objectionResponses)
      .where(
        and(
          eq(objectionResponses.tenantId, tenantId),
          query.type ? eq(objectionResponses.type, query.type) : undefined,
          query.includeInactive ? undefined : eq(objectionResponses.active, true),
        ),
      )
      .orderBy(
        asc(objectionResponses.type),
        sql`lower(${objectionResponses.title})`,
        asc(objectionResponses.id),
      );
    return { items: rows.map(presentResponse) };
  });
}

export async function createResponse(
  platform: Platform,
  actor: Actor,
  input: CreateInput,
): Promise<ObjectionResponse> {
  return withTenant(platform.db, actor.tenantId, async (tx) => {
    const now = platform.clock.now();
    const [row] = await tx
      .insert(objectionResponses)
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
      entity: 'objection_response',
      entityId: row.id,
      action: 'create',
      changes: changesBetween(null, row, AUDITED),
    });
    return presentResponse(row);
  });
}

export async function updateResponse(
  platform: Platform,
  actor: Actor,
  id: string,
  expectedVersion: number | null,
  input: PatchInput,
): Promise<ObjectionResponse> {
  const tenantId = actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const where = and(eq(objectionResponses.tenantId, tenantId), eq(objectionResponses.id, id));
    const [before] = await tx.select().from(objectionResponses).where(where).for('update');
    if (!before) throw new AppError('not_found');
    if (expectedVersion !== null && before.version !== expectedVersion)
      throw new AppError('version_conflict');
    const set = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    const [after] = await tx
      .update(objectionResponses)
      .set({ ...set, version: before.version + 1, updatedAt: platform.clock.now() })
      .where(where)
      .returning();
    if (!after) throw new AppError('not_found');
    await writeAudit(tx, actor, {
      entity: 'objection_response',
      entityId: id,
      action: 'update',
      changes: changesBetween(before, after, AUDITED),
    });
    return presentResponse(after);
  });
}

/** Objections that used the response keep their copied text; their link to it is dropped. */
export async function removeResponse(platform: Platform, actor: Actor, id: string): Promise<void> {
  const tenantId = actor.tenantId;
  await withTenant(platform.db, tenantId, async (tx) => {
    const where = and(eq(objectionResponses.tenantId, tenantId), eq(objectionResponses.id, id));
    const [before] = await tx.select().from(objectionResponses).where(where).for('update');
    if (!before) throw new AppError('not_found');
    await tx
      .update(dealObjections)
      .set({ responseId: null })
      .where(and(eq(dealObjections.tenantId, tenantId), eq(dealObjections.responseId, id)));
    await tx.delete(objectionResponses).where(where);
    await writeAudit(tx, actor, {
      entity: 'objection_response',
      entityId: id,
      action: 'delete',
      changes: changesBetween(before, null, AUDITED),
    });
  });
}
