import type { Role } from '@contracts/common';
import type { CustomValue } from '@contracts/custom-fields.contract';
import type {
  BulkAction,
  DuplicateMatch,
  Lead,
  LeadFilter,
  LeadStatus,
  Qualification,
  Utm,
} from '@contracts/leads.contract';
import { and, eq, inArray } from 'drizzle-orm';
import { type Actor, changesBetween, writeAudit } from '../../platform/audit';
import type { Tx } from '../../platform/db/database';
import { teams, users } from '../../platform/db/identity.tables';
import { withTenant } from '../../platform/db/tenancy';
import { AppError, errorSentence, FieldsError, invalidFields } from '../../platform/http/errors';
import type { Platform } from '../../platform/platform';
import { applyCustomValues, loadFields } from '../custom-fields';
import { dispatchMailCopies, type MailCopies, mailCopies, notify } from '../notifications';
import { dedupeKeysOf, findDuplicates } from './dedupe';
import { type IntakeRow, intakeBatch } from './lead-intake';
import { loadLeadSettings, slaHoursFor } from './lead-settings';
import { statusColumns } from './lead-status';
import { canSeeLead, canSetOwner, checkTransition, type LeadViewer, leadAbilities } from './leads.policy';
import {
  countLeads,
  customConditions,
  getLeadRow,
  type LeadRow,
  type ListLeadsParams,
  listLeadSummaries,
  loadViewer,
  presentLead,
} from './leads.queries';
import { leadCampaigns, leads } from './leads.tables';
import { enrolOnNurturing } from './nurture/enrolment';
import { rescoreLead } from './scoring/rescore';
import { loadScoreRules } from './scoring/rule-score';

/** Lead use cases on one record or a selection: create, read, edit, move status, reassign, delete. */

export type LeadCaller = { actor: Actor; role: Role };

export async function viewerOf(tx: Tx, caller: LeadCaller): Promise<LeadViewer> {
  return loadViewer(tx, caller.actor.tenantId, { userId: caller.actor.userId ?? '', role: caller.role });
}

/** The lead if the viewer may see it; otherwise not_found, so nobody learns what exists elsewhere. */
export async function visibleLead(tx: Tx, viewer: LeadViewer, tenantId: string, id: string, lock = false) {
  const row = await getLeadRow(tx, tenantId, id, lock);
  if (!row || !canSeeLead(viewer, facts(row))) throw new AppError('not_found');
  return row;
}

function facts(row: LeadRow) {
  return {
    ownerId: row.ownerId,
    teamId: row.teamId,
    sharedWith: row.sharedWith,
    status: row.status as LeadStatus,
  };
}

export async function list(platform: Platform, caller: LeadCaller, params: ListLeadsParams) {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const [viewer, custom] = await Promise.all([
      viewerOf(tx, caller),
      customConditions(tx, tenantId, params),
    ]);
    return listLeadSummaries(tx, tenantId, viewer, params, custom);
  });
}

export async function count(platform: Platform, caller: LeadCaller, filter: LeadFilter) {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const [viewer, custom] = await Promise.all([
      viewerOf(tx, caller),
      customConditions(tx, tenantId, filter),
    ]);
    return countLeads(tx, tenantId, viewer, filter, custom);
  });
}

export async function get(platform: Platform, caller: LeadCaller, id: string): Promise<Lead> {
  return withTenant(platform.db, caller.actor.tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    return presentLead(tx, await visibleLead(tx, viewer, caller.actor.tenantId, id), viewer);
  });
}

/** Checks that referenced users, teams and campaigns exist in this tenant (the FK would only say 409). */
async function assertReferences(
  tx: Tx,
  tenantId: string,
  refs: {
    ownerId?: string | null;
    teamId?: string | null;
    campaignId?: string | null;
    sharedWith?: string[];
  },
): Promise<void> {
  const problems: { path: string; code: 'unknown_user' | 'unknown_team' | 'unknown_campaign' }[] = [];
  const userIds = [...(refs.ownerId ? [refs.ownerId] : []), ...(refs.sharedWith ?? [])];
  if (userIds.length > 0) {
    const found = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.tenantId, tenantId), inArray(users.id, userIds), eq(users.status, 'active')));
    const ok = new Set(found.map((u) => u.id));
    if (refs.ownerId && !ok.has(refs.ownerId)) problems.push({ path: 'ownerId', code: 'unknown_user' });
    for (const [i, id] of (refs.sharedWith ?? []).entries()) {
      if (!ok.has(id)) problems.push({ path: `sharedWith.${i}`, code: 'unknown_user' });
    }
  }
  if (refs.teamId) {
    const [team] = await tx
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.tenantId, tenantId), eq(teams.id, refs.teamId)));
    if (!team) problems.push({ path: 'teamId', code: 'unknown_team' });
  }
  if (refs.campaignId) {
    const [campaign] = await tx
      .select({ id: leadCampaigns.id })
      .from(leadCampaigns)
      .where(and(eq(leadCampaigns.tenantId, tenantId), eq(leadCampaigns.id, refs.campaignId)));
    if (!campaign) problems.push({ path: 'campaignId', code: 'unknown_campaign' });
  }
  if (problems.length > 0) throw invalidFields(...problems);
}

