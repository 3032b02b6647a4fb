import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { instant, tenantId, tenantPolicy, timestamps, version } from '../../platform/db/columns';
import { teams, tenants, users } from '../../platform/db/identity.tables';
import { files } from '../../platform/db/platform.tables';
import { contacts, customers } from '../customers/customers.tables';
import { deals } from '../deals/deals.tables';

/**
 * What the list's free-text search looks in, as one expression: the trigram index below is built on this text,
 * and the query (leads.queries.ts) repeats it (qualified by the table name), so the planner can use the index.
 */
export function leadSearchText(table = ''): string {
  const col = (name: string) => `coalesce(${table ? `"${table}".` : ''}${name}, '')`;
  return `(${['company_name', 'contact_name', 'email', 'phone', 'phone_norm'].map(col).join(" || ' ' || ")})`;
}

/**
 * Stage 1 of DOMAIN.md: leads and everything that captures, scores, routes and nurtures them. Shapes of the
 * jsonb columns are the contract types (contracts/leads*.contract.ts); the service validates them on the way in.
 */

const tenantFk = (t: { tenantId: AnyPgColumn }) =>
  foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.tenantId] }).onDelete('cascade');

/** Per-tenant defaults of DOMAIN.md §1 (every number an admin can change). */
export const leadSettings = pgTable(
  'lead_settings',
  {
    tenantId: uuid('tenant_id').notNull().primaryKey(),
    mqlThreshold: integer('mql_threshold').notNull().default(60),
    slaHoursA: integer('sla_hours_a').notNull().default(24),
    slaHoursB: integer('sla_hours_b').notNull().default(48),
    /** C-grade leads have no response SLA unless set. */
    slaHoursC: integer('sla_hours_c'),
    /** Days after archiving when the lead is due for a revisit (a task for its owner). */
    revisitDays: integer('revisit_days').notNull().default(90),
    /** Track new nurturing leads join when none is chosen. */
    defaultNurtureTrackId: uuid('default_nurture_track_id'),
    /** Converted plus disqualified leads needed before the predictive model replaces rule scores. */
    predictiveMinOutcomes: integer('predictive_min_outcomes').notNull().default(40),
    version: version(),
    ...timestamps(),
  },
  (t) => [tenantFk(t), tenantPolicy(t)],
);

/** Marketing campaigns: a channel, a cost (minor units) and UTM name, for cost per lead and ROI. */
export const leadCampaigns = pgTable(
  'lead_campaigns',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    channel: text('channel').notNull(),
    costMinor: bigint('cost_minor', { mode: 'number' }).notNull().default(0),
    currency: text('currency').notNull(),
    utmCampaign: text('utm_campaign'),
    startsOn: date('starts_on', { mode: 'string' }),
    endsOn: date('ends_on', { mode: 'string' }),
    notes: text('notes').notNull().default(''),
    active: boolean('active').notNull().default(true),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('lead_campaigns_name_uq').on(t.tenantId, sql`lower(${t.name})`),
    index('lead_campaigns_utm_idx').on(t.tenantId, t.utmCampaign),
    tenantFk(t),
    tenantPolicy(t),
  ],
);

export const leadNurtureTracks = pgTable(
  'lead_nurture_tracks',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    /** Ordered touches: `{ kind: 'email' | 'task', delayDays, subject, body }[]` (contracts). */
    steps: jsonb('steps').$type<unknown[]>().notNull().default([]),
    /** After the last step, start again from the first (quarterly content runs until the need matures). */
    repeat: boolean('repeat').notNull().default(false),
    active: boolean('active').notNull().default(true),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('lead_nurture_tracks_name_uq').on(t.tenantId, sql`lower(${t.name})`),
    tenantFk(t),
    tenantPolicy(t),
  ],
);

