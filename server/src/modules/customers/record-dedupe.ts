import type { RecordMatch } from '@contracts/customers.contract';
import type { Tx } from '../../platform/db/database';
import { normalizeCompany, normalizeEmail, normalizePhone } from '../../platform/text/normalize';
import { findKnown } from './customers.service';

/**
 * The duplicate check for customers and contacts, on the same keys as the leads' check (platform/text):
 * a customer matches another with the same company name (display or legal), credit code or phone, and a
 * contact with that phone; a contact matches another contact with the same email or phone, and a customer
 * with that phone. Matches are flags for the user, never a refusal.
 */

const MAX_MATCHES = 10;

export type CustomerKeys = {
  companies: string[];
  creditCode: string | null;
  phoneNorm: string | null;
};

export function customerKeysOf(input: {
  name?: string | null | undefined;
  legalName?: string | null | undefined;
  creditCode?: string | null | undefined;
  phone?: string | null | undefined;
}): CustomerKeys {
  const companies = [normalizeCompany(input.name), normalizeCompany(input.legalName)].filter(
    (c): c is string => c !== null,
  );
  return {
    companies: [...new Set(companies)],
    creditCode: input.creditCode || null,
    phoneNorm: normalizePhone(input.phone),
  };
}

export async function customerDuplicates(
  tx: Tx,
  tenantId: string,
  keys: CustomerKeys,
  excludeId?: string,
): Promise<RecordMatch[]> {
  const known = await findKnown(
    tx,
    tenantId,
    {
      emails: [],
      phones: keys.phoneNorm ? [keys.phoneNorm] : [],
      companies: keys.companies,
      creditCodes: keys.creditCode ? [keys.creditCode] : [],
    },
    MAX_MATCHES + 1,
  );
  const out: RecordMatch[] = [];
  for (const k of known) {
    if (k.id === excludeId) continue;
    if (k.kind === 'customer') {
      const matchedOn =
        keys.creditCode && k.creditCode === keys.creditCode
          ? 'creditCode'
          : keys.companies.includes(k.nameNorm)
            ? 'company'
            : 'phone';
      out.push({ kind: 'customer', id: k.id, name: k.name, matchedOn });
    } else {
      out.push({ kind: 'contact', id: k.id, name: k.name, matchedOn: 'phone' });
    }
  }
  return out.slice(0, MAX_MATCHES);
}

export type ContactKeys = { emailNorm: string | null; phoneNorm: string | null };

export function contactKeysOf(input: {
  email?: string | null | undefined;
  phone?: string | null | undefined;
}): ContactKeys {
  return { emailNorm: normalizeEmail(input.email), phoneNorm: normalizePhone(input.phone) };
}

export async function contactDuplicates(
  tx: Tx,
  tenantId: string,
  keys: ContactKeys,
  excludeId?: string,
): Promise<RecordMatch[]> {
  const known = await findKnown(
    tx,
    tenantId,
    {
      emails: keys.emailNorm ? [keys.emailNorm] : [],
      phones: keys.phoneNorm ? [keys.phoneNorm] : [],
      companies: [],
    },
    MAX_MATCHES + 1,
  );
  const out: RecordMatch[] = [];
  for (const k of known) {
    if (k.id === excludeId) continue;
    const onEmail = k.kind === 'contact' && keys.emailNorm !== null && k.emailNorm === keys.emailNorm;
    out.push({ kind: k.kind, id: k.id, name: k.name, matchedOn: onEmail ? 'email' : 'phone' });
  }
  return out.slice(0, MAX_MATCHES);
}
