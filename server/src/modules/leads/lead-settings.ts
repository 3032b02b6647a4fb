import type { LeadSettings } from '@contracts/leads.contract';
import { and, eq } from 'drizzle-orm';
import { type Actor, changesBetween, writeAudit } from '../../platform/audit';
import type { Tx } from '../../platform/db/database';
import { withTenant } from '../../platform/db/tenancy';
import { AppError, invalidFields } from '../../platform/http/errors';
import type { Platform } from '../../platform/platform';
import { leadNurtureTracks, leadSettings } from './leads.tables';

/** The tenant's lead settings, or the defaults of DOMAIN.md while an admin has not changed any. */

export type LeadSettingsRow = typeof leadSettings.$inferSelect;

export async function loadLeadSettings(tx: Tx, tenantId: string): Promise<LeadSettingsRow> {
  const [row] = await tx.select().from(leadSettings).where(eq(leadSettings.tenantId, tenantId));
  if (row) return row;
  const now = new Date(0);
  return {
    tenantId,
    mqlThreshold: 60,
    slaHoursA: 24,
    slaHoursB: 48,
    slaHoursC: null,
    revisitDays: 90,
    defaultNurtureTrackId: null,
    predictiveMinOutcomes: 40,
    version: 0,
    createdAt: now,
    updatedAt: now,
  };
}

/** Hours a rep has to make first contact with a lead of this grade; null: no SLA. */
export function slaHoursFor(settings: LeadSettingsRow, grade: string | null): number | null {
  if (grade === 'A') return settings.slaHoursA;
  if (grade === 'B') return settings.slaHoursB;
  if (grade === 'C') return settings.slaHoursC;
  return null;
}

function present(row: LeadSettingsRow): LeadSettings {
  return {
    mqlThreshold: row.mqlThreshold,
    slaHoursA: row.slaHoursA,
    slaHoursB: row.slaHoursB,
    slaHoursC: row.slaHoursC,
    revisitDays: row.revisitDays,
    defaultNurtureTrackId: row.defaultNurtureTrackId,
    predictiveMinOutcomes: row.predictiveMinOutcomes,
    version: row.version,
  };
}

export async function getSettings(platform: Platform, actor: Actor): Promise<LeadSettings> {
  return withTenant(platform.db, actor.tenantId, async (tx) =>
    present(await loadLeadSettings(tx, actor.tenantId)),
  );
}

export type SettingsPatch = Partial<Omit<LeadSettings, 'version'>>;

const FIELDS = [
  'mqlThreshold',
  'slaHoursA',
  'slaHoursB',
  'slaHoursC',
  'revisitDays',
  'defaultNurtureTrackId',
  'predictiveMinOutcomes',
] as const;

/** Saves the changed numbers; the row is created on the first change (version 0 until then). */
export async function updateSettings(
  platform: Platform,
  actor: Actor,
  expectedVersion: number | null,
  patch: SettingsPatch,
): Promise<LeadSettings> {
  return withTenant(platform.db, actor.tenantId, async (tx) => {
    const [locked] = await tx
      .select()
      .from(leadSettings)
      .where(eq(leadSettings.tenantId, actor.tenantId))
      .for('update');
    const before = locked ?? (await loadLeadSettings(tx, actor.tenantId));
    if (expectedVersion !== null && before.version !== expectedVersion)
      throw new AppError('version_conflict');
    if (patch.defaultNurtureTrackId) {
      const [track] = await tx
        .select({ id: leadNurtureTracks.id })
        .from(leadNurtureTracks)
        .where(
          and(
            eq(leadNurtureTracks.tenantId, actor.tenantId),
            eq(leadNurtureTracks.id, patch.defaultNurtureTrackId),
          ),
        );
      if (!track) throw invalidFields({ path: 'defaultNurtureTrackId', code: 'unknown_record' });
    }
    const values: Partial<LeadSettingsRow> = {};
    for (const field of FIELDS) {
      if (patch[field] !== undefined) Object.assign(values, { [field]: patch[field] });
    }
    const now = platform.clock.now();
    const [after] = await tx
      .insert(leadSettings)
      .values({
        ...before,
        ...values,
        tenantId: actor.tenantId,
        version: before.version + 1,
        createdAt: locked?.createdAt ?? now,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: leadSettings.tenantId,
        set: { ...values, version: before.version + 1, updatedAt: now },
      })
      .returning();
    if (!after) throw new AppError('internal');
    await writeAudit(tx, actor, {
      entity: 'lead_settings',
      entityId: null,
      action: 'update',
      changes: changesBetween(before, after, FIELDS),
    });
    return present(after);
  });
}