export const leadForms = pgTable(
  'lead_forms',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    /** Public part of the form's address `/f/{key}`; carries the tenant (see forms service). */
    key: text('key').notNull(),
    name: text('name').notNull(),
    /** `{ field, label: { 'zh-CN', 'en-US' }, required }[]` */
    fields: jsonb('fields').$type<unknown[]>().notNull().default([]),
    /** `{ title, thankYou, consent, submit }`, each `{ 'zh-CN', 'en-US' }` */
    texts: jsonb('texts').$type<Record<string, unknown>>().notNull().default({}),
    consentRequired: boolean('consent_required').notNull().default(false),
    redirectUrl: text('redirect_url'),
    source: text('source').notNull().default('website'),
    campaignId: uuid('campaign_id'),
    ownerId: uuid('owner_id'),
    teamId: uuid('team_id'),
    /** Accepted submissions per minute for the whole form, and per hour per client IP. */
    formRatePerMinute: integer('form_rate_per_minute').notNull().default(60),
    ipRatePerHour: integer('ip_rate_per_hour').notNull().default(10),
    active: boolean('active').notNull().default(true),
    createdBy: uuid('created_by'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('lead_forms_key_uq').on(t.tenantId, t.key),
    tenantFk(t),
    foreignKey({
      columns: [t.tenantId, t.campaignId],
      foreignColumns: [leadCampaigns.tenantId, leadCampaigns.id],
    }),
    foreignKey({ columns: [t.tenantId, t.ownerId], foreignColumns: [users.tenantId, users.id] }),
    foreignKey({ columns: [t.tenantId, t.teamId], foreignColumns: [teams.tenantId, teams.id] }),
    tenantPolicy(t),
  ],
);

export const leadImports = pgTable(
  'lead_imports',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    fileId: uuid('file_id').notNull(),
    /** What the rows become: lead, customer or contact. */
    object: text('object').notNull().default('lead'),
    fileName: text('file_name').notNull(),
    format: text('format').notNull(),
    /** uploaded → mapped → running → done | failed | cancelled */
    status: text('status').notNull().default('uploaded'),
    headers: jsonb('headers').$type<string[]>().notNull().default([]),
    /** Column index (as text) → lead field. */
    mapping: jsonb('mapping').$type<Record<string, string>>().notNull().default({}),
    /** Defaults applied to every row: source, campaign, owner, team, grade. */
    defaults: jsonb('defaults').$type<Record<string, unknown>>().notNull().default({}),
    totalRows: integer('total_rows'),
    /** Watermark: data rows fully handled (imported or skipped) and committed. */
    processedRows: integer('processed_rows').notNull().default(0),
    imported: integer('imported').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    /** The first data rows as read at upload, shown while mapping (the file is not read again for them). */
    preview: jsonb('preview').$type<string[][]>().notNull().default([]),
    /** CSV only: the text encoding and delimiter detected at upload. */
    encoding: text('encoding'),
    delimiter: text('delimiter'),
    /** File bytes read when the watermark was written: progress while the row count is unknown (CSV). */
    bytesRead: bigint('bytes_read', { mode: 'number' }).notNull().default(0),
    /** Runs of the import job so far: a file that keeps failing stops after a few, not retried forever. */
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    createdBy: uuid('created_by'),
    startedAt: instant('started_at'),
    finishedAt: instant('finished_at'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('lead_imports_created_idx').on(t.tenantId, t.createdAt, t.id),
    tenantFk(t),
    foreignKey({ columns: [t.tenantId, t.fileId], foreignColumns: [files.tenantId, files.id] }).onDelete(
      'cascade',
    ),
    tenantPolicy(t),
  ],
);

/** Rows an import skipped, with the reason: the downloadable report. */
export const leadImportIssues = pgTable(
  'lead_import_issues',
  {
    tenantId: tenantId(),
    importId: uuid('import_id').notNull(),
    rowNumber: integer('row_number').notNull(),
    reason: text('reason').notNull(),
    detail: text('detail').notNull().default(''),
    values: jsonb('values').$type<Record<string, string>>().notNull().default({}),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.importId, t.rowNumber] }),
    foreignKey({
      columns: [t.tenantId, t.importId],
      foreignColumns: [leadImports.tenantId, leadImports.id],
    }).onDelete('cascade'),
    tenantPolicy(t),
  ],
);

/** Column header (normalised) → field, remembered per tenant and object for the next import. */
export const leadImportMappings = pgTable(
  'lead_import_mappings',
  {
    tenantId: tenantId(),
    object: text('object').notNull().default('lead'),
    header: text('header').notNull(),
    field: text('field').notNull(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.object, t.header] }), tenantFk(t), tenantPolicy(t)],
);

