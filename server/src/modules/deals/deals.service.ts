import { uuidv7 } from 'uuidv7';
import { type Actor, changesBetween, writeAudit } from '../../platform/audit';
import type { Tx } from '../../platform/db/database';
import { deals } from './deals.tables';

/** Deals as lead conversion creates them; the deals issue adds pipelines, stages and their own API. */

export type DealRow = typeof deals.$inferSelect;

export type NewDeal = {
  name: string;
  customerId: string;
  contactId: string | null;
  amountMinor: number | null;
  currency: string;
  expectedCloseOn: string | null;
  source: string | null;
  campaignId: string | null;
  ownerId: string | null;
  teamId: string | null;
};

export async function createDeal(tx: Tx, actor: Actor, input: NewDeal): Promise<DealRow> {
  const [row] = await tx
    .insert(deals)
    .values({ tenantId: actor.tenantId, id: uuidv7(), ...input, createdBy: actor.userId })
    .returning();
  if (!row) throw new Error('deal insert returned nothing');
  await writeAudit(tx, actor, {
    entity: 'deal',
    entityId: row.id,
    action: 'create',
    changes: changesBetween(null, row, [
      'name',
      'customerId',
      'amountMinor',
      'currency',
      'source',
      'ownerId',
    ]),
  });
  return row;
}
