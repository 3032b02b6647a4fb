import { z } from 'zod';
import { Currency, defineRoute, IdParams, IsoDateTime, Locale, PageQuery, pageOf, Uuid } from './common';
import { COMPANY_SIZES, LeadEventKind, LeadSource } from './leads.contract';

/**
 * Lead capture (DOMAIN.md §1): marketing campaigns with their cost, web-to-lead forms with their hosted page
 * and public submission endpoint, and the behaviour events API that integrations feed.
 */

const IsoDate = z.iso.date();
const MAX_MINOR = Number.MAX_SAFE_INTEGER;

// ─── Campaigns ────────────────────────────────────────────────────────────────────────────────────────────

export const Campaign = z.object({
  id: Uuid,
  name: z.string(),
  channel: LeadSource,
  /** Total spend in minor units (fen, cents) of `currency`. */
  costMinor: z.number().int(),
  currency: z.string(),
  /** Leads arriving with this `utm_campaign` (and no campaign of their own) are attributed to it. */
  utmCampaign: z.string().nullable(),
  startsOn: IsoDate.nullable(),
  endsOn: IsoDate.nullable(),
  notes: z.string(),
  active: z.boolean(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.number().int(),
});
export type Campaign = z.infer<typeof Campaign>;

const CampaignFields = {
  name: z.string().trim().min(1).max(200),
  channel: LeadSource,
  costMinor: z.number().int().min(0).max(MAX_MINOR),
  currency: Currency,
  utmCampaign: z.string().trim().max(200).nullable(),
  startsOn: IsoDate.nullable(),
  endsOn: IsoDate.nullable(),
  notes: z.string().trim().max(10_000),
  active: z.boolean(),
};

export const CAMPAIGN_SORTS = ['name', '-name', 'createdAt', '-createdAt'] as const;

const booleanFlag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const listCampaigns = defineRoute({
  method: 'GET',
  path: '/api/v1/campaigns',
  summary: 'Campaigns of the company',
  tags: ['campaigns'],
  access: 'session',
  scope: 'read',
  query: PageQuery.extend({
    q: z.string().trim().max(100).optional(),
    channel: LeadSource.optional(),
    active: booleanFlag.optional(),
    sort: z.enum(CAMPAIGN_SORTS).default('-createdAt'),
  }),
  response: { 200: pageOf(Campaign) },
});

export const getCampaign = defineRoute({
  method: 'GET',
  path: '/api/v1/campaigns/:id',
  summary: 'One campaign',
  tags: ['campaigns'],
  access: 'session',
  scope: 'read',
  params: IdParams,
  response: { 200: Campaign },
});

export const createCampaign = defineRoute({
  method: 'POST',
  path: '/api/v1/campaigns',
  summary: 'Create a campaign (currency defaults to the company currency)',
  tags: ['campaigns'],
  access: 'session',
  permission: 'marketing.manage',
  scope: 'write',
  body: z.strictObject({
    name: CampaignFields.name,
    channel: CampaignFields.channel,
    costMinor: CampaignFields.costMinor.default(0),
    currency: CampaignFields.currency.optional(),
    utmCampaign: CampaignFields.utmCampaign.default(null),
    startsOn: CampaignFields.startsOn.default(null),
    endsOn: CampaignFields.endsOn.default(null),
    notes: CampaignFields.notes.default(''),
    active: CampaignFields.active.default(true),
  }),
  response: { 201: Campaign },
});

export const updateCampaign = defineRoute({
  method: 'PATCH',
  path: '/api/v1/campaigns/:id',
  summary: 'Change a campaign (send the version you read)',
  tags: ['campaigns'],
  access: 'session',
  permission: 'marketing.manage',
  scope: 'write',
  params: IdParams,
  body: z.strictObject({
    version: z.number().int().optional(),
    name: CampaignFields.name.optional(),
    channel: CampaignFields.channel.optional(),
    costMinor: CampaignFields.costMinor.optional(),
    currency: CampaignFields.currency.optional(),
    utmCampaign: CampaignFields.utmCampaign.optional(),
    startsOn: CampaignFields.startsOn.optional(),
    endsOn: CampaignFields.endsOn.optional(),
    notes: CampaignFields.notes.optional(),
    active: CampaignFields.active.optional(),
  }),
  response: { 200: Campaign },
});

export const deleteCampaign = defineRoute({
  method: 'DELETE',
  path: '/api/v1/campaigns/:id',
  summary: 'Delete a campaign no lead, form or deal refers to (otherwise deactivate it)',
  tags: ['campaigns'],
  access: 'session',
  permission: 'marketing.manage',
  scope: 'write',
  params: IdParams,
  response: { 204: z.null() },
});

/**
 * Funnel and money of one campaign or channel. Counts are of leads created in the period; money is in the
 * company currency only (`CampaignStats.currency`): costs of campaigns and won deals in another currency are
 * left out of the sums and counted in `excludedCampaigns` / `excludedDeals`, never converted.
 */
export const FunnelStats = z.object({
  leads: z.number().int(),
  /** Leads that reached MQL (mql_at set), SQL, and conversion. */
  mqls: z.number().int(),
  sqls: z.number().int(),
  converted: z.number().int(),
  /** Null when the campaign's own currency is not the company currency. */
  costMinor: z.number().int().nullable(),
  /** Amount of the won deals that converted leads became. */
  revenueMinor: z.number().int(),
  wonDeals: z.number().int(),
  costPerLeadMinor: z.number().int().nullable(),
  costPerConvertedMinor: z.number().int().nullable(),
  /** (revenue − cost) / cost, e.g. 1.5 = 150 %; null without cost. */
  roi: z.number().nullable(),
  excludedDeals: z.number().int(),
});
export type FunnelStats = z.infer<typeof FunnelStats>;

export const CampaignStatsRow = FunnelStats.extend({
  campaignId: Uuid,
  name: z.string(),
  channel: LeadSource,
  currency: z.string(),
  active: z.boolean(),
});
export type CampaignStatsRow = z.infer<typeof CampaignStatsRow>;

export const ChannelStatsRow = FunnelStats.extend({
  channel: LeadSource,
  /** Campaigns of the channel whose cost is in another currency (left out of `costMinor`). */
  excludedCampaigns: z.number().int(),
});
export type ChannelStatsRow = z.infer<typeof ChannelStatsRow>;

export const CampaignStats = z.object({
  currency: z.string(),
  from: IsoDate.nullable(),
  to: IsoDate.nullable(),
  campaigns: z.array(CampaignStatsRow),
  channels: z.array(ChannelStatsRow),
});
export type CampaignStats = z.infer<typeof CampaignStats>;

export const campaignStats = defineRoute({
  method: 'GET',
  path: '/api/v1/campaigns/stats',
  summary:
    'Leads, MQLs, SQLs, conversions, cost per lead and ROI per campaign and per channel; `from`/`to` are days ' +
    'in the company time zone (inclusive), and a campaign counts its whole cost when it runs in the period',
  tags: ['campaigns'],
  access: 'session',
  scope: 'read',
  query: z.strictObject({ from: IsoDate.optional(), to: IsoDate.optional() }),
  response: { 200: CampaignStats },
});

// ─── Web-to-lead forms ────────────────────────────────────────────────────────────────────────────────────

/** Lead fields a form may ask for, plus the consent checkbox (its label is the consent text). */
export const LEAD_FORM_FIELDS = [
  'companyName',
  'contactName',
  'title',
  'phone',
  'email',
  'region',
  'industry',
  'companySize',
  'notes',
  'consent',
] as const;
export const LeadFormField = z.enum(LEAD_FORM_FIELDS);
export type LeadFormField = z.infer<typeof LeadFormField>;

/** Longest value a visitor may enter per field (the lead's own limits). */
export const LEAD_FORM_MAX_LENGTH: Record<Exclude<LeadFormField, 'consent' | 'companySize'>, number> = {
  companyName: 200,
  contactName: 100,
  title: 100,
  phone: 50,
  email: 254,
  region: 100,
  industry: 100,
  notes: 5000,
};

const bilingual = (min: number, max: number) =>
  z.strictObject({
    'zh-CN': z.string().trim().min(min).max(max),
    'en-US': z.string().trim().min(min).max(max),
  });
export type Bilingual = { 'zh-CN': string; 'en-US': string };

export const LeadFormFieldSpec = z.strictObject({
  field: LeadFormField,
  label: bilingual(1, 2000),
  required: z.boolean().default(false),
});
export type LeadFormFieldSpec = z.infer<typeof LeadFormFieldSpec>;

export const LeadFormTexts = z.strictObject({
  title: bilingual(1, 200),
  intro: bilingual(0, 2000).default({ 'zh-CN': '', 'en-US': '' }),
  submit: bilingual(1, 50),
  thankYou: bilingual(1, 2000),
});
export type LeadFormTexts = z.infer<typeof LeadFormTexts>;

export const LeadForm = z.object({
  id: Uuid,
  /** Public key of the hosted page `/f/{key}`. */
  key: z.string(),
  /** Absolute address of the hosted page. */
  url: z.string(),
  name: z.string(),
  fields: z.array(
    z.object({
      field: LeadFormField,
      label: z.object({ 'zh-CN': z.string(), 'en-US': z.string() }),
      required: z.boolean(),
    }),
  ),
  texts: z.object({
    title: z.object({ 'zh-CN': z.string(), 'en-US': z.string() }),
    intro: z.object({ 'zh-CN': z.string(), 'en-US': z.string() }),
    submit: z.object({ 'zh-CN': z.string(), 'en-US': z.string() }),
    thankYou: z.object({ 'zh-CN': z.string(), 'en-US': z.string() }),
  }),
  consentRequired: z.boolean(),
  redirectUrl: z.string().nullable(),
  source: LeadSource,
  campaignId: Uuid.nullable(),
  ownerId: Uuid.nullable(),
  teamId: Uuid.nullable(),
  formRatePerMinute: z.number().int(),
  ipRatePerHour: z.number().int(),
  active: z.boolean(),
  submissions: z.number().int(),
  leadsCreated: z.number().int(),
  lastSubmissionAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.number().int(),
});
export type LeadForm = z.infer<typeof LeadForm>;

const LeadFormFields = {
  name: z.string().trim().min(1).max(200),
  /** In page order; at least a required company or contact name. */
  fields: z.array(LeadFormFieldSpec).min(1).max(LEAD_FORM_FIELDS.length),
  texts: LeadFormTexts,
  /** Where the browser goes after a plain form post (http or https only); null shows the thank-you text. */
  redirectUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable(),
  source: LeadSource,
  campaignId: Uuid.nullable(),
  /** Owner and/or team for every lead of the form; both null lets the assignment rules route them. */
  ownerId: Uuid.nullable(),
  teamId: Uuid.nullable(),
  formRatePerMinute: z.number().int().min(1).max(10_000),
  ipRatePerHour: z.number().int().min(1).max(10_000),
  active: z.boolean(),
};

export const listLeadForms = defineRoute({
  method: 'GET',
  path: '/api/v1/lead-forms',
  summary: 'Web-to-lead forms with their submission and lead counts',
  tags: ['lead-forms'],
  access: 'session',
  permission: 'marketing.manage',
  scope: 'read',
  query: PageQuery,
  response: { 200: pageOf(LeadForm) },
});

export const getLeadForm = defineRoute({
  method: 'GET',
  path: '/api/v1/lead-forms/:id',
  summary: 'One web-to-lead form',
  tags: ['lead-forms'],
  access: 'session',
  permission: 'marketing.manage',
  scope: 'read',
  params: IdParams,
  response: { 200: LeadForm },
});

export const createLeadForm = defineRoute({
  method: 'POST',
  path: '/api/v1/lead-forms',
  summary: 'Create a web-to-lead form and its public key',
  tags: ['lead-forms'],
  access: 'session',
  permission: 'marketing.manage',
  scope: 'write',
  body: z.strictObject({
    ...LeadFormFields,
    redirectUrl: LeadFormFields.redirectUrl.default(null),
    source: LeadFormFields.source.default('website_form'),
    campaignId: LeadFormFields.campaignId.default(null),
    ownerId: LeadFormFields.ownerId.default(null),
    teamId: LeadFormFields.teamId.default(null),
    formRatePerMinute: LeadFormFields.formRatePerMinute.default(60),
    ipRatePerHour: LeadFormFields.ipRatePerHour.default(10),
    active: LeadFormFields.active.default(true),
  }),
  response: { 201: LeadForm },
});

export const updateLeadForm = defineRoute({
  method: 'PATCH',
  path: '/api/v1/lead-forms/:id',
  summary: 'Change a web-to-lead form (send the version you read); its key stays',
  tags: ['lead-forms'],
  access: 'session',
  permission: 'marketing.manage',
  scope: 'write',
  params: IdParams,
  body: z.strictObject({
    version: z.number().int().optional(),
    name: LeadFormFields.name.optional(),
    fields: LeadFormFields.fields.optional(),
    texts: LeadFormFields.texts.optional(),
    redirectUrl: LeadFormFields.redirectUrl.optional(),
    source: LeadFormFields.source.optional(),
    campaignId: LeadFormFields.campaignId.optional(),
    ownerId: LeadFormFields.ownerId.optional(),
    teamId: LeadFormFields.teamId.optional(),
    formRatePerMinute: LeadFormFields.formRatePerMinute.optional(),
    ipRatePerHour: LeadFormFields.ipRatePerHour.optional(),
    active: LeadFormFields.active.optional(),
  }),
  response: { 200: LeadForm },
});

export const deleteLeadForm = defineRoute({
  method: 'DELETE',
  path: '/api/v1/lead-forms/:id',
  summary: 'Delete a form that has no submissions (otherwise deactivate it, so they are kept)',
  tags: ['lead-forms'],
  access: 'session',
  permission: 'marketing.manage',
  scope: 'write',
  params: IdParams,
  response: { 204: z.null() },
});

export const LeadFormSubmission = z.object({
  id: Uuid,
  leadId: Uuid,
  /** The lead's company or contact name. */
  leadName: z.string().nullable(),
  /** True when this submission created the lead; false when it was added to a lead that existed. */
  leadCreated: z.boolean(),
  /** What the visitor typed, as plain text. */
  values: z.record(z.string(), z.string()),
  utm: z.record(z.string(), z.string()),
  referrer: z.string().nullable(),
  pageUrl: z.string().nullable(),
  consent: z.boolean(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: IsoDateTime,
});
export type LeadFormSubmission = z.infer<typeof LeadFormSubmission>;

export const listLeadFormSubmissions = defineRoute({
  method: 'GET',
  path: '/api/v1/lead-forms/:id/submissions',
  summary: 'Accepted submissions of a form, newest first',
  tags: ['lead-forms'],
  access: 'session',
  permission: 'marketing.manage',
  scope: 'read',
  params: IdParams,
  query: PageQuery,
  response: { 200: pageOf(LeadFormSubmission) },
});

/** 32 bytes in base64url: the tenant's id and 16 random bytes. */
export const FormKey = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

const visitorText = (max: number) => z.string().max(max).optional();
const utmText = z.string().max(200).optional();

/**
 * What the hosted page posts (form-urlencoded) or an embed script sends (JSON): the same flat shape.
 * Field values are keyed by lead field; `consent` is a checkbox (`on`) or a boolean.
 */
export const PublicFormSubmission = z.strictObject({
  /** Random per page load; a repeat of the same key gets the first answer and stores nothing new. */
  submissionKey: z.string().regex(/^[A-Za-z0-9_-]{8,100}$/),
  companyName: visitorText(LEAD_FORM_MAX_LENGTH.companyName),
  contactName: visitorText(LEAD_FORM_MAX_LENGTH.contactName),
  title: visitorText(LEAD_FORM_MAX_LENGTH.title),
  phone: visitorText(LEAD_FORM_MAX_LENGTH.phone),
  email: visitorText(LEAD_FORM_MAX_LENGTH.email),
  region: visitorText(LEAD_FORM_MAX_LENGTH.region),
  industry: visitorText(LEAD_FORM_MAX_LENGTH.industry),
  companySize: z.enum([...COMPANY_SIZES, '']).optional(),
  notes: visitorText(LEAD_FORM_MAX_LENGTH.notes),
  consent: z.union([z.boolean(), z.enum(['on', 'true', 'false', ''])]).optional(),
  utm_source: utmText,
  utm_medium: utmText,
  utm_campaign: utmText,
  utm_term: utmText,
  utm_content: utmText,
  /** Where the visitor came from, and the page the form was filled on. */
  referrer: z.string().max(2000).optional(),
  pageUrl: z.string().max(2000).optional(),
  lang: Locale.optional(),
  /** Honeypot: hidden from people; anything in it marks a bot, answered as if accepted and not stored. */
  website: z.string().max(2000).optional(),
});
export type PublicFormSubmission = z.infer<typeof PublicFormSubmission>;

export const PublicFormAnswer = z.object({
  status: z.literal('accepted'),
  /** The form's thank-you text in the page's language. */
  message: z.string(),
  redirectUrl: z.string().nullable(),
});
export type PublicFormAnswer = z.infer<typeof PublicFormAnswer>;

export const submitLeadForm = defineRoute({
  method: 'POST',
  path: '/f/:formKey',
  summary:
    'Public form submission (no session): form-urlencoded from the hosted page (answers with a page or a ' +
    'redirect) or JSON (answers as below). 429 with Retry-After past the form or per-IP rate.',
  tags: ['lead-forms'],
  access: 'public',
  params: z.strictObject({ formKey: z.string().max(100) }),
  body: PublicFormSubmission,
  response: { 200: PublicFormAnswer },
});

// ─── Behaviour events ─────────────────────────────────────────────────────────────────────────────────────

const MetaValue = z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]);

