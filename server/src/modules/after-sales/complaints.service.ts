import type {
  Complaint,
  ComplaintInput,
  ComplaintPatch,
  ComplaintQuery,
} from '@contracts/after-sales.contract';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import { type Actor, changesBetween, writeAudit } from '../../platform/audit';
import type { Tx } from '../../platform/db/database';
import { users } from '../../platform/db/identity.tables';
import { withTenant } from '../../platform/db/tenancy';
import { AppError, invalidFields } from '../../platform/http/errors';
import { encodeCursor, keyset, pageFrom } from '../../platform/http/pagination';
import type { Platform } from '../../platform/platform';
import {
  type CustomerCaller,
  contactCards,
  customers,
  readableCustomer,
  viewerOf,
  visibleCustomer,
  visibleCustomersSql,
} from '../customers';
import { complaints } from './after-sales.tables';

/**
 * Customer complaints: recorded against a customer the caller may see, handled by an owner (the customer's
 * owner unless named), resolved with what was done, or reopened. Who may see a customer sees its complaints;
 * who may work on it records and handles them. An open complaint counts against the customer's health.
 */

type Row = typeof complaints.$inferSelect;
const DAY_MS = 86_400_000;
const AUDITED = [
  'title',
  'description',
  'category',
  'severity',
  'contactId',
  'ownerId',
  'status',
  'resolution',
  'receivedAt',
] as const satisfies readonly (keyof Row)[];

const owners = alias(users, 'owner');

/** The complaint rows with the names the API shows, under `where` (the caller's scope applied by callers). */
function selectComplaints(tx: Tx, tenantId: string, where: (SQL | undefined)[]) {
  return tx
    .select({
      row: complaints,
      customerName: customers.name,
      ownerName: owners.name,
    })
    .from(complaints)
    .innerJoin(
      customers,
      and(eq(customers.tenantId, complaints.tenantId), eq(customers.id, complaints.customerId)),
    )
    .leftJoin(owners, and(eq(owners.tenantId, complaints.tenantId), eq(owners.id, complaints.ownerId)))
    .where(and(eq(complaints.tenantId, tenantId), ...where));
}

async function present(
  tx: Tx,
  found: { row: Row; customerName: string; ownerName: string | null }[],
  now: Date,
): Promise<Complaint[]> {
  const tenantId = found[0]?.row.tenantId ?? '';
  const cards = await contactCards(
    tx,
    tenantId,
    found.flatMap((f) => (f.row.contactId ? [f.row.contactId] : [])),
  );
  return found.map(({ row, customerName, ownerName }) => ({
    id: row.id,
    customerId: row.customerId,
    customerName,
    contactId: row.contactId,
    contactName: row.contactId ? (cards.get(row.contactId)?.name ?? null) : null,
    title: row.title,
    description: row.description,
    category: row.category as Complaint['category'],
    severity: row.severity as Complaint['severity'],
    status: row.status as Complaint['status'],
    ownerId: row.ownerId,
    ownerName,
    receivedAt: row.receivedAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    resolution: row.resolution,
    ageDays: Math.max(0, Math.floor(((row.resolvedAt ?? now).getTime() - row.receivedAt.getTime()) / DAY_MS)),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  }));
}

async function presentOne(tx: Tx, tenantId: string, id: string, now: Date): Promise<Complaint> {
  const found = await selectComplaints(tx, tenantId, [eq(complaints.id, id)]);
  const [complaint] = await present(tx, found, now);
  if (!complaint) throw new AppError('not_found');
  return complaint;
}

/** The contact must be one of the customer's; the owner an active user of the company. */
async function checkRefs(
  tx: Tx,
  tenantId: string,
  customerId: string,
  refs: { contactId?: string | null | undefined; ownerId?: string | null | undefined },
): Promise<void> {
  const problems: Parameters<typeof invalidFields> = [];
  const [cards, owner] = await Promise.all([
    refs.contactId ? contactCards(tx, tenantId, [refs.contactId]) : Promise.resolve(null),
    refs.ownerId
      ? tx
          .select({ id: users.id })
          .from(users)
          .where(and(eq(users.tenantId, tenantId), eq(users.id, refs.ownerId), eq(users.status, 'active')))
      : Promise.resolve(null),
  ]);
  if (refs.contactId && cards?.get(refs.contactId)?.customerId !== customerId) {
    problems.push({ path: 'contactId', code: 'contact_other_customer' });
  }
  if (owner && owner.length === 0) problems.push({ path: 'ownerId', code: 'unknown_user' });
  if (problems.length > 0) throw invalidFields(...problems);
}

