import { HANDOVER_ITEMS, type Handover, HandoverItem } from '@contracts/contracts.contract';
import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import type { Actor } from '../../platform/audit';
import { writeAudit } from '../../platform/audit';
import type { Tx } from '../../platform/db/database';
import { users } from '../../platform/db/identity.tables';
import { withTenant } from '../../platform/db/tenancy';
import { AppError, invalidFields } from '../../platform/http/errors';
import type { Platform } from '../../platform/platform';
import { insertActivity } from '../activities';
import { customerAndContactNames } from '../customers';
import { type ContractCaller, type ContractRow, contractFor, seesDeal } from './contract-access';
import { activeUser, loadContractSettings } from './contract-settings';
import { text } from './contract-texts';
import { localeOf } from './contracts.service';
import { contracts, deliveries, handovers } from './contracts.tables';

/**
 * Handover to delivery (内部交底). The owner may choose the delivery owner before signing (kept as a pending
 * handover row); on counter-signing, in the same transaction, the handover opens with its checklist, a kickoff
 * task for the delivery owner and the planned delivery record.
 */

type HandoverRow = typeof handovers.$inferSelect;
const Items = z.array(HandoverItem);
const KICKOFF_DAYS = 3;

function itemsOf(row: HandoverRow | null): z.infer<typeof Items> {
  const parsed = Items.safeParse(row?.items ?? []);
  return parsed.success ? parsed.data : [];
}

async function handoverRow(
  tx: Tx,
  tenantId: string,
  contractId: string,
  lock = false,
): Promise<HandoverRow | null> {
  const query = tx
    .select()
    .from(handovers)
    .where(and(eq(handovers.tenantId, tenantId), eq(handovers.contractId, contractId)));
  const [row] = await (lock ? query.for('update') : query);
  return row ?? null;
}

async function present(tx: Tx, contract: ContractRow, row: HandoverRow | null): Promise<Handover> {
  const [owner] = row?.deliveryOwnerId
    ? await tx
        .select({ name: users.name })
        .from(users)
        .where(and(eq(users.tenantId, contract.tenantId), eq(users.id, row.deliveryOwnerId)))
    : [];
  const [delivery] = await tx
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.tenantId, contract.tenantId), eq(deliveries.contractId, contract.id)));
  return {
    id: row?.id ?? null,
    contractId: contract.id,
    deliveryOwnerId: row?.deliveryOwnerId ?? null,
    deliveryOwnerName: owner?.name ?? null,
    status: (row?.status ?? 'pending') as Handover['status'],
    items: itemsOf(row),
    kickoffActivityId: row?.kickoffActivityId ?? null,
    delivery: delivery ? { id: delivery.id, status: delivery.status, dueOn: delivery.dueOn } : null,
    completedAt: row?.completedAt?.toISOString() ?? null,
    version: row?.version ?? 0,
  };
}

export async function getHandover(
  platform: Platform,
  caller: ContractCaller,
  contractId: string,
): Promise<Handover> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const contract = await contractFor(tx, caller, contractId, 'read');
    return present(tx, contract, await handoverRow(tx, tenantId, contractId));
  });
}

/** The owner's choice of delivery owner: before signing (pending) or to reassign an open handover. */
export async function assignHandover(
  platform: Platform,
  caller: ContractCaller,
  contractId: string,
  deliveryOwnerId: string,
): Promise<Handover> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const contract = await contractFor(tx, caller, contractId, 'edit', { lock: true });
    if (['completed', 'terminated', 'expired'].includes(contract.status)) {
      throw new AppError('transition_not_allowed', { from: contract.status, to: contract.status });
    }
    if (!(await activeUser(tx, tenantId, deliveryOwnerId))) {
      throw invalidFields({ path: 'deliveryOwnerId', code: 'unknown_delivery_user' });
    }
    const before = await handoverRow(tx, tenantId, contractId, true);
    if (before?.status === 'done') throw new AppError('transition_not_allowed', { from: 'done', to: 'open' });
    const now = platform.clock.now();
    const [row] = before
      ? await tx
          .update(handovers)
          .set({ deliveryOwnerId, version: before.version + 1, updatedAt: now })
          .where(and(eq(handovers.tenantId, tenantId), eq(handovers.id, before.id)))
          .returning()
      : await tx
          .insert(handovers)
          .values({
            tenantId,
            id: uuidv7(),
            contractId,
            customerId: contract.customerId,
            deliveryOwnerId,
            status: 'pending',
          })
          .returning();
    if (!row) throw new Error('handover write returned nothing');
    if (before?.status === 'open') {
      await tx
        .update(deliveries)
        .set({ ownerId: deliveryOwnerId, updatedAt: now })
        .where(and(eq(deliveries.tenantId, tenantId), eq(deliveries.contractId, contractId)));
    }
    await writeAudit(tx, caller.actor, {
      entity: 'contract',
      entityId: contractId,
      action: 'handover_assign',
      changes: { deliveryOwnerId: { from: before?.deliveryOwnerId ?? null, to: deliveryOwnerId } },
    });
    return present(tx, contract, row);
  });
}

