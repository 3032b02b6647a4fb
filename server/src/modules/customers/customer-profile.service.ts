import type { Role } from '@contracts/common';
import type { CustomValue } from '@contracts/custom-fields.contract';
import type { Customer, CustomerDeal, CustomerFilter, RecordMatch } from '@contracts/customers.contract';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { can } from '../../platform/access';
import { type Actor, changesBetween, writeAudit } from '../../platform/audit';
import type { Tx } from '../../platform/db/database';
import { teamMembers, teams, users } from '../../platform/db/identity.tables';
import { withTenant } from '../../platform/db/tenancy';
import { AppError, type FieldCode, invalidFields } from '../../platform/http/errors';
import type { Platform } from '../../platform/platform';
import { normalizeCompany, normalizePhone } from '../../platform/text/normalize';
import { applyCustomValues, customFilterSql, loadFields } from '../custom-fields';
import { listCustomerDeals } from '../deals';
import {
  type CustomerViewer,
  canReadCustomer,
  canSeeCustomer,
  canSetCustomerOwner,
  canShareCustomer,
  customerAbilities,
} from './customers.policy';
import {
  type CustomerRow,
  countCustomers,
  getCustomerRow,
  type ListCustomersParams,
  linkWouldCycle,
  listCustomerSummaries,
  loadViewer,
  namesOf,
  presentCustomer,
} from './customers.queries';
import { customers } from './customers.tables';
import { customerDuplicates, customerKeysOf } from './record-dedupe';
import { withSegment } from './segments/segments.service';

/** Customer use cases: list, read, create, edit, reassign, share, delete, check for duplicates. */

export type CustomerCaller = { actor: Actor; role: Role };

export function viewerOf(tx: Tx, caller: CustomerCaller): Promise<CustomerViewer> {
  return loadViewer(tx, caller.actor.tenantId, { userId: caller.actor.userId ?? '', role: caller.role });
}

/** The customer if the viewer may read it (a pool customer included); otherwise not_found. */
export async function readableCustomer(
  tx: Tx,
  viewer: CustomerViewer,
  tenantId: string,
  id: string,
): Promise<CustomerRow> {
  const row = await getCustomerRow(tx, tenantId, id);
  if (!row || !canReadCustomer(viewer, row)) throw new AppError('not_found');
  return row;
}

/** The customer if the viewer may see it; otherwise not_found, so nobody learns what exists elsewhere. */
export async function visibleCustomer(
  tx: Tx,
  viewer: CustomerViewer,
  tenantId: string,
  id: string,
  lock = false,
): Promise<CustomerRow> {
  const row = await getCustomerRow(tx, tenantId, id, lock);
  if (!row || !canSeeCustomer(viewer, row)) throw new AppError('not_found');
  return row;
}

/**
 * A list filter as the list, its count and the bulk actions apply it: a saved segment resolved into its filters
 * (`withSegment`), and the custom-field part as conditions checked against the company's fields.
 */
export async function resolveFilter<F extends CustomerFilter>(
  tx: Tx,
  actor: Actor,
  query: F,
): Promise<{ filter: F; custom: SQL[] }> {
  const filter = await withSegment(tx, actor, query);
  if (!filter.custom) return { filter, custom: [] };
  const fields = await loadFields(tx, actor.tenantId, 'customer');
  return { filter, custom: customFilterSql(fields, sql`${customers.custom}`, filter.custom) };
}

export async function list(platform: Platform, caller: CustomerCaller, query: ListCustomersParams) {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const [viewer, { filter, custom }] = await Promise.all([
      viewerOf(tx, caller),
      resolveFilter(tx, caller.actor, query),
    ]);
    return listCustomerSummaries(tx, tenantId, viewer, filter, undefined, custom);
  });
}

export async function count(platform: Platform, caller: CustomerCaller, query: CustomerFilter) {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const [viewer, { filter, custom }] = await Promise.all([
      viewerOf(tx, caller),
      resolveFilter(tx, caller.actor, query),
    ]);
    return countCustomers(tx, tenantId, viewer, filter, custom);
  });
}

const keysOfRow = (row: CustomerRow) => customerKeysOf(row);

export async function get(platform: Platform, caller: CustomerCaller, id: string): Promise<Customer> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    const row = await readableCustomer(tx, viewer, tenantId, id);
    return presentCustomer(tx, row, viewer, await customerDuplicates(tx, tenantId, keysOfRow(row), row.id));
  });
}

type Problem = { path: string; code: FieldCode };

