import { minorDigits } from '@contracts/money';
import { type SQL, sql } from 'drizzle-orm';
import { exchangeRates } from './catalog.tables';

/**
 * `convertMinor` into the company's currency as an SQL expression, for set-based statements that convert
 * many amounts at once (the nightly RFM grading sums every customer's payments): the same rule, the latest
 * rate effective on or before the day, and the same single rounding, half away from zero (PostgreSQL's
 * `round(numeric)`), on exact numerics.
 */

/** Currencies whose minor unit is not the hundredth, as `minorDigits` (Intl) knows them. */
let otherDigits: ReadonlyMap<string, number> | null = null;
function currenciesWithOtherDigits(): ReadonlyMap<string, number> {
  if (!otherDigits) {
    const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : [];
    otherDigits = new Map(all.map((c) => [c, minorDigits(c)] as const).filter(([, d]) => d !== 2));
  }
  return otherDigits;
}

/** The minor-unit digits of the currency in `currency` (an SQL text expression). */
function digitsSql(currency: SQL): SQL {
  const groups = new Map<number, string[]>();
  for (const [code, digits] of currenciesWithOtherDigits())
    groups.set(digits, [...(groups.get(digits) ?? []), code]);
  if (groups.size === 0) return sql`2`;
  const arms = [...groups].map(
    ([digits, codes]) => sql`WHEN ${currency} = ANY(${`{${codes.join(',')}}`}::text[]) THEN ${digits}::int`,
  );
  return sql`(CASE ${sql.join(arms, sql` `)} ELSE 2 END)`;
}

/**
 * `amountMinor` of `currency` on the day `on` (SQL date) in the company's currency `home`, as a bigint of its
 * minor units; NULL when no rate for that currency is in force on that day (the caller decides what a missing
 * rate means, as `convertMinor` returns null).
 */
export function homeAmountSql(p: {
  tenantId: string;
  home: string;
  amountMinor: SQL;
  currency: SQL;
  on: SQL;
}): SQL {
  const homeDigits = minorDigits(p.home);
  const rate = sql`(SELECT r.rate FROM ${exchangeRates} r
    WHERE r.tenant_id = ${p.tenantId} AND r.currency = ${p.currency} AND r.effective_on <= ${p.on}
    ORDER BY r.effective_on DESC LIMIT 1)`;
  return sql`(CASE WHEN ${p.currency} = ${p.home} THEN ${p.amountMinor}::bigint
    ELSE round(${p.amountMinor}::numeric * ${rate}
      * power(10::numeric, ${homeDigits}::int - ${digitsSql(p.currency)}))::bigint END)`;
}
