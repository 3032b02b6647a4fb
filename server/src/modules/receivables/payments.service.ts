import type { Payment, PaymentInput, PaymentMethod } from '@contracts/receivables.contract';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { writeAudit } from '../../platform/audit';
import { anyOf } from '../../platform/db/arrays';
import type { Tx } from '../../platform/db/database';
import { withTenant } from '../../platform/db/tenancy';
import { AppError, invalidFields } from '../../platform/http/errors';
import type { Platform } from '../../platform/platform';
import { namesOf, viewerOf, visibleCustomer } from '../customers';
import { cashContract, contractNumbers, isSigned, visibleContractIds } from './contract-link';
import type { CashCaller } from './payment-plan.service';
import { canEditCash } from './receivables.policy';
import { bumpPlanVersion, instalmentsOf, syncPaidOn } from './receivables.queries';
import { instalments, paymentAllocations, payments } from './receivables.tables';
import { allocateOldestFirst, openOf } from './receivables-math';

/**
 * Payments received (实收): each allocated to the contract's instalments (oldest due first unless the caller
 * names the split) and the instalments' paid amounts moved in the same transaction. More than the plan still
 * has open is refused: an overpayment is a mistake to correct, not a credit to keep here.
 */

type PaymentRow = typeof payments.$inferSelect;

async function present(tx: Tx, tenantId: string, rows: readonly PaymentRow[]): Promise<Payment[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [allocs, names] = await Promise.all([
    tx
      .select({
        paymentId: paymentAllocations.paymentId,
        instalmentId: paymentAllocations.instalmentId,
        amountMinor: paymentAllocations.amountMinor,
        seq: instalments.seq,
        title: instalments.title,
      })
      .from(paymentAllocations)
      .innerJoin(
        instalments,
        and(
          eq(instalments.tenantId, paymentAllocations.tenantId),
          eq(instalments.id, paymentAllocations.instalmentId),
        ),
      )
      .where(and(eq(paymentAllocations.tenantId, tenantId), anyOf(paymentAllocations.paymentId, ids, 'uuid')))
      .orderBy(asc(instalments.seq)),
    namesOf(
      tx,
      tenantId,
      rows.map((r) => r.recordedBy),
    ),
  ]);
  const numbers = await contractNumbers(
    tx,
    tenantId,
    rows.map((r) => r.contractId),
  );
  return rows.map((r) => ({
    id: r.id,
    contractId: r.contractId,
    contractNumber: numbers.get(r.contractId) ?? '',
    customerId: r.customerId,
    receivedOn: r.receivedOn,
    amountMinor: r.amountMinor,
    currency: r.currency,
    method: r.method as PaymentMethod,
    reference: r.reference,
    note: r.note,
    recordedBy: r.recordedBy,
    recordedByName: r.recordedBy ? (names.users.get(r.recordedBy) ?? null) : null,
    allocations: allocs
      .filter((a) => a.paymentId === r.id)
      .map((a) => ({ instalmentId: a.instalmentId, seq: a.seq, title: a.title, amountMinor: a.amountMinor })),
    createdAt: r.createdAt.toISOString(),
  }));
}

/** The split of a payment: the caller's (checked) or oldest due first. */
function allocationsFor(
  open: readonly { id: string; seq: number; dueOn: string; amountMinor: number; paidMinor: number }[],
  input: PaymentInput,
): { instalmentId: string; amountMinor: number }[] {
  const totalOpen = open.reduce((s, i) => s + openOf(i), 0);
  if (input.amountMinor > totalOpen) {
    throw invalidFields({ path: 'amountMinor', code: 'payment_exceeds_open', vars: { open: totalOpen } });
  }
  if (!input.allocations) {
    const auto = allocateOldestFirst(open, input.amountMinor);
    if (!auto)
      throw invalidFields({ path: 'amountMinor', code: 'payment_exceeds_open', vars: { open: totalOpen } });
    return auto;
  }
  const byId = new Map(open.map((i) => [i.id, i]));
  const seen = new Set<string>();
  let sum = 0;
  for (const [index, a] of input.allocations.entries()) {
    const target = byId.get(a.instalmentId);
    if (!target || seen.has(a.instalmentId)) {
      throw invalidFields({ path: `allocations.${index}.instalmentId`, code: 'unknown_instalment' });
    }
    seen.add(a.instalmentId);
    if (a.amountMinor > openOf(target)) {
      throw invalidFields({
        path: `allocations.${index}.amountMinor`,
        code: 'allocation_exceeds_open',
        vars: { open: openOf(target) },
      });
    }
    sum += a.amountMinor;
  }
  if (sum !== input.amountMinor) {
    throw invalidFields({ path: 'allocations', code: 'allocation_sum_mismatch' });
  }
  return input.allocations.map((a) => ({ instalmentId: a.instalmentId, amountMinor: a.amountMinor }));
}

