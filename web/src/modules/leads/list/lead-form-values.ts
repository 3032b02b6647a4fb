import type { createLead, Lead, LeadSource, updateLead } from '@contracts/leads.contract';
import { UTM_KEYS } from '@contracts/leads.contract';
import type { z } from 'zod';
import { changedCustomValues } from '../../admin-custom-fields/custom-field-label';

/**
 * A lead's editable fields as a form holds them (text boxes hold '' for nothing, consent is a three-way
 * choice), and the API bodies made from them: only the fields that changed, blanks sent as null.
 */

export type Consent = 'yes' | 'no' | 'unknown';
type UtmKey = (typeof UTM_KEYS)[number];

export type LeadFormValues = {
  companyName: string;
  contactName: string;
  title: string;
  phone: string;
  email: string;
  region: string;
  industry: string;
  companySize: Lead['companySize'];
  source: LeadSource;
  campaignId: string | null;
  grade: Lead['grade'];
  utm: Record<UtmKey, string>;
  referrer: string;
  notes: string;
  consent: Consent;
  /** Custom field values as the API takes them (see CustomFieldInputs). */
  custom?: Record<string, unknown>;
};

const TEXT_FIELDS = [
  'companyName',
  'contactName',
  'title',
  'phone',
  'email',
  'region',
  'industry',
  'referrer',
] as const;

type UpdateBody = z.input<typeof updateLead.body>;
type CreateBody = z.input<typeof createLead.body>;

const consentOf = (value: boolean | null): Consent => (value === null ? 'unknown' : value ? 'yes' : 'no');
const consentValue = (value: Consent): boolean | null => (value === 'unknown' ? null : value === 'yes');

export function formValuesOf(lead: Lead | null): LeadFormValues {
  return {
    companyName: lead?.companyName ?? '',
    contactName: lead?.contactName ?? '',
    title: lead?.title ?? '',
    phone: lead?.phone ?? '',
    email: lead?.email ?? '',
    region: lead?.region ?? '',
    industry: lead?.industry ?? '',
    companySize: lead?.companySize ?? null,
    source: lead?.source ?? 'other',
    campaignId: lead?.campaignId ?? null,
    grade: lead?.grade ?? null,
    utm: Object.fromEntries(UTM_KEYS.map((k) => [k, lead?.utm[k] ?? ''])) as Record<UtmKey, string>,
    referrer: lead?.referrer ?? '',
    notes: lead?.notes ?? '',
    consent: consentOf(lead?.consent ?? null),
    custom: lead?.custom ?? {},
  };
}

/** UTM parameters that are set, trimmed. */
function utmOf(utm: Partial<Record<UtmKey, string | undefined>>): Partial<Record<UtmKey, string>> {
  const out: Partial<Record<UtmKey, string>> = {};
  for (const key of UTM_KEYS) {
    const value = utm[key]?.trim();
    if (value) out[key] = value;
  }
  return out;
}

const blankToNull = (value: string | undefined) => (value?.trim() ? value.trim() : null);

/** The PATCH fields that differ from the lead as read (without the version, which the caller adds). */
export function changedFields(lead: Lead, values: LeadFormValues): Omit<UpdateBody, 'version'> {
  const out: Omit<UpdateBody, 'version'> = {};
  for (const field of TEXT_FIELDS) {
    const next = blankToNull(values[field]);
    if (next !== (lead[field] ?? null)) out[field] = next;
  }
  if ((values.companySize ?? null) !== lead.companySize) out.companySize = values.companySize ?? null;
  if (values.source !== lead.source) out.source = values.source;
  if ((values.campaignId ?? null) !== lead.campaignId) out.campaignId = values.campaignId ?? null;
  if ((values.grade ?? null) !== lead.grade) out.grade = values.grade ?? null;
  const utm = utmOf(values.utm);
  if (JSON.stringify(utm) !== JSON.stringify(utmOf(lead.utm))) out.utm = utm;
  if ((values.notes ?? '').trim() !== lead.notes.trim()) out.notes = values.notes.trim();
  const consent = consentValue(values.consent);
  if (consent !== lead.consent) out.consent = consent;
  const custom = changedCustomValues(lead.custom, values.custom);
  if (Object.keys(custom).length > 0) out.custom = custom;
  return out;
}

/** A new lead from the form: blanks are left out rather than sent. */
export function createBodyOf(
  values: Partial<LeadFormValues>,
  extra: Pick<CreateBody, 'ownerId' | 'teamId' | 'status'> = {},
): CreateBody {
  const body: CreateBody = { source: values.source ?? 'other', ...extra };
  for (const field of TEXT_FIELDS) {
    const value = values[field]?.trim();
    if (value) body[field] = value;
  }
  if (values.companySize) body.companySize = values.companySize;
  if (values.campaignId) body.campaignId = values.campaignId;
  if (values.grade) body.grade = values.grade;
  const utm = utmOf(values.utm ?? {});
  if (Object.keys(utm).length > 0) body.utm = utm;
  if (values.notes?.trim()) body.notes = values.notes.trim();
  if (values.consent && values.consent !== 'unknown') body.consent = values.consent === 'yes';
  const custom = changedCustomValues({}, values.custom);
  if (Object.keys(custom).length > 0) body.custom = custom;
  return body;
}