/** Users (active) and teams named by an edit exist in this tenant: the foreign key would only say 409. */
export async function assertPeople(
  tx: Tx,
  tenantId: string,
  refs: { ownerId?: string | null | undefined; teamId?: string | null | undefined; sharedWith?: string[] },
): Promise<void> {
  const problems: Problem[] = [];
  const userIds = [...(refs.ownerId ? [refs.ownerId] : []), ...(refs.sharedWith ?? [])];
  const [found, team] = await Promise.all([
    userIds.length === 0
      ? Promise.resolve([])
      : tx
          .select({ id: users.id })
          .from(users)
          .where(and(eq(users.tenantId, tenantId), inArray(users.id, userIds), eq(users.status, 'active'))),
    refs.teamId
      ? tx
          .select({ id: teams.id })
          .from(teams)
          .where(and(eq(teams.tenantId, tenantId), eq(teams.id, refs.teamId)))
      : Promise.resolve(null),
  ]);
  const ok = new Set(found.map((u) => u.id));
  if (refs.ownerId && !ok.has(refs.ownerId)) problems.push({ path: 'ownerId', code: 'unknown_user' });
  for (const [i, id] of (refs.sharedWith ?? []).entries()) {
    if (!ok.has(id)) problems.push({ path: `sharedWith.${i}`, code: 'unknown_user' });
  }
  if (team && team.length === 0) problems.push({ path: 'teamId', code: 'unknown_team' });
  if (problems.length > 0) throw invalidFields(...problems);
}

/** The owner's team when they belong to exactly one: a new customer lands in the team that owns it. */
export async function soleTeamOf(tx: Tx, tenantId: string, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const rows = await tx
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(and(eq(teamMembers.tenantId, tenantId), eq(teamMembers.userId, userId)))
    .limit(2);
  return rows.length === 1 ? (rows[0]?.teamId ?? null) : null;
}

