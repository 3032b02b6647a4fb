import type { Locale } from '@contracts/common';
import { type CompanySize, OPEN_LEAD_STATUSES, type Utm } from '@contracts/leads.contract';
import type { LeadFormFieldSpec, LeadFormTexts, PublicFormSubmission } from '@contracts/marketing.contract';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { type Actor, systemActor, writeAudit } from '../../../platform/audit';
import { NO_TENANT } from '../../../platform/crypto';
import type { Tx } from '../../../platform/db/database';
import { tenants, users } from '../../../platform/db/identity.tables';
import { withTenant } from '../../../platform/db/tenancy';
import type { FieldCode } from '../../../platform/http/errors';
import type { Platform } from '../../../platform/platform';
import { dispatchMailCopies, mailCopies } from '../../notifications';
import { dedupeKeysOf } from '../dedupe';
import { recordLeadEvents } from '../lead-events';
import { type IntakeRow, intakeBatch } from '../lead-intake';
import { loadLeadSettings } from '../lead-settings';
import { leadFormSubmissions, leadForms, leads } from '../leads.tables';
import { loadScoreRules } from '../scoring/rule-score';
import { campaignIdForUtm } from './campaigns.service';
import { tenantOfFormKey } from './form-key';
import { formFieldsOf, formTextsOf, type LeadFormRow } from './forms.service';
import { FORM_WINDOW_MS, IP_WINDOW_MS, retryAfterSeconds } from './rate-limit';

/**
 * A visitor's submission of a public web form (no session): honeypot, double-submit replay, per-form and
 * per-IP rate limits, field checks, then either a behaviour event on the lead that already has this email
 * or phone, or a new lead through the intake pipeline. Every accepted submission is stored and audited, as
 * the system (intake's `createdBy` is therefore null).
 */

export type PublicForm = {
  tenantId: string;
  row: LeadFormRow;
  fields: LeadFormFieldSpec[];
  texts: LeadFormTexts;
  defaultLocale: Locale;
};

export type FormProblem = { path: string; code: FieldCode };

export type SubmitOutcome =
  | { kind: 'not_found' }
  | { kind: 'accepted'; form: PublicForm }
  | { kind: 'invalid'; form: PublicForm; problems: FormProblem[] }
  | { kind: 'rate_limited'; form: PublicForm; retryAfter: number };

export type SubmissionMeta = { ip: string; userAgent: string | null; requestId: string };

