import type { Ageing, AgeingBuckets, OverdueInstalment } from '@contracts/receivables.contract';
import { and, asc, eq, sql } from 'drizzle-orm';
import { withTenant } from '../../platform/db/tenancy';
import type { Platform } from '../../platform/platform';
import { convertMinor, tenantCurrency } from '../catalog';
import { customerAndContactNames, namesOf } from '../customers';
import { contractFacts, visibleContractIds } from './contract-link';
import type { CashCaller } from './payment-plan.service';
import { companyToday } from './receivables.queries';
import { instalments } from './receivables.tables';
import { bucketOf, daysOverdue, openOf } from './receivables-math';

/**
 * The receivables ageing (应收账龄): every open instalment of the contracts the caller sees, by days past due
 * in the company's time zone (not yet due, 1–30, 31–60, 61–90, over 90), per customer and per currency, with
 * the overdue instalments listed most overdue first; and every currency's buckets together in the company's
 * currency at the day's rates.
 */

const empty = (): AgeingBuckets => ({
  notDue: 0,
  d0_30: 0,
  d31_60: 0,
  d61_90: 0,
  d90plus: 0,
  overdue: 0,
  total: 0,
});

const AGE_KEYS = ['notDue', 'd0_30', 'd31_60', 'd61_90', 'd90plus'] as const;

/**
 * The age buckets converted one by one (null when the currency has no rate that day); overdue and total are
 * their sums again, so the converted report adds up exactly.
 */
async function convertBuckets(
  b: AgeingBuckets,
  convert: (amountMinor: number) => Promise<number | null>,
): Promise<AgeingBuckets | null> {
  const out = empty();
  for (const key of AGE_KEYS) {
    const value = await convert(b[key]);
    if (value === null) return null;
    out[key] = value;
  }
  out.overdue = out.d0_30 + out.d31_60 + out.d61_90 + out.d90plus;
  out.total = out.notDue + out.overdue;
  return out;
}

function add(b: AgeingBuckets, days: number, open: number): void {
  b[bucketOf(days)] += open;
  if (days > 0) b.overdue += open;
  b.total += open;
}

export async function ageingReport(platform: Platform, caller: CashCaller): Promise<Ageing> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const { today } = await companyToday(tx, tenantId, platform.clock.now());
    const open = await tx
      .select()
      .from(instalments)
      .where(
        and(eq(instalments.tenantId, tenantId), sql`${instalments.paidMinor} < ${instalments.amountMinor}`),
      )
      .orderBy(asc(instalments.dueOn));
    const visible = await visibleContractIds(
      tx,
      caller,
      open.map((r) => r.contractId),
    );
    const rows = open.filter((r) => visible.has(r.contractId));
    const totals = new Map<string, AgeingBuckets>();
    const perCustomer = new Map<string, AgeingBuckets & { customerId: string; currency: string }>();
    const overdueRows: typeof rows = [];
    for (const r of rows) {
      const days = daysOverdue(r, today);
      const amount = openOf(r);
      const total = totals.get(r.currency) ?? empty();
      totals.set(r.currency, total);
      add(total, days, amount);
      const key = `${r.customerId}:${r.currency}`;
      const customer = perCustomer.get(key) ?? { ...empty(), customerId: r.customerId, currency: r.currency };
      perCustomer.set(key, customer);
      add(customer, days, amount);
      if (days > 0) overdueRows.push(r);
    }
    const home = await tenantCurrency(tx, tenantId);
    const inCompanyCurrency = { ...empty(), currency: home, missingRates: [] as string[] };
    for (const [currency, buckets] of totals) {
      const converted = await convertBuckets(buckets, (amountMinor) =>
        convertMinor(tx, tenantId, { amountMinor, from: currency, to: home, on: today }),
      );
      if (!converted) {
        inCompanyCurrency.missingRates.push(currency);
        continue;
      }
      for (const key of [...AGE_KEYS, 'overdue', 'total'] as const) inCompanyCurrency[key] += converted[key];
    }
    const contractIds = overdueRows.map((r) => r.contractId);
    const [customerNames, facts] = await Promise.all([
      customerAndContactNames(tx, tenantId, { customerIds: rows.map((r) => r.customerId), contactIds: [] }),
      // The caller sees these contracts (filtered above): their numbers and owners in one read.
      contractFacts(tx, tenantId, contractIds),
    ]);
    const ownerNames = await namesOf(
      tx,
      tenantId,
      [...facts.values()].map((c) => c.ownerId),
    );
    const overdue: OverdueInstalment[] = overdueRows
      .map((r) => {
        const contract = facts.get(r.contractId);
        const ownerId = contract?.ownerId ?? null;
        return {
          instalmentId: r.id,
          contractId: r.contractId,
          contractNumber: contract?.number ?? '',
          customerId: r.customerId,
          customerName: customerNames.customers.get(r.customerId) ?? '',
          title: r.title,
          dueOn: r.dueOn,
          daysOverdue: daysOverdue(r, today),
          openMinor: openOf(r),
          currency: r.currency,
          ownerId,
          ownerName: ownerId ? (ownerNames.users.get(ownerId) ?? null) : null,
        };
      })
      .sort((a, b) => b.daysOverdue - a.daysOverdue);
    return {
      asOf: today,
      totals: [...totals].map(([currency, b]) => ({ ...b, currency })).sort((a, b) => b.total - a.total),
      inCompanyCurrency,
      customers: [...perCustomer.values()]
        .map((c) => ({ ...c, customerName: customerNames.customers.get(c.customerId) ?? '' }))
        .sort((a, b) => b.overdue - a.overdue || b.total - a.total),
      overdue,
    };
  });
}
