import type { DuplicateMatch } from '@contracts/leads.contract';
import { and, eq, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { normalizeCompany, normalizeEmail, normalizePhone } from '../../platform/text/normalize';
import { findKnown, type KnownMatch } from '../customers';
import { leads } from './leads.tables';

/**
 * The duplicate check. A lead matches another lead with the same email or phone, or the same company and
 * contact name; a contact with the same email or phone; a customer with the same company name or phone.
 * Lead and contact matches mean "this person is already here" (an import skips the row); a customer match
 * alone means "a new lead at a known company" and only links it.
 */

export type DedupeKeys = {
  phoneNorm: string | null;
  emailNorm: string | null;
  companyNorm: string | null;
  contactName: string | null;
};

export function dedupeKeysOf(input: {
  phone?: string | null | undefined;
  email?: string | null | undefined;
  companyName?: string | null | undefined;
  contactName?: string | null | undefined;
}): DedupeKeys {
  return {
    phoneNorm: normalizePhone(input.phone),
    emailNorm: normalizeEmail(input.email),
    companyNorm: normalizeCompany(input.companyName),
    contactName: input.contactName?.trim().toLowerCase() || null,
  };
}

/** A person already known: a lead or contact match (customer matches only link). */
export function isPersonDuplicate(matches: readonly DuplicateMatch[]): boolean {
  return matches.some((m) => m.kind !== 'customer');
}

const MAX_MATCHES = 10;

export async function findDuplicates(
  tx: Tx,
  tenantId: string,
  keys: DedupeKeys,
  excludeLeadId?: string,
): Promise<DuplicateMatch[]> {
  const { phoneNorm, emailNorm, companyNorm, contactName } = keys;
  const matches: DuplicateMatch[] = [];

  const leadConditions: SQL[] = [];
  if (emailNorm) leadConditions.push(eq(leads.emailNorm, emailNorm));
  if (phoneNorm) leadConditions.push(eq(leads.phoneNorm, phoneNorm));
  if (companyNorm && contactName) {
    leadConditions.push(
      and(eq(leads.companyNorm, companyNorm), sql`lower(${leads.contactName}) = ${contactName}`) as SQL,
    );
  }
  // Both lookups are sent together (one round trip on PostgreSQL's pipeline).
  const [rows, known] = await Promise.all([
    leadConditions.length === 0
      ? Promise.resolve([])
      : tx
          .select({
            id: leads.id,
            companyName: leads.companyName,
            contactName: leads.contactName,
            emailNorm: leads.emailNorm,
            phoneNorm: leads.phoneNorm,
          })
          .from(leads)
          .where(
            and(
              eq(leads.tenantId, tenantId),
              or(...leadConditions),
              excludeLeadId ? ne(leads.id, excludeLeadId) : undefined,
            ),
          )
          .limit(MAX_MATCHES),
    findKnown(
      tx,
      tenantId,
      {
        emails: emailNorm ? [emailNorm] : [],
        phones: phoneNorm ? [phoneNorm] : [],
        companies: companyNorm ? [companyNorm] : [],
      },
      MAX_MATCHES,
    ),
  ]);
  for (const r of rows) {
    matches.push({
      kind: 'lead',
      id: r.id,
      name: [r.companyName, r.contactName].filter(Boolean).join(' · '),
      matchedOn:
        emailNorm && r.emailNorm === emailNorm
          ? 'email'
          : phoneNorm && r.phoneNorm === phoneNorm
            ? 'phone'
            : 'company',
    });
  }
  matches.push(...knownMatchesFor(keys, known));
  return matches.slice(0, MAX_MATCHES);
}

/** The contacts and customers among `known` that match these keys, as duplicate matches. */
export function knownMatchesFor(keys: DedupeKeys, known: readonly KnownMatch[]): DuplicateMatch[] {
  const out: DuplicateMatch[] = [];
  for (const k of known) {
    if (k.kind === 'contact') {
      const onEmail = keys.emailNorm !== null && k.emailNorm === keys.emailNorm;
      if (onEmail || (keys.phoneNorm !== null && k.phoneNorm === keys.phoneNorm)) {
        out.push({ kind: 'contact', id: k.id, name: k.name, matchedOn: onEmail ? 'email' : 'phone' });
      }
    } else {
      const onCompany = keys.companyNorm !== null && k.nameNorm === keys.companyNorm;
      if (onCompany || (keys.phoneNorm !== null && k.phoneNorm === keys.phoneNorm)) {
        out.push({ kind: 'customer', id: k.id, name: k.name, matchedOn: onCompany ? 'company' : 'phone' });
      }
    }
  }
  return out;
}
