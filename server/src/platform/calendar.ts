import { eq } from 'drizzle-orm';
import type { Tx } from './db/database';
import { tenants } from './db/identity.tables';
import { AppError } from './http/errors';

/**
 * The company's calendar day of an instant: validity dates, catalogue prices, due dates and contract terms
 * are days in the company's time zone, while instants are stored in UTC.
 */

/** One formatter per time zone: building an Intl.DateTimeFormat costs far more than formatting with it. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of `at` in `timeZone`, as YYYY-MM-DD. */
export function dayIn(at: Date, timeZone: string): string {
  let format = formatters.get(timeZone);
  if (!format) {
    // en-CA formats a date as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format.format(at);
}

/** The company's time zone (its settings), in which its calendar days are counted. */
export async function companyTimeZone(tx: Tx, tenantId: string): Promise<string> {
  const [row] = await tx
    .select({ timeZone: tenants.timeZone })
    .from(tenants)
    .where(eq(tenants.tenantId, tenantId));
  if (!row) throw new AppError('not_found');
  return row.timeZone;
}
