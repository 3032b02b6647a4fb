import type { Contact } from '@contracts/customers.contract';
import {
  CONTACT_MERGE_FIELDS,
  type ContactMergeField,
  type MergeContactBody,
} from '@contracts/record-merge.contract';
import { and, eq, ne, sql } from 'drizzle-orm';
import { writeAudit } from '../../../platform/audit';
import type { Tx } from '../../../platform/db/database';
import { withTenant } from '../../../platform/db/tenancy';
import { AppError, invalidFields } from '../../../platform/http/errors';
import type { Platform } from '../../../platform/platform';
import { moveActivitiesOf } from '../../activities';
import { moveDealsOf } from '../../deals';
import { relinkLeadsOf } from '../../leads';
import { repointNotifications } from '../../notifications';
import { type ContactRow, getContactRow, presentContact } from '../contacts.queries';
import { type CustomerCaller, viewerOf } from '../customer-profile.service';
import { canSeeCustomer, canSetContactOwner, contactAbilities } from '../customers.policy';
import { getCustomerRow, linkWouldCycle } from '../customers.queries';
import { contacts } from '../customers.tables';
import { contactDuplicates, contactKeysOf } from '../record-dedupe';
import {
  auditMerge,
  chosenFromSource,
  joinNotes,
  latest,
  linkAfterMerge,
  mergeCustom,
  union,
} from './merge-values';

/**
 * Merging a duplicate contact (the source) into another contact of the same customer (the target), in one
 * transaction: chosen fields, the phones, emails and tags of both (a primary not kept stays as a further
 * one), both notes; the source's deals, activities, converted leads and reports follow the target, and the
 * source is deleted, its full record kept in the audit row. Contacts of two customers merge with their
 * customers (see merge-customers.ts), never across them.
 */

const COMPANIONS: Partial<Record<ContactMergeField, readonly (keyof ContactRow)[]>> = {
  phone: ['phoneNorm'],
  email: ['emailNorm'],
};

const AUDITED = [
  ...CONTACT_MERGE_FIELDS,
  'phones',
  'emails',
  'tags',
  'notes',
  'custom',
  'lastActivityAt',
] as const;

/** A primary phone or email the target does not keep, added to its further ones (never lost). */
function withDropped(list: readonly string[], kept: string | null, ...others: (string | null)[]): string[] {
  const dropped = others.filter((v): v is string => v !== null);
  return union(list, dropped).filter((v) => v !== kept);
}

async function lockPair(tx: Tx, tenantId: string, ids: [string, string]): Promise<void> {
  for (const id of [...ids].sort()) await getContactRow(tx, tenantId, id, true);
}