export type CreateLeadInput = Omit<IntakeRow, 'importId' | 'importRow' | 'formId' | 'status' | 'custom'> & {
  status: 'new' | 'contacted' | 'nurturing';
  custom?: Record<string, CustomValue | null> | undefined;
};

export async function create(platform: Platform, caller: LeadCaller, input: CreateLeadInput): Promise<Lead> {
  const tenantId = caller.actor.tenantId;
  const mail = mailCopies(platform.config);
  const lead = await withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    if (input.ownerId !== undefined && !canSetOwner(viewer, input.ownerId)) {
      throw invalidFields({ path: 'ownerId', code: 'not_permitted' });
    }
    if (input.teamId !== undefined && input.teamId !== null && !canSetOwner(viewer, null)) {
      throw invalidFields({ path: 'teamId', code: 'not_permitted' });
    }
    const [, settings, scoreRules, fields] = await Promise.all([
      assertReferences(tx, tenantId, input),
      loadLeadSettings(tx, tenantId),
      loadScoreRules(tx, tenantId),
      loadFields(tx, tenantId, 'lead'),
    ]);
    // Required custom fields bind leads people enter; captured leads (forms, imports) come in without them.
    const custom = await applyCustomValues(tx, tenantId, fields, {}, input.custom, true);
    const now = platform.clock.now();
    const [outcome] = await intakeBatch(
      tx,
      {
        tenantId,
        actor: caller.actor,
        now,
        settings,
        scoreRules,
        duplicates: 'flag',
        audit: 'per_lead',
        mail,
      },
      [{ ...input, custom }],
    );
    if (outcome?.kind === 'invalid') throw new FieldsError(outcome.problems);
    if (outcome?.kind !== 'created') throw new AppError('internal');
    // A rep who creates a lead the rules route elsewhere still sees it: it is shared with them.
    let row = outcome.row;
    if (!canSeeLead(viewer, facts(row)) && caller.actor.userId) {
      const [shared] = await tx
        .update(leads)
        .set({ sharedWith: [...row.sharedWith, caller.actor.userId] })
        .where(and(eq(leads.tenantId, tenantId), eq(leads.id, row.id)))
        .returning();
      row = shared ?? row;
    }
    return presentLead(tx, row, viewer, fields);
  });
  await dispatchMailCopies(platform, tenantId, mail);
  return lead;
}

export type UpdateLeadInput = {
  companyName?: string | null | undefined;
  contactName?: string | null | undefined;
  title?: string | null | undefined;
  phone?: string | null | undefined;
  email?: string | null | undefined;
  region?: string | null | undefined;
  industry?: string | null | undefined;
  companySize?: string | null | undefined;
  source?: string | undefined;
  campaignId?: string | null | undefined;
  utm?: Utm | undefined;
  referrer?: string | null | undefined;
  grade?: string | null | undefined;
  notes?: string | undefined;
  qualification?: Qualification | undefined;
  consent?: boolean | null | undefined;
  custom?: Record<string, CustomValue | null> | undefined;
  status?: Exclude<LeadStatus, 'converted'> | undefined;
  statusReason?: string | undefined;
  ownerId?: string | null | undefined;
  teamId?: string | null | undefined;
  sharedWith?: string[] | undefined;
};

const EDITABLE = [
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
  'utm',
  'referrer',
  'grade',
  'notes',
  'qualification',
  'consent',
] as const;

const AUDITED = [...EDITABLE, 'custom', 'status', 'statusReason', 'ownerId', 'teamId', 'sharedWith'] as const;

/**
 * Applies an edit to a locked row the caller may edit: fields, status move, reassignment, sharing. Shared by
 * PATCH and the bulk actions; returns the new row (re-scored) or throws a translated AppError.
 */
