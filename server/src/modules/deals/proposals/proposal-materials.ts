import { and, eq } from 'drizzle-orm';
import { writeAudit } from '../../../platform/audit';
import type { Platform } from '../../../platform/platform';
import type { DealCaller } from '../deal-access';
import { readableMaterial } from '../materials/materials.service';
import { proposalMaterials } from '../materials.tables';
import { attachedMaterials, proposalRow } from './proposal-view';
import { onDeal } from './proposals.service';

/** Attaches or detaches a library material; answers the version's materials. */
export async function setProposalMaterial(
  platform: Platform,
  caller: DealCaller,
  dealId: string,
  proposalId: string,
  materialId: string,
  attached: boolean,
) {
  return onDeal(platform, caller, dealId, 'edit', async (tx, { deal }) => {
    const tenantId = deal.tenantId;
    await proposalRow(tx, tenantId, dealId, proposalId, true);
    await readableMaterial(tx, tenantId, materialId);
    const changed = attached
      ? await tx
          .insert(proposalMaterials)
          .values({ tenantId, proposalId, materialId, createdAt: platform.clock.now() })
          .onConflictDoNothing()
          .returning({ id: proposalMaterials.materialId })
      : await tx
          .delete(proposalMaterials)
          .where(
            and(
              eq(proposalMaterials.tenantId, tenantId),
              eq(proposalMaterials.proposalId, proposalId),
              eq(proposalMaterials.materialId, materialId),
            ),
          )
          .returning({ id: proposalMaterials.materialId });
    if (changed.length > 0) {
      await writeAudit(tx, caller.actor, {
        entity: 'proposal',
        entityId: proposalId,
        action: attached ? 'attach_material' : 'detach_material',
        changes: { materialId: attached ? { from: null, to: materialId } : { from: materialId, to: null } },
      });
    }
    return { items: await attachedMaterials(tx, tenantId, proposalId) };
  });
}
