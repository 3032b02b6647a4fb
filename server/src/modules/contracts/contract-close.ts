import type { Contract } from '@contracts/contracts.contract';
import { and, eq } from 'drizzle-orm';
import { writeAudit } from '../../platform/audit';
import { withTenant } from '../../platform/db/tenancy';
import { AppError } from '../../platform/http/errors';
import type { Platform } from '../../platform/platform';
import { type ContractCaller, contractFor } from './contract-access';
import { presentContract } from './contracts.service';
import { contracts } from './contracts.tables';

/**
 * The ends of a live contract: completed (active and delivered; the owner says so) or terminated with a
 * reason (signed or active). Expiry is the daily job's.
 */
export async function closeContract(
  platform: Platform,
  caller: ContractCaller,
  contractId: string,
  input: { to: 'terminated'; reason: string } | { to: 'completed'; version: number },
): Promise<Contract> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const row = await contractFor(tx, caller, contractId, 'edit', { lock: true });
    if (input.to === 'completed' && row.version !== input.version) throw new AppError('version_conflict');
    const allowed = input.to === 'completed' ? ['active'] : ['signed', 'active'];
    if (!allowed.includes(row.status) || row.signedFileId === null) {
      throw new AppError('transition_not_allowed', { from: row.status, to: input.to });
    }
    const reason = input.to === 'terminated' ? input.reason : null;
    const [next] = await tx
      .update(contracts)
      .set({
        status: input.to,
        terminatedReason: reason,
        version: row.version + 1,
        updatedAt: platform.clock.now(),
      })
      .where(and(eq(contracts.tenantId, tenantId), eq(contracts.id, row.id)))
      .returning();
    if (!next) throw new Error('contract update returned nothing');
    await writeAudit(tx, caller.actor, {
      entity: 'contract',
      entityId: row.id,
      action: input.to === 'completed' ? 'complete' : 'terminate',
      changes: {
        status: { from: row.status, to: input.to },
        ...(reason ? { reason: { from: null, to: reason } } : {}),
      },
    });
    return presentContract(tx, caller, next);
  });
}
