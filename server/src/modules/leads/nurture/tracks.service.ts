import type { Locale } from '@contracts/common';
import type { NurtureStep, NurtureTrack } from '@contracts/lead-routing.contract';
import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { type Actor, changesBetween, writeAudit } from '../../../platform/audit';
import type { Tx } from '../../../platform/db/database';
import { tenants } from '../../../platform/db/identity.tables';
import { withTenant } from '../../../platform/db/tenancy';
import { AppError, invalidFields } from '../../../platform/http/errors';
import type { Platform } from '../../../platform/platform';
import { loadLeadSettings } from '../lead-settings';
import { leadNurtureTracks, leadSettings, leads } from '../leads.tables';
import { DEFAULT_TRACK } from './default-track';

/** Nurture tracks: ordered touches (mail or task) with the days between them, and the tenant's default track. */

export type TrackRow = typeof leadNurtureTracks.$inferSelect;

export function stepsOf(row: Pick<TrackRow, 'steps'>): NurtureStep[] {
  return row.steps as NurtureStep[];
}

async function present(tx: Tx, tenantId: string, rows: readonly TrackRow[]): Promise<NurtureTrack[]> {
  if (rows.length === 0) return [];
  const settings = await loadLeadSettings(tx, tenantId);
  const counts = await tx
    .select({ trackId: leads.nurtureTrackId, n: sql<number>`count(*)::int` })
    .from(leads)
    .where(
      and(
        eq(leads.tenantId, tenantId),
        inArray(
          leads.nurtureTrackId,
          rows.map((r) => r.id),
        ),
        eq(leads.status, 'nurturing'),
        isNotNull(leads.nurtureNextAt),
      ),
    )
    .groupBy(leads.nurtureTrackId);
  const enrolled = new Map(counts.map((c) => [c.trackId, c.n]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    steps: stepsOf(r),
    repeat: r.repeat,
    active: r.active,
    isDefault: settings.defaultNurtureTrackId === r.id,
    enrolled: enrolled.get(r.id) ?? 0,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    version: r.version,
  }));
}

