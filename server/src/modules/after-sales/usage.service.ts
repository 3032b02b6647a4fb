import type { CustomerUsage, UsageRecordInput } from '@contracts/after-sales.contract';
import { and, eq, gte, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { writeAudit } from '../../platform/audit';
import { companyTimeZone, dayIn } from '../../platform/calendar';
import { anyOf } from '../../platform/db/arrays';
import { upsertMany } from '../../platform/db/insert-many';
import { withTenant } from '../../platform/db/tenancy';
import { invalidFields } from '../../platform/http/errors';
import type { Platform } from '../../platform/platform';
import { type CustomerCaller, customers, readableCustomer, viewerOf } from '../customers';
import { customerUsage } from './after-sales.tables';

/**
 * Product usage per customer, metric and day, pushed by integrations (an API token with the write scope) or
 * by hand. A day reported again replaces its value, so a retried push never counts twice. The health rule
 * compares the last window's total with the window before it.
 */

const DAY_MS = 86_400_000;

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export async function recordUsage(
  platform: Platform,
  caller: CustomerCaller,
  records: readonly z.output<typeof UsageRecordInput>[],
): Promise<{ stored: number }> {
  const { actor } = caller;
  const tenantId = actor.tenantId;
  const now = platform.clock.now();
  return withTenant(platform.db, tenantId, async (tx) => {
    const today = dayIn(now, await companyTimeZone(tx, tenantId));
    // Reports are of days that have happened (the company's today included).
    const future = records.findIndex((r) => r.day > today);
    if (future >= 0) throw invalidFields({ path: `records.${future}.day`, code: 'in_future' });
    // Every customer named must exist in the company: one query for the whole push.
    const ids = [...new Set(records.map((r) => r.customerId))];
    const known = new Set(
      (
        await tx
          .select({ id: customers.id })
          .from(customers)
          .where(and(eq(customers.tenantId, tenantId), anyOf(customers.id, ids, 'uuid')))
      ).map((c) => c.id),
    );
    const unknown = records.findIndex((r) => !known.has(r.customerId));
    if (unknown >= 0)
      throw invalidFields({ path: `records.${unknown}.customerId`, code: 'unknown_customer' });
    // One value per key: the last report of a key in the push wins, as it would over two pushes.
    const latest = new Map(records.map((r) => [`${r.customerId}|${r.metric}|${r.day}`, r]));
    const rows = [...latest.values()].map((r) => ({
      tenantId,
      customerId: r.customerId,
      metric: r.metric,
      day: r.day,
      value: r.value,
      createdAt: now,
      updatedAt: now,
    }));
    await upsertMany(tx, customerUsage, rows, {
      on: ['tenantId', 'customerId', 'metric', 'day'],
      keep: ['createdAt'],
      returning: ['day'],
    });
    await writeAudit(tx, actor, {
      entity: 'usage',
      entityId: null,
      action: 'record',
      changes: { records: { from: null, to: rows.length }, customers: { from: null, to: ids.length } },
    });
    return { stored: rows.length };
  });
}

/** A customer's usage per metric over the last two windows of `windowDays`, each day filled in. */
export async function getCustomerUsage(
  platform: Platform,
  caller: CustomerCaller,
  customerId: string,
  windowDays: number,
): Promise<CustomerUsage> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    await readableCustomer(tx, await viewerOf(tx, caller), tenantId, customerId);
    const to = dayIn(platform.clock.now(), await companyTimeZone(tx, tenantId));
    const from = addDays(to, -(2 * windowDays - 1));
    const recentFrom = addDays(to, -(windowDays - 1));
    const rows = await tx
      .select({ metric: customerUsage.metric, day: customerUsage.day, value: customerUsage.value })
      .from(customerUsage)
      .where(
        and(
          eq(customerUsage.tenantId, tenantId),
          eq(customerUsage.customerId, customerId),
          gte(customerUsage.day, from),
          sql`${customerUsage.day} <= ${to}::date`,
        ),
      );
    const byMetric = new Map<string, Map<string, number>>();
    for (const r of rows) {
      const days = byMetric.get(r.metric) ?? new Map<string, number>();
      days.set(r.day, r.value);
      byMetric.set(r.metric, days);
    }
    const metrics = [...byMetric.keys()].sort().map((metric) => {
      const values = byMetric.get(metric) ?? new Map<string, number>();
      const days = Array.from({ length: 2 * windowDays }, (_, i) => {
        const day = addDays(from, i);
        return { day, value: values.get(day) ?? 0 };
      });
      const recentTotal = days.filter((d) => d.day >= recentFrom).reduce((a, d) => a + d.value, 0);
      const previousTotal = days.filter((d) => d.day < recentFrom).reduce((a, d) => a + d.value, 0);
      return {
        metric,
        days,
        recentTotal,
        previousTotal,
        changePercent:
          previousTotal > 0 ? Math.round(((recentTotal - previousTotal) / previousTotal) * 1000) / 10 : null,
      };
    });
    return { windowDays, from, to, metrics };
  });
}