export const leads = pgTable(
  'leads',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    companyName: text('company_name'),
    contactName: text('contact_name'),
    title: text('title'),
    phone: text('phone'),
    email: text('email'),
    region: text('region'),
    industry: text('industry'),
    companySize: text('company_size'),
    source: text('source').notNull(),
    campaignId: uuid('campaign_id'),
    /** `{ source, medium, campaign, term, content }` */
    utm: jsonb('utm').$type<Record<string, string>>().notNull().default({}),
    referrer: text('referrer'),
    grade: text('grade'),
    status: text('status').notNull().default('new'),
    statusReason: text('status_reason'),
    statusChangedAt: instant('status_changed_at').notNull().defaultNow(),
    /** MAN and BANT checklists: `{ man: { money, authority, need }, bant: { budget, authority, need, timeline } }`. */
    qualification: jsonb('qualification').$type<Record<string, unknown>>().notNull().default({}),
    notes: text('notes').notNull().default(''),
    /** Values of the company's custom fields for leads, keyed by field key (custom-fields module). */
    custom: jsonb('custom').$type<Record<string, unknown>>().notNull().default({}),
    ownerId: uuid('owner_id'),
    teamId: uuid('team_id'),
    /** Users the owner shared the lead with (they see it as reps see their own). */
    sharedWith: uuid('shared_with').array().notNull().default(sql`'{}'::uuid[]`),

    // Duplicate check keys (platform/text/normalize.ts) and the matches found when the lead was saved.
    phoneNorm: text('phone_norm'),
    emailNorm: text('email_norm'),
    companyNorm: text('company_norm'),
    duplicates: jsonb('duplicates').$type<unknown[]>().notNull().default([]),

    // Scores: rule score with its breakdown, and the predictive model's probability with its factors.
    score: integer('score').notNull().default(0),
    scoreBreakdown: jsonb('score_breakdown').$type<unknown[]>().notNull().default([]),
    scoredAt: instant('scored_at'),
    conversionProbability: doublePrecision('conversion_probability'),
    predictionFactors: jsonb('prediction_factors').$type<unknown[]>().notNull().default([]),

    // Routing and the response SLA: the clock runs from assignment to the first logged contact.
    assignedAt: instant('assigned_at'),
    slaDueAt: instant('sla_due_at'),
    firstContactAt: instant('first_contact_at'),
    slaBreachedAt: instant('sla_breached_at'),

    // Nurturing: the track, the next touch and when it is due; revisit date of an archived lead.
    nurtureTrackId: uuid('nurture_track_id'),
    nurtureStep: integer('nurture_step'),
    nurtureNextAt: instant('nurture_next_at'),
    revisitAt: instant('revisit_at'),

    mqlAt: instant('mql_at'),
    sqlAt: instant('sql_at'),
    convertedAt: instant('converted_at'),
    customerId: uuid('customer_id'),
    contactId: uuid('contact_id'),
    dealId: uuid('deal_id'),

    consent: boolean('consent'),
    consentAt: instant('consent_at'),
    formId: uuid('form_id'),
    lastEventAt: instant('last_event_at'),
    lastActivityAt: instant('last_activity_at'),
    /** Set for rows an import created: with the row number it makes a re-run of a batch a no-op. */
    importId: uuid('import_id'),
    importRow: integer('import_row'),
    createdBy: uuid('created_by'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('leads_created_idx').on(t.tenantId, t.createdAt, t.id),
    index('leads_owner_idx').on(t.tenantId, t.ownerId, t.createdAt, t.id),
    index('leads_team_idx').on(t.tenantId, t.teamId, t.status),
    // Capacity and least-loaded routing count each rep's open leads: an index of open leads only.
    index('leads_open_owner_idx')
      .on(t.tenantId, t.ownerId)
      .where(sql`${t.status} IN ('new', 'contacted', 'nurturing', 'mql', 'sql')`),
    index('leads_status_idx').on(t.tenantId, t.status, t.createdAt, t.id),
    index('leads_score_idx').on(t.tenantId, t.score, t.id),
    index('leads_custom_idx').using('gin', sql`${t.custom} jsonb_path_ops`),
    index('leads_phone_norm_idx').on(t.tenantId, t.phoneNorm),
    index('leads_email_norm_idx').on(t.tenantId, t.emailNorm),
    index('leads_company_norm_idx').on(t.tenantId, t.companyNorm),
    index('leads_sla_idx')
      .on(t.tenantId, t.slaDueAt)
      .where(sql`${t.firstContactAt} IS NULL AND ${t.slaBreachedAt} IS NULL AND ${t.slaDueAt} IS NOT NULL`),
    index('leads_nurture_idx').on(t.tenantId, t.nurtureNextAt).where(sql`${t.nurtureNextAt} IS NOT NULL`),
    index('leads_revisit_idx').on(t.tenantId, t.revisitAt).where(sql`${t.revisitAt} IS NOT NULL`),
    index('leads_shared_idx').using('gin', t.sharedWith),
    index('leads_search_idx').using('gin', sql.raw(`${leadSearchText()} gin_trgm_ops`)),
    uniqueIndex('leads_import_row_uq')
      .on(t.tenantId, t.importId, t.importRow)
      .where(sql`${t.importId} IS NOT NULL`),
    // Converted leads by what they became: the customer, contact and deal timelines show their history.
    index('leads_customer_idx').on(t.tenantId, t.customerId).where(sql`${t.customerId} IS NOT NULL`),
    index('leads_contact_idx').on(t.tenantId, t.contactId).where(sql`${t.contactId} IS NOT NULL`),
    index('leads_deal_idx').on(t.tenantId, t.dealId).where(sql`${t.dealId} IS NOT NULL`),
    tenantFk(t),
    foreignKey({ columns: [t.tenantId, t.ownerId], foreignColumns: [users.tenantId, users.id] }),
    foreignKey({ columns: [t.tenantId, t.teamId], foreignColumns: [teams.tenantId, teams.id] }),
    foreignKey({
      columns: [t.tenantId, t.campaignId],
      foreignColumns: [leadCampaigns.tenantId, leadCampaigns.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.nurtureTrackId],
      foreignColumns: [leadNurtureTracks.tenantId, leadNurtureTracks.id],
    }),
    foreignKey({ columns: [t.tenantId, t.formId], foreignColumns: [leadForms.tenantId, leadForms.id] }),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }),
    foreignKey({ columns: [t.tenantId, t.contactId], foreignColumns: [contacts.tenantId, contacts.id] }),
    foreignKey({ columns: [t.tenantId, t.dealId], foreignColumns: [deals.tenantId, deals.id] }),
    tenantPolicy(t),
  ],
);

