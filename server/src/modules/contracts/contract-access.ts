import { and, eq } from 'drizzle-orm';
import { can } from '../../platform/access';
import type { Tx } from '../../platform/db/database';
import { AppError } from '../../platform/http/errors';
import { type DealCaller, dealFor } from '../deals';
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
const REVIEWED = new Set([
  'in_review',
  'approved',
  'sent',
  'signed',
  'active',
  'completed',
  'terminated',
  'expired',
]);

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