export async function loadTrack(tx: Tx, tenantId: string, id: string, lock = false) {
  const q = tx
    .select()
    .from(leadNurtureTracks)
    .where(and(eq(leadNurtureTracks.tenantId, tenantId), eq(leadNurtureTracks.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

async function assertNameFree(tx: Tx, tenantId: string, name: string, exceptId: string | null) {
  const [taken] = await tx
    .select({ id: leadNurtureTracks.id })
    .from(leadNurtureTracks)
    .where(
      and(eq(leadNurtureTracks.tenantId, tenantId), sql`lower(${leadNurtureTracks.name}) = lower(${name})`),
    );
  if (taken && taken.id !== exceptId) throw new AppError('name_taken');
}

/** A repeating track with no delay anywhere would mail the lead on every sweep. */
function assertRepeatHasDelay(steps: readonly NurtureStep[], repeat: boolean) {
  if (repeat && steps.every((s) => s.delayDays === 0)) {
    throw invalidFields({ path: 'repeat', code: 'repeat_needs_delay' });
  }
}

const AUDITED = ['name', 'steps', 'repeat', 'active'] as const;

export async function listTracks(platform: Platform, actor: Actor): Promise<NurtureTrack[]> {
  return withTenant(platform.db, actor.tenantId, async (tx) =>
    present(
      tx,
      actor.tenantId,
      await tx
        .select()
        .from(leadNurtureTracks)
        .where(eq(leadNurtureTracks.tenantId, actor.tenantId))
        .orderBy(asc(leadNurtureTracks.name)),
    ),
  );
}

export async function getTrack(platform: Platform, actor: Actor, id: string): Promise<NurtureTrack> {
  return withTenant(platform.db, actor.tenantId, async (tx) => {
    const row = await loadTrack(tx, actor.tenantId, id);
    if (!row) throw new AppError('not_found');
    return (await present(tx, actor.tenantId, [row]))[0] as NurtureTrack;
  });
}

export type TrackInput = { name: string; steps: NurtureStep[]; repeat: boolean; active: boolean };

async function insertTrack(tx: Tx, tenantId: string, input: TrackInput, now: Date): Promise<TrackRow> {
  const [row] = await tx
    .insert(leadNurtureTracks)
    .values({ tenantId, id: uuidv7(), ...input, createdAt: now, updatedAt: now })
    .returning();
  if (!row) throw new AppError('internal');
  return row;
}

export async function createTrack(
  platform: Platform,
  actor: Actor,
  input: TrackInput,
): Promise<NurtureTrack> {
  return withTenant(platform.db, actor.tenantId, async (tx) => {
    assertRepeatHasDelay(input.steps, input.repeat);
    await assertNameFree(tx, actor.tenantId, input.name, null);
    const row = await insertTrack(tx, actor.tenantId, input, platform.clock.now());
    await writeAudit(tx, actor, {
      entity: 'lead_nurture_track',
      entityId: row.id,
      action: 'create',
      changes: changesBetween(null, row, AUDITED),
    });
    return (await present(tx, actor.tenantId, [row]))[0] as NurtureTrack;
  });
}

export async function updateTrack(
  platform: Platform,
  actor: Actor,
  id: string,
  expectedVersion: number | null,
  input: Partial<TrackInput>,
): Promise<NurtureTrack> {
  return withTenant(platform.db, actor.tenantId, async (tx) => {
    const before = await loadTrack(tx, actor.tenantId, id, true);
    if (!before) throw new AppError('not_found');
    if (expectedVersion !== null && before.version !== expectedVersion)
      throw new AppError('version_conflict');
    assertRepeatHasDelay(input.steps ?? stepsOf(before), input.repeat ?? before.repeat);
    if (input.name !== undefined) await assertNameFree(tx, actor.tenantId, input.name, id);
    const set: Partial<TrackRow> = {};
    for (const field of AUDITED) {
      if (input[field] !== undefined) Object.assign(set, { [field]: input[field] });
    }
    const [after] = await tx
      .update(leadNurtureTracks)
      .set({ ...set, version: before.version + 1, updatedAt: platform.clock.now() })
      .where(and(eq(leadNurtureTracks.tenantId, actor.tenantId), eq(leadNurtureTracks.id, id)))
      .returning();
    if (!after) throw new AppError('internal');
    await writeAudit(tx, actor, {
      entity: 'lead_nurture_track',
      entityId: id,
      action: 'update',
      changes: changesBetween(before, after, AUDITED),
    });
    return (await present(tx, actor.tenantId, [after]))[0] as NurtureTrack;
  });
}

/**
 * Deletes a track nobody is on: the default track and a track with leads still due a touch are refused
 * (in_use). Leads that finished it or stopped keep no reference to it.
 */
export async function deleteTrack(platform: Platform, actor: Actor, id: string): Promise<void> {
  const tenantId = actor.tenantId;
  await withTenant(platform.db, tenantId, async (tx) => {
    const before = await loadTrack(tx, tenantId, id, true);
    if (!before) throw new AppError('not_found');
    const settings = await loadLeadSettings(tx, tenantId);
    const [busy] = await tx
      .select({ id: leads.id })
      .from(leads)
      .where(and(eq(leads.tenantId, tenantId), eq(leads.nurtureTrackId, id), isNotNull(leads.nurtureNextAt)))
      .limit(1);
    if (busy || settings.defaultNurtureTrackId === id) throw new AppError('in_use');
    await tx
      .update(leads)
      .set({ nurtureTrackId: null, nurtureStep: null })
      .where(and(eq(leads.tenantId, tenantId), eq(leads.nurtureTrackId, id)));
    await tx
      .delete(leadNurtureTracks)
      .where(and(eq(leadNurtureTracks.tenantId, tenantId), eq(leadNurtureTracks.id, id)));
    await writeAudit(tx, actor, {
      entity: 'lead_nurture_track',
      entityId: id,
      action: 'delete',
      changes: changesBetween(before, null, AUDITED),
    });
  });
}

/**
 * The tenant's default track, created on first need ("Quarterly industry update" in the tenant's language)
 * and remembered in the lead settings. The settings row is locked, so two leads entering nurturing at once
 * create one track.
 */
export async function defaultTrack(tx: Tx, tenantId: string, actor: Actor, now: Date): Promise<TrackRow> {
  // Version 0: the row stands for the defaults until the first real change (see lead-settings.ts).
  await tx.insert(leadSettings).values({ tenantId, version: 0 }).onConflictDoNothing();
  const [settings] = await tx
    .select()
    .from(leadSettings)
    .where(eq(leadSettings.tenantId, tenantId))
    .for('update');
  if (!settings) throw new AppError('internal');
  if (settings.defaultNurtureTrackId) {
    const existing = await loadTrack(tx, tenantId, settings.defaultNurtureTrackId);
    if (existing) return existing;
  }
  const [tenant] = await tx
    .select({ locale: tenants.defaultLocale })
    .from(tenants)
    .where(eq(tenants.tenantId, tenantId));
  const template = DEFAULT_TRACK[(tenant?.locale === 'en-US' ? 'en-US' : 'zh-CN') satisfies Locale];
  const [sameName] = await tx
    .select()
    .from(leadNurtureTracks)
    .where(
      and(
        eq(leadNurtureTracks.tenantId, tenantId),
        sql`lower(${leadNurtureTracks.name}) = lower(${template.name})`,
      ),
    );
  const track = sameName ?? (await insertTrack(tx, tenantId, { ...template, active: true }, now));
  if (!sameName) {
    await writeAudit(tx, actor, {
      entity: 'lead_nurture_track',
      entityId: track.id,
      action: 'create',
      changes: changesBetween(null, track, AUDITED),
    });
  }
  await tx
    .update(leadSettings)
    .set({ defaultNurtureTrackId: track.id, version: settings.version + 1, updatedAt: now })
    .where(eq(leadSettings.tenantId, tenantId));
  await writeAudit(tx, actor, {
    entity: 'lead_settings',
    entityId: null,
    action: 'update',
    changes: { defaultNurtureTrackId: { from: settings.defaultNurtureTrackId, to: track.id } },
  });
  return track;
}