export async function mergeContacts(
  platform: Platform,
  caller: CustomerCaller,
  id: string,
  input: MergeContactBody,
): Promise<Contact> {
  const tenantId = caller.actor.tenantId;
  if (input.sourceId === id) throw invalidFields({ path: 'sourceId', code: 'merge_same_record' });
  return withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    const first = await getContactRow(tx, tenantId, id);
    // Customer first, then the contacts: the same lock order as every other edit of this customer's contacts.
    const customer = first ? await getCustomerRow(tx, tenantId, first.customerId, true) : undefined;
    if (!first || !customer || !canSeeCustomer(viewer, customer)) throw new AppError('not_found');
    await lockPair(tx, tenantId, [id, input.sourceId]);
    const target = await getContactRow(tx, tenantId, id);
    const source = await getContactRow(tx, tenantId, input.sourceId);
    if (!target) throw new AppError('not_found');
    if (!source) throw invalidFields({ path: 'sourceId', code: 'unknown_record' });
    if (source.customerId !== target.customerId) {
      const other = await getCustomerRow(tx, tenantId, source.customerId);
      const visible = other !== undefined && canSeeCustomer(viewer, other);
      throw invalidFields({ path: 'sourceId', code: visible ? 'merge_other_customer' : 'unknown_record' });
    }
    if (target.version !== input.version || source.version !== input.sourceVersion) {
      throw new AppError('version_conflict');
    }
    if (!contactAbilities(viewer, customer).edit) throw new AppError('forbidden');
    const choices = input.choices;
    if (
      choices.ownerId === 'source' &&
      source.ownerId !== target.ownerId &&
      !canSetContactOwner(viewer, customer, source.ownerId)
    ) {
      throw invalidFields({ path: 'choices.ownerId', code: 'not_permitted' });
    }

    const chosen: Partial<ContactRow> = chosenFromSource(source, CONTACT_MERGE_FIELDS, choices);
    for (const [field, columns] of Object.entries(COMPANIONS)) {
      if (choices[field] !== 'source') continue;
      for (const column of columns) Object.assign(chosen, { [column]: source[column] });
    }
    const custom = mergeCustom(target.custom, source.custom, choices);
    const phone = chosen.phone !== undefined ? chosen.phone : target.phone;
    const email = chosen.email !== undefined ? chosen.email : target.email;
    const reportsToId = linkAfterMerge(
      chosen.reportsToId !== undefined ? chosen.reportsToId : target.reportsToId,
      [target.id, source.id],
    );
    const now = platform.clock.now();
    const link = {
      kind: 'contact' as const,
      from: source.id,
      to: target.id,
      toName: chosen.name !== undefined ? chosen.name : target.name,
    };

    // Those who reported to the source now report to the target (the customer row is locked: no race).
    const reports = await tx
      .update(contacts)
      .set({ reportsToId: target.id, version: sql`${contacts.version} + 1`, updatedAt: now })
      .where(
        and(eq(contacts.tenantId, tenantId), eq(contacts.reportsToId, source.id), ne(contacts.id, target.id)),
      )
      .returning({ id: contacts.id });
    if (
      reportsToId &&
      (await linkWouldCycle(tx, contacts, 'reports_to_id', tenantId, target.id, reportsToId))
    ) {
      throw invalidFields({ path: 'choices.reportsToId', code: 'reports_to_cycle' });
    }
    for (const report of reports) {
      await writeAudit(tx, caller.actor, {
        entity: 'contact',
        entityId: report.id,
        action: 'update',
        changes: { reportsToId: { from: source.id, to: target.id } },
      });
    }
    const deals = await moveDealsOf(tx, tenantId, link);
    const activities = await moveActivitiesOf(tx, tenantId, link);
    const leads = await relinkLeadsOf(tx, tenantId, link);
    await repointNotifications(tx, tenantId, { entity: link.kind, from: source.id, to: target.id });
    if (target.reportsToId === source.id) {
      // The target reported to the source: release that link before the source goes.
      await tx
        .update(contacts)
        .set({ reportsToId: null })
        .where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, target.id)));
    }
    await tx.delete(contacts).where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, source.id)));

    const [after] = await tx
      .update(contacts)
      .set({
        ...chosen,
        reportsToId,
        custom,
        phones: withDropped(union(target.phones, source.phones), phone, target.phone, source.phone),
        emails: withDropped(union(target.emails, source.emails), email, target.email, source.email),
        tags: union(target.tags, source.tags),
        notes: joinNotes(target.notes, source.notes, source.name),
        lastActivityAt: latest(target.lastActivityAt, source.lastActivityAt),
        version: target.version + 1,
        updatedAt: now,
      })
      .where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, target.id)))
      .returning();
    if (!after) throw new AppError('not_found');
    await auditMerge(tx, caller.actor, {
      entity: 'contact',
      source,
      target,
      after,
      choices,
      moved: { deals, leads, reports: reports.map((r) => r.id), activities },
      audited: AUDITED,
    });
    const duplicates = await contactDuplicates(tx, tenantId, contactKeysOf(after), after.id);
    return presentContact(tx, after, customer, viewer, duplicates);
  });
}
