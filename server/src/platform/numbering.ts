import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from './db/database';

/**
 * Document numbers from a per-company pattern such as `HT-{YYYY}-{0000}`: `{YYYY}` is the year (the counter
 * restarts each year), `{YY}` its last two digits, `{MM}` the month, and a run of zeros in braces the counter,
 * padded to that width. Numbers are gap-free and unique: the counter row is incremented in the caller's
 * transaction, so concurrent callers wait on its lock and a rolled-back document gives its number back.
 */

export const DEFAULT_NUMBER_PATTERNS = {
  contract: 'HT-{YYYY}-{0000}',
  quote: 'QT-{YYYY}-{0000}',
  invoice: 'FP-{YYYY}-{00000}',
} as const;

export type NumberKind = keyof typeof DEFAULT_NUMBER_PATTERNS;

const TOKEN = /\{(YYYY|YY|MM|0+)\}/g;

/** Whether `pattern` has exactly one counter placeholder and nothing else in braces. */
export function isNumberPattern(pattern: string): boolean {
  if (pattern.length === 0 || pattern.length > 60) return false;
  const counters = pattern.match(/\{0+\}/g) ?? [];
  const rest = pattern.replace(TOKEN, '');
  return counters.length === 1 && !/[{}]/.test(rest);
}

/** The period the counter of `pattern` runs in at `at` (in `timeZone`): the year when the pattern shows one. */
export function periodOf(pattern: string, parts: { year: string }): string {
  return /\{YY(YY)?\}/.test(pattern) ? parts.year : 'all';
}

function dateParts(at: Date, timeZone: string): { year: string; month: string } {
  const fmt = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' });
  const parts = Object.fromEntries(fmt.formatToParts(at).map((p) => [p.type, p.value]));
  return { year: parts.year ?? String(at.getUTCFullYear()), month: parts.month ?? '01' };
}

export function formatNumber(pattern: string, value: number, at: Date, timeZone: string): string {
  const { year, month } = dateParts(at, timeZone);
  return pattern.replace(TOKEN, (_all, token: string) => {
    if (token === 'YYYY') return year;
    if (token === 'YY') return year.slice(-2);
    if (token === 'MM') return month;
    return String(value).padStart(token.length, '0');
  });
}

/** Takes the next number of `kind` for the tenant of `tx`, inside that transaction. */
export async function takeNumber(
  tx: Tx,
  tenantId: string,
  kind: NumberKind,
  options: { pattern?: string; at: Date; timeZone: string },
): Promise<string> {
  const pattern = options.pattern ?? DEFAULT_NUMBER_PATTERNS[kind];
  const period = periodOf(pattern, dateParts(options.at, options.timeZone));
  const rows = await tx.execute<{ last_value: string | number }>(sql`
    INSERT INTO number_sequences (tenant_id, kind, period, last_value)
    VALUES (${tenantId}, ${kind}, ${period}, 1)
    ON CONFLICT (tenant_id, kind, period) DO UPDATE SET last_value = number_sequences.last_value + 1
    RETURNING last_value`);
  const value = Number(rowsOf<{ last_value: string | number }>(rows)[0]?.last_value);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`number sequence ${kind} returned nothing`);
  return formatNumber(pattern, value, options.at, options.timeZone);
}