export const LeadEventInput = z
  .strictObject({
    /** The lead, or else its email (the newest open lead with that address is used). */
    leadId: Uuid.optional(),
    email: z.string().trim().max(254).optional(),
    kind: LeadEventKind,
    /** Defaults to the time of the call. */
    occurredAt: IsoDateTime.optional(),
    url: z.string().trim().max(2000).optional(),
    title: z.string().trim().max(500).optional(),
    /** The sender's id for the event: sending it again stores nothing new. */
    externalId: z.string().trim().min(1).max(200).optional(),
    meta: z
      .record(z.string().max(100), MetaValue)
      .refine((m) => Object.keys(m).length <= 50, 'too_many_keys')
      .optional(),
  })
  .refine((e) => Boolean(e.leadId || e.email?.trim()), {
    message: 'lead_or_email_required',
    path: ['leadId'],
  });
export type LeadEventInput = z.infer<typeof LeadEventInput>;

export const LEAD_EVENT_OUTCOMES = ['stored', 'duplicate', 'unmatched'] as const;
/** Why an item found no lead: no visible lead with this id, or no open lead with this email. */
export const UNMATCHED_CODES = ['lead_not_found', 'email_not_found', 'invalid_email'] as const;

export const RecordLeadEventsAnswer = z.object({
  stored: z.number().int(),
  duplicate: z.number().int(),
  unmatched: z.number().int(),
  /** One per sent item, in order. */
  items: z.array(
    z.object({
      index: z.number().int(),
      status: z.enum(LEAD_EVENT_OUTCOMES),
      leadId: Uuid.nullable(),
      code: z.enum(UNMATCHED_CODES).nullable(),
    }),
  ),
});
export type RecordLeadEventsAnswer = z.infer<typeof RecordLeadEventsAnswer>;