/** Behaviour: visits, downloads, webinar/event attendance, mail opens and clicks, form fills, replies. */
export const leadEvents = pgTable(
  'lead_events',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    leadId: uuid('lead_id').notNull(),
    kind: text('kind').notNull(),
    occurredAt: instant('occurred_at').notNull(),
    url: text('url'),
    title: text('title'),
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
    /** Where it came from: api, form, tracking, import, system. */
    origin: text('origin').notNull(),
    /** Sender's own id for the event: a repeat with the same id is stored once. */
    externalId: text('external_id'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('lead_events_lead_idx').on(t.tenantId, t.leadId, t.occurredAt),
    uniqueIndex('lead_events_external_uq')
      .on(t.tenantId, t.externalId)
      .where(sql`${t.externalId} IS NOT NULL`),
    foreignKey({ columns: [t.tenantId, t.leadId], foreignColumns: [leads.tenantId, leads.id] }).onDelete(
      'cascade',
    ),
    tenantPolicy(t),
  ],
);

export const leadFormSubmissions = pgTable(
  'lead_form_submissions',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    formId: uuid('form_id').notNull(),
    leadId: uuid('lead_id').notNull(),
    /** The browser's id for this submission: a double submit is stored (and creates a lead) once. */
    submissionKey: text('submission_key').notNull(),
    values: jsonb('values').$type<Record<string, string>>().notNull().default({}),
    utm: jsonb('utm').$type<Record<string, string>>().notNull().default({}),
    referrer: text('referrer'),
    pageUrl: text('page_url'),
    consent: boolean('consent').notNull().default(false),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('lead_form_submissions_key_uq').on(t.tenantId, t.formId, t.submissionKey),
    index('lead_form_submissions_form_idx').on(t.tenantId, t.formId, t.createdAt),
    index('lead_form_submissions_lead_idx').on(t.tenantId, t.leadId),
    foreignKey({
      columns: [t.tenantId, t.formId],
      foreignColumns: [leadForms.tenantId, leadForms.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.leadId], foreignColumns: [leads.tenantId, leads.id] }).onDelete(
      'cascade',
    ),
    tenantPolicy(t),
  ],
);