async function applyUpdate(
  tx: Tx,
  platform: Platform,
  caller: LeadCaller,
  viewer: LeadViewer,
  before: LeadRow,
  input: UpdateLeadInput,
  mail: MailCopies,
): Promise<LeadRow> {
  const tenantId = caller.actor.tenantId;
  const abilities = leadAbilities(viewer, facts(before));
  if (before.status === 'converted') throw new AppError('lead_converted');
  if (!abilities.edit) throw new AppError('forbidden');
  const reassigning =
    (input.ownerId !== undefined && input.ownerId !== before.ownerId) ||
    (input.teamId !== undefined && input.teamId !== before.teamId);
  if (reassigning && !abilities.assign) {
    throw invalidFields({ path: input.ownerId !== undefined ? 'ownerId' : 'teamId', code: 'not_permitted' });
  }
  if (input.sharedWith !== undefined && before.ownerId !== viewer.userId && !abilities.assign) {
    throw invalidFields({ path: 'sharedWith', code: 'not_permitted' });
  }
  await assertReferences(tx, tenantId, {
    ownerId: input.ownerId !== before.ownerId ? input.ownerId : undefined,
    teamId: input.teamId !== before.teamId ? input.teamId : undefined,
    campaignId: input.campaignId !== before.campaignId ? input.campaignId : undefined,
    ...(input.sharedWith ? { sharedWith: input.sharedWith } : {}),
  });

  const now = platform.clock.now();
  const settings = await loadLeadSettings(tx, tenantId);
  const set: Partial<typeof leads.$inferInsert> = {};
  for (const field of EDITABLE) {
    if (input[field] !== undefined) Object.assign(set, { [field]: input[field] });
  }
  if (input.custom !== undefined) {
    const fields = await loadFields(tx, tenantId, 'lead');
    set.custom = await applyCustomValues(tx, tenantId, fields, before.custom, input.custom, false);
  }

  const contactChanged =
    input.phone !== undefined || input.email !== undefined || input.companyName !== undefined;
  if (contactChanged) {
    const keys = dedupeKeysOf({
      phone: input.phone !== undefined ? input.phone : before.phone,
      email: input.email !== undefined ? input.email : before.email,
      companyName: input.companyName !== undefined ? input.companyName : before.companyName,
      contactName: input.contactName !== undefined ? input.contactName : before.contactName,
    });
    const problems: { path: string; code: 'invalid_phone' | 'invalid_email' }[] = [];
    if (input.phone?.trim() && !keys.phoneNorm) problems.push({ path: 'phone', code: 'invalid_phone' });
    if (input.email?.trim() && !keys.emailNorm) problems.push({ path: 'email', code: 'invalid_email' });
    if (problems.length > 0) throw invalidFields(...problems);
    Object.assign(set, {
      phoneNorm: keys.phoneNorm,
      emailNorm: keys.emailNorm,
      companyNorm: keys.companyNorm,
      duplicates: await findDuplicates(tx, tenantId, keys, before.id),
    });
  }
  const companyOrContact =
    (input.companyName !== undefined ? input.companyName : before.companyName)?.trim() ||
    (input.contactName !== undefined ? input.contactName : before.contactName)?.trim();
  if (!companyOrContact) throw invalidFields({ path: 'companyName', code: 'company_or_contact_required' });

  if (input.status !== undefined && input.status !== before.status) {
    const check = checkTransition(before.status as LeadStatus, input.status, input.statusReason ?? null);
    if (!check.ok && check.reason === 'reason_required') {
      throw invalidFields({ path: 'statusReason', code: 'reason_required' });
    }
    if (!check.ok) throw new AppError('transition_not_allowed', { from: before.status, to: input.status });
    Object.assign(set, statusColumns(before, input.status, input.statusReason ?? null, now, settings));
    if (input.status === 'nurturing') {
      Object.assign(set, await enrolOnNurturing(tx, tenantId, caller.actor, before, now));
    }
  } else if (input.statusReason !== undefined) {
    set.statusReason = input.statusReason.trim() || null;
  }

  if (input.sharedWith !== undefined) set.sharedWith = [...new Set(input.sharedWith)];
  if (reassigning) {
    const ownerId = input.ownerId !== undefined ? input.ownerId : before.ownerId;
    set.ownerId = ownerId;
    set.teamId = input.teamId !== undefined ? input.teamId : before.teamId;
    // A new owner gets a fresh response SLA unless the lead was already contacted.
    set.assignedAt = ownerId ? now : null;
    const hours = slaHoursFor(settings, input.grade !== undefined ? input.grade : before.grade);
    set.slaDueAt =
      ownerId && hours && !before.firstContactAt ? new Date(now.getTime() + hours * 3_600_000) : null;
    set.slaBreachedAt = null;
  } else if (
    input.grade !== undefined &&
    input.grade !== before.grade &&
    before.assignedAt &&
    !before.firstContactAt
  ) {
    // Regrading an uncontacted lead moves its deadline: an A lead is due sooner than a B lead.
    const hours = slaHoursFor(settings, input.grade);
    set.slaDueAt = hours ? new Date(before.assignedAt.getTime() + hours * 3_600_000) : null;
  }
  // A re-graded lead is judged anew: its nurture touches stop (unless it is entering nurturing right now).
  if (input.grade !== undefined && input.grade !== before.grade && set.status !== 'nurturing') {
    set.nurtureNextAt = null;
  }

  const [updated] = await tx
    .update(leads)
    .set({ ...set, version: before.version + 1, updatedAt: now })
    .where(and(eq(leads.tenantId, tenantId), eq(leads.id, before.id)))
    .returning();
  if (!updated) throw new AppError('not_found');
  const changes = changesBetween(before, updated, AUDITED);
  const action = changes.status ? 'status_change' : reassigning ? 'assign' : 'update';
  await writeAudit(tx, caller.actor, { entity: 'lead', entityId: before.id, action, changes });
  if (reassigning && updated.ownerId && updated.ownerId !== caller.actor.userId) {
    await notify(tx, {
      tenantId,
      userIds: [updated.ownerId],
      kind: 'lead_assigned',
      params: { count: 1, name: updated.companyName ?? updated.contactName ?? '', grade: updated.grade },
      entity: 'lead',
      entityId: updated.id,
      mail,
    });
  }
  return rescoreLead(
    tx,
    {
      tenantId,
      actor: caller.actor,
      now,
      settings,
      rules: await loadScoreRules(tx, tenantId),
      mail,
    },
    updated,
  );
}