async function findForm(tx: Tx, tenantId: string, key: string, lock: boolean): Promise<PublicForm | null> {
  const q = tx
    .select()
    .from(leadForms)
    .where(and(eq(leadForms.tenantId, tenantId), eq(leadForms.key, key), eq(leadForms.active, true)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) return null;
  const [tenant] = await tx
    .select({ defaultLocale: tenants.defaultLocale })
    .from(tenants)
    .where(eq(tenants.tenantId, tenantId));
  return {
    tenantId,
    row,
    fields: formFieldsOf(row),
    texts: formTextsOf(row),
    defaultLocale: tenant?.defaultLocale === 'en-US' ? 'en-US' : 'zh-CN',
  };
}

/** The active form behind a public key, or null (unknown key, other tenant's key, or a switched-off form). */
export async function loadPublicForm(platform: Platform, key: string): Promise<PublicForm | null> {
  // A malformed key is looked up too (in a tenant with no rows), so it answers as slowly as a wrong one.
  const tenantId = tenantOfFormKey(key) ?? NO_TENANT;
  return withTenant(platform.db, tenantId, (tx) => findForm(tx, tenantId, key, false));
}

const TEXT_FIELDS = [
  'companyName',
  'contactName',
  'title',
  'phone',
  'email',
  'region',
  'industry',
  'companySize',
  'notes',
] as const;

const isChecked = (value: PublicFormSubmission['consent']) =>
  value === true || value === 'on' || value === 'true';

/** The values the form asks for, trimmed, and what is wrong with them (field codes of the catalogue). */
export function readSubmission(
  fields: readonly LeadFormFieldSpec[],
  input: PublicFormSubmission,
): { values: Record<string, string>; consent: boolean; problems: FormProblem[] } {
  const asked = new Set<string>(fields.map((f) => f.field));
  const values: Record<string, string> = {};
  const problems: FormProblem[] = [];
  for (const field of TEXT_FIELDS) {
    const value = input[field]?.trim() ?? '';
    if (!value) continue;
    if (asked.has(field)) values[field] = value;
    else problems.push({ path: field, code: 'unrecognized_key' });
  }
  const consent = isChecked(input.consent);
  if (consent && !asked.has('consent')) problems.push({ path: 'consent', code: 'unrecognized_key' });
  for (const spec of fields) {
    if (!spec.required) continue;
    if (spec.field === 'consent' ? !consent : !values[spec.field]) {
      problems.push({ path: spec.field, code: spec.field === 'consent' ? 'consent_required' : 'required' });
    }
  }
  const keys = dedupeKeysOf(values);
  if (values.phone && !keys.phoneNorm) problems.push({ path: 'phone', code: 'invalid_phone' });
  if (values.email && !keys.emailNorm) problems.push({ path: 'email', code: 'invalid_email' });
  return { values, consent, problems };
}

function utmOf(input: PublicFormSubmission): Utm {
  const utm: Utm = {};
  for (const key of ['source', 'medium', 'campaign', 'term', 'content'] as const) {
    const value = input[`utm_${key}`]?.trim();
    if (value) utm[key] = value;
  }
  return utm;
}

const blankToNull = (value: string | undefined) => (value?.trim() ? value.trim() : null);

/** The newest open lead with this email, else with this phone: the person is already being worked. */
async function existingLead(
  tx: Tx,
  tenantId: string,
  keys: { emailNorm: string | null; phoneNorm: string | null },
) {
  for (const [column, value] of [
    [leads.emailNorm, keys.emailNorm],
    [leads.phoneNorm, keys.phoneNorm],
  ] as const) {
    if (!value) continue;
    const [row] = await tx
      .select()
      .from(leads)
      .where(
        and(eq(leads.tenantId, tenantId), eq(column, value), inArray(leads.status, [...OPEN_LEAD_STATUSES])),
      )
      .orderBy(desc(leads.createdAt), desc(leads.id))
      .limit(1)
      .for('update');
    if (row) return row;
  }
  return null;
}

/**
 * Owner and team the form assigns its leads to; nothing (so the assignment rules route the lead) when it names
 * neither, or only an owner who has since been deactivated.
 */
async function formAssignment(
  tx: Tx,
  tenantId: string,
  form: LeadFormRow,
): Promise<{ ownerId?: string | null; teamId?: string | null }> {
  let ownerId = form.ownerId;
  if (ownerId) {
    const [owner] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.tenantId, tenantId), eq(users.id, ownerId), eq(users.status, 'active')));
    if (!owner) ownerId = null;
  }
  return ownerId || form.teamId ? { ownerId, teamId: form.teamId } : {};
}

