import { z } from 'zod';
import { Activity, ActivityKind, TimelineItem } from './activities.contract';
import { defineRoute, IdParams, IsoDateTime, PageQuery, pageOf, Uuid } from './common';
import { CustomFilter, CustomValues, CustomValuesInput } from './custom-fields.contract';

/**
 * Leads (DOMAIN.md §1): the record, its status flow, follow-up activities, timeline, duplicates, merge and
 * conversion. Capture channels (import, forms, events), scoring and routing have contracts of their own.
 */

/** Activities and timeline items moved to the activities contract; leads keeps its names for them. */
export {
  ACTIVITY_KINDS,
  Activity,
  ActivityKind,
  CONTACT_KINDS,
  TimelineItem,
} from './activities.contract';

/** Source channels of DOMAIN.md §1. */
export const LEAD_SOURCES = [
  'event',
  'content',
  'online_ad',
  'partner_referral',
  'customer_referral',
  'social',
  'cold_outreach',
  'website_form',
  'other',
] as const;
export const LeadSource = z.enum(LEAD_SOURCES);
export type LeadSource = z.infer<typeof LeadSource>;

/** A: high intent, need within a week · B: need within 1–3 months · C: only gathering information. */
export const LEAD_GRADES = ['A', 'B', 'C'] as const;
export const LeadGrade = z.enum(LEAD_GRADES);
export type LeadGrade = z.infer<typeof LeadGrade>;

export const LEAD_STATUSES = [
  'new',
  'contacted',
  'nurturing',
  'mql',
  'sql',
  'converted',
  'disqualified',
  'archived',
] as const;
export const LeadStatus = z.enum(LEAD_STATUSES);
export type LeadStatus = z.infer<typeof LeadStatus>;

/**
 * Moves a user may make. The flow runs new → contacted → nurturing → MQL → SQL → converted; steps may be
 * skipped forward, a lead may fall back to nurturing, and disqualified or archived leads may be reopened.
 * `converted` is reached only through the convert endpoint and is final.
 */
export const LEAD_TRANSITIONS: Record<LeadStatus, readonly LeadStatus[]> = {
  new: ['contacted', 'nurturing', 'mql', 'sql', 'disqualified', 'archived'],
  contacted: ['nurturing', 'mql', 'sql', 'disqualified', 'archived'],
  nurturing: ['contacted', 'mql', 'sql', 'disqualified', 'archived'],
  mql: ['contacted', 'nurturing', 'sql', 'disqualified', 'archived'],
  sql: ['nurturing', 'disqualified', 'archived'],
  converted: [],
  disqualified: ['new', 'nurturing', 'archived'],
  archived: ['new', 'contacted', 'nurturing'],
};
/** Statuses that need a reason. */
export const REASONED_STATUSES: readonly LeadStatus[] = ['disqualified', 'archived'];
/** Statuses of a lead still being worked (it counts against a rep's capacity and its SLA runs). */
export const OPEN_LEAD_STATUSES: readonly LeadStatus[] = ['new', 'contacted', 'nurturing', 'mql', 'sql'];

export const COMPANY_SIZES = ['1-19', '20-99', '100-499', '500-999', '1000-4999', '5000+'] as const;
export const CompanySize = z.enum(COMPANY_SIZES);
export type CompanySize = z.infer<typeof CompanySize>;

/** Behaviour a lead shows (DOMAIN.md §1 "MQL"): recorded by forms, tracking, imports and the events API. */
export const LEAD_EVENT_KINDS = [
  'page_view',
  'download',
  'webinar',
  'event_attended',
  'email_open',
  'email_click',
  'form_submit',
  'reply',
] as const;
export const LeadEventKind = z.enum(LEAD_EVENT_KINDS);
export type LeadEventKind = z.infer<typeof LeadEventKind>;

export const UTM_KEYS = ['source', 'medium', 'campaign', 'term', 'content'] as const;
export const Utm = z.strictObject({
  source: z.string().trim().max(200).optional(),
  medium: z.string().trim().max(200).optional(),
  campaign: z.string().trim().max(200).optional(),
  term: z.string().trim().max(200).optional(),
  content: z.string().trim().max(200).optional(),
});
export type Utm = z.infer<typeof Utm>;

