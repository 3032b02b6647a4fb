import type { Clause } from '@contracts/contracts.contract';

/**
 * The `{{placeholders}}` the server fills when it drafts a contract from a template
 * (`server/src/modules/contracts/contracts.service.ts`, createContract). Anything else in double braces is
 * replaced by a blank line to fill in by hand.
 */
export const CONTRACT_PLACEHOLDERS = [
  'customer.name',
  'company.name',
  'contract.number',
  'contract.date',
  'contract.amount',
  'contract.currency',
  'deal.name',
  'quote.number',
  'quote.lines',
  'quote.paymentTerms',
  'minutes.deliveryTime',
  'minutes.paymentTerms',
  'minutes.liability',
  'minutes.otherTerms',
] as const;
export type ContractPlaceholder = (typeof CONTRACT_PLACEHOLDERS)[number];

const KNOWN = new Set<string>(CONTRACT_PLACEHOLDERS);
// Also catches near misses such as `{{ customer_name }}`, which the server's own pattern skips silently.
const ANY = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholder as it is typed into a clause. */
export const placeholderText = (name: string) => `{{${name}}}`;

/** Placeholders in the clauses the server will not fill, each once, in order of appearance. */
export function unknownPlaceholders(clauses: readonly Clause[]): string[] {
  const found = new Set<string>();
  for (const c of clauses) {
    for (const m of `${c.title}\n${c.body}`.matchAll(ANY)) {
      const name = m[1] ?? '';
      if (!KNOWN.has(name)) found.add(name);
    }
  }
  return [...found];
}