/** Tracked links and open pixels in mails sent to leads: the token in the URL finds the lead and mail. */
export const leadMailTracking = pgTable(
  'lead_mail_tracking',
  {
    tenantId: tenantId(),
    token: text('token').notNull(),
    leadId: uuid('lead_id').notNull(),
    mailId: uuid('mail_id').notNull(),
    /** Target of a tracked link; null for the open pixel. */
    url: text('url'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.token] }),
    foreignKey({ columns: [t.tenantId, t.leadId], foreignColumns: [leads.tenantId, leads.id] }).onDelete(
      'cascade',
    ),
    tenantPolicy(t),
  ],
);

/**
 * Scoring rules: points for an attribute (`field operator value`) or for each behaviour event of a kind,
 * optionally halved every `halfLifeDays` and capped per rule.
 */
export const leadScoreRules = pgTable(
  'lead_score_rules',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    field: text('field').notNull(),
    operator: text('operator').notNull(),
    value: jsonb('value').$type<unknown>(),
    points: integer('points').notNull(),
    cap: integer('cap'),
    halfLifeDays: integer('half_life_days'),
    position: integer('position').notNull().default(0),
    active: boolean('active').notNull().default(true),
    version: version(),
    ...timestamps(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), tenantFk(t), tenantPolicy(t)],
);

/** Trained predictive models, newest first; the active one scores leads. */
export const leadScoreModels = pgTable(
  'lead_score_models',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    trainedAt: instant('trained_at').notNull().defaultNow(),
    /** ready: scores leads; insufficient: too few outcomes, rule scores stand. */
    status: text('status').notNull(),
    positives: integer('positives').notNull(),
    negatives: integer('negatives').notNull(),
    /** Area under the ROC curve on held-out leads. */
    auc: doublePrecision('auc'),
    /** `{ features, weights, intercept, means, scales }` */
    model: jsonb('model').$type<Record<string, unknown>>(),
    active: boolean('active').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('lead_score_models_trained_idx').on(t.tenantId, t.trainedAt),
    tenantFk(t),
    tenantPolicy(t),
  ],
);

/** Assignment rules, tried in `position` order: conditions → a team, then a rep inside it. */
export const leadAssignmentRules = pgTable(
  'lead_assignment_rules',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    position: integer('position').notNull().default(0),
    /** `{ grades, regions, industries, sources, companySizes, minScore, maxScore }`; empty matches all. */
    conditions: jsonb('conditions').$type<Record<string, unknown>>().notNull().default({}),
    teamId: uuid('team_id').notNull(),
    /** round_robin | least_loaded */
    strategy: text('strategy').notNull().default('round_robin'),
    /** Only reps marked senior receive leads from this rule. */
    seniorOnly: boolean('senior_only').notNull().default(false),
    active: boolean('active').notNull().default(true),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    tenantFk(t),
    foreignKey({ columns: [t.tenantId, t.teamId], foreignColumns: [teams.tenantId, teams.id] }).onDelete(
      'cascade',
    ),
    tenantPolicy(t),
  ],
);

/** A rep's routing profile: capacity, seniority, absence, and when they last received a lead. */
export const leadRepSettings = pgTable(
  'lead_rep_settings',
  {
    tenantId: tenantId(),
    userId: uuid('user_id').notNull(),
    /** Most open leads the rep may hold; null means no limit. */
    capacity: integer('capacity'),
    /** senior | standard | new */
    seniority: text('seniority').notNull().default('standard'),
    awayFrom: instant('away_from'),
    awayUntil: instant('away_until'),
    lastAssignedAt: instant('last_assigned_at'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userId] }),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }).onDelete(
      'cascade',
    ),
    tenantPolicy(t),
  ],
);

/** Saved list views: filters, columns and sort, private or shared with the company. */
export const leadViews = pgTable(
  'lead_views',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    ownerId: uuid('owner_id').notNull(),
    name: text('name').notNull(),
    filters: jsonb('filters').$type<Record<string, unknown>>().notNull().default({}),
    columns: jsonb('columns').$type<string[]>().notNull().default([]),
    sort: text('sort').notNull().default('-createdAt'),
    shared: boolean('shared').notNull().default(false),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('lead_views_owner_idx').on(t.tenantId, t.ownerId),
    foreignKey({ columns: [t.tenantId, t.ownerId], foreignColumns: [users.tenantId, users.id] }).onDelete(
      'cascade',
    ),
    tenantPolicy(t),
  ],
);
