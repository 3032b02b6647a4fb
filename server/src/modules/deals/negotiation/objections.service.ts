import type {
  DealObjection,
  ObjectionInput,
  ObjectionPatch,
  ObjectionStatus,
  ObjectionType,
} from '@contracts/deal-negotiation.contract';
import { and, asc, eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import { changesBetween, writeAudit } from '../../../platform/audit';
import type { Tx } from '../../../platform/db/database';
import { withTenant } from '../../../platform/db/tenancy';
import { AppError, invalidFields } from '../../../platform/http/errors';
import type { Platform } from '../../../platform/platform';
import { type DealCaller, dealFor } from '../deal-access';
import { dealObjections, objectionResponses } from '../negotiation.tables';
import { assertOpen } from './open-deal';

/**
 * Objections raised on a deal (DOMAIN.md §4) with the response used: one from the playbook (its text is
 * copied into responseStrategy, which stays editable) or the rep's own. Resolving stamps resolvedAt;
 * reopening clears it. Open objections block the "no open objections" gate.
 */

type ObjectionRow = typeof dealObjections.$inferSelect;
type CreateInput = z.output<typeof ObjectionInput>;
type PatchInput = Omit<z.output<typeof ObjectionPatch>, 'version'>;

const AUDITED = ['type', 'description', 'responseId', 'responseStrategy', 'outcome', 'status'] as const;

function present(row: ObjectionRow, responseTitle: string | null): DealObjection {
  return {
    id: row.id,
    dealId: row.dealId,
    type: row.type as ObjectionType,
    description: row.description,
    responseId: row.responseId,
    responseTitle,
    responseStrategy: row.responseStrategy,
    outcome: row.outcome,
    status: row.status as ObjectionStatus,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** The playbook response by id (active ones only may be chosen); a field error otherwise. */
async function playbookResponse(tx: Tx, tenantId: string, id: string) {
  const [row] = await tx
    .select({ title: objectionResponses.title, body: objectionResponses.body })
    .from(objectionResponses)
    .where(
      and(
        eq(objectionResponses.tenantId, tenantId),
        eq(objectionResponses.id, id),
        eq(objectionResponses.active, true),
      ),
    );
  if (!row) throw invalidFields({ path: 'responseId', code: 'unknown_objection_response' });
  return row;
}

async function titleOf(tx: Tx, tenantId: string, id: string | null): Promise<string | null> {
  if (!id) return null;
  const [row] = await tx
    .select({ title: objectionResponses.title })
    .from(objectionResponses)
    .where(and(eq(objectionResponses.tenantId, tenantId), eq(objectionResponses.id, id)));
  return row?.title ?? null;
}

export async function listObjections(
  platform: Platform,
  caller: DealCaller,
  dealId: string,
): Promise<{ items: DealObjection[] }> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    await dealFor(tx, caller, dealId, 'read');
    const rows = await tx
      .select({ row: dealObjections, title: objectionResponses.title })
      .from(dealObjections)
      .leftJoin(
        objectionResponses,
        and(
          eq(objectionResponses.tenantId, dealObjections.tenantId),
          eq(objectionResponses.id, dealObjections.responseId),
        ),
      )
      .where(and(eq(dealObjections.tenantId, tenantId), eq(dealObjections.dealId, dealId)))
      .orderBy(
        sql`CASE ${dealObjections.status} WHEN 'open' THEN 0 WHEN 'unresolved' THEN 1 ELSE 2 END`,
        asc(dealObjections.createdAt),
        asc(dealObjections.id),
      );
    return { items: rows.map((r) => present(r.row, r.title)) };
  });
}

const resolvedAtFor = (status: string, before: ObjectionRow | null, now: Date): Date | null =>
  status === 'open' ? null : before && before.status !== 'open' ? before.resolvedAt : now;