export async function update(
  platform: Platform,
  caller: LeadCaller,
  id: string,
  expectedVersion: number | null,
  input: UpdateLeadInput,
): Promise<Lead> {
  const tenantId = caller.actor.tenantId;
  const mail = mailCopies(platform.config);
  const lead = await withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    const before = await visibleLead(tx, viewer, tenantId, id, true);
    if (expectedVersion !== null && before.version !== expectedVersion)
      throw new AppError('version_conflict');
    return presentLead(tx, await applyUpdate(tx, platform, caller, viewer, before, input, mail), viewer);
  });
  await dispatchMailCopies(platform, tenantId, mail);
  return lead;
}

export async function remove(platform: Platform, caller: LeadCaller, id: string): Promise<void> {
  const tenantId = caller.actor.tenantId;
  await withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    const before = await visibleLead(tx, viewer, tenantId, id, true);
    if (before.status === 'converted') throw new AppError('lead_converted');
    if (!leadAbilities(viewer, facts(before)).delete) throw new AppError('forbidden');
    await tx.delete(leads).where(and(eq(leads.tenantId, tenantId), eq(leads.id, id)));
    await writeAudit(tx, caller.actor, {
      entity: 'lead',
      entityId: id,
      action: 'delete',
      changes: changesBetween(before, null, AUDITED),
    });
  });
}

function bulkInput(action: BulkAction): UpdateLeadInput {
  switch (action.kind) {
    case 'assign':
      return { ownerId: action.ownerId, ...(action.teamId !== undefined ? { teamId: action.teamId } : {}) };
    case 'grade':
      return { grade: action.grade };
    case 'status':
      return {
        status: action.status,
        ...(action.statusReason !== undefined ? { statusReason: action.statusReason } : {}),
      };
  }
}

/**
 * The same edit on many leads; each lead succeeds or fails on its own (in its own savepoint), and the
 * answer lists the failures with a translated reason.
 */
export async function bulkUpdate(
  platform: Platform,
  caller: LeadCaller,
  ids: readonly string[],
  action: BulkAction,
  locale: 'zh-CN' | 'en-US',
) {
  const tenantId = caller.actor.tenantId;
  const input = bulkInput(action);
  // A copy queued in a lead's savepoint that then rolled back is skipped by the sender (no such mail).
  const mail = mailCopies(platform.config);
  const result = await withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    let updated = 0;
    const failed: { id: string; code: string; detail: string }[] = [];
    for (const id of [...new Set(ids)]) {
      try {
        await tx.transaction(async (sp) => {
          const before = await visibleLead(sp, viewer, tenantId, id, true);
          await applyUpdate(sp, platform, caller, viewer, before, input, mail);
        });
        updated += 1;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        failed.push({ id, code: error.code, detail: errorSentence(error, locale) });
      }
    }
    return { updated, failed };
  });
  await dispatchMailCopies(platform, tenantId, mail);
  return result;
}

export async function checkDuplicates(
  platform: Platform,
  caller: LeadCaller,
  input: {
    phone?: string | null | undefined;
    email?: string | null | undefined;
    companyName?: string | null | undefined;
    excludeId?: string | undefined;
  },
): Promise<{ matches: DuplicateMatch[] }> {
  return withTenant(platform.db, caller.actor.tenantId, async (tx) => ({
    matches: await findDuplicates(
      tx,
      caller.actor.tenantId,
      dedupeKeysOf({ ...input, contactName: null }),
      input.excludeId,
    ),
  }));
}