/** Ticks items (the delivery owner or the contract's owner side) and completes the handover. */
export async function patchHandover(
  platform: Platform,
  caller: ContractCaller,
  contractId: string,
  input: { version: number; items: { key: string; done: boolean; note: string }[]; complete: boolean },
): Promise<Handover> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const contract = await contractFor(tx, caller, contractId, 'read', { lock: true });
    const before = await handoverRow(tx, tenantId, contractId, true);
    if (before?.status !== 'open') {
      throw new AppError('transition_not_allowed', { from: before?.status ?? 'pending', to: 'open' });
    }
    const mayWork =
      before.deliveryOwnerId === caller.actor.userId || (await seesDeal(tx, caller, contract.dealId));
    if (!mayWork) throw new AppError('forbidden');
    if (before.version !== input.version) throw new AppError('version_conflict');
    const now = platform.clock.now();
    const items = itemsOf(before);
    input.items.forEach((change, i) => {
      const item = items.find((it) => it.key === change.key);
      if (!item) throw invalidFields({ path: `items.${i}.key`, code: 'invalid' });
      if (item.done !== change.done) {
        item.done = change.done;
        item.doneBy = change.done ? caller.actor.userId : null;
        item.doneAt = change.done ? now.toISOString() : null;
      }
      item.note = change.note;
    });
    if (input.complete && items.some((it) => !it.done))
      throw invalidFields({ path: 'complete', code: 'invalid' });
    const [row] = await tx
      .update(handovers)
      .set({
        items,
        status: input.complete ? 'done' : 'open',
        completedAt: input.complete ? now : null,
        version: before.version + 1,
        updatedAt: now,
      })
      .where(and(eq(handovers.tenantId, tenantId), eq(handovers.id, before.id)))
      .returning();
    if (!row) throw new Error('handover update returned nothing');
    await writeAudit(tx, caller.actor, {
      entity: 'contract',
      entityId: contractId,
      action: input.complete ? 'handover_complete' : 'handover_update',
      changes: {
        done: {
          from: itemsOf(before).filter((i) => i.done).length,
          to: items.filter((i) => i.done).length,
        },
      },
    });
    return present(tx, contract, row);
  });
}

/**
 * Opens the handover on counter-signing (the caller's transaction): checklist, kickoff task, delivery record.
 * The delivery owner is the one chosen before, else the company's default delivery user, else the contract's
 * owner (someone must run the kickoff).
 */
export async function openHandover(tx: Tx, actor: Actor, contract: ContractRow, now: Date): Promise<void> {
  const tenantId = contract.tenantId;
  const pending = await handoverRow(tx, tenantId, contract.id, true);
  if (pending && pending.status !== 'pending') return;
  const settings = await loadContractSettings(tx, tenantId);
  const candidates = [
    pending?.deliveryOwnerId,
    settings.defaultDeliveryUserId,
    contract.ownerId,
    actor.userId,
  ];
  let ownerId: string | null = null;
  for (const candidate of candidates) {
    if (candidate && (await activeUser(tx, tenantId, candidate))) {
      ownerId = candidate;
      break;
    }
  }
  if (!ownerId) throw new Error('no active user to own the handover');
  const locale = localeOf(contract.locale);
  const names = await customerAndContactNames(tx, tenantId, {
    customerIds: [contract.customerId],
    contactIds: [],
  });
  const vars = { number: contract.number, customer: names.customers.get(contract.customerId) ?? '' };
  const kickoff = await insertActivity(tx, {
    tenantId,
    kind: 'task',
    subject: text(locale, 'kickoff', vars),
    body: text(locale, 'kickoffBody', vars),
    occurredAt: now,
    dueAt: new Date(now.getTime() + KICKOFF_DAYS * 86_400_000),
    priority: 'high',
    customerId: contract.customerId,
    dealId: contract.dealId,
    ownerId,
    createdBy: actor.userId,
  });
  const items = HANDOVER_ITEMS.map((key) => ({ key, done: false, doneBy: null, doneAt: null, note: '' }));
  const values = {
    deliveryOwnerId: ownerId,
    status: 'open',
    items,
    kickoffActivityId: kickoff.id,
  };
  if (pending) {
    await tx
      .update(handovers)
      .set({ ...values, version: pending.version + 1, updatedAt: now })
      .where(and(eq(handovers.tenantId, tenantId), eq(handovers.id, pending.id)));
  } else {
    await tx.insert(handovers).values({
      tenantId,
      id: uuidv7(),
      contractId: contract.id,
      customerId: contract.customerId,
      ...values,
    });
  }
  await tx.insert(deliveries).values({
    tenantId,
    id: uuidv7(),
    contractId: contract.id,
    customerId: contract.customerId,
    ownerId,
    status: 'planned',
    startsOn: contract.startsOn,
    dueOn: contract.deliveryDueOn,
  });
  await tx
    .update(contracts)
    .set({ deliveryStatus: 'planned' })
    .where(and(eq(contracts.tenantId, tenantId), eq(contracts.id, contract.id)));
  await writeAudit(tx, actor, {
    entity: 'contract',
    entityId: contract.id,
    action: 'handover_open',
    changes: {
      deliveryOwnerId: { from: null, to: ownerId },
      kickoffActivityId: { from: null, to: kickoff.id },
    },
  });
}
