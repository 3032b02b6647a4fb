import type { Tx } from '../../platform/db/database';
import { rowByKey } from '../../platform/db/row-by-key';
import { AppError } from '../../platform/http/errors';
import { type CustomerCaller, customerOwnership, viewerOf } from '../customers';
import { type DealAbilities, type DealViewer, dealAbilities } from './deals.policy';
import { deals } from './deals.tables';

/**
 * The one door to a deal for every use case of the module (deal edits, needs, proposals, negotiation): the
 * deal if the caller may see it, else not_found (nobody learns what exists elsewhere); forbidden when they
 * see it but lack the ability the use case needs.
 */

export type DealCaller = CustomerCaller;
export type DealRow = typeof deals.$inferSelect;
export type DealNeed = 'read' | keyof DealAbilities;
export type DealAccess = { deal: DealRow; viewer: DealViewer; abilities: DealAbilities };

export async function dealFor(
  tx: Tx,
  caller: DealCaller,
  dealId: string,
  need: DealNeed,
  options: { lock?: boolean; viewer?: DealViewer } = {},
): Promise<DealAccess> {
  const tenantId = caller.actor.tenantId;
  const viewer = options.viewer ?? (await viewerOf(tx, caller));
  const deal = await rowByKey(tx, deals, tenantId, dealId, options.lock);
  if (!deal) throw new AppError('not_found');
  const customer = await customerOwnership(tx, tenantId, deal.customerId);
  const abilities = dealAbilities(viewer, {
    ownerId: deal.ownerId,
    teamId: deal.teamId,
    customerOwnerId: customer?.ownerId ?? null,
    customerSharedWith: customer?.sharedWith ?? [],
  });
  // Seeing a deal and working on it are the same rule (dealAbilities' edit).
  if (!abilities.edit) throw new AppError('not_found');
  if (need !== 'read' && !abilities[need]) throw new AppError('forbidden');
  return { deal, viewer, abilities };
}