/** One item of a checklist: met (true/false) or not yet known (null), with a note. */
export const Check = z.strictObject({
  met: z.boolean().nullable().default(null),
  note: z.string().trim().max(1000).default(''),
});
export type Check = z.infer<typeof Check>;

const check = () => Check.default({ met: null, note: '' });

/** MAN (Money, Authority, Need) and BANT (Budget, Authority, Need, Timeline), plus DOMAIN.md's extended screening. */
export const Qualification = z.strictObject({
  man: z.strictObject({ money: check(), authority: check(), need: check() }).default({
    money: { met: null, note: '' },
    authority: { met: null, note: '' },
    need: { met: null, note: '' },
  }),
  bant: z.strictObject({ budget: check(), authority: check(), need: check(), timeline: check() }).default({
    budget: { met: null, note: '' },
    authority: { met: null, note: '' },
    need: { met: null, note: '' },
    timeline: { met: null, note: '' },
  }),
  /** People in the decision chain; three or fewer is preferred. */
  decisionMakers: z.number().int().min(0).max(100).nullable().default(null),
  industryGrowth: z.enum(['high', 'medium', 'low']).nullable().default(null),
});
export type Qualification = z.infer<typeof Qualification>;

export const DuplicateMatch = z.object({
  kind: z.enum(['lead', 'customer', 'contact']),
  id: Uuid,
  /** The lead, customer or contact's display name. */
  name: z.string(),
  matchedOn: z.enum(['email', 'phone', 'company']),
});
export type DuplicateMatch = z.infer<typeof DuplicateMatch>;

export const ScoreItem = z.object({
  ruleId: z.string(),
  name: z.string(),
  points: z.number().int(),
  /** Behaviour rules: how many events counted. */
  events: z.number().int().optional(),
  capped: z.boolean().optional(),
});
export type ScoreItem = z.infer<typeof ScoreItem>;

export const PredictionFactor = z.object({
  /** Model feature, e.g. `source=event` or `events.download`. */
  feature: z.string(),
  /** Effect on the log-odds (positive raises the probability). */
  weight: z.number(),
});
export type PredictionFactor = z.infer<typeof PredictionFactor>;

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullable().optional();

/** Fields a person edits on a lead. */
const LeadFields = {
  companyName: optionalText(200),
  contactName: optionalText(100),
  title: optionalText(100),
  phone: optionalText(50),
  email: optionalText(254),
  region: optionalText(100),
  industry: optionalText(100),
  companySize: CompanySize.nullable().optional(),
  campaignId: Uuid.nullable().optional(),
  utm: Utm.optional(),
  referrer: optionalText(2000),
  grade: LeadGrade.nullable().optional(),
  notes: text(10_000).optional(),
  qualification: Qualification.optional(),
  consent: z.boolean().nullable().optional(),
  /** Values of the company's custom fields for leads, by key (null clears one). */
  custom: CustomValuesInput.optional(),
};

export const LeadSummary = z.object({
  id: Uuid,
  companyName: z.string().nullable(),
  contactName: z.string().nullable(),
  title: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  region: z.string().nullable(),
  industry: z.string().nullable(),
  companySize: CompanySize.nullable(),
  source: LeadSource,
  campaignId: Uuid.nullable(),
  grade: LeadGrade.nullable(),
  status: LeadStatus,
  score: z.number().int(),
  conversionProbability: z.number().nullable(),
  ownerId: Uuid.nullable(),
  ownerName: z.string().nullable(),
  teamId: Uuid.nullable(),
  teamName: z.string().nullable(),
  hasDuplicates: z.boolean(),
  slaDueAt: IsoDateTime.nullable(),
  slaBreachedAt: IsoDateTime.nullable(),
  firstContactAt: IsoDateTime.nullable(),
  lastActivityAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.number().int(),
});
export type LeadSummary = z.infer<typeof LeadSummary>;