export async function listComplaints(
  platform: Platform,
  caller: CustomerCaller,
  query: z.output<typeof ComplaintQuery>,
): Promise<{ items: Complaint[]; nextCursor: string | null }> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    const page = keyset(
      { expr: sql`${complaints.receivedAt}`, kind: 'time' },
      sql`${complaints.id}`,
      true,
      query.cursor,
    );
    const rows = await selectComplaints(tx, tenantId, [
      visibleCustomersSql(viewer),
      query.customerId ? eq(complaints.customerId, query.customerId) : undefined,
      query.status ? eq(complaints.status, query.status) : undefined,
      query.severity ? eq(complaints.severity, query.severity) : undefined,
      query.ownerId ? eq(complaints.ownerId, query.ownerId) : undefined,
      page.after,
    ])
      .orderBy(...page.order)
      .limit(query.limit + 1);
    const { items, nextCursor } = pageFrom(rows, query.limit, (r) =>
      encodeCursor(r.row.receivedAt, r.row.id),
    );
    return { items: await present(tx, items, platform.clock.now()), nextCursor };
  });
}

export async function getComplaint(
  platform: Platform,
  caller: CustomerCaller,
  id: string,
): Promise<Complaint> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const [found] = await tx
      .select({ customerId: complaints.customerId })
      .from(complaints)
      .where(and(eq(complaints.tenantId, tenantId), eq(complaints.id, id)));
    if (!found) throw new AppError('not_found');
    await readableCustomer(tx, await viewerOf(tx, caller), tenantId, found.customerId);
    return presentOne(tx, tenantId, id, platform.clock.now());
  });
}

export async function createComplaint(
  platform: Platform,
  caller: CustomerCaller,
  input: z.output<typeof ComplaintInput>,
): Promise<Complaint> {
  const { actor } = caller;
  const tenantId = actor.tenantId;
  const now = platform.clock.now();
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  if (receivedAt.getTime() > now.getTime()) throw invalidFields({ path: 'receivedAt', code: 'in_future' });
  return withTenant(platform.db, tenantId, async (tx) => {
    const customer = await visibleCustomer(tx, await viewerOf(tx, caller), tenantId, input.customerId);
    await checkRefs(tx, tenantId, customer.id, input);
    const [row] = await tx
      .insert(complaints)
      .values({
        tenantId,
        id: uuidv7(),
        customerId: customer.id,
        contactId: input.contactId ?? null,
        title: input.title,
        description: input.description,
        category: input.category,
        severity: input.severity,
        ownerId: input.ownerId === undefined ? customer.ownerId : input.ownerId,
        receivedAt,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('complaint insert returned nothing');
    await audit(tx, actor, null, row);
    return presentOne(tx, tenantId, row.id, now);
  });
}

export async function patchComplaint(
  platform: Platform,
  caller: CustomerCaller,
  id: string,
  patch: z.output<typeof ComplaintPatch>,
): Promise<Complaint> {
  const { actor } = caller;
  const tenantId = actor.tenantId;
  const now = platform.clock.now();
  return withTenant(platform.db, tenantId, async (tx) => {
    const [before] = await tx
      .select()
      .from(complaints)
      .where(and(eq(complaints.tenantId, tenantId), eq(complaints.id, id)))
      .for('update');
    if (!before) throw new AppError('not_found');
    await visibleCustomer(tx, await viewerOf(tx, caller), tenantId, before.customerId);
    if (before.version !== patch.version) throw new AppError('version_conflict');
    await checkRefs(tx, tenantId, before.customerId, patch);
    const status = patch.status ?? before.status;
    const resolving = status === 'resolved' && before.status !== 'resolved';
    const resolution = patch.resolution ?? (status === 'resolved' ? before.resolution : null);
    if (status === 'resolved' && !resolution) throw invalidFields({ path: 'resolution', code: 'required' });
    const [after] = await tx
      .update(complaints)
      .set({
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.category !== undefined ? { category: patch.category } : {}),
        ...(patch.severity !== undefined ? { severity: patch.severity } : {}),
        ...(patch.contactId !== undefined ? { contactId: patch.contactId } : {}),
        ...(patch.ownerId !== undefined ? { ownerId: patch.ownerId } : {}),
        status,
        // Reopening keeps nothing of the old resolution; resolving stamps the time once.
        resolution: status === 'resolved' ? resolution : null,
        resolvedAt: status === 'resolved' ? (resolving ? now : before.resolvedAt) : null,
        version: before.version + 1,
        updatedAt: now,
      })
      .where(and(eq(complaints.tenantId, tenantId), eq(complaints.id, id)))
      .returning();
    if (!after) throw new Error('complaint update returned nothing');
    await audit(tx, actor, before, after);
    return presentOne(tx, tenantId, id, now);
  });
}

/** On the complaint, and on its customer so that the customer's timeline shows it. */
async function audit(tx: Tx, actor: Actor, before: Row | null, after: Row): Promise<void> {
  const action = !before
    ? 'create'
    : after.status !== before.status
      ? after.status === 'resolved'
        ? 'resolve'
        : 'reopen'
      : 'update';
  const changes = changesBetween(before, after, AUDITED);
  await writeAudit(tx, actor, { entity: 'complaint', entityId: after.id, action, changes });
  if (action === 'update') return;
  await writeAudit(tx, actor, {
    entity: 'customer',
    entityId: after.customerId,
    action: `complaint_${action === 'create' ? 'received' : action === 'resolve' ? 'resolved' : 'reopened'}`,
    changes: { complaint: { from: null, to: after.title } },
  });
}
