import type { CustomValue } from '@contracts/custom-fields.contract';
import type {
  Attitude,
  Contact,
  ContactSummary,
  DecisionRole,
  RecordMatch,
} from '@contracts/customers.contract';
import { and, eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { changesBetween, writeAudit } from '../../platform/audit';
import type { Tx } from '../../platform/db/database';
import { withTenant } from '../../platform/db/tenancy';
import { AppError, type FieldCode, invalidFields } from '../../platform/http/errors';
import type { Platform } from '../../platform/platform';
import { normalizeEmail, normalizePhone } from '../../platform/text/normalize';
import { applyCustomValues, loadFields } from '../custom-fields';
import {
  type ContactRow,
  getContactRow,
  type ListContactsParams,
  listContactSummaries,
  presentContact,
} from './contacts.queries';
import { assertPeople, type CustomerCaller, readableCustomer, viewerOf } from './customer-profile.service';
import {
  type CustomerViewer,
  canSeeCustomer,
  canSetContactOwner,
  contactAbilities,
} from './customers.policy';
import { type CustomerRow, getCustomerRow, linkWouldCycle } from './customers.queries';
import { contacts } from './customers.tables';
import { contactDuplicates, contactKeysOf } from './record-dedupe';

/** Contact use cases: list, read, add to a customer, edit (role, attitude, reporting line), delete. */

export async function list(
  platform: Platform,
  caller: CustomerCaller,
  params: ListContactsParams,
): Promise<{ items: ContactSummary[]; nextCursor: string | null }> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) =>
    listContactSummaries(tx, tenantId, await viewerOf(tx, caller), params),
  );
}

/** A customer's contacts by name, for its page and relationship map; not_found when the customer is hidden. */
export async function listOfCustomer(
  platform: Platform,
  caller: CustomerCaller,
  customerId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ items: ContactSummary[]; nextCursor: string | null }> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    await readableCustomer(tx, viewer, tenantId, customerId);
    return listContactSummaries(tx, tenantId, viewer, { ...page, customerId, sort: 'name' });
  });
}

/** The contact and its customer if the viewer may see the customer; otherwise not_found. */
async function visibleContact(
  tx: Tx,
  viewer: CustomerViewer,
  tenantId: string,
  id: string,
  lock = false,
): Promise<{ contact: ContactRow; customer: CustomerRow }> {
  const contact = await getContactRow(tx, tenantId, id, lock);
  const customer = contact ? await getCustomerRow(tx, tenantId, contact.customerId) : undefined;
  if (!contact || !customer || !canSeeCustomer(viewer, customer)) throw new AppError('not_found');
  return { contact, customer };
}

const keysOfRow = (row: ContactRow) => contactKeysOf(row);

async function present(tx: Tx, viewer: CustomerViewer, contact: ContactRow, customer: CustomerRow) {
  const duplicates = await contactDuplicates(tx, contact.tenantId, keysOfRow(contact), contact.id);
  return presentContact(tx, contact, customer, viewer, duplicates);
}

export async function get(platform: Platform, caller: CustomerCaller, id: string): Promise<Contact> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    const { contact, customer } = await visibleContact(tx, viewer, tenantId, id);
    return present(tx, viewer, contact, customer);
  });
}

type ContactInput = {
  name?: string | undefined;
  title?: string | null | undefined;
  department?: string | null | undefined;
  phone?: string | null | undefined;
  email?: string | null | undefined;
  phones?: string[] | undefined;
  emails?: string[] | undefined;
  wechat?: string | null | undefined;
  preferences?: string | undefined;
  role?: DecisionRole | null | undefined;
  attitude?: Attitude | undefined;
  reportsToId?: string | null | undefined;
  tags?: string[] | undefined;
  notes?: string | undefined;
  ownerId?: string | null | undefined;
  custom?: Record<string, CustomValue | null> | undefined;
};

const blank = (value: string | null | undefined) => (value?.trim() ? value.trim() : null);