export const Lead = LeadSummary.extend({
  utm: Utm,
  referrer: z.string().nullable(),
  notes: z.string(),
  statusReason: z.string().nullable(),
  statusChangedAt: IsoDateTime,
  qualification: Qualification,
  sharedWith: z.array(Uuid),
  duplicates: z.array(DuplicateMatch),
  scoreBreakdown: z.array(ScoreItem),
  predictionFactors: z.array(PredictionFactor),
  assignedAt: IsoDateTime.nullable(),
  nurtureTrackId: Uuid.nullable(),
  nurtureStep: z.number().int().nullable(),
  nurtureNextAt: IsoDateTime.nullable(),
  revisitAt: IsoDateTime.nullable(),
  mqlAt: IsoDateTime.nullable(),
  sqlAt: IsoDateTime.nullable(),
  convertedAt: IsoDateTime.nullable(),
  customerId: Uuid.nullable(),
  contactId: Uuid.nullable(),
  dealId: Uuid.nullable(),
  consent: z.boolean().nullable(),
  consentAt: IsoDateTime.nullable(),
  formId: Uuid.nullable(),
  lastEventAt: IsoDateTime.nullable(),
  /** Values of the active custom fields, by key. */
  custom: CustomValues,
  /** Status moves this caller may make now (converted excluded: see the convert endpoint). */
  allowedTransitions: z.array(LeadStatus),
  /** What this caller may do with the lead. */
  can: z.object({ edit: z.boolean(), assign: z.boolean(), delete: z.boolean(), convert: z.boolean() }),
});
export type Lead = z.infer<typeof Lead>;

/** A lead needs a company or a contact name; a phone or email that cannot be read is refused. */
export const CreateLeadBody = z
  .strictObject({
    ...LeadFields,
    source: LeadSource.default('other'),
    status: z.enum(['new', 'contacted', 'nurturing']).default('new'),
    /** Assign on creation (managers); reps may only name themselves. Omitted: the assignment rules decide. */
    ownerId: Uuid.nullable().optional(),
    teamId: Uuid.nullable().optional(),
  })
  .refine((b) => Boolean(b.companyName?.trim() || b.contactName?.trim()), {
    message: 'company_or_contact_required',
    path: ['companyName'],
  });

export const UpdateLeadBody = z.strictObject({
  version: z.number().int().optional(),
  ...LeadFields,
  source: LeadSource.optional(),
  status: LeadStatus.exclude(['converted']).optional(),
  /** Required when moving to disqualified or archived. */
  statusReason: text(500).optional(),
  ownerId: Uuid.nullable().optional(),
  teamId: Uuid.nullable().optional(),
  sharedWith: z.array(Uuid).max(50).optional(),
});

export const LEAD_SORTS = [
  'createdAt',
  '-createdAt',
  'updatedAt',
  '-updatedAt',
  'score',
  '-score',
  'companyName',
  '-companyName',
  'slaDueAt',
  '-slaDueAt',
] as const;

const csv = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .max(2000)
    .transform((s) =>
      s
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(50));

const booleanFlag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Filters shared by the list, export and bulk endpoints. Unknown keys are a 400, never SQL. */
export const LeadFilter = z.strictObject({
  q: z.string().trim().max(100).optional(),
  status: csv(LeadStatus).optional(),
  grade: csv(LeadGrade).optional(),
  source: csv(LeadSource).optional(),
  companySize: csv(CompanySize).optional(),
  /** `me`, `none` (unassigned) or a user id. */
  ownerId: z.union([z.literal('me'), z.literal('none'), Uuid]).optional(),
  teamId: Uuid.optional(),
  campaignId: Uuid.optional(),
  region: z.string().trim().max(100).optional(),
  industry: z.string().trim().max(100).optional(),
  minScore: z.coerce.number().int().optional(),
  maxScore: z.coerce.number().int().optional(),
  createdFrom: IsoDateTime.optional(),
  createdTo: IsoDateTime.optional(),
  slaBreached: booleanFlag.optional(),
  hasDuplicates: booleanFlag.optional(),
  /** Custom-field conditions (see CustomFilter). */
  custom: CustomFilter.optional(),
});
export type LeadFilter = z.infer<typeof LeadFilter>;

