import { and, eq, type SQL, sql } from 'drizzle-orm';
import { can } from '../../platform/access';
import { anyOf } from '../../platform/db/arrays';
import type { Tx } from '../../platform/db/database';
import { AppError } from '../../platform/http/errors';
import { viewerOf } from '../customers';
import { type DealCaller, dealFor, dealScopeSql, deals } from '../deals';
import { contracts, handovers } from './contracts.tables';

/**
 * The one door to a contract. A contract is visible to whoever may see its deal (deals' `dealFor`); besides,
 * legal reviewers (contracts.review) see contracts once they entered review, and a delivery owner sees the
 * contracts handed over to them. Everyone else gets not_found, so nobody learns what exists elsewhere.
 * 'edit' (the owner's side: clauses, submit, send) needs the deal's edit right; the reviewer and signer
 * abilities are checked by the use cases with their permissions.
 */

export type ContractCaller = DealCaller;
export type ContractRow = typeof contracts.$inferSelect;
export type ContractNeed = 'read' | 'edit';

/** Statuses a reviewer may see: review and everything after it. */
const REVIEWED_STATUSES = [
  'in_review',
  'approved',
  'sent',
  'signed',
  'active',
  'completed',
  'terminated',
  'expired',
] as const;
const REVIEWED = new Set<string>(REVIEWED_STATUSES);

export async function contractFor(
  tx: Tx,
  caller: ContractCaller,
  contractId: string,
  need: ContractNeed,
  options: { lock?: boolean } = {},
): Promise<ContractRow> {
  const tenantId = caller.actor.tenantId;
  const query = tx
    .select()
    .from(contracts)
    .where(and(eq(contracts.tenantId, tenantId), eq(contracts.id, contractId)));
  const [row] = await (options.lock ? query.for('update') : query);
  if (!row) throw new AppError('not_found');
  if (await seesDeal(tx, caller, row.dealId)) return row;
  const other =
    (can(caller.role, 'contracts.review') && REVIEWED.has(row.status)) ||
    (await isDeliveryOwner(tx, caller, row));
  if (!other) throw new AppError('not_found');
  if (need === 'edit') throw new AppError('forbidden');
  return row;
}

/** Whether the caller may see (and so work on) the contract's deal: the owner's side. */
export async function seesDeal(tx: Tx, caller: ContractCaller, dealId: string): Promise<boolean> {
  try {
    await dealFor(tx, caller, dealId, 'read');
    return true;
  } catch (error) {
    if (error instanceof AppError && (error.code === 'not_found' || error.code === 'forbidden')) return false;
    throw error;
  }
}

async function isDeliveryOwner(tx: Tx, caller: ContractCaller, row: ContractRow): Promise<boolean> {
  const userId = caller.actor.userId;
  if (!userId) return false;
  const [handover] = await tx
    .select({ owner: handovers.deliveryOwnerId, status: handovers.status })
    .from(handovers)
    .where(and(eq(handovers.tenantId, row.tenantId), eq(handovers.contractId, row.id)));
  // A delivery owner chosen before signing sees the contract once the handover opens.
  return handover !== undefined && handover.status !== 'pending' && handover.owner === userId;
}

/**
 * contractFor's read rule as a filter, for lists and reports: over `contracts` joined to its deal (`deals`).
 * Undefined when the caller sees every contract of the company.
 */
export async function contractScopeSql(tx: Tx, caller: ContractCaller): Promise<SQL | undefined> {
  const viewer = await viewerOf(tx, caller);
  const scope = dealScopeSql(caller.actor.tenantId, viewer);
  if (!scope) return undefined;
  const reviewed = can(caller.role, 'contracts.review')
    ? sql`${contracts.status} IN (${sql.join(
        REVIEWED_STATUSES.map((s) => sql`${s}`),
        sql`, `,
      )})`
    : sql`false`;
  return sql`(${scope} OR ${reviewed} OR EXISTS (SELECT 1 FROM ${handovers} h
    WHERE h.tenant_id = ${contracts.tenantId} AND h.contract_id = ${contracts.id}
      AND h.delivery_owner_id = ${viewer.userId} AND h.status <> 'pending'))`;
}

/** Which of `contractIds` the caller may see, in one query. */
export async function visibleContractIds(
  tx: Tx,
  caller: ContractCaller,
  contractIds: readonly string[],
): Promise<Set<string>> {
  const unique = [...new Set(contractIds)];
  if (unique.length === 0) return new Set();
  const scope = await contractScopeSql(tx, caller);
  const tenantId = caller.actor.tenantId;
  const rows = await tx
    .select({ id: contracts.id })
    .from(contracts)
    .innerJoin(deals, and(eq(deals.tenantId, contracts.tenantId), eq(deals.id, contracts.dealId)))
    .where(and(eq(contracts.tenantId, tenantId), anyOf(contracts.id, unique, 'uuid'), scope));
  return new Set(rows.map((r) => r.id));
}
