import { and, eq, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { systemActor, writeAudit } from '../../platform/audit';
import { dayIn } from '../../platform/calendar';
import { withSystem, withTenant } from '../../platform/db/tenancy';
import { defineJob } from '../../platform/jobs/jobs';
import type { Platform } from '../../platform/platform';
import { notifyMany } from '../notifications';
import { tenantFacts } from './quotes.service';
import { quotes } from './quotes.tables';

/**
 * Expiry: a sent quote whose validity has passed in the company's time zone (valid until the end of that
 * day) turns expired, with an audit row and a notification to its owner. Hourly, so each company's midnight
 * is caught within the hour; the partial index on sent quotes keeps the sweep cheap.
 */

async function tenantsWithSentQuotes(platform: Platform): Promise<string[]> {
  const rows = await withSystem(platform.db, (tx) =>
    tx.selectDistinct({ tenantId: quotes.tenantId }).from(quotes).where(eq(quotes.status, 'sent')),
  );
  return rows.map((r) => r.tenantId);
}

/** Expires one company's overdue quotes at `now`; returns how many. */
export async function expireQuotes(platform: Platform, tenantId: string, now: Date): Promise<number> {
  return withTenant(platform.db, tenantId, async (tx) => {
    const facts = await tenantFacts(tx, tenantId);
    const today = dayIn(now, facts.timeZone);
    const rows = await tx
      .update(quotes)
      .set({ status: 'expired', version: sql`${quotes.version} + 1`, updatedAt: now })
      .where(and(eq(quotes.tenantId, tenantId), eq(quotes.status, 'sent'), lt(quotes.validUntil, today)))
      .returning({
        id: quotes.id,
        number: quotes.number,
        title: quotes.title,
        ownerId: quotes.ownerId,
        validUntil: quotes.validUntil,
      });
    const actor = systemActor(tenantId);
    for (const row of rows) {
      await writeAudit(tx, actor, {
        entity: 'quote',
        entityId: row.id,
        action: 'expired',
        changes: { status: { from: 'sent', to: 'expired' }, validUntil: { from: null, to: row.validUntil } },
      });
    }
    await notifyMany(
      tx,
      rows.flatMap((row) =>
        row.ownerId
          ? [
              {
                tenantId,
                userIds: [row.ownerId],
                kind: 'quote_expired' as const,
                params: { number: row.number, title: row.title, validUntil: row.validUntil },
                entity: 'quote',
                entityId: row.id,
                dedupeKey: `quote-expired:${row.id}:${row.validUntil ?? ''}`,
              },
            ]
          : [],
      ),
    );
    return rows.length;
  });
}

export const quoteExpiryJob = defineJob({
  name: 'quotes.expiry-sweep',
  payload: z.object({}).passthrough(),
  cron: '5 * * * *',
  atStart: true,
  async handler(_payload, { platform }) {
    const now = platform.clock.now();
    for (const tenantId of await tenantsWithSentQuotes(platform)) {
      await expireQuotes(platform, tenantId, now);
    }
  },
});