export const recordLeadEvents = defineRoute({
  method: 'POST',
  path: '/api/v1/lead-events',
  summary:
    'Record visits, downloads, webinar and event attendance, email opens and clicks on leads (by id or ' +
    'email); each lead is rescored. Items are matched one by one and reported back.',
  tags: ['lead-events'],
  access: 'session',
  scope: 'write',
  body: z.strictObject({ events: z.array(LeadEventInput).min(1).max(100) }),
  response: { 200: RecordLeadEventsAnswer },
});

export const LeadEvent = z.object({
  id: Uuid,
  leadId: Uuid,
  kind: LeadEventKind,
  occurredAt: IsoDateTime,
  url: z.string().nullable(),
  title: z.string().nullable(),
  meta: z.record(z.string(), z.unknown()),
  /** api, form, tracking, import or system. */
  origin: z.string(),
  externalId: z.string().nullable(),
  createdAt: IsoDateTime,
});
export type LeadEvent = z.infer<typeof LeadEvent>;

export const listLeadEvents = defineRoute({
  method: 'GET',
  path: '/api/v1/leads/:id/events',
  summary: 'Behaviour events of a lead the caller may see, newest first',
  tags: ['lead-events'],
  access: 'session',
  scope: 'read',
  params: IdParams,
  query: PageQuery.extend({ kind: LeadEventKind.optional() }),
  response: { 200: pageOf(LeadEvent) },
});
