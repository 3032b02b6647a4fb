import { and, asc, eq, gte, lte, type SQL, sql } from 'drizzle-orm';
import { anyOf } from '../../platform/db/arrays';
import type { Tx } from '../../platform/db/database';
import { contracts } from './contracts.tables';

/**
 * What the receivables module reads and writes on contracts (added for it, through this module's index):
 * the facts cash needs for a set of contracts, a customer's contracts for its transactions, and the renewal
 * bookkeeping (`renewal_reminded_at`, `renewal_deal_id`) its daily renewal sweep keeps.
 */

export type ContractCashFacts = {
  id: string;
  number: string;
  title: string;
  dealId: string;
  customerId: string;
  currency: string;
  amountMinor: number;
  status: string;
  ownerId: string | null;
  teamId: string | null;
  signedOn: string | null;
  endsOn: string | null;
  renewalRemindedAt: Date | null;
  renewalDealId: string | null;
};

const cashColumns = {
  id: contracts.id,
  number: contracts.number,
  title: contracts.title,
  dealId: contracts.dealId,
  customerId: contracts.customerId,
  currency: contracts.currency,
  amountMinor: contracts.amountMinor,
  status: contracts.status,
  ownerId: contracts.ownerId,
  teamId: contracts.teamId,
  signedOn: contracts.signedOn,
  endsOn: contracts.endsOn,
  renewalRemindedAt: contracts.renewalRemindedAt,
  renewalDealId: contracts.renewalDealId,
};

/** Contracts by id (no access check: for sweeps and for ids the caller was already allowed to see). */
export async function contractCashFacts(
  tx: Tx,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, ContractCashFacts>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await tx
    .select(cashColumns)
    .from(contracts)
    .where(and(eq(contracts.tenantId, tenantId), anyOf(contracts.id, unique, 'uuid')));
  return new Map(rows.map((r) => [r.id, r]));
}

/** A customer's contracts, newest first. */
export async function contractsOfCustomer(
  tx: Tx,
  tenantId: string,
  customerId: string,
): Promise<ContractCashFacts[]> {
  return tx
    .select(cashColumns)
    .from(contracts)
    .where(and(eq(contracts.tenantId, tenantId), eq(contracts.customerId, customerId)))
    .orderBy(asc(contracts.createdAt));
}

/** Records that the renewal reminder went out at `at` and which renewal deal it opened. */
export async function markRenewalReminded(
  tx: Tx,
  tenantId: string,
  contractId: string,
  renewal: { at: Date; dealId: string },
): Promise<void> {
  await tx
    .update(contracts)
    .set({ renewalRemindedAt: renewal.at, renewalDealId: renewal.dealId })
    .where(and(eq(contracts.tenantId, tenantId), eq(contracts.id, contractId)));
}

/** Signed or active contracts ending between `from` and `to` (YYYY-MM-DD, both included), soonest first. */
export async function renewalCandidates(
  tx: Tx,
  tenantId: string,
  from: string,
  to: string,
): Promise<ContractCashFacts[]> {
  return tx
    .select(cashColumns)
    .from(contracts)
    .where(
      and(
        eq(contracts.tenantId, tenantId),
        sql`${contracts.status} IN ('signed', 'active')`,
        gte(contracts.endsOn, from),
        lte(contracts.endsOn, to),
      ),
    )
    .orderBy(asc(contracts.endsOn));
}

/**
 * Per customer, the contracts signed by both sides (`signed_on` set at counter-signing), as a subquery the
 * receivables' cash signals join for retention's RFM grading. `since` is a company calendar day (SQL date).
 *
 * Columns: customer_id, signed_total, signed_since (signed on or after `since`), first_signed_on and
 * last_signed_on (dates).
 */
export function signedContractsSql(w: {
  tenantId: string;
  since: SQL;
  customerId?: string | undefined;
}): SQL {
  return sql`(SELECT ${contracts.customerId} AS customer_id,
      count(*)::int AS signed_total,
      (count(*) FILTER (WHERE ${contracts.signedOn} >= ${w.since}))::int AS signed_since,
      min(${contracts.signedOn}) AS first_signed_on,
      max(${contracts.signedOn}) AS last_signed_on
    FROM ${contracts}
    WHERE ${contracts.tenantId} = ${w.tenantId} AND ${contracts.signedOn} IS NOT NULL
      ${w.customerId ? sql`AND ${contracts.customerId} = ${w.customerId}` : sql``}
    GROUP BY ${contracts.customerId})`;
}
