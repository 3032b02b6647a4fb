import type { CustomValues } from '@contracts/custom-fields.contract';
import type { DuplicateMatch, LeadSource, LeadStatus, Qualification, Utm } from '@contracts/leads.contract';
import { Qualification as QualificationSchema } from '@contracts/leads.contract';
import { and, eq, or, type SQL, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { type Actor, changesBetween, writeAudit } from '../../platform/audit';
import { anyOf } from '../../platform/db/arrays';
import type { Tx } from '../../platform/db/database';
import { insertMany } from '../../platform/db/insert-many';
import type { FieldCode } from '../../platform/http/errors';
import { findKnown } from '../customers';
import { type MailCopies, notify } from '../notifications';
import { type DedupeKeys, dedupeKeysOf, findDuplicates, isPersonDuplicate, knownMatchesFor } from './dedupe';
import { type LeadSettingsRow, slaHoursFor } from './lead-settings';
import { statusColumns } from './lead-status';
import type { LeadRow } from './leads.queries';
import { leadCampaigns, leads } from './leads.tables';
import { enrolOnNurturing, type NurtureColumns } from './nurture/enrolment';
import { Router } from './routing/assign';
import { loadActiveModel, predict } from './scoring/predictive/model';
import { computeRuleScore, type ScoreRuleRow } from './scoring/rule-score';

/**
 * The one way a lead comes in, whatever the channel (API, quick add, import, web form): validate the
 * phone and email, check duplicates, score, route to a team and rep, start the response SLA, audit. Works on
 * a batch so an import does a few set-based statements per thousand rows instead of a dozen per row; a
 * single create is a batch of one.
 */

export type IntakeRow = {
  companyName?: string | null | undefined;
  contactName?: string | null | undefined;
  title?: string | null | undefined;
  phone?: string | null | undefined;
  email?: string | null | undefined;
  region?: string | null | undefined;
  industry?: string | null | undefined;
  companySize?: string | null | undefined;
  source: LeadSource;
  campaignId?: string | null | undefined;
  utm?: Utm | undefined;
  referrer?: string | null | undefined;
  grade?: string | null | undefined;
  notes?: string | undefined;
  qualification?: Qualification | undefined;
  consent?: boolean | null | undefined;
  /** Custom-field values, already checked against the company's lead fields (applyCustomValues). */
  custom?: CustomValues | undefined;
  status?: LeadStatus | undefined;
  /** Given: assigned as asked (already authorised by the caller). Omitted: the assignment rules decide. */
  ownerId?: string | null | undefined;
  teamId?: string | null | undefined;
  formId?: string | null | undefined;
  importId?: string | null | undefined;
  importRow?: number | null | undefined;
};

export type IntakeProblem = { path: string; code: FieldCode };

export type IntakeOutcome =
  | { kind: 'created'; row: LeadRow; duplicates: DuplicateMatch[] }
  | { kind: 'invalid'; problems: IntakeProblem[] }
  | { kind: 'duplicate'; duplicates: DuplicateMatch[] }
  /** Only for imports: this row was created by an earlier run of the same batch (resumed after a crash). */
  | { kind: 'already_imported' };

export type IntakeContext = {
  tenantId: string;
  actor: Actor;
  now: Date;
  settings: LeadSettingsRow;
  scoreRules: readonly ScoreRuleRow[];
  /** skip: a lead or contact that is already known is not created again (imports); flag: created and flagged. */
  duplicates: 'skip' | 'flag';
  /** per_lead: one audit row per lead; per_batch: one row per batch naming the leads (imports). */
  audit: 'per_lead' | 'per_batch';
  /** E-mail copies of the owners' notifications (mailCopies(platform.config)); in-app only when omitted. */
  mail?: MailCopies | undefined;
};

const cleaned = (value: string | null | undefined) => {
  const v = value?.trim();
  return v ? v : null;
};

export function validateIntakeRow(row: IntakeRow, keys: DedupeKeys): IntakeProblem[] {
  const problems: IntakeProblem[] = [];
  if (!cleaned(row.companyName) && !cleaned(row.contactName)) {
    problems.push({ path: 'companyName', code: 'company_or_contact_required' });
  }
  if (cleaned(row.phone) && !keys.phoneNorm) problems.push({ path: 'phone', code: 'invalid_phone' });
  if (cleaned(row.email) && !keys.emailNorm) problems.push({ path: 'email', code: 'invalid_email' });
  return problems;
}

/** Duplicates inside one batch: a later row with the email or phone of an earlier one. */
function batchKey(keys: DedupeKeys): string[] {
  return [
    keys.emailNorm ? `e:${keys.emailNorm}` : null,
    keys.phoneNorm ? `p:${keys.phoneNorm}` : null,
  ].filter((k): k is string => k !== null);
}

export async function intakeBatch(
  tx: Tx,
  ctx: IntakeContext,
  rows: readonly IntakeRow[],
): Promise<IntakeOutcome[]> {
  const outcomes: (IntakeOutcome | null)[] = rows.map(() => null);
  const keys = rows.map((r) => dedupeKeysOf(r));

  for (const [i, row] of rows.entries()) {
    const problems = validateIntakeRow(row, keys[i] as DedupeKeys);
    if (problems.length > 0) outcomes[i] = { kind: 'invalid', problems };
  }

  // A resumed import batch: rows already stored by the interrupted run are not created twice.
  const importRows = rows.filter((r) => r.importId && r.importRow !== null && r.importRow !== undefined);
  if (importRows.length > 0) {
    const importId = importRows[0]?.importId as string;
    const done = await tx
      .select({ row: leads.importRow })
      .from(leads)
      .where(
        and(
          eq(leads.tenantId, ctx.tenantId),
          eq(leads.importId, importId),
          anyOf(
            leads.importRow,
            importRows.map((r) => r.importRow as number),
            'integer',
          ),
        ),
      );
    const stored = new Set(done.map((d) => d.row));
    for (const [i, row] of rows.entries()) {
      if (
        !outcomes[i] &&
        row.importRow !== null &&
        row.importRow !== undefined &&
        stored.has(row.importRow)
      ) {
        outcomes[i] = { kind: 'already_imported' };
      }
    }
  }

  // Independent reads, sent together (one round trip on PostgreSQL's pipeline).
  const [matches, router, model, campaignsByUtm] = await Promise.all([
    duplicatesFor(tx, ctx.tenantId, keys, outcomes),
    // One lead per transaction: claim the rep, so simultaneous leads are spread and never wait on each other.
    Router.load(tx, ctx.tenantId, ctx.now, { claim: rows.length === 1 }),
    loadActiveModel(tx, ctx.tenantId),
    campaignsForUtm(tx, ctx.tenantId, rows),
  ]);
  const seen = new Set<string>();
  for (const [i] of rows.entries()) {
    if (outcomes[i]) continue;
    const own = matches[i] ?? [];
    const inBatch = batchKey(keys[i] as DedupeKeys).some((k) => seen.has(k));
    if (ctx.duplicates === 'skip' && (isPersonDuplicate(own) || inBatch)) {
      outcomes[i] = { kind: 'duplicate', duplicates: own };
      continue;
    }
    for (const k of batchKey(keys[i] as DedupeKeys)) seen.add(k);
  }

  let nurture: NurtureColumns | null = null;
  const values: LeadRow[] = [];
  const created: number[] = [];
  for (const [i, row] of rows.entries()) {
    if (outcomes[i]) continue;
    const k = keys[i] as DedupeKeys;
    const qualification = row.qualification ?? QualificationSchema.parse({});
    const base = {
      companyName: cleaned(row.companyName),
      contactName: cleaned(row.contactName),
      title: cleaned(row.title),
      phone: cleaned(row.phone),
      email: cleaned(row.email),
      region: cleaned(row.region),
      industry: cleaned(row.industry),
      companySize: row.companySize ?? null,
      source: row.source,
      grade: row.grade ?? null,
      // A lead that came from a campaign's UTM link belongs to that campaign (cost per lead, ROI).
      campaignId: row.campaignId ?? campaignsByUtm.get(row.utm?.campaign?.toLowerCase() ?? '') ?? null,
    };
    const { score, breakdown } = computeRuleScore({ ...base, qualification }, [], ctx.scoreRules, ctx.now);
    const prediction = model ? predict(model, { ...base, qualification }, []) : null;
    let status: LeadStatus = row.status ?? 'new';
    const crossesMql =
      score >= ctx.settings.mqlThreshold && ['new', 'contacted', 'nurturing'].includes(status);
    if (crossesMql) status = 'mql';

    let ownerId = row.ownerId ?? null;
    let teamId = row.teamId ?? null;
    if (row.ownerId === undefined && row.teamId === undefined) {
      const routed = await router.route({ ...base, score });
      ownerId = routed?.ownerId ?? null;
      teamId = routed?.teamId ?? null;
    }
    const slaHours = ownerId ? slaHoursFor(ctx.settings, base.grade) : null;
    const columns = statusColumns(
      { status: 'new', mqlAt: null, sqlAt: null, nurtureNextAt: null, revisitAt: null },
      status,
      null,
      ctx.now,
      ctx.settings,
    );
    if (status === 'nurturing') {
      nurture ??= await enrolOnNurturing(tx, ctx.tenantId, ctx.actor, { nurtureTrackId: null }, ctx.now);
    }
    values.push({
      tenantId: ctx.tenantId,
      id: uuidv7(),
      ...base,
      utm: row.utm ?? {},
      referrer: cleaned(row.referrer),
      notes: row.notes ?? '',
      custom: row.custom ?? {},
      qualification,
      nurtureTrackId: null,
      nurtureStep: null,
      ...columns,
      ...(status === 'nurturing' && nurture ? nurture : {}),
      ownerId,
      teamId,
      phoneNorm: k.phoneNorm,
      emailNorm: k.emailNorm,
      companyNorm: k.companyNorm,
      duplicates: matches[i] ?? [],
      score,
      scoreBreakdown: breakdown,
      scoredAt: ctx.now,
      conversionProbability: prediction?.probability ?? null,
      predictionFactors: prediction?.factors ?? [],
      assignedAt: ownerId ? ctx.now : null,
      slaDueAt: ownerId && slaHours ? new Date(ctx.now.getTime() + slaHours * 3_600_000) : null,
      consent: row.consent ?? null,
      consentAt: row.consent ? ctx.now : null,
      formId: row.formId ?? null,
      importId: row.importId ?? null,
      importRow: row.importRow ?? null,
      createdBy: ctx.actor.userId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      // Every other column as a new lead has it, so the row needs no RETURNING to be complete.
      sharedWith: [],
      firstContactAt: null,
      slaBreachedAt: null,
      convertedAt: null,
      customerId: null,
      contactId: null,
      dealId: null,
      lastEventAt: null,
      lastActivityAt: null,
      version: 1,
    });
    created.push(i);
  }
  await router.commit();
  // New leads are shared with nobody: shared_with keeps its default.
  await insertMany(tx, leads, values, ['sharedWith']);
  for (const [n, i] of created.entries()) {
    const row = values[n] as LeadRow;
    outcomes[i] = { kind: 'created', row, duplicates: matches[i] ?? [] };
  }
  await afterCreate(tx, ctx, values);
  return outcomes.map((o) => o ?? { kind: 'invalid', problems: [] });
}

/** Campaign ids by their UTM name (lower case), for the rows that name a utm.campaign but no campaign. */
async function campaignsForUtm(
  tx: Tx,
  tenantId: string,
  rows: readonly IntakeRow[],
): Promise<Map<string, string>> {
  const names = [
    ...new Set(
      rows.filter((r) => !r.campaignId && r.utm?.campaign).map((r) => (r.utm?.campaign ?? '').toLowerCase()),
    ),
  ];
  if (names.length === 0) return new Map();
  const found = await tx
    .select({ id: leadCampaigns.id, utm: leadCampaigns.utmCampaign })
    .from(leadCampaigns)
    .where(and(eq(leadCampaigns.tenantId, tenantId), anyOf(sql`lower(${leadCampaigns.utmCampaign})`, names)));
  return new Map(found.map((c) => [(c.utm ?? '').toLowerCase(), c.id]));
}

/** Lead and contact matches for every row still in play, in two set-based queries; customers per row. */
async function duplicatesFor(
  tx: Tx,
  tenantId: string,
  keys: readonly DedupeKeys[],
  outcomes: readonly (IntakeOutcome | null)[],
): Promise<DuplicateMatch[][]> {
  const live = keys.map((k, i) => (outcomes[i] ? null : k));
  if (live.filter(Boolean).length <= 1) {
    return Promise.all(live.map((k) => (k ? findDuplicates(tx, tenantId, k) : Promise.resolve([]))));
  }
  const emails = [...new Set(live.map((k) => k?.emailNorm).filter((v): v is string => Boolean(v)))];
  const phones = [...new Set(live.map((k) => k?.phoneNorm).filter((v): v is string => Boolean(v)))];
  const companies = [...new Set(live.map((k) => k?.companyNorm).filter((v): v is string => Boolean(v)))];
  const leadWhere: SQL[] = [];
  if (emails.length) leadWhere.push(anyOf(leads.emailNorm, emails));
  if (phones.length) leadWhere.push(anyOf(leads.phoneNorm, phones));
  const leadRows =
    leadWhere.length === 0
      ? []
      : await tx
          .select({
            id: leads.id,
            companyName: leads.companyName,
            contactName: leads.contactName,
            emailNorm: leads.emailNorm,
            phoneNorm: leads.phoneNorm,
          })
          .from(leads)
          .where(and(eq(leads.tenantId, tenantId), or(...leadWhere)));
  const known = await findKnown(tx, tenantId, { emails, phones, companies });
  return live.map((k) => {
    if (!k) return [];
    const out: DuplicateMatch[] = [];
    for (const r of leadRows) {
      const onEmail = k.emailNorm !== null && r.emailNorm === k.emailNorm;
      if (onEmail || (k.phoneNorm !== null && r.phoneNorm === k.phoneNorm)) {
        const name = [r.companyName, r.contactName].filter(Boolean).join(' · ');
        out.push({ kind: 'lead', id: r.id, name, matchedOn: onEmail ? 'email' : 'phone' });
      }
    }
    out.push(...knownMatchesFor(k, known));
    return out.slice(0, 10);
  });
}

const AUDITED = [
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
  'status',
  'ownerId',
  'teamId',
  'score',
] as const;

async function afterCreate(tx: Tx, ctx: IntakeContext, created: readonly LeadRow[]): Promise<void> {
  if (created.length === 0) return;
  if (ctx.audit === 'per_lead') {
    for (const row of created) {
      await writeAudit(tx, ctx.actor, {
        entity: 'lead',
        entityId: row.id,
        action: 'create',
        changes: changesBetween(null, row, AUDITED),
      });
    }
  } else {
    await writeAudit(tx, ctx.actor, {
      entity: 'lead',
      entityId: null,
      action: 'import_batch',
      changes: { leads: { from: null, to: created.map((r) => r.id) } },
    });
  }
  // Each rep hears once per batch about the leads routed to them; the creator is not told of their own.
  const byOwner = new Map<string, LeadRow[]>();
  for (const row of created) {
    if (row.ownerId && row.ownerId !== ctx.actor.userId) {
      byOwner.set(row.ownerId, [...(byOwner.get(row.ownerId) ?? []), row]);
    }
  }
  for (const [ownerId, rows] of byOwner) {
    const first = rows[0] as LeadRow;
    await notify(tx, {
      tenantId: ctx.tenantId,
      userIds: [ownerId],
      kind: 'lead_assigned',
      params: {
        count: rows.length,
        name: first.companyName ?? first.contactName ?? '',
        grade: first.grade,
      },
      entity: 'lead',
      entityId: first.id,
      ...(ctx.mail ? { mail: ctx.mail } : {}),
    });
  }
}