export const listLeads = defineRoute({
  method: 'GET',
  path: '/api/v1/leads',
  summary: 'Leads the caller may see, filtered and sorted',
  tags: ['leads'],
  access: 'session',
  scope: 'read',
  query: PageQuery.extend({ ...LeadFilter.shape, sort: z.enum(LEAD_SORTS).default('-createdAt') }),
  response: { 200: pageOf(LeadSummary) },
});

export const countLeads = defineRoute({
  method: 'GET',
  path: '/api/v1/leads/count',
  summary: 'How many leads match the filters (capped, for list headers)',
  tags: ['leads'],
  access: 'session',
  scope: 'read',
  query: LeadFilter,
  response: { 200: z.object({ count: z.number().int(), capped: z.boolean() }) },
});

export const getLead = defineRoute({
  method: 'GET',
  path: '/api/v1/leads/:id',
  summary: 'One lead with its checklists, scores, SLA and duplicates',
  tags: ['leads'],
  access: 'session',
  scope: 'read',
  params: IdParams,
  response: { 200: Lead },
});

export const createLead = defineRoute({
  method: 'POST',
  path: '/api/v1/leads',
  summary: 'Create a lead: duplicate check, scoring and assignment run at once',
  tags: ['leads'],
  access: 'session',
  scope: 'write',
  body: CreateLeadBody,
  response: { 201: Lead },
});

export const updateLead = defineRoute({
  method: 'PATCH',
  path: '/api/v1/leads/:id',
  summary: 'Edit a lead, move its status or reassign it (send the version you read)',
  tags: ['leads'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: UpdateLeadBody,
  response: { 200: Lead },
});

export const deleteLead = defineRoute({
  method: 'DELETE',
  path: '/api/v1/leads/:id',
  summary: 'Delete a lead that was never converted (managers and admins)',
  tags: ['leads'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  response: { 204: z.null() },
});

export const BulkAction = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('assign'), ownerId: Uuid.nullable(), teamId: Uuid.nullable().optional() }),
  z.strictObject({ kind: z.literal('grade'), grade: LeadGrade }),
  z.strictObject({
    kind: z.literal('status'),
    status: LeadStatus.exclude(['converted']),
    statusReason: text(500).optional(),
  }),
]);
export type BulkAction = z.infer<typeof BulkAction>;

export const bulkUpdateLeads = defineRoute({
  method: 'POST',
  path: '/api/v1/leads/bulk',
  summary: 'Assign, grade, archive or move many leads at once; each lead succeeds or fails on its own',
  tags: ['leads'],
  access: 'session',
  scope: 'write',
  body: z.strictObject({ ids: z.array(Uuid).min(1).max(1000), action: BulkAction }),
  response: {
    200: z.object({
      updated: z.number().int(),
      failed: z.array(z.object({ id: Uuid, code: z.string(), detail: z.string() })),
    }),
  },
});

