import type { LeadSource } from '@contracts/leads.contract';
import {
  LeadFormFieldSpec as FieldSpecSchema,
  type LeadForm,
  type LeadFormFieldSpec,
  type LeadFormSubmission,
  type LeadFormTexts,
  LeadFormTexts as TextsSchema,
} from '@contracts/marketing.contract';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { type Actor, changesBetween, writeAudit } from '../../../platform/audit';
import type { Tx } from '../../../platform/db/database';
import { teams, users } from '../../../platform/db/identity.tables';
import { withTenant } from '../../../platform/db/tenancy';
import { AppError, type FieldCode, invalidFields } from '../../../platform/http/errors';
import { afterCursor, encodeCursor, pageFrom } from '../../../platform/http/pagination';
import type { Platform } from '../../../platform/platform';
import { leadCampaigns, leadFormSubmissions, leadForms, leads } from '../leads.tables';
import { newFormKey } from './form-key';

/** Web-to-lead forms: the builder's definition, its public key, and the submissions it received. */

export type LeadFormRow = typeof leadForms.$inferSelect;

const AUDITED = [
  'name',
  'fields',
  'texts',
  'consentRequired',
  'redirectUrl',
  'source',
  'campaignId',
  'ownerId',
  'teamId',
  'formRatePerMinute',
  'ipRatePerHour',
  'active',
] as const;

/** The stored definition, read back through the contract so an older row gains today's defaults. */
export function formFieldsOf(row: LeadFormRow): LeadFormFieldSpec[] {
  const parsed = FieldSpecSchema.array().safeParse(row.fields);
  return parsed.success ? parsed.data : [];
}

export function formTextsOf(row: LeadFormRow): LeadFormTexts {
  const parsed = TextsSchema.safeParse(row.texts);
  if (parsed.success) return parsed.data;
  const empty = { 'zh-CN': '', 'en-US': '' };
  return { title: empty, intro: empty, submit: empty, thankYou: empty };
}

type Counts = { submissions: number; leadsCreated: number; lastSubmissionAt: Date | null };

function present(platform: Platform, row: LeadFormRow, counts: Counts): LeadForm {
  return {
    id: row.id,
    key: row.key,
    url: `${platform.config.publicUrl}/f/${row.key}`,
    name: row.name,
    fields: formFieldsOf(row),
    texts: formTextsOf(row),
    consentRequired: row.consentRequired,
    redirectUrl: row.redirectUrl,
    source: row.source as LeadSource,
    campaignId: row.campaignId,
    ownerId: row.ownerId,
    teamId: row.teamId,
    formRatePerMinute: row.formRatePerMinute,
    ipRatePerHour: row.ipRatePerHour,
    active: row.active,
    submissions: counts.submissions,
    leadsCreated: counts.leadsCreated,
    lastSubmissionAt: counts.lastSubmissionAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** Submission and lead counts of a page of forms, in one grouped query each. */
async function countsOf(tx: Tx, tenantId: string, ids: string[]): Promise<Map<string, Counts>> {
  const out = new Map<string, Counts>(
    ids.map((id) => [id, { submissions: 0, leadsCreated: 0, lastSubmissionAt: null }]),
  );
  if (ids.length === 0) return out;
  const submissions = await tx
    .select({
      formId: leadFormSubmissions.formId,
      n: sql<number>`count(*)::int`,
      last: sql<string | Date | null>`max(${leadFormSubmissions.createdAt})`,
    })
    .from(leadFormSubmissions)
    .where(and(eq(leadFormSubmissions.tenantId, tenantId), inArray(leadFormSubmissions.formId, ids)))
    .groupBy(leadFormSubmissions.formId);
  const created = await tx
    .select({ formId: leads.formId, n: sql<number>`count(*)::int` })
    .from(leads)
    .where(and(eq(leads.tenantId, tenantId), inArray(leads.formId, ids)))
    .groupBy(leads.formId);
  for (const s of submissions) {
    const c = out.get(s.formId);
    if (c) Object.assign(c, { submissions: s.n, lastSubmissionAt: s.last ? new Date(s.last) : null });
  }
  for (const l of created) {
    const c = l.formId ? out.get(l.formId) : undefined;
    if (c) c.leadsCreated = l.n;
  }
  return out;
}

async function presentOne(platform: Platform, tx: Tx, row: LeadFormRow): Promise<LeadForm> {
  const counts = await countsOf(tx, row.tenantId, [row.id]);
  return present(
    platform,
    row,
    counts.get(row.id) ?? { submissions: 0, leadsCreated: 0, lastSubmissionAt: null },
  );
}

async function load(tx: Tx, tenantId: string, id: string, lock = false): Promise<LeadFormRow> {
  const q = tx
    .select()
    .from(leadForms)
    .where(and(eq(leadForms.tenantId, tenantId), eq(leadForms.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('not_found');
  return row;
}

/**
 * A field appears once, and a lead needs a company or a contact name (DOMAIN.md §1), so one of the two
 * must be asked for and required.
 */
function assertDefinition(fields: readonly LeadFormFieldSpec[]): void {
  const problems: { path: string; code: FieldCode }[] = [];
  const seen = new Set<string>();
  for (const [i, spec] of fields.entries()) {
    if (seen.has(spec.field)) problems.push({ path: `fields.${i}.field`, code: 'duplicate_field' });
    seen.add(spec.field);
  }
  const named = fields.some((f) => (f.field === 'companyName' || f.field === 'contactName') && f.required);
  if (!named) problems.push({ path: 'fields', code: 'form_needs_name' });
  if (problems.length > 0) throw invalidFields(...problems);
}

async function assertReferences(
  tx: Tx,
  tenantId: string,
  refs: { campaignId?: string | null; ownerId?: string | null; teamId?: string | null },
): Promise<void> {
  const problems: { path: string; code: FieldCode }[] = [];
  if (refs.campaignId) {
    const [found] = await tx
      .select({ id: leadCampaigns.id })
      .from(leadCampaigns)
      .where(and(eq(leadCampaigns.tenantId, tenantId), eq(leadCampaigns.id, refs.campaignId)));
    if (!found) problems.push({ path: 'campaignId', code: 'unknown_campaign' });
  }
  if (refs.ownerId) {
    const [found] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.tenantId, tenantId), eq(users.id, refs.ownerId), eq(users.status, 'active')));
    if (!found) problems.push({ path: 'ownerId', code: 'unknown_user' });
  }
  if (refs.teamId) {
    const [found] = await tx
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.tenantId, tenantId), eq(teams.id, refs.teamId)));
    if (!found) problems.push({ path: 'teamId', code: 'unknown_team' });
  }
  if (problems.length > 0) throw invalidFields(...problems);
}

