import { ReceivableRules, type ReceivableSettings } from '@contracts/receivables.contract';
import { eq } from 'drizzle-orm';
import { type Actor, writeAudit } from '../../platform/audit';
import type { Tx } from '../../platform/db/database';
import { withTenant } from '../../platform/db/tenancy';
import { AppError } from '../../platform/http/errors';
import type { Platform } from '../../platform/platform';
import { receivableSettings } from './receivables.tables';

/** The company's overdue and renewal rules: the stored row parsed with the contract, defaults filling gaps. */

export const DEFAULT_RECEIVABLE_RULES: ReceivableRules = ReceivableRules.parse({});

export async function loadReceivableRules(tx: Tx, tenantId: string): Promise<ReceivableSettings> {
  const [row] = await tx.select().from(receivableSettings).where(eq(receivableSettings.tenantId, tenantId));
  if (!row) return { rules: DEFAULT_RECEIVABLE_RULES, version: 0 };
  // A row written by an older version lacks newer fields: their defaults apply.
  const parsed = ReceivableRules.safeParse(row.settings);
  return { rules: parsed.success ? parsed.data : DEFAULT_RECEIVABLE_RULES, version: row.version };
}

export async function getReceivableSettings(
  platform: Platform,
  tenantId: string,
): Promise<ReceivableSettings> {
  return withTenant(platform.db, tenantId, (tx) => loadReceivableRules(tx, tenantId));
}

export async function updateReceivableSettings(
  platform: Platform,
  actor: Actor,
  input: ReceivableSettings,
): Promise<ReceivableSettings> {
  return withTenant(platform.db, actor.tenantId, async (tx) => {
    await tx
      .select({ version: receivableSettings.version })
      .from(receivableSettings)
      .where(eq(receivableSettings.tenantId, actor.tenantId))
      .for('update');
    const before = await loadReceivableRules(tx, actor.tenantId);
    if (before.version !== input.version) throw new AppError('version_conflict');
    const now = platform.clock.now();
    const version = before.version + 1;
    const settings = input.rules as unknown as Record<string, unknown>;
    await tx
      .insert(receivableSettings)
      .values({ tenantId: actor.tenantId, settings, version, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: receivableSettings.tenantId,
        set: { settings, version, updatedAt: now },
      });
    await writeAudit(tx, actor, {
      entity: 'receivable_settings',
      entityId: null,
      action: 'update',
      changes: { rules: { from: before.rules, to: input.rules } },
    });
    return { rules: input.rules, version };
  });
}
