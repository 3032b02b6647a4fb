import { formatMoney } from '@contracts/money';
import type { InstalmentInput, PaymentPlan } from '@contracts/receivables.contract';
import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { writeAudit } from '../../platform/audit';
import type { Tx } from '../../platform/db/database';
import { withTenant } from '../../platform/db/tenancy';
import { AppError, invalidFields } from '../../platform/http/errors';
import type { Platform } from '../../platform/platform';
import type { CustomerCaller } from '../customers';
import { type CashContract, cashContract } from './contract-link';
import { canEditCash, canManageReceivables } from './receivables.policy';
import {
  companyToday,
  type InstalmentRow,
  instalmentsOf,
  planVersion,
  syncPaidOn,
} from './receivables.queries';
import { instalments } from './receivables.tables';
import { daysOverdue, openOf, stateOf } from './receivables-math';

/**
 * A contract's payment plan (回款计划): instalments that add up exactly to the contract amount, due dates in
 * order. A plan change keeps the instalments it names by id (their payments stay allocated to them) and
 * refuses to drop or shrink below what was already paid.
 */

export type CashCaller = CustomerCaller & { locale: 'zh-CN' | 'en-US' };

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function presentPlan(
  contract: CashContract,
  rows: readonly InstalmentRow[],
  today: string,
  caller: CustomerCaller,
): PaymentPlan {
  const items = rows.map((r) => ({
    id: r.id,
    seq: r.seq,
    title: r.title,
    dueOn: r.dueOn,
    amountMinor: r.amountMinor,
    paidMinor: r.paidMinor,
    openMinor: openOf(r),
    currency: r.currency,
    paidOn: r.paidOn,
    state: stateOf(r, today),
    daysOverdue: daysOverdue(r, today),
    overdueAlertedAt: iso(r.overdueAlertedAt),
  }));
  const sum = (f: (i: (typeof items)[number]) => number) => items.reduce((s, i) => s + f(i), 0);
  const plannedMinor = sum((i) => i.amountMinor);
  const paidMinor = sum((i) => i.paidMinor);
  const viewer = { userId: caller.actor.userId, role: caller.role };
  return {
    contractId: contract.id,
    contractNumber: contract.number,
    customerId: contract.customerId,
    currency: contract.currency,
    contractAmountMinor: contract.amountMinor,
    plannedMinor,
    paidMinor,
    outstandingMinor: Math.max(0, contract.amountMinor - paidMinor),
    overdueMinor: sum((i) => (i.state === 'overdue' ? i.openMinor : 0)),
    instalments: items,
    canEdit: canEditCash(viewer, contract),
    canManage: canManageReceivables(viewer),
    version: planVersion(rows),
  };
}

export async function getPaymentPlan(
  platform: Platform,
  caller: CashCaller,
  contractId: string,
): Promise<PaymentPlan> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const contract = await cashContract(tx, caller, contractId);
    const [rows, { today }] = await Promise.all([
      instalmentsOf(tx, tenantId, contractId),
      companyToday(tx, tenantId, platform.clock.now()),
    ]);
    return presentPlan(contract, rows, today, caller);
  });
}

type PlanLine = { id: string | undefined; title: string; dueOn: string; amountMinor: number };

/** The business rules of a plan: exact sum, dates in order, paid money kept (400/409 naming the field). */
function checkPlan(
  contract: CashContract,
  lines: readonly PlanLine[],
  existing: ReadonlyMap<string, InstalmentRow>,
  locale: CashCaller['locale'],
): void {
  const total = lines.reduce((s, l) => s + l.amountMinor, 0);
  if (total !== contract.amountMinor) {
    const difference = total - contract.amountMinor;
    throw invalidFields({
      path: 'instalments',
      code: 'plan_sum_mismatch',
      vars: {
        total: formatMoney(total, contract.currency, locale),
        amount: formatMoney(contract.amountMinor, contract.currency, locale),
        difference: formatMoney(difference, contract.currency, locale),
      },
    });
  }
  lines.forEach((l, i) => {
    const before = lines[i - 1];
    if (before && l.dueOn < before.dueOn) {
      throw invalidFields({ path: `instalments.${i}.dueOn`, code: 'due_dates_not_ascending' });
    }
    if (l.id !== undefined && !existing.has(l.id)) {
      throw invalidFields({ path: `instalments.${i}.id`, code: 'unknown_instalment' });
    }
  });
  const ids = lines.map((l) => l.id).filter((id): id is string => id !== undefined);
  if (new Set(ids).size !== ids.length) {
    throw invalidFields({ path: 'instalments', code: 'duplicate_instalment' });
  }
  const kept = new Set(ids);
  for (const row of existing.values()) {
    if (row.paidMinor > 0 && !kept.has(row.id)) {
      throw new AppError('instalment_paid', { title: row.title || `#${row.seq}` });
    }
  }
  lines.forEach((l) => {
    const row = l.id ? existing.get(l.id) : undefined;
    if (row && l.amountMinor < row.paidMinor) {
      throw new AppError('instalment_paid', { title: row.title || `#${row.seq}` });
    }
  });
}

