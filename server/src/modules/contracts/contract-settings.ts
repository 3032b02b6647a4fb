import { type ContractSettings, ContractSettingsShape } from '@contracts/contracts.contract';
import { isNumberPattern } from '@contracts/number-pattern';
import { and, eq } from 'drizzle-orm';
import { can } from '../../platform/access';
import { writeAudit } from '../../platform/audit';
import type { Tx } from '../../platform/db/database';
import { users } from '../../platform/db/identity.tables';
import { withTenant } from '../../platform/db/tenancy';
import { AppError, invalidFields } from '../../platform/http/errors';
import type { Platform } from '../../platform/platform';
import type { ContractCaller } from './contract-access';
import { contractSettings } from './contracts.tables';

/** The company's contract rules: one jsonb row, read through the contract's shape so missing fields default. */

export async function loadContractSettings(
  tx: Tx,
  tenantId: string,
  lock = false,
): Promise<ContractSettings> {
  const query = tx.select().from(contractSettings).where(eq(contractSettings.tenantId, tenantId));
  const [row] = await (lock ? query.for('update') : query);
  const parsed = ContractSettingsShape.safeParse(row?.settings ?? {});
  // A stored value that no longer fits falls back to the defaults rather than blocking every contract.
  const settings = parsed.success ? parsed.data : ContractSettingsShape.parse({});
  return { ...settings, version: row?.version ?? 0 };
}

export async function activeUser(
  tx: Tx,
  tenantId: string,
  userId: string,
): Promise<{ id: string; name: string } | null> {
  const [row] = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId), eq(users.status, 'active')));
  return row ?? null;
}

export async function getContractSettings(
  platform: Platform,
  caller: ContractCaller,
): Promise<ContractSettings> {
  return withTenant(platform.db, caller.actor.tenantId, (tx) =>
    loadContractSettings(tx, caller.actor.tenantId),
  );
}

export async function putContractSettings(
  platform: Platform,
  caller: ContractCaller,
  input: {
    version: number;
    numberPattern: string;
    defaultDeliveryUserId: string | null;
    signingDays: number;
  },
): Promise<ContractSettings> {
  if (!can(caller.role, 'contracts.configure')) throw new AppError('forbidden');
  if (!isNumberPattern(input.numberPattern)) {
    throw invalidFields({ path: 'numberPattern', code: 'invalid_number_pattern' });
  }
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const before = await loadContractSettings(tx, tenantId, true);
    if (before.version !== input.version) throw new AppError('version_conflict');
    if (input.defaultDeliveryUserId && !(await activeUser(tx, tenantId, input.defaultDeliveryUserId))) {
      throw invalidFields({ path: 'defaultDeliveryUserId', code: 'unknown_delivery_user' });
    }
    const { version: _v, ...settings } = input;
    const now = platform.clock.now();
    await tx
      .insert(contractSettings)
      .values({ tenantId, settings, version: 1 })
      .onConflictDoUpdate({
        target: contractSettings.tenantId,
        set: { settings, version: before.version + 1, updatedAt: now },
      });
    await writeAudit(tx, caller.actor, {
      entity: 'contract_settings',
      entityId: tenantId,
      action: 'update',
      changes: Object.fromEntries(
        (['numberPattern', 'defaultDeliveryUserId', 'signingDays'] as const)
          .filter((k) => before[k] !== settings[k])
          .map((k) => [k, { from: before[k], to: settings[k] }]),
      ),
    });
    return { ...settings, version: before.version + 1 };
  });
}