export const logLeadActivity = defineRoute({
  method: 'POST',
  path: '/api/v1/leads/:id/activities',
  summary: 'Log a call, email, meeting, visit or note on a lead, or plan a task',
  tags: ['leads'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: z.strictObject({
    kind: ActivityKind,
    subject: z.string().trim().min(1).max(200),
    body: text(10_000).default(''),
    direction: z.enum(['inbound', 'outbound']).nullable().default(null),
    occurredAt: IsoDateTime.optional(),
    dueAt: IsoDateTime.nullable().optional(),
  }),
  response: { 201: Activity },
});

export const leadTimeline = defineRoute({
  method: 'GET',
  path: '/api/v1/leads/:id/timeline',
  summary: 'Activities, behaviour events and changes of a lead, newest first',
  tags: ['leads'],
  access: 'session',
  scope: 'read',
  params: IdParams,
  query: z.strictObject({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** Items strictly older than this time. */
    before: IsoDateTime.optional(),
    types: csv(z.enum(['activity', 'event', 'change'])).optional(),
  }),
  response: { 200: z.object({ items: z.array(TimelineItem), nextBefore: IsoDateTime.nullable() }) },
});

export const MERGE_FIELDS = [
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
] as const;
export const MergeField = z.enum(MERGE_FIELDS);

export const mergeLeads = defineRoute({
  method: 'POST',
  path: '/api/v1/leads/:id/merge',
  summary: 'Merge another lead into this one: chosen field values, both notes, every activity and event',
  tags: ['leads'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: z.strictObject({
    otherId: Uuid,
    version: z.number().int(),
    otherVersion: z.number().int(),
    /** Which lead each field's value comes from; fields not named keep this lead's value. */
    take: z.partialRecord(MergeField, z.enum(['this', 'other'])).default({}),
  }),
  response: { 200: Lead },
});

export const checkLeadDuplicates = defineRoute({
  method: 'POST',
  path: '/api/v1/leads/duplicates',
  summary: 'Leads, customers and contacts that match a phone, email or company (before saving a lead)',
  tags: ['leads'],
  access: 'session',
  scope: 'read',
  body: z.strictObject({
    phone: optionalText(50),
    email: optionalText(254),
    companyName: optionalText(200),
    excludeId: Uuid.optional(),
  }),
  response: { 200: z.object({ matches: z.array(DuplicateMatch) }) },
});

export const ConvertBody = z.strictObject({
  version: z.number().int(),
  /** A new customer from the lead's company, or an existing one (e.g. the duplicate check's match). */
  customer: z.discriminatedUnion('mode', [
    z.strictObject({ mode: z.literal('new'), name: z.string().trim().min(1).max(200).optional() }),
    z.strictObject({ mode: z.literal('existing'), id: Uuid }),
  ]),
  contact: z.discriminatedUnion('mode', [
    z.strictObject({ mode: z.literal('new') }),
    z.strictObject({ mode: z.literal('existing'), id: Uuid }),
    z.strictObject({ mode: z.literal('none') }),
  ]),
  deal: z
    .strictObject({
      name: z.string().trim().min(1).max(200),
      /** Minor units (fen, cents) of `currency`. */
      amountMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().default(null),
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/, 'invalid_currency')
        .optional(),
      expectedCloseOn: z.iso.date().nullable().default(null),
    })
    .nullable(),
});

export const convertLead = defineRoute({
  method: 'POST',
  path: '/api/v1/leads/:id/convert',
  summary: 'Convert an SQL into a customer, contact and deal, carrying its history, source and campaign',
  tags: ['leads'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: ConvertBody,
  response: {
    200: z.object({
      lead: Lead,
      customerId: Uuid,
      contactId: Uuid.nullable(),
      dealId: Uuid.nullable(),
    }),
  },
});

/** Per-tenant numbers of DOMAIN.md §1: MQL threshold, response SLAs, revisit delay, nurture default. */
export const LeadSettings = z.object({
  mqlThreshold: z.number().int(),
  slaHoursA: z.number().int(),
  slaHoursB: z.number().int(),
  slaHoursC: z.number().int().nullable(),
  revisitDays: z.number().int(),
  defaultNurtureTrackId: Uuid.nullable(),
  predictiveMinOutcomes: z.number().int(),
  version: z.number().int(),
});
export type LeadSettings = z.infer<typeof LeadSettings>;

export const getLeadSettings = defineRoute({
  method: 'GET',
  path: '/api/v1/lead-settings',
  summary: 'Lead settings of the company (defaults until an admin changes them)',
  tags: ['leads'],
  access: 'session',
  scope: 'read',
  response: { 200: LeadSettings },
});

const Hours = z
  .number()
  .int()
  .min(1)
  .max(24 * 90);

export const updateLeadSettings = defineRoute({
  method: 'PATCH',
  path: '/api/v1/lead-settings',
  summary: 'Change lead settings (send the version you read)',
  tags: ['leads'],
  access: 'session',
  permission: 'leads.configure',
  scope: 'admin',
  body: z.strictObject({
    version: z.number().int().optional(),
    mqlThreshold: z.number().int().min(1).max(10_000).optional(),
    slaHoursA: Hours.optional(),
    slaHoursB: Hours.optional(),
    slaHoursC: Hours.nullable().optional(),
    revisitDays: z.number().int().min(1).max(3650).optional(),
    defaultNurtureTrackId: Uuid.nullable().optional(),
    predictiveMinOutcomes: z.number().int().min(10).max(100_000).optional(),
  }),
  response: { 200: LeadSettings },
});