export async function setPaymentPlan(
  platform: Platform,
  caller: CashCaller,
  contractId: string,
  input: { instalments: InstalmentInput[]; version: number },
): Promise<PaymentPlan> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const contract = await cashContract(tx, caller, contractId);
    if (!canEditCash({ userId: caller.actor.userId, role: caller.role }, contract)) {
      throw new AppError('forbidden');
    }
    const before = await instalmentsOf(tx, tenantId, contractId, true);
    if (planVersion(before) !== input.version) throw new AppError('version_conflict');
    const lines: PlanLine[] = input.instalments.map((l) => ({
      id: l.id,
      title: (l.title ?? '').trim(),
      dueOn: l.dueOn,
      amountMinor: l.amountMinor,
    }));
    const existing = new Map(before.map((r) => [r.id, r]));
    checkPlan(contract, lines, existing, caller.locale);
    await writePlan(tx, tenantId, contract, before, lines, platform.clock.now());
    await writeAudit(tx, caller.actor, {
      entity: 'payment_plan',
      entityId: contractId,
      action: before.length === 0 ? 'create' : 'update',
      changes: {
        instalments: {
          from: before.map((r) => ({ title: r.title, dueOn: r.dueOn, amountMinor: r.amountMinor })),
          to: lines.map((l) => ({ title: l.title, dueOn: l.dueOn, amountMinor: l.amountMinor })),
        },
      },
    });
    const [rows, { today }] = await Promise.all([
      instalmentsOf(tx, tenantId, contractId),
      companyToday(tx, tenantId, platform.clock.now()),
    ]);
    return presentPlan(contract, rows, today, caller);
  });
}

/** Replaces the rows: kept ones updated, dropped ones deleted, new ones inserted, all at the next version. */
async function writePlan(
  tx: Tx,
  tenantId: string,
  contract: CashContract,
  before: readonly InstalmentRow[],
  lines: readonly PlanLine[],
  now: Date,
): Promise<void> {
  const version = planVersion(before) + 1;
  const kept = new Set(lines.map((l) => l.id));
  for (const row of before) {
    if (!kept.has(row.id)) {
      await tx.delete(instalments).where(and(eq(instalments.tenantId, tenantId), eq(instalments.id, row.id)));
    }
  }
  // Sequence numbers are unique per contract: park the kept rows out of the way before renumbering.
  for (const row of before) {
    if (kept.has(row.id)) {
      await tx
        .update(instalments)
        .set({ seq: -row.seq - 1 })
        .where(and(eq(instalments.tenantId, tenantId), eq(instalments.id, row.id)));
    }
  }
  const old = new Map(before.map((r) => [r.id, r]));
  for (const [index, line] of lines.entries()) {
    const seq = index + 1;
    const prior = line.id ? old.get(line.id) : undefined;
    if (prior) {
      await tx
        .update(instalments)
        .set({
          seq,
          title: line.title,
          dueOn: line.dueOn,
          amountMinor: line.amountMinor,
          // A new due date starts a new overdue clock, so its warning may go out again.
          overdueAlertedAt: prior.dueOn === line.dueOn ? prior.overdueAlertedAt : null,
          version,
          updatedAt: now,
        })
        .where(and(eq(instalments.tenantId, tenantId), eq(instalments.id, prior.id)));
    } else {
      await tx.insert(instalments).values({
        tenantId,
        id: uuidv7(),
        contractId: contract.id,
        customerId: contract.customerId,
        seq,
        title: line.title,
        dueOn: line.dueOn,
        amountMinor: line.amountMinor,
        currency: contract.currency,
        version,
        createdAt: now,
        updatedAt: now,
      });
    }
  }
  // An amount lowered to what was paid makes the instalment paid (and raised, open again).
  await syncPaidOn(tx, tenantId, contract.id);
}
