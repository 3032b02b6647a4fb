import type { Customer } from '@contracts/customers.contract';
import {
  CUSTOMER_MERGE_FIELDS,
  type CustomerMergeField,
  type MergeCustomerBody,
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
import { mergeCustomerRetention } from '../../retention';
import { customerPoolEvents } from '../customer-pool.tables';
import { type CustomerCaller, viewerOf } from '../customer-profile.service';
import {
  type CustomerViewer,
  canMergeCustomers,
  canSeeCustomer,
  customerAbilities,
} from '../customers.policy';
import { type CustomerRow, getCustomerRow, linkWouldCycle, presentCustomer } from '../customers.queries';
import { contacts, customers } from '../customers.tables';
import { customerDuplicates, customerKeysOf } from '../record-dedupe';
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
 * Merging a duplicate customer (the source) into another (the target), in one transaction: the target keeps
 * each field from the side the user chose, tags and sharing of both, both notes, and takes over the source's
 * contacts, deals, activities, converted leads, subsidiaries, pool history and churns; the source's computed
 * retention row is dropped and the source deleted, its full record kept in the audit row.
 */

/** Each chosen field with the columns stored from it (normalised keys, the owner's clock). */
const COMPANIONS: Partial<Record<CustomerMergeField, readonly (keyof CustomerRow)[]>> = {
  name: ['nameNorm'],
  legalName: ['legalNameNorm'],
  phone: ['phoneNorm'],
  ownerId: ['ownerSince'],
};

const AUDITED = [
  ...CUSTOMER_MERGE_FIELDS,
  'tags',
  'sharedWith',
  'notes',
  'custom',
  'lastActivityAt',
] as const;

/** Locks both rows in id order, so two opposite merges of the same pair cannot deadlock. */
async function lockPair(tx: Tx, tenantId: string, ids: [string, string]): Promise<void> {
  for (const id of [...ids].sort()) await getCustomerRow(tx, tenantId, id, true);
}

async function seen(tx: Tx, viewer: CustomerViewer, tenantId: string, id: string) {
  const row = await getCustomerRow(tx, tenantId, id);
  return row && canSeeCustomer(viewer, row) ? row : null;
}

export async function mergeCustomers(
  platform: Platform,
  caller: CustomerCaller,
  id: string,
  input: MergeCustomerBody,
): Promise<Customer> {
  const tenantId = caller.actor.tenantId;
  if (input.sourceId === id) throw invalidFields({ path: 'sourceId', code: 'merge_same_record' });
  return withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    await lockPair(tx, tenantId, [id, input.sourceId]);
    const target = await seen(tx, viewer, tenantId, id);
    if (!target) throw new AppError('not_found');
    const source = await seen(tx, viewer, tenantId, input.sourceId);
    if (!source) throw invalidFields({ path: 'sourceId', code: 'unknown_record' });
    if (target.version !== input.version || source.version !== input.sourceVersion) {
      throw new AppError('version_conflict');
    }
    if (!canMergeCustomers(viewer, target, source)) throw new AppError('forbidden');
    const choices = input.choices;
    const takesOwner =
      (choices.ownerId === 'source' && source.ownerId !== target.ownerId) ||
      (choices.teamId === 'source' && source.teamId !== target.teamId);
    if (takesOwner && !customerAbilities(viewer, target).assign) {
      throw invalidFields({
        path: `choices.${choices.ownerId === 'source' ? 'ownerId' : 'teamId'}`,
        code: 'not_permitted',
      });
    }

    const chosen: Partial<CustomerRow> = chosenFromSource(source, CUSTOMER_MERGE_FIELDS, choices);
    for (const [field, columns] of Object.entries(COMPANIONS)) {
      if (choices[field] !== 'source') continue;
      for (const column of columns) Object.assign(chosen, { [column]: source[column] });
    }
    const custom = mergeCustom(target.custom, source.custom, choices);
    const pair = [target.id, source.id];
    const parentId = linkAfterMerge(chosen.parentId !== undefined ? chosen.parentId : target.parentId, pair);
    const now = platform.clock.now();
    const link = {
      kind: 'customer' as const,
      from: source.id,
      to: target.id,
      toName: chosen.name !== undefined ? chosen.name : target.name,
    };

    // Subsidiaries of the source become the target's; parent changes queue per company (see assertParent).
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`customer-tree:${tenantId}`}, 0))`);
    const children = await tx
      .update(customers)
      .set({ parentId: target.id, version: sql`${customers.version} + 1`, updatedAt: now })
      .where(
        and(eq(customers.tenantId, tenantId), eq(customers.parentId, source.id), ne(customers.id, target.id)),
      )
      .returning({ id: customers.id });
    if (parentId && (await linkWouldCycle(tx, customers, 'parent_id', tenantId, target.id, parentId))) {
      throw invalidFields({ path: 'choices.parentId', code: 'parent_cycle' });
    }
    for (const child of children) {
      await writeAudit(tx, caller.actor, {
        entity: 'customer',
        entityId: child.id,
        action: 'update',
        changes: { parentId: { from: source.id, to: target.id } },
      });
    }
    const movedContacts = await tx
      .update(contacts)
      .set({ customerId: target.id })
      .where(and(eq(contacts.tenantId, tenantId), eq(contacts.customerId, source.id)))
      .returning({ id: contacts.id });
    const deals = await moveDealsOf(tx, tenantId, link);
    const activities = await moveActivitiesOf(tx, tenantId, link);
    const leads = await relinkLeadsOf(tx, tenantId, link);
    await repointNotifications(tx, tenantId, { entity: link.kind, from: source.id, to: target.id });
    await tx
      .update(customerPoolEvents)
      .set({ customerId: target.id })
      .where(and(eq(customerPoolEvents.tenantId, tenantId), eq(customerPoolEvents.customerId, source.id)));
    const churns = await mergeCustomerRetention(tx, tenantId, source.id, target.id);
    if (target.parentId === source.id) {
      // The target hung under the source: release that link before the source goes.
      await tx
        .update(customers)
        .set({ parentId: null })
        .where(and(eq(customers.tenantId, tenantId), eq(customers.id, target.id)));
    }
    await tx.delete(customers).where(and(eq(customers.tenantId, tenantId), eq(customers.id, source.id)));

    const [after] = await tx
      .update(customers)
      .set({
        ...chosen,
        parentId,
        custom,
        tags: union(target.tags, source.tags),
        sharedWith: union(target.sharedWith, source.sharedWith),
        notes: joinNotes(target.notes, source.notes, source.name),
        lastActivityAt: latest(target.lastActivityAt, source.lastActivityAt),
        version: target.version + 1,
        updatedAt: now,
      })
      .where(and(eq(customers.tenantId, tenantId), eq(customers.id, target.id)))
      .returning();
    if (!after) throw new AppError('not_found');
    await auditMerge(tx, caller.actor, {
      entity: 'customer',
      source,
      target,
      after,
      choices,
      moved: {
        contacts: movedContacts.map((c) => c.id),
        deals,
        leads,
        subsidiaries: children.map((c) => c.id),
        activities,
        churns,
      },
      audited: AUDITED,
    });
    const duplicates = await customerDuplicates(tx, tenantId, customerKeysOf(after), after.id);
    return presentCustomer(tx, after, viewer, duplicates);
  });
}