const consentRequiredOf = (fields: readonly LeadFormFieldSpec[]) =>
  fields.some((f) => f.field === 'consent' && f.required);

export async function listForms(
  platform: Platform,
  actor: Actor,
  params: { limit: number; cursor?: string | undefined },
) {
  const tenantId = actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const sort = { column: leadForms.createdAt, desc: true };
    const rows = await tx
      .select()
      .from(leadForms)
      .where(and(eq(leadForms.tenantId, tenantId), afterCursor(sort, leadForms.id, params.cursor)))
      .orderBy(desc(leadForms.createdAt), desc(leadForms.id))
      .limit(params.limit + 1);
    const page = pageFrom(rows, params.limit, (r) => encodeCursor(r.createdAt, r.id));
    const counts = await countsOf(
      tx,
      tenantId,
      page.items.map((r) => r.id),
    );
    return {
      items: page.items.map((r) =>
        present(platform, r, counts.get(r.id) ?? { submissions: 0, leadsCreated: 0, lastSubmissionAt: null }),
      ),
      nextCursor: page.nextCursor,
    };
  });
}

export async function getForm(platform: Platform, actor: Actor, id: string): Promise<LeadForm> {
  return withTenant(platform.db, actor.tenantId, async (tx) =>
    presentOne(platform, tx, await load(tx, actor.tenantId, id)),
  );
}

export type FormInput = {
  name: string;
  fields: LeadFormFieldSpec[];
  texts: LeadFormTexts;
  redirectUrl: string | null;
  source: LeadSource;
  campaignId: string | null;
  ownerId: string | null;
  teamId: string | null;
  formRatePerMinute: number;
  ipRatePerHour: number;
  active: boolean;
};

export async function createForm(platform: Platform, actor: Actor, input: FormInput): Promise<LeadForm> {
  const tenantId = actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    assertDefinition(input.fields);
    await assertReferences(tx, tenantId, input);
    const now = platform.clock.now();
    const [row] = await tx
      .insert(leadForms)
      .values({
        tenantId,
        id: uuidv7(),
        key: newFormKey(tenantId),
        ...input,
        consentRequired: consentRequiredOf(input.fields),
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new AppError('internal');
    await writeAudit(tx, actor, {
      entity: 'lead_form',
      entityId: row.id,
      action: 'create',
      changes: changesBetween(null, row, AUDITED),
    });
    return presentOne(platform, tx, row);
  });
}