export async function submitPublicForm(
  platform: Platform,
  key: string,
  input: PublicFormSubmission,
  meta: SubmissionMeta,
): Promise<SubmitOutcome> {
  const tenantId = tenantOfFormKey(key) ?? NO_TENANT;
  const mail = mailCopies(platform.config);
  const outcome = await withTenant(platform.db, tenantId, async (tx): Promise<SubmitOutcome> => {
    // The form's row lock serialises its submissions: the replay check and the rate windows stay exact.
    const form = await findForm(tx, tenantId, key, true);
    if (!form) return { kind: 'not_found' };
    if (input.website?.trim()) return { kind: 'accepted', form };

    const s = leadFormSubmissions;
    const [replay] = await tx
      .select({ id: s.id })
      .from(s)
      .where(
        and(eq(s.tenantId, tenantId), eq(s.formId, form.row.id), eq(s.submissionKey, input.submissionKey)),
      );
    if (replay) return { kind: 'accepted', form };

    const now = platform.clock.now();
    const scope = { tenantId, formId: form.row.id };
    const formWait = await retryAfterSeconds(
      tx,
      scope,
      { limit: form.row.formRatePerMinute, ms: FORM_WINDOW_MS },
      now,
    );
    if (formWait > 0) return { kind: 'rate_limited', form, retryAfter: formWait };
    const ipWait = await retryAfterSeconds(
      tx,
      { ...scope, ip: meta.ip },
      { limit: form.row.ipRatePerHour, ms: IP_WINDOW_MS },
      now,
    );
    if (ipWait > 0) return { kind: 'rate_limited', form, retryAfter: ipWait };

    const { values, consent, problems } = readSubmission(form.fields, input);
    if (problems.length > 0) return { kind: 'invalid', form, problems };

    const actor: Actor = { ...systemActor(tenantId), requestId: meta.requestId, ip: meta.ip };
    const utm = utmOf(input);
    const referrer = blankToNull(input.referrer);
    const pageUrl = blankToNull(input.pageUrl);
    const submissionId = uuidv7();
    const keys = dedupeKeysOf(values);
    let lead = await existingLead(tx, tenantId, keys);
    const leadCreated = lead === null;

    if (lead && consent && lead.consent !== true) {
      const [updated] = await tx
        .update(leads)
        .set({ consent: true, consentAt: now, version: lead.version + 1, updatedAt: now })
        .where(and(eq(leads.tenantId, tenantId), eq(leads.id, lead.id)))
        .returning();
      await writeAudit(tx, actor, {
        entity: 'lead',
        entityId: lead.id,
        action: 'update',
        changes: { consent: { from: lead.consent, to: true } },
      });
      lead = updated ?? lead;
    }

    if (!lead) {
      const assignment = await formAssignment(tx, tenantId, form.row);
      const row: IntakeRow = {
        ...values,
        companySize: (values.companySize as CompanySize | undefined) ?? null,
        source: form.row.source as IntakeRow['source'],
        campaignId: form.row.campaignId ?? (await campaignIdForUtm(tx, tenantId, utm.campaign)),
        utm,
        referrer,
        consent: form.fields.some((f) => f.field === 'consent') ? consent : null,
        formId: form.row.id,
        ...assignment,
      };
      const [outcome] = await intakeBatch(
        tx,
        {
          tenantId,
          actor,
          now,
          settings: await loadLeadSettings(tx, tenantId),
          scoreRules: await loadScoreRules(tx, tenantId),
          duplicates: 'flag',
          audit: 'per_lead',
          mail,
        },
        [row],
      );
      if (outcome?.kind === 'invalid') return { kind: 'invalid', form, problems: outcome.problems };
      if (outcome?.kind !== 'created') throw new Error('form intake created no lead');
      lead = outcome.row;
    }

    await recordLeadEvents(tx, { tenantId, actor, now }, lead.id, [
      {
        kind: 'form_submit',
        occurredAt: now,
        url: pageUrl,
        title: form.row.name,
        meta: { formId: form.row.id, submissionId },
        origin: 'form',
        externalId: `form-submission:${submissionId}`,
      },
    ]);
    await tx.insert(s).values({
      tenantId,
      id: submissionId,
      formId: form.row.id,
      leadId: lead.id,
      submissionKey: input.submissionKey,
      values,
      utm,
      referrer,
      pageUrl,
      consent,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 500) ?? null,
      createdAt: now,
    });
    await writeAudit(tx, actor, {
      entity: 'lead_form',
      entityId: form.row.id,
      action: 'submission',
      changes: {
        submissionId: { from: null, to: submissionId },
        leadId: { from: null, to: lead.id },
        leadCreated: { from: null, to: leadCreated },
      },
    });
    return { kind: 'accepted', form };
  });
  await dispatchMailCopies(platform, tenantId, mail);
  return outcome;
}
