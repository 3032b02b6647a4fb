import type { CustomerTransactions, PaymentMethod } from '@contracts/receivables.contract';
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { withTenant } from '../../platform/db/tenancy';
import type { Platform } from '../../platform/platform';
import { viewerOf, visibleCustomer } from '../customers';
import { contractsOfCustomer } from './contract-link';
import type { CashCaller } from './payment-plan.service';
import { companyToday } from './receivables.queries';
import { instalments, payments } from './receivables.tables';
import { daysBetween, daysOverdue, openOf } from './receivables-math';

/**
 * What a customer has bought and paid (the transactions part of the 360° profile, DOMAIN.md §7): contracts,
 * payments, what is outstanding and overdue per currency, and the average payment cycle.
 */

/**
 * The average payment cycle: days from each fully paid instalment's due date to its payment; with none fully
 * paid yet, days from signing to the first payment of each contract.
 */
function paymentCycle(
  paid: readonly { dueOn: string; paidOn: string }[],
  firstPayments: readonly { signedOn: string; receivedOn: string }[],
): Pick<CustomerTransactions, 'averagePaymentDays' | 'paymentCycleBasis'> {
  const avg = (values: number[]) => Math.round((values.reduce((s, v) => s + v, 0) / values.length) * 10) / 10;
  if (paid.length > 0) {
    return {
      averagePaymentDays: avg(paid.map((i) => daysBetween(i.dueOn, i.paidOn))),
      paymentCycleBasis: 'due_to_paid',
    };
  }
  if (firstPayments.length > 0) {
    return {
      averagePaymentDays: avg(firstPayments.map((p) => daysBetween(p.signedOn, p.receivedOn))),
      paymentCycleBasis: 'signing_to_first_payment',
    };
  }
  return { averagePaymentDays: null, paymentCycleBasis: null };
}

/** A customer's transactions at `today` (YYYY-MM-DD), for the customer page and other modules. */
export async function customerTransactions(
  tx: Tx,
  tenantId: string,
  customerId: string,
  today?: string,
): Promise<CustomerTransactions> {
  const day = today ?? (await companyToday(tx, tenantId, new Date())).today;
  const [contracts, plan, received] = await Promise.all([
    contractsOfCustomer(tx, tenantId, customerId),
    tx
      .select()
      .from(instalments)
      .where(and(eq(instalments.tenantId, tenantId), eq(instalments.customerId, customerId)))
      .orderBy(asc(instalments.dueOn)),
    tx
      .select()
      .from(payments)
      .where(and(eq(payments.tenantId, tenantId), eq(payments.customerId, customerId)))
      .orderBy(desc(payments.receivedOn), desc(payments.id)),
  ]);
  const numbers = new Map(contracts.map((c) => [c.id, c.number]));
  const paidOf = new Map<string, number>();
  for (const p of received) paidOf.set(p.contractId, (paidOf.get(p.contractId) ?? 0) + p.amountMinor);
  const totals = new Map<
    string,
    { contractedMinor: number; receivedMinor: number; outstandingMinor: number; overdueMinor: number }
  >();
  const totalOf = (currency: string) => {
    const t = totals.get(currency) ?? {
      contractedMinor: 0,
      receivedMinor: 0,
      outstandingMinor: 0,
      overdueMinor: 0,
    };
    totals.set(currency, t);
    return t;
  };
  const counted = contracts.filter((c) => c.signedOn !== null || paidOf.has(c.id));
  for (const c of counted) {
    const t = totalOf(c.currency);
    t.contractedMinor += c.amountMinor;
    t.outstandingMinor += Math.max(0, c.amountMinor - (paidOf.get(c.id) ?? 0));
  }
  for (const p of received) totalOf(p.currency).receivedMinor += p.amountMinor;
  for (const i of plan) if (daysOverdue(i, day) > 0) totalOf(i.currency).overdueMinor += openOf(i);
  const firstPayments = counted.flatMap((c) => {
    const first = received.filter((p) => p.contractId === c.id).at(-1);
    return c.signedOn && first ? [{ signedOn: c.signedOn, receivedOn: first.receivedOn }] : [];
  });
  const paidInstalments = plan.flatMap((i) =>
    i.paidOn && openOf(i) === 0 ? [{ dueOn: i.dueOn, paidOn: i.paidOn }] : [],
  );
  return {
    customerId,
    contracts: contracts.map((c) => ({
      id: c.id,
      number: c.number,
      title: c.title,
      status: c.status,
      amountMinor: c.amountMinor,
      currency: c.currency,
      signedOn: c.signedOn,
      paidMinor: paidOf.get(c.id) ?? 0,
      outstandingMinor: c.signedOn ? Math.max(0, c.amountMinor - (paidOf.get(c.id) ?? 0)) : 0,
    })),
    payments: received.map((p) => ({
      id: p.id,
      contractId: p.contractId,
      contractNumber: numbers.get(p.contractId) ?? '',
      receivedOn: p.receivedOn,
      amountMinor: p.amountMinor,
      currency: p.currency,
      method: p.method as PaymentMethod,
    })),
    totals: [...totals].map(([currency, t]) => ({ currency, ...t })),
    ...paymentCycle(paidInstalments, firstPayments),
  };
}

export async function getCustomerTransactions(
  platform: Platform,
  caller: CashCaller,
  customerId: string,
): Promise<CustomerTransactions> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    await visibleCustomer(tx, await viewerOf(tx, caller), tenantId, customerId);
    const { today } = await companyToday(tx, tenantId, platform.clock.now());
    return customerTransactions(tx, tenantId, customerId, today);
  });
}