/** Phones and emails must be readable (the primary ones are the duplicate check's keys). */
function assertReachable(input: ContactInput): void {
  const problems: { path: string; code: FieldCode }[] = [];
  if (input.phone?.trim() && !normalizePhone(input.phone))
    problems.push({ path: 'phone', code: 'invalid_phone' });
  if (input.email?.trim() && !normalizeEmail(input.email))
    problems.push({ path: 'email', code: 'invalid_email' });
  for (const [i, phone] of (input.phones ?? []).entries()) {
    if (!normalizePhone(phone)) problems.push({ path: `phones.${i}`, code: 'invalid_phone' });
  }
  for (const [i, email] of (input.emails ?? []).entries()) {
    if (!normalizeEmail(email)) problems.push({ path: `emails.${i}`, code: 'invalid_email' });
  }
  if (problems.length > 0) throw invalidFields(...problems);
}

/**
 * A manager for `id` (null for a new contact): another contact of the same customer, and not one that
 * (through its own managers) reports to `id`. The customer row is locked by the caller, so two edits of one
 * customer's reporting lines cannot together close a loop.
 */
async function assertManager(
  tx: Tx,
  tenantId: string,
  customerId: string,
  id: string | null,
  reportsToId: string,
): Promise<void> {
  const manager = await getContactRow(tx, tenantId, reportsToId);
  if (!manager) throw invalidFields({ path: 'reportsToId', code: 'unknown_record' });
  if (manager.customerId !== customerId) {
    throw invalidFields({ path: 'reportsToId', code: 'reports_to_other_customer' });
  }
  if (id && (await linkWouldCycle(tx, contacts, 'reports_to_id', tenantId, id, reportsToId))) {
    throw invalidFields({ path: 'reportsToId', code: 'reports_to_cycle' });
  }
}

function contactColumns(input: ContactInput): Partial<typeof contacts.$inferInsert> {
  const set: Partial<typeof contacts.$inferInsert> = {};
  if (input.name !== undefined) set.name = input.name;
  for (const field of ['title', 'department', 'wechat'] as const) {
    if (input[field] !== undefined) set[field] = blank(input[field]);
  }
  if (input.phone !== undefined) {
    set.phone = blank(input.phone);
    set.phoneNorm = normalizePhone(input.phone);
  }
  if (input.email !== undefined) {
    set.email = blank(input.email);
    set.emailNorm = normalizeEmail(input.email);
  }
  if (input.phones !== undefined) set.phones = [...new Set(input.phones)];
  if (input.emails !== undefined) set.emails = [...new Set(input.emails)];
  if (input.preferences !== undefined) set.preferences = input.preferences;
  if (input.role !== undefined) set.role = input.role;
  if (input.attitude !== undefined) set.attitude = input.attitude;
  if (input.reportsToId !== undefined) set.reportsToId = input.reportsToId;
  if (input.tags !== undefined) set.tags = input.tags;
  if (input.notes !== undefined) set.notes = input.notes;
  return set;
}

const AUDITED = [
  'name',
  'title',
  'department',
  'phone',
  'email',
  'phones',
  'emails',
  'wechat',
  'preferences',
  'role',
  'attitude',
  'reportsToId',
  'tags',
  'notes',
  'ownerId',
  'customerId',
  'custom',
] as const;

async function lockedCustomer(
  tx: Tx,
  viewer: CustomerViewer,
  tenantId: string,
  customerId: string,
  path: string,
): Promise<CustomerRow> {
  const customer = await getCustomerRow(tx, tenantId, customerId, true);
  if (!customer || !canSeeCustomer(viewer, customer)) throw invalidFields({ path, code: 'unknown_record' });
  return customer;
}

export type CreateContactInput = ContactInput & { customerId: string; name: string };

export async function create(
  platform: Platform,
  caller: CustomerCaller,
  input: CreateContactInput,
): Promise<Contact> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    const customer = await lockedCustomer(tx, viewer, tenantId, input.customerId, 'customerId');
    const ownerId = input.ownerId !== undefined ? input.ownerId : (customer.ownerId ?? caller.actor.userId);
    if (!canSetContactOwner(viewer, customer, ownerId)) {
      throw invalidFields({ path: 'ownerId', code: 'not_permitted' });
    }
    assertReachable(input);
    await assertPeople(tx, tenantId, { ownerId });
    if (input.reportsToId) await assertManager(tx, tenantId, customer.id, null, input.reportsToId);
    const fields = await loadFields(tx, tenantId, 'contact');
    const custom = await applyCustomValues(tx, tenantId, fields, {}, input.custom, true);
    const now = platform.clock.now();
    const [row] = await tx
      .insert(contacts)
      .values({
        tenantId,
        id: uuidv7(),
        customerId: customer.id,
        name: input.name,
        ...contactColumns(input),
        custom,
        ownerId,
        createdBy: caller.actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new AppError('internal');
    await writeAudit(tx, caller.actor, {
      entity: 'contact',
      entityId: row.id,
      action: 'create',
      changes: changesBetween(null, row, AUDITED),
    });
    return present(tx, viewer, row, customer);
  });
}

