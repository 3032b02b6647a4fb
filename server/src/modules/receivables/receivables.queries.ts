import { and, asc, eq, sql } from 'drizzle-orm';
import { companyTimeZone, dayIn } from '../../platform/calendar';
import { anyOf } from '../../platform/db/arrays';
import type { Tx } from '../../platform/db/database';
import { instalments, paymentAllocations, payments } from './receivables.tables';

/** Plain reads of the module's tables, tenant in every signature. */

export type InstalmentRow = typeof instalments.$inferSelect;

/** Today in the company's time zone (due dates and days overdue are calendar days there). */
export async function companyToday(
  tx: Tx,
  tenantId: string,
  now: Date,
): Promise<{ today: string; timeZone: string }> {
  const timeZone = await companyTimeZone(tx, tenantId);
  return { today: dayIn(now, timeZone), timeZone };
}

export async function instalmentsOf(
  tx: Tx,
  tenantId: string,
  contractId: string,
  lock = false,
): Promise<InstalmentRow[]> {
  const query = tx
    .select()
    .from(instalments)
    .where(and(eq(instalments.tenantId, tenantId), eq(instalments.contractId, contractId)))
    .orderBy(asc(instalments.seq));
  return lock ? query.for('update') : query;
}

/** The plan's version: every change of the plan or of its paid amounts raises its highest row version. */
export function planVersion(rows: readonly InstalmentRow[]): number {
  return rows.reduce((max, r) => Math.max(max, r.version), 0);
}

/** Bumps the given instalments past the plan's current version (a payment changed what is paid). */
export async function bumpPlanVersion(tx: Tx, tenantId: string, contractId: string, ids: readonly string[]) {
  if (ids.length === 0) return;
  await tx.execute(sql`UPDATE ${instalments} SET version = (
      SELECT max(version) + 1 FROM ${instalments} WHERE tenant_id = ${tenantId} AND contract_id = ${contractId})
    WHERE tenant_id = ${tenantId} AND contract_id = ${contractId}
      AND ${anyOf(instalments.id, ids, 'uuid')}`);
}

/**
 * Keeps `paid_on` true to the allocations: a fully paid instalment is paid on the latest receipt allocated to
 * it, any other has none. Run after anything that moves paid or planned amounts.
 */
export async function syncPaidOn(tx: Tx, tenantId: string, contractId: string): Promise<void> {
  await tx.execute(sql`UPDATE ${instalments} i SET paid_on = CASE WHEN i.paid_minor >= i.amount_minor THEN (
      SELECT max(p.received_on) FROM ${paymentAllocations} pa
      JOIN ${payments} p ON p.tenant_id = pa.tenant_id AND p.id = pa.payment_id
      WHERE pa.tenant_id = i.tenant_id AND pa.instalment_id = i.id) ELSE NULL END
    WHERE i.tenant_id = ${tenantId} AND i.contract_id = ${contractId}`);
}