export async function recordPayment(
  platform: Platform,
  caller: CashCaller,
  input: PaymentInput,
): Promise<Payment> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const contract = await cashContract(tx, caller, input.contractId);
    if (!canEditCash({ userId: caller.actor.userId, role: caller.role }, contract)) {
      throw new AppError('forbidden');
    }
    if (!isSigned(contract)) throw new AppError('contract_not_signed');
    const plan = await instalmentsOf(tx, tenantId, contract.id, true);
    if (plan.length === 0) throw new AppError('no_payment_plan');
    const split = allocationsFor(plan, input);
    const now = platform.clock.now();
    const [row] = await tx
      .insert(payments)
      .values({
        tenantId,
        id: uuidv7(),
        contractId: contract.id,
        customerId: contract.customerId,
        receivedOn: input.receivedOn,
        amountMinor: input.amountMinor,
        currency: contract.currency,
        method: input.method,
        reference: input.reference ?? '',
        note: input.note ?? '',
        recordedBy: caller.actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('payment insert returned nothing');
    await tx.insert(paymentAllocations).values(split.map((a) => ({ tenantId, paymentId: row.id, ...a })));
    await applyAllocations(tx, tenantId, contract.id, split, 1, now);
    await bumpPlanVersion(
      tx,
      tenantId,
      contract.id,
      split.map((a) => a.instalmentId),
    );
    await writeAudit(tx, caller.actor, {
      entity: 'payment',
      entityId: row.id,
      action: 'create',
      changes: {
        contractId: { from: null, to: contract.id },
        amountMinor: { from: null, to: row.amountMinor },
        receivedOn: { from: null, to: row.receivedOn },
        method: { from: null, to: row.method },
        allocations: { from: null, to: split },
      },
    });
    const [presented] = await present(tx, tenantId, [row]);
    if (!presented) throw new Error('payment vanished');
    return presented;
  });
}

/**
 * Adds (sign 1) or takes back (sign -1) allocated amounts; an instalment is paid on the latest receipt that
 * completed it, and unpaid again once a reversal leaves money open.
 */
async function applyAllocations(
  tx: Tx,
  tenantId: string,
  contractId: string,
  split: readonly { instalmentId: string; amountMinor: number }[],
  sign: 1 | -1,
  now: Date,
): Promise<void> {
  for (const a of split) {
    await tx
      .update(instalments)
      .set({ paidMinor: sql`${instalments.paidMinor} + ${sign * a.amountMinor}`, updatedAt: now })
      .where(and(eq(instalments.tenantId, tenantId), eq(instalments.id, a.instalmentId)));
  }
  await syncPaidOn(tx, tenantId, contractId);
}

export async function reversePayment(
  platform: Platform,
  caller: CashCaller,
  paymentId: string,
): Promise<void> {
  const tenantId = caller.actor.tenantId;
  await withTenant(platform.db, tenantId, async (tx) => {
    const [row] = await tx
      .select()
      .from(payments)
      .where(and(eq(payments.tenantId, tenantId), eq(payments.id, paymentId)))
      .for('update');
    if (!row) throw new AppError('not_found');
    // Seeing the payment is seeing its contract.
    await cashContract(tx, caller, row.contractId);
    await instalmentsOf(tx, tenantId, row.contractId, true);
    const split = await tx
      .select({ instalmentId: paymentAllocations.instalmentId, amountMinor: paymentAllocations.amountMinor })
      .from(paymentAllocations)
      .where(and(eq(paymentAllocations.tenantId, tenantId), eq(paymentAllocations.paymentId, row.id)));
    await tx.delete(payments).where(and(eq(payments.tenantId, tenantId), eq(payments.id, row.id)));
    const now = platform.clock.now();
    await applyAllocations(tx, tenantId, row.contractId, split, -1, now);
    await bumpPlanVersion(
      tx,
      tenantId,
      row.contractId,
      split.map((a) => a.instalmentId),
    );
    await writeAudit(tx, caller.actor, {
      entity: 'payment',
      entityId: row.id,
      action: 'delete',
      changes: {
        contractId: { from: row.contractId, to: null },
        amountMinor: { from: row.amountMinor, to: null },
        receivedOn: { from: row.receivedOn, to: null },
        allocations: { from: split, to: null },
      },
    });
  });
}

export async function listPayments(
  platform: Platform,
  caller: CashCaller,
  query: { contractId?: string | undefined; customerId?: string | undefined },
): Promise<{ items: Payment[] }> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    if (query.contractId) await cashContract(tx, caller, query.contractId);
    if (query.customerId) await visibleCustomer(tx, await viewerOf(tx, caller), tenantId, query.customerId);
    const rows = await tx
      .select()
      .from(payments)
      .where(
        and(
          eq(payments.tenantId, tenantId),
          query.contractId ? eq(payments.contractId, query.contractId) : undefined,
          query.customerId ? eq(payments.customerId, query.customerId) : undefined,
        ),
      )
      .orderBy(desc(payments.receivedOn), desc(payments.id))
      .limit(1000);
    // A customer's payments show only on the contracts the caller may see.
    const visible = await visibleContractIds(
      tx,
      caller,
      rows.map((r) => r.contractId),
    );
    return {
      items: await present(
        tx,
        tenantId,
        rows.filter((r) => visible.has(r.contractId)),
      ),
    };
  });
}