export async function update(
  platform: Platform,
  caller: CustomerCaller,
  id: string,
  expectedVersion: number | null,
  input: ContactInput,
): Promise<Contact> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    const found = await visibleContact(tx, viewer, tenantId, id);
    // Customer first, then the contact: the same lock order as every other edit of this customer's contacts.
    const customer = await lockedCustomer(tx, viewer, tenantId, found.customer.id, 'customerId');
    const before = (await getContactRow(tx, tenantId, id, true)) ?? found.contact;
    if (expectedVersion !== null && before.version !== expectedVersion)
      throw new AppError('version_conflict');
    if (!contactAbilities(viewer, customer).edit) throw new AppError('forbidden');
    if (
      input.ownerId !== undefined &&
      input.ownerId !== before.ownerId &&
      !canSetContactOwner(viewer, customer, input.ownerId)
    ) {
      throw invalidFields({ path: 'ownerId', code: 'not_permitted' });
    }
    assertReachable(input);
    if (input.ownerId !== undefined && input.ownerId !== before.ownerId) {
      await assertPeople(tx, tenantId, { ownerId: input.ownerId });
    }
    if (input.reportsToId && input.reportsToId !== before.reportsToId) {
      await assertManager(tx, tenantId, customer.id, id, input.reportsToId);
    }
    const set = contactColumns(input);
    if (input.ownerId !== undefined) set.ownerId = input.ownerId;
    if (input.custom !== undefined) {
      const fields = await loadFields(tx, tenantId, 'contact');
      set.custom = await applyCustomValues(tx, tenantId, fields, before.custom, input.custom, false);
    }
    const [after] = await tx
      .update(contacts)
      .set({ ...set, version: before.version + 1, updatedAt: platform.clock.now() })
      .where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, id)))
      .returning();
    if (!after) throw new AppError('not_found');
    await writeAudit(tx, caller.actor, {
      entity: 'contact',
      entityId: id,
      action: 'update',
      changes: changesBetween(before, after, AUDITED),
    });
    return present(tx, viewer, after, customer);
  });
}

/**
 * Deletes a contact; those who reported to it now report to nobody (cleared first: a foreign key with the
 * tenant cannot SET NULL). Deals and leads that name the contact make the database refuse (409 in_use).
 */
export async function remove(platform: Platform, caller: CustomerCaller, id: string): Promise<void> {
  const tenantId = caller.actor.tenantId;
  await withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    const found = await visibleContact(tx, viewer, tenantId, id);
    const customer = await lockedCustomer(tx, viewer, tenantId, found.customer.id, 'customerId');
    if (!contactAbilities(viewer, customer).delete) throw new AppError('forbidden');
    const before = (await getContactRow(tx, tenantId, id, true)) ?? found.contact;
    const now = platform.clock.now();
    const reports = await tx
      .update(contacts)
      .set({ reportsToId: null, version: sql`${contacts.version} + 1`, updatedAt: now })
      .where(and(eq(contacts.tenantId, tenantId), eq(contacts.reportsToId, id)))
      .returning({ id: contacts.id });
    for (const report of reports) {
      await writeAudit(tx, caller.actor, {
        entity: 'contact',
        entityId: report.id,
        action: 'update',
        changes: { reportsToId: { from: id, to: null } },
      });
    }
    await tx.delete(contacts).where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, id)));
    await writeAudit(tx, caller.actor, {
      entity: 'contact',
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
    phone?: string | null | undefined;
    email?: string | null | undefined;
    excludeId?: string | undefined;
  },
): Promise<{ matches: RecordMatch[] }> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => ({
    matches: await contactDuplicates(tx, tenantId, contactKeysOf(input), input.excludeId),
  }));
}
