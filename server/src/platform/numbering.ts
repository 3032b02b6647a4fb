import { fillNumberPattern, restartsYearly } from '@contracts/number-pattern';
import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from './db/database';

/**
 * Document numbers from a per-company pattern such as `HT-{YYYY}-{0000}` (contracts/number-pattern.ts).
 * Numbers are gap-free and unique: the counter row is incremented in the caller's transaction, so concurrent
 * callers wait on its lock and a rolled-back document gives its number back.
 */

export const DEFAULT_NUMBER_PATTERNS = {
  contract: 'HT-{YYYY}-{0000}',
  quote: 'QT-{YYYY}-{0000}',
  invoice: 'FP-{YYYY}-{00000}',
} as const;

export type NumberKind = keyof typeof DEFAULT_NUMBER_PATTERNS;

function dateParts(at: Date, timeZone: string): { year: string; month: string } {
  const fmt = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' });
  const parts = Object.fromEntries(fmt.formatToParts(at).map((p) => [p.type, p.value]));
  return { year: parts.year ?? String(at.getUTCFullYear()), month: parts.month ?? '01' };
}

/** Takes the next number of `kind` for the tenant of `tx`, inside that transaction. */
export async function takeNumber(
  tx: Tx,
  tenantId: string,
  kind: NumberKind,
  options: { pattern?: string; at: Date; timeZone: string },
): Promise<string> {
  const pattern = options.pattern ?? DEFAULT_NUMBER_PATTERNS[kind];
  const date = dateParts(options.at, options.timeZone);
  // The counter runs per year when the pattern shows the year, else for ever.
  const period = restartsYearly(pattern) ? date.year : 'all';
  const rows = await tx.execute<{ last_value: string | number }>(sql`
    INSERT INTO number_sequences (tenant_id, kind, period, last_value)
    VALUES (${tenantId}, ${kind}, ${period}, 1)
    ON CONFLICT (tenant_id, kind, period) DO UPDATE SET last_value = number_sequences.last_value + 1
    RETURNING last_value`);
  const value = Number(rowsOf<{ last_value: string | number }>(rows)[0]?.last_value);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`number sequence ${kind} returned nothing`);
  return fillNumberPattern(pattern, date, value);
}
