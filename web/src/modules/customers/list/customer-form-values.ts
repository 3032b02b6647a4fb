import type { Customer, updateCustomer } from '@contracts/customers.contract';
import type { z } from 'zod';
import { changedCustomValues } from '../../admin-custom-fields/custom-field-label';

/** The customer form's values and how they become the create and edit bodies. */

export type CustomerFormValues = {
  name: string;
  legalName?: string;
  industry?: string;
  companySize?: Customer['companySize'];
  region?: string;
  address?: string;
  phone?: string;
  website?: string;
  creditCode?: string;
  taxId?: string;
  parentId?: string | null;
  tags: string[];
  notes?: string;
  ownerId?: string | null;
  teamId?: string | null;
  sharedWith?: string[];
  /** Custom field values as the API takes them (see CustomFieldInputs). */
  custom?: Record<string, unknown>;
};

const TEXT_FIELDS = [
  'legalName',
  'industry',
  'region',
  'address',
  'phone',
  'website',
  'creditCode',
  'taxId',
] as const;

export function formValuesOf(customer: Customer | null): CustomerFormValues {
  if (!customer) return { name: '', tags: [], parentId: null };
  return {
    name: customer.name,
    legalName: customer.legalName ?? '',
    industry: customer.industry ?? '',
    companySize: customer.companySize,
    region: customer.region ?? '',
    address: customer.address ?? '',
    phone: customer.phone ?? '',
    website: customer.website ?? '',
    creditCode: customer.creditCode ?? '',
    taxId: customer.taxId ?? '',
    parentId: customer.parentId,
    tags: customer.tags,
    notes: customer.notes,
    ownerId: customer.ownerId,
    teamId: customer.teamId,
    sharedWith: customer.sharedWith,
    custom: customer.custom,
  };
}

const orNull = (value: string | undefined) => (value?.trim() ? value.trim() : null);

/** The profile fields as the API takes them (empty text is "no value"). */
export function profileBody(values: CustomerFormValues) {
  const body: Record<string, unknown> = { name: values.name.trim(), tags: values.tags };
  for (const field of TEXT_FIELDS) body[field] = orNull(values[field]);
  body.companySize = values.companySize ?? null;
  body.parentId = values.parentId ?? null;
  body.notes = values.notes ?? '';
  const custom = changedCustomValues({}, values.custom);
  if (Object.keys(custom).length > 0) body.custom = custom;
  return body;
}

type UpdateBody = z.input<typeof updateCustomer.body>;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Only what changed, so an edit never overwrites a field someone else changed meanwhile. */
export function changedBody(
  customer: Customer,
  values: CustomerFormValues,
  withAssignment: boolean,
): UpdateBody {
  const next = profileBody(values);
  const before = profileBody(formValuesOf(customer));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    if (key !== 'custom' && !same(value, before[key])) out[key] = value;
  }
  const custom = changedCustomValues(customer.custom, values.custom);
  if (Object.keys(custom).length > 0) out.custom = custom;
  // A cleared owner or team picker reads undefined: it means "nobody", but only where the pickers are shown.
  if (withAssignment && !same(values.ownerId, customer.ownerId)) out.ownerId = values.ownerId ?? null;
  if (withAssignment && !same(values.teamId, customer.teamId)) out.teamId = values.teamId ?? null;
  if (values.sharedWith !== undefined && !same(values.sharedWith, customer.sharedWith)) {
    out.sharedWith = values.sharedWith;
  }
  return out as UpdateBody;
}
