import { and, eq, inArray, lt, lte, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { systemActor, writeAudit } from '../../platform/audit';
import { dayIn } from '../../platform/calendar';
import { withSystem, withTenant } from '../../platform/db/tenancy';
import { defineJob } from '../../platform/jobs/jobs';
import type { Platform } from '../../platform/platform';
import { tenantFacts } from './contracts.service';
import { contracts, signingRequests } from './contracts.tables';

/**
 * The daily status moves of the progress table, in each company's time zone: a signed contract whose start
 * date has come becomes active; a signed or active one whose end date has passed becomes expired; pending
 * signing links past their expiry are marked expired. Hourly, so each company's midnight is caught within
 * the hour.
 */

async function move(
  platform: Platform,
  tenantId: string,
  now: Date,
  from: readonly string[],
  to: string,
  when: SQL | undefined,
): Promise<number> {
  return withTenant(platform.db, tenantId, async (tx) => {
    const rows = await tx
      .update(contracts)
      .set({ status: to, version: sql`${contracts.version} + 1`, updatedAt: now })
      .where(and(eq(contracts.tenantId, tenantId), inArray(contracts.status, [...from]), when))
      .returning({ id: contracts.id, status: contracts.status });
    for (const row of rows) {
      await writeAudit(tx, systemActor(tenantId), {
        entity: 'contract',
        entityId: row.id,
        action: to,
        changes: { status: { from: from.join('|'), to } },
      });
    }
    return rows.length;
  });
}

/** One company's sweep at `now`; returns how many contracts became active and expired. */
export async function sweepContractStatus(
  platform: Platform,
  tenantId: string,
  now: Date,
): Promise<{ activated: number; expired: number }> {
  const today = await withTenant(platform.db, tenantId, async (tx) =>
    dayIn(now, (await tenantFacts(tx, tenantId)).timeZone),
  );
  // Only counter-signed contracts (a final PDF) start: a customer signature alone is not a contract yet.
  const activated = await move(
    platform,
    tenantId,
    now,
    ['signed'],
    'active',
    and(lte(contracts.startsOn, today), sql`${contracts.signedFileId} IS NOT NULL`),
  );
  const expired = await move(
    platform,
    tenantId,
    now,
    ['signed', 'active'],
    'expired',
    and(lt(contracts.endsOn, today), sql`${contracts.signedFileId} IS NOT NULL`),
  );
  await withTenant(platform.db, tenantId, (tx) =>
    tx
      .update(signingRequests)
      .set({ status: 'expired' })
      .where(
        and(
          eq(signingRequests.tenantId, tenantId),
          eq(signingRequests.status, 'pending'),
          lt(signingRequests.expiresAt, now),
        ),
      ),
  );
  return { activated, expired };
}

async function tenantsWithLiveContracts(platform: Platform): Promise<string[]> {
  const rows = await withSystem(platform.db, (tx) =>
    tx
      .selectDistinct({ tenantId: contracts.tenantId })
      .from(contracts)
      .where(inArray(contracts.status, ['sent', 'signed', 'active'])),
  );
  return rows.map((r) => r.tenantId);
}

export const contractStatusJob = defineJob({
  name: 'contracts.status-sweep',
  payload: z.object({}).passthrough(),
  cron: '15 * * * *',
  atStart: true,
  async handler(_payload, { platform }) {
    const now = platform.clock.now();
    for (const tenantId of await tenantsWithLiveContracts(platform)) {
      await sweepContractStatus(platform, tenantId, now);
    }
  },
});
