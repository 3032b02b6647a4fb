import { minorDigits } from '@contracts/money';
import { and, desc, eq, lte } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { tenants } from '../../platform/db/identity.tables';
import { exchangeRates } from './catalog.tables';
import { convertScaled, parseRate, UNIT_RATE } from './rate-math';

/**
 * Converting money between currencies with the company's dated exchange rates: the rate in force on a day is
 * the latest one effective on or before it. Rates are into the company's currency (tenants.currency).
 */

export async function tenantCurrency(tx: Tx, tenantId: string): Promise<string> {
  const [row] = await tx
    .select({ currency: tenants.currency })
    .from(tenants)
    .where(eq(tenants.tenantId, tenantId));
  return row?.currency ?? 'CNY';
}

/** The scaled rate of `currency` on `on` (the company's own currency is 1), or null when none is in force. */
export async function rateOn(
  tx: Tx,
  tenantId: string,
  currency: string,
  on: string,
  home: string,
): Promise<{ rate: bigint; text: string } | null> {
  if (currency === home) return { rate: UNIT_RATE, text: '1' };
  const [row] = await tx
    .select({ rate: exchangeRates.rate })
    .from(exchangeRates)
    .where(
      and(
        eq(exchangeRates.tenantId, tenantId),
        eq(exchangeRates.currency, currency),
        lte(exchangeRates.effectiveOn, on),
      ),
    )
    .orderBy(desc(exchangeRates.effectiveOn))
    .limit(1);
  const rate = row ? parseRate(row.rate) : null;
  return row && rate ? { rate, text: row.rate } : null;
}

export type ConvertInput = { amountMinor: number; from: string; to: string; on: string };

/**
 * `amountMinor` of `from` in `to` on the day `on`, rounded half away from zero to `to`'s minor unit; null
 * when a rate the conversion needs is missing. Two foreign currencies convert through the company's one.
 */
export async function convertMinor(tx: Tx, tenantId: string, input: ConvertInput): Promise<number | null> {
  if (input.from === input.to) return input.amountMinor;
  const home = await tenantCurrency(tx, tenantId);
  const from = await rateOn(tx, tenantId, input.from, input.on, home);
  const to = await rateOn(tx, tenantId, input.to, input.on, home);
  if (!from || !to) return null;
  return convertScaled(
    input.amountMinor,
    { digits: minorDigits(input.from), rate: from.rate },
    { digits: minorDigits(input.to), rate: to.rate },
  );
}