/** A parent the viewer can see, and (for an existing customer) one that is not among its descendants. */
async function assertParent(
  tx: Tx,
  viewer: CustomerViewer,
  tenantId: string,
  parentId: string,
  childId: string | null,
): Promise<void> {
  const parent = await getCustomerRow(tx, tenantId, parentId);
  if (!parent || !canSeeCustomer(viewer, parent)) {
    throw invalidFields({ path: 'parentId', code: 'unknown_record' });
  }
  if (!childId) return;
  // Two edits that each close half of a loop must not pass together: parent changes queue per company.
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`customer-tree:${tenantId}`}, 0))`);
  if (await linkWouldCycle(tx, customers, 'parent_id', tenantId, childId, parentId)) {
    throw invalidFields({ path: 'parentId', code: 'parent_cycle' });
  }
}

function assertPhone(phone: string | null | undefined): void {
  if (phone?.trim() && !normalizePhone(phone)) throw invalidFields({ path: 'phone', code: 'invalid_phone' });
}

const blank = (value: string | null | undefined) => (value?.trim() ? value.trim() : null);

/** Profile fields as the table stores them, with the duplicate-check keys they imply. */
function profileColumns(input: ProfileInput): Partial<typeof customers.$inferInsert> {
  const set: Partial<typeof customers.$inferInsert> = {};
  if (input.name !== undefined) {
    set.name = input.name;
    set.nameNorm = normalizeCompany(input.name) ?? input.name.toLowerCase();
  }
  if (input.legalName !== undefined) {
    set.legalName = blank(input.legalName);
    set.legalNameNorm = normalizeCompany(input.legalName);
  }
  if (input.phone !== undefined) {
    set.phone = blank(input.phone);
    set.phoneNorm = normalizePhone(input.phone);
  }
  for (const field of ['industry', 'region', 'address', 'website', 'taxId'] as const) {
    if (input[field] !== undefined) set[field] = blank(input[field]);
  }
  if (input.companySize !== undefined) set.companySize = input.companySize;
  if (input.creditCode !== undefined) set.creditCode = input.creditCode || null;
  if (input.parentId !== undefined) set.parentId = input.parentId;
  if (input.tags !== undefined) set.tags = input.tags;
  if (input.notes !== undefined) set.notes = input.notes;
  return set;
}

type ProfileInput = {
  name?: string | undefined;
  legalName?: string | null | undefined;
  industry?: string | null | undefined;
  companySize?: string | null | undefined;
  region?: string | null | undefined;
  address?: string | null | undefined;
  phone?: string | null | undefined;
  website?: string | null | undefined;
  creditCode?: string | null | undefined;
  taxId?: string | null | undefined;
  parentId?: string | null | undefined;
  tags?: string[] | undefined;
  notes?: string | undefined;
  custom?: Record<string, CustomValue | null> | undefined;
};

export type CreateCustomerInput = ProfileInput & {
  name: string;
  ownerId?: string | null | undefined;
  teamId?: string | null | undefined;
};

const AUDITED = [
  'name',
  'legalName',
  'industry',
  'companySize',
  'region',
  'address',
  'phone',
  'website',
  'creditCode',
  'taxId',
  'parentId',
  'tags',
  'notes',
  'ownerId',
  'teamId',
  'sharedWith',
  'custom',
] as const;

export async function create(
  platform: Platform,
  caller: CustomerCaller,
  input: CreateCustomerInput,
): Promise<Customer> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    const ownerId = input.ownerId !== undefined ? input.ownerId : caller.actor.userId;
    if (!canSetCustomerOwner(viewer, ownerId))
      throw invalidFields({ path: 'ownerId', code: 'not_permitted' });
    if (input.teamId && !can(viewer.role, 'customers.assign')) {
      throw invalidFields({ path: 'teamId', code: 'not_permitted' });
    }
    assertPhone(input.phone);
    await assertPeople(tx, tenantId, { ownerId, teamId: input.teamId });
    if (input.parentId) await assertParent(tx, viewer, tenantId, input.parentId, null);
    const teamId = input.teamId !== undefined ? input.teamId : await soleTeamOf(tx, tenantId, ownerId);
    const fields = await loadFields(tx, tenantId, 'customer');
    const custom = await applyCustomValues(tx, tenantId, fields, {}, input.custom, true);
    const now = platform.clock.now();
    const [created] = await tx
      .insert(customers)
      .values({
        tenantId,
        id: uuidv7(),
        name: input.name,
        nameNorm: input.name.toLowerCase(),
        ...profileColumns(input),
        custom,
        ownerId,
        teamId,
        createdBy: caller.actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!created) throw new AppError('internal');
    let row = created;
    // Whoever creates a customer keeps seeing it, even when it goes to an owner outside their scope.
    if (!canSeeCustomer(viewer, row) && caller.actor.userId) {
      const [shared] = await tx
        .update(customers)
        .set({ sharedWith: [caller.actor.userId] })
        .where(and(eq(customers.tenantId, tenantId), eq(customers.id, row.id)))
        .returning();
      row = shared ?? row;
    }
    await writeAudit(tx, caller.actor, {
      entity: 'customer',
      entityId: row.id,
      action: 'create',
      changes: changesBetween(null, row, AUDITED),
    });
    return presentCustomer(tx, row, viewer, await customerDuplicates(tx, tenantId, keysOfRow(row), row.id));
  });
}

export type UpdateCustomerInput = ProfileInput & {
  ownerId?: string | null | undefined;
  teamId?: string | null | undefined;
  sharedWith?: string[] | undefined;
};

export async function update(
  platform: Platform,
  caller: CustomerCaller,
  id: string,
  expectedVersion: number | null,
  input: UpdateCustomerInput,
): Promise<Customer> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    const before = await visibleCustomer(tx, viewer, tenantId, id, true);
    if (expectedVersion !== null && before.version !== expectedVersion)
      throw new AppError('version_conflict');
    const after = await applyCustomerUpdate(tx, platform, caller, viewer, before, input);
    return presentCustomer(tx, after, viewer, await customerDuplicates(tx, tenantId, keysOfRow(after), id));
  });
}

/**
 * An edit of a customer the caller sees (`before`, read with its lock), checked against the caller's
 * abilities, saved with a new version and audited; PATCH and the bulk actions. Throws a translatable error.
 */
export async function applyCustomerUpdate(
  tx: Tx,
  platform: Platform,
  caller: CustomerCaller,
  viewer: CustomerViewer,
  before: CustomerRow,
  input: UpdateCustomerInput,
): Promise<CustomerRow> {
  const { tenantId } = before;
  const abilities = customerAbilities(viewer, before);
  if (!abilities.edit) throw new AppError('forbidden');
  const ownerChanges = input.ownerId !== undefined && input.ownerId !== before.ownerId;
  const teamChanges = input.teamId !== undefined && input.teamId !== before.teamId;
  if ((ownerChanges || teamChanges) && !abilities.assign) {
    throw invalidFields({ path: ownerChanges ? 'ownerId' : 'teamId', code: 'not_permitted' });
  }
  if (input.sharedWith !== undefined && !canShareCustomer(viewer, before)) {
    throw invalidFields({ path: 'sharedWith', code: 'not_permitted' });
  }
  assertPhone(input.phone);
  await assertPeople(tx, tenantId, {
    ownerId: ownerChanges ? input.ownerId : undefined,
    teamId: teamChanges ? input.teamId : undefined,
    ...(input.sharedWith ? { sharedWith: input.sharedWith } : {}),
  });
  if (input.parentId && input.parentId !== before.parentId) {
    await assertParent(tx, viewer, tenantId, input.parentId, before.id);
  }
  const set = profileColumns(input);
  if (input.custom !== undefined) {
    const fields = await loadFields(tx, tenantId, 'customer');
    set.custom = await applyCustomValues(tx, tenantId, fields, before.custom, input.custom, false);
  }
  const now = platform.clock.now();
  if (ownerChanges) {
    set.ownerId = input.ownerId;
    set.ownerSince = input.ownerId ? now : null;
  }
  if (teamChanges) set.teamId = input.teamId;
  if (input.sharedWith !== undefined) set.sharedWith = [...new Set(input.sharedWith)];
  const [after] = await tx
    .update(customers)
    .set({ ...set, version: before.version + 1, updatedAt: now })
    .where(and(eq(customers.tenantId, tenantId), eq(customers.id, before.id)))
    .returning();
  if (!after) throw new AppError('not_found');
  await writeAudit(tx, caller.actor, {
    entity: 'customer',
    entityId: before.id,
    action: ownerChanges || teamChanges ? 'assign' : 'update',
    changes: changesBetween(before, after, AUDITED),
  });
  return after;
}

/**
 * Deletes a customer with its contacts and their activities. Subsidiaries lose their parent first (a foreign
 * key with the tenant cannot SET NULL, SCALE.md rule 4); deals and leads still naming the customer make the
 * database refuse (409 in_use), since they are history the company keeps.
 */
export async function remove(platform: Platform, caller: CustomerCaller, id: string): Promise<void> {
  const tenantId = caller.actor.tenantId;
  await withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    const before = await visibleCustomer(tx, viewer, tenantId, id, true);
    if (!customerAbilities(viewer, before).delete) throw new AppError('forbidden');
    const now = platform.clock.now();
    const children = await tx
      .update(customers)
      .set({ parentId: null, version: sql`${customers.version} + 1`, updatedAt: now })
      .where(and(eq(customers.tenantId, tenantId), eq(customers.parentId, id)))
      .returning({ id: customers.id });
    for (const child of children) {
      await writeAudit(tx, caller.actor, {
        entity: 'customer',
        entityId: child.id,
        action: 'update',
        changes: { parentId: { from: id, to: null } },
      });
    }
    await tx.delete(customers).where(and(eq(customers.tenantId, tenantId), eq(customers.id, id)));
    await writeAudit(tx, caller.actor, {
      entity: 'customer',
      entityId: id,
      action: 'delete',
      changes: changesBetween(before, null, AUDITED),
    });
  });
}

export async function checkDuplicates(
  platform: Platform,
  caller: CustomerCaller,
  input: {
    name?: string | null | undefined;
    legalName?: string | null | undefined;
    creditCode?: string | null | undefined;
    phone?: string | null | undefined;
    excludeId?: string | undefined;
  },
): Promise<{ matches: RecordMatch[] }> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => ({
    matches: await customerDuplicates(tx, tenantId, customerKeysOf(input), input.excludeId),
  }));
}

export async function listDeals(
  platform: Platform,
  caller: CustomerCaller,
  id: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ items: CustomerDeal[]; nextCursor: string | null }> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    await readableCustomer(tx, await viewerOf(tx, caller), tenantId, id);
    const found = await listCustomerDeals(tx, tenantId, id, page);
    const names = await namesOf(
      tx,
      tenantId,
      found.items.map((d) => d.ownerId),
    );
    return {
      items: found.items.map((d) => ({
        id: d.id,
        name: d.name,
        status: d.status,
        amountMinor: d.amountMinor,
        currency: d.currency,
        expectedCloseOn: d.expectedCloseOn,
        contactId: d.contactId,
        ownerId: d.ownerId,
        ownerName: d.ownerId ? (names.users.get(d.ownerId) ?? null) : null,
        createdAt: d.createdAt.toISOString(),
      })),
      nextCursor: found.nextCursor,
    };
  });
}
