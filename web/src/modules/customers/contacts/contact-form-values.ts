import type { Attitude, Contact, DecisionRole, updateContact } from '@contracts/customers.contract';
import type { z } from 'zod';
import { changedCustomValues } from '../../admin-custom-fields/custom-field-label';

/** The contact form's values and how they become the create and edit bodies. */

export type ContactFormValues = {
  name: string;
  title?: string;
  department?: string;
  phone?: string;
  email?: string;
  phones: string[];
  emails: string[];
  wechat?: string;
  preferences?: string;
  role?: DecisionRole | null;
  attitude: Attitude;
  reportsToId?: string | null;
  tags: string[];
  notes?: string;
  ownerId?: string | null;
  /** Custom field values as the API takes them (see CustomFieldInputs). */
  custom?: Record<string, unknown>;
};

export function contactValuesOf(contact: Contact | null): ContactFormValues {
  if (!contact)
    return { name: '', phones: [], emails: [], attitude: 'unknown', tags: [], role: null, reportsToId: null };
  return {
    name: contact.name,
    title: contact.title ?? '',
    department: contact.department ?? '',
    phone: contact.phone ?? '',
    email: contact.email ?? '',
    phones: contact.phones,
    emails: contact.emails,
    wechat: contact.wechat ?? '',
    preferences: contact.preferences,
    role: contact.role,
    attitude: contact.attitude,
    reportsToId: contact.reportsToId,
    tags: contact.tags,
    notes: contact.notes,
    ownerId: contact.ownerId,
    custom: contact.custom,
  };
}

const orNull = (value: string | undefined) => (value?.trim() ? value.trim() : null);
const list = (values: readonly (string | undefined)[]) =>
  values.map((v) => v?.trim() ?? '').filter((v) => v.length > 0);

export function contactBody(values: ContactFormValues) {
  const custom = changedCustomValues({}, values.custom);
  return {
    ...(Object.keys(custom).length > 0 ? { custom } : {}),
    name: values.name.trim(),
    title: orNull(values.title),
    department: orNull(values.department),
    phone: orNull(values.phone),
    email: orNull(values.email),
    phones: list(values.phones),
    emails: list(values.emails),
    wechat: orNull(values.wechat),
    preferences: values.preferences ?? '',
    role: values.role ?? null,
    attitude: values.attitude,
    reportsToId: values.reportsToId ?? null,
    tags: values.tags,
    notes: values.notes ?? '',
  };
}

type UpdateBody = z.input<typeof updateContact.body>;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Only what changed, so an edit never overwrites a field someone else changed meanwhile. */
export function changedContactBody(
  contact: Contact,
  values: ContactFormValues,
  withOwner: boolean,
): UpdateBody {
  const next: Record<string, unknown> = contactBody(values);
  const before: Record<string, unknown> = contactBody(contactValuesOf(contact));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    if (key !== 'custom' && !same(value, before[key])) out[key] = value;
  }
  const custom = changedCustomValues(contact.custom, values.custom);
  if (Object.keys(custom).length > 0) out.custom = custom;
  // A cleared owner picker reads undefined: it means "nobody", but only where the picker is shown.
  if (withOwner && !same(values.ownerId, contact.ownerId)) out.ownerId = values.ownerId ?? null;
  return out as UpdateBody;
}
