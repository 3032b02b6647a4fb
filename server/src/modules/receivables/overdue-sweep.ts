import { formatMoney } from '@contracts/money';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { anyOf } from '../../platform/db/arrays';
import { queryRows } from '../../platform/db/database';
import { withSystem, withTenant } from '../../platform/db/tenancy';
import { defineJob } from '../../platform/jobs/jobs';
import type { Platform } from '../../platform/platform';
import { customerAndContactNames } from '../customers';
import { dispatchMailCopies, mailCopies, type NotifyInput, notifyMany } from '../notifications';
import { contractFacts } from './contract-link';
import { companyToday } from './receivables.queries';
import { instalments } from './receivables.tables';
import { loadReceivableRules } from './receivables-rules';

/**
 * The daily overdue sweep: an instalment overdue by more than the company's warning days (15 by default)
 * alerts the contract's owner once (`overdue_alerted_at`; a new due date clears it). The same threshold is
 * the customer-health signal retention reads through `overdueSignalsSql`.
 */

const BATCH = 500;

type DueRow = {
  id: string;
  contract_id: string;
  customer_id: string;
  title: string;
  seq: number;
  due_on: string;
  open_minor: number | string;
  currency: string;
};

async function tenantsWithOpenInstalments(platform: Platform): Promise<string[]> {
  const rows = await withSystem(platform.db, (tx) =>
    tx
      .selectDistinct({ tenantId: instalments.tenantId })
      .from(instalments)
      .where(sql`${instalments.paidMinor} < ${instalments.amountMinor}`),
  );
  return rows.map((r) => r.tenantId);
}

/** Alerts one company's instalments overdue past the threshold at `now`; returns how many were alerted. */
export async function sweepOverdue(platform: Platform, tenantId: string, now: Date): Promise<number> {
  let alerted = 0;
  for (;;) {
    const copies = mailCopies(platform.config);
    const count = await withTenant(platform.db, tenantId, async (tx) => {
      const [{ rules }, { today }] = await Promise.all([
        loadReceivableRules(tx, tenantId),
        companyToday(tx, tenantId, now),
      ]);
      const rows = await queryRows<DueRow>(
        tx,
        sql`SELECT id, contract_id, customer_id, title, seq, due_on::text AS due_on,
            amount_minor - paid_minor AS open_minor, currency
          FROM ${instalments}
          WHERE tenant_id = ${tenantId} AND paid_minor < amount_minor AND overdue_alerted_at IS NULL
            AND due_on + ${rules.overdueWarningDays}::int < ${today}::date
          ORDER BY due_on
          LIMIT ${BATCH}
          FOR UPDATE SKIP LOCKED`,
      );
      if (rows.length === 0) return 0;
      const [contracts, names] = await Promise.all([
        contractFacts(
          tx,
          tenantId,
          rows.map((r) => r.contract_id),
        ),
        customerAndContactNames(tx, tenantId, {
          customerIds: rows.map((r) => r.customer_id),
          contactIds: [],
        }),
      ]);
      const inputs: NotifyInput[] = rows.map((r) => {
        const contract = contracts.get(r.contract_id);
        const open = Number(r.open_minor);
        return {
          tenantId,
          userIds: contract?.ownerId ? [contract.ownerId] : [],
          kind: 'payment_overdue',
          // The customer page shows the contract's cash in its transactions.
          entity: 'customer',
          entityId: r.customer_id,
          params: {
            contract: contract?.number ?? '',
            customer: names.customers.get(r.customer_id) ?? '',
            instalment: r.title || `#${r.seq}`,
            due: r.due_on,
            days: Math.round((Date.parse(today) - Date.parse(r.due_on)) / 86_400_000),
            amount: formatMoney(open, r.currency, 'zh-CN'),
            amountMinor: open,
            currency: r.currency,
          },
          dedupeKey: `payment-overdue:${r.id}:${r.due_on}`,
          mail: copies,
        };
      });
      await notifyMany(tx, inputs);
      await tx
        .update(instalments)
        .set({ overdueAlertedAt: now })
        .where(
          and(
            eq(instalments.tenantId, tenantId),
            anyOf(
              instalments.id,
              rows.map((r) => r.id),
              'uuid',
            ),
          ),
        );
      return rows.length;
    });
    await dispatchMailCopies(platform, tenantId, copies);
    alerted += count;
    if (count < BATCH) break;
  }
  return alerted;
}

export const overdueSweepJob = defineJob({
  name: 'receivables.overdue-sweep',
  payload: z.object({}).passthrough(),
  // Daily, early in the Chinese morning (UTC 22:30): alerts wait in the owner's inbox at the start of the day.
  cron: '30 22 * * *',
  async handler(_payload, { platform }) {
    const now = platform.clock.now();
    for (const tenantId of await tenantsWithOpenInstalments(platform)) {
      await sweepOverdue(platform, tenantId, now);
    }
  },
});
