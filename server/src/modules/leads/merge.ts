import type { Lead, MERGE_FIELDS } from '@contracts/leads.contract';
import { and, eq } from 'drizzle-orm';
import { changesBetween, writeAudit } from '../../platform/audit';
import type { Tx } from '../../platform/db/database';
import { withTenant } from '../../platform/db/tenancy';
import { AppError, invalidFields } from '../../platform/http/errors';
import type { Platform } from '../../platform/platform';
import { moveLeadActivities } from '../activities';
import { dedupeKeysOf, findDuplicates } from './dedupe';
import { loadLeadSettings } from './lead-settings';
import { leadAbilities } from './leads.policy';
import { type LeadRow, presentLead } from './leads.queries';
import { type LeadCaller, viewerOf, visibleLead } from './leads.service';
import { leadEvents, leadFormSubmissions, leadMailTracking, leads } from './leads.tables';
import { rescoreLead } from './scoring/rescore';
import { loadScoreRules } from './scoring/rule-score';

/**
 * Merging two leads of the same person: the survivor keeps, field by field, the value the user chose; both
 * notes; every activity, event, form submission and tracked mail of both; the earliest milestones and
 * consent. The other lead is deleted, its full record kept in the audit row.
 */

type MergeField = (typeof MERGE_FIELDS)[number];

const earliest = (a: Date | null, b: Date | null) => (a && b ? (a < b ? a : b) : (a ?? b));
const latest = (a: Date | null, b: Date | null) => (a && b ? (a > b ? a : b) : (a ?? b));

/** Locks both rows in id order, so two opposite merges of the same pair cannot deadlock. */
async function lockPair(tx: Tx, tenantId: string, ids: [string, string]) {
  for (const id of [...ids].sort()) {
    await tx
      .select({ id: leads.id })
      .from(leads)
      .where(and(eq(leads.tenantId, tenantId), eq(leads.id, id)))
      .for('update');
  }
}

export async function mergeLeads(
  platform: Platform,
  caller: LeadCaller,
  id: string,
  input: {
    otherId: string;
    version: number;
    otherVersion: number;
    take: Partial<Record<MergeField, 'this' | 'other'>>;
  },
): Promise<Lead> {
  const tenantId = caller.actor.tenantId;
  if (input.otherId === id) throw invalidFields({ path: 'otherId', code: 'merge_same_lead' });
  return withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    await lockPair(tx, tenantId, [id, input.otherId]);
    const keep = await visibleLead(tx, viewer, tenantId, id);
    const other = await visibleLead(tx, viewer, tenantId, input.otherId).catch(() => {
      throw invalidFields({ path: 'otherId', code: 'unknown_record' });
    });
    if (keep.version !== input.version || other.version !== input.otherVersion) {
      throw new AppError('version_conflict');
    }
    if (keep.status === 'converted' || other.status === 'converted') throw new AppError('lead_converted');
    for (const row of [keep, other]) {
      const abilities = leadAbilities(viewer, {
        ownerId: row.ownerId,
        teamId: row.teamId,
        sharedWith: row.sharedWith,
        status: 'new',
      });
      if (!abilities.edit) throw new AppError('forbidden');
    }
    const takesOwner = input.take.ownerId === 'other' || input.take.teamId === 'other';
    if (takesOwner && other.ownerId !== keep.ownerId) {
      const canAssign = leadAbilities(viewer, { ...keep, status: 'new' }).assign;
      if (!canAssign) throw invalidFields({ path: 'take.ownerId', code: 'not_permitted' });
    }

    const chosen: Partial<LeadRow> = {};
    for (const [field, side] of Object.entries(input.take) as [MergeField, 'this' | 'other'][]) {
      if (side === 'other') Object.assign(chosen, { [field]: other[field] });
    }
    const merged = { ...keep, ...chosen };
    const keys = dedupeKeysOf(merged);
    const otherName = [other.companyName, other.contactName].filter(Boolean).join(' · ');
    const notes = [keep.notes.trim(), other.notes.trim() ? `— ${otherName} —\n${other.notes.trim()}` : '']
      .filter(Boolean)
      .join('\n\n');

    // Everything the other lead had now belongs to the survivor.
    await moveLeadActivities(tx, tenantId, other.id, keep.id);
    for (const table of [leadEvents, leadFormSubmissions, leadMailTracking]) {
      await tx
        .update(table)
        .set({ leadId: keep.id })
        .where(and(eq(table.tenantId, tenantId), eq(table.leadId, other.id)));
    }
    await tx.delete(leads).where(and(eq(leads.tenantId, tenantId), eq(leads.id, other.id)));

    const now = platform.clock.now();
    const [after] = await tx
      .update(leads)
      .set({
        ...chosen,
        notes,
        // The survivor's custom values stand; the other lead fills the fields the survivor left empty.
        custom: { ...other.custom, ...keep.custom },
        phoneNorm: keys.phoneNorm,
        emailNorm: keys.emailNorm,
        companyNorm: keys.companyNorm,
        duplicates: await findDuplicates(tx, tenantId, keys, keep.id),
        sharedWith: [...new Set([...keep.sharedWith, ...other.sharedWith])],
        firstContactAt: earliest(keep.firstContactAt, other.firstContactAt),
        mqlAt: earliest(keep.mqlAt, other.mqlAt),
        sqlAt: earliest(keep.sqlAt, other.sqlAt),
        lastEventAt: latest(keep.lastEventAt, other.lastEventAt),
        lastActivityAt: latest(keep.lastActivityAt, other.lastActivityAt),
        consent: keep.consent || other.consent ? true : (keep.consent ?? other.consent),
        consentAt: earliest(keep.consentAt, other.consentAt),
        version: keep.version + 1,
        updatedAt: now,
      })
      .where(and(eq(leads.tenantId, tenantId), eq(leads.id, keep.id)))
      .returning();
    if (!after) throw new AppError('not_found');
    await writeAudit(tx, caller.actor, {
      entity: 'lead',
      entityId: other.id,
      action: 'merged_into',
      changes: {
        mergedInto: { from: null, to: keep.id },
        record: { from: other, to: null },
      },
    });
    await writeAudit(tx, caller.actor, {
      entity: 'lead',
      entityId: keep.id,
      action: 'merge',
      changes: {
        merged: { from: null, to: other.id },
        ...changesBetween(keep, after, [
          'companyName',
          'contactName',
          'title',
          'phone',
          'email',
          'region',
          'industry',
          'companySize',
          'source',
          'campaignId',
          'grade',
          'ownerId',
          'teamId',
          'qualification',
          'utm',
          'referrer',
          'notes',
          'custom',
        ]),
      },
    });
    const rescored = await rescoreLead(
      tx,
      {
        tenantId,
        actor: caller.actor,
        now,
        settings: await loadLeadSettings(tx, tenantId),
        rules: await loadScoreRules(tx, tenantId),
      },
      after,
    );
    return presentLead(tx, rescored, viewer);
  });
}