export async function createObjection(
  platform: Platform,
  caller: DealCaller,
  dealId: string,
  input: CreateInput,
): Promise<DealObjection> {
  const { actor } = caller;
  const tenantId = actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    assertOpen(await dealFor(tx, caller, dealId, 'edit'));
    const response = input.responseId ? await playbookResponse(tx, tenantId, input.responseId) : null;
    const now = platform.clock.now();
    const [row] = await tx
      .insert(dealObjections)
      .values({
        tenantId,
        id: uuidv7(),
        dealId,
        type: input.type,
        description: input.description,
        responseId: input.responseId,
        responseStrategy: input.responseStrategy ?? response?.body ?? '',
        outcome: input.outcome,
        status: input.status,
        resolvedAt: resolvedAtFor(input.status, null, now),
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new AppError('internal');
    await writeAudit(tx, actor, {
      entity: 'deal_objection',
      entityId: row.id,
      action: 'create',
      changes: { dealId: { from: null, to: dealId }, ...changesBetween(null, row, AUDITED) },
    });
    return present(row, response?.title ?? null);
  });
}

async function objectionRow(tx: Tx, tenantId: string, dealId: string, id: string): Promise<ObjectionRow> {
  const [row] = await tx
    .select()
    .from(dealObjections)
    .where(
      and(
        eq(dealObjections.tenantId, tenantId),
        eq(dealObjections.dealId, dealId),
        eq(dealObjections.id, id),
      ),
    )
    .for('update');
  if (!row) throw new AppError('not_found');
  return row;
}

export async function updateObjection(
  platform: Platform,
  caller: DealCaller,
  dealId: string,
  id: string,
  expectedVersion: number | null,
  input: PatchInput,
): Promise<DealObjection> {
  const { actor } = caller;
  const tenantId = actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    assertOpen(await dealFor(tx, caller, dealId, 'edit'));
    const before = await objectionRow(tx, tenantId, dealId, id);
    if (expectedVersion !== null && before.version !== expectedVersion)
      throw new AppError('version_conflict');
    const chosen =
      input.responseId && input.responseId !== before.responseId
        ? await playbookResponse(tx, tenantId, input.responseId)
        : null;
    const now = platform.clock.now();
    const status = input.status ?? before.status;
    const responseStrategy = input.responseStrategy ?? chosen?.body;
    const [after] = await tx
      .update(dealObjections)
      .set({
        ...(input.type !== undefined ? { type: input.type } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.responseId !== undefined ? { responseId: input.responseId } : {}),
        ...(responseStrategy !== undefined ? { responseStrategy } : {}),
        ...(input.outcome !== undefined ? { outcome: input.outcome } : {}),
        status,
        resolvedAt: resolvedAtFor(status, before, now),
        version: before.version + 1,
        updatedAt: now,
      })
      .where(and(eq(dealObjections.tenantId, tenantId), eq(dealObjections.id, id)))
      .returning();
    if (!after) throw new AppError('not_found');
    await writeAudit(tx, actor, {
      entity: 'deal_objection',
      entityId: id,
      action: before.status !== after.status ? `status_${after.status}` : 'update',
      changes: changesBetween(before, after, AUDITED),
    });
    return present(after, await titleOf(tx, tenantId, after.responseId));
  });
}

export async function removeObjection(
  platform: Platform,
  caller: DealCaller,
  dealId: string,
  id: string,
): Promise<void> {
  const { actor } = caller;
  const tenantId = actor.tenantId;
  await withTenant(platform.db, tenantId, async (tx) => {
    assertOpen(await dealFor(tx, caller, dealId, 'edit'));
    const before = await objectionRow(tx, tenantId, dealId, id);
    await tx
      .delete(dealObjections)
      .where(and(eq(dealObjections.tenantId, tenantId), eq(dealObjections.id, id)));
    await writeAudit(tx, actor, {
      entity: 'deal_objection',
      entityId: id,
      action: 'delete',
      changes: { dealId: { from: dealId, to: null }, ...changesBetween(before, null, AUDITED) },
    });
  });
}