export async function updateForm(
  platform: Platform,
  actor: Actor,
  id: string,
  expectedVersion: number | null,
  input: Partial<FormInput>,
): Promise<LeadForm> {
  const tenantId = actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const before = await load(tx, tenantId, id, true);
    if (expectedVersion !== null && before.version !== expectedVersion)
      throw new AppError('version_conflict');
    if (input.fields) assertDefinition(input.fields);
    await assertReferences(tx, tenantId, {
      campaignId: input.campaignId !== before.campaignId ? input.campaignId : undefined,
      ownerId: input.ownerId !== before.ownerId ? input.ownerId : undefined,
      teamId: input.teamId !== before.teamId ? input.teamId : undefined,
    });
    const set: Partial<typeof leadForms.$inferInsert> = {};
    for (const [field, value] of Object.entries(input)) {
      if (value !== undefined) Object.assign(set, { [field]: value });
    }
    if (input.fields) set.consentRequired = consentRequiredOf(input.fields);
    const [after] = await tx
      .update(leadForms)
      .set({ ...set, version: before.version + 1, updatedAt: platform.clock.now() })
      .where(and(eq(leadForms.tenantId, tenantId), eq(leadForms.id, id)))
      .returning();
    if (!after) throw new AppError('internal');
    await writeAudit(tx, actor, {
      entity: 'lead_form',
      entityId: id,
      action: 'update',
      changes: changesBetween(before, after, AUDITED),
    });
    return presentOne(platform, tx, after);
  });
}

/** Only a form nobody submitted yet: accepted submissions are kept (a used form is deactivated instead). */
export async function deleteForm(platform: Platform, actor: Actor, id: string): Promise<void> {
  const tenantId = actor.tenantId;
  await withTenant(platform.db, tenantId, async (tx) => {
    const before = await load(tx, tenantId, id, true);
    const counts = (await countsOf(tx, tenantId, [id])).get(id);
    if (counts && (counts.submissions > 0 || counts.leadsCreated > 0)) {
      throw new AppError('form_in_use', { submissions: counts.submissions });
    }
    await tx.delete(leadForms).where(and(eq(leadForms.tenantId, tenantId), eq(leadForms.id, id)));
    await writeAudit(tx, actor, {
      entity: 'lead_form',
      entityId: id,
      action: 'delete',
      changes: changesBetween(before, null, AUDITED),
    });
  });
}

export async function listSubmissions(
  platform: Platform,
  actor: Actor,
  formId: string,
  params: { limit: number; cursor?: string | undefined },
) {
  const tenantId = actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    await load(tx, tenantId, formId);
    const s = leadFormSubmissions;
    const sort = { column: s.createdAt, desc: true };
    const rows = await tx
      .select({
        row: s,
        leadName: sql<string | null>`coalesce(${leads.companyName}, ${leads.contactName})`,
        // The lead came from this form and no earlier submission of the form was filed on it.
        leadCreated: sql<boolean>`coalesce(${leads.formId} = ${s.formId}, false) AND NOT EXISTS (
          SELECT 1 FROM ${s} AS e
           WHERE e.tenant_id = ${s.tenantId} AND e.form_id = ${s.formId} AND e.lead_id = ${s.leadId}
             AND (e.created_at, e.id) < (${s.createdAt}, ${s.id}))`,
      })
      .from(s)
      .leftJoin(leads, and(eq(leads.tenantId, s.tenantId), eq(leads.id, s.leadId)))
      .where(and(eq(s.tenantId, tenantId), eq(s.formId, formId), afterCursor(sort, s.id, params.cursor)))
      .orderBy(desc(s.createdAt), desc(s.id))
      .limit(params.limit + 1);
    const page = pageFrom(rows, params.limit, (r) => encodeCursor(r.row.createdAt, r.row.id));
    return {
      items: page.items.map(
        ({ row, leadName, leadCreated }): LeadFormSubmission => ({
          id: row.id,
          leadId: row.leadId,
          leadName,
          leadCreated,
          values: row.values,
          utm: row.utm,
          referrer: row.referrer,
          pageUrl: row.pageUrl,
          consent: row.consent,
          ip: row.ip,
          userAgent: row.userAgent,
          createdAt: row.createdAt.toISOString(),
        }),
      ),
      nextCursor: page.nextCursor,
    };
  });
}
