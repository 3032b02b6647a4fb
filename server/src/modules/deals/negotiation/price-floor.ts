import {
  DEFAULT_PRICE_BUFFER_PERCENT,
  MAX_PRICE_BUFFER_PERCENT,
  type NegotiationSettings,
  type PriceFloor,
} from '@contracts/deal-negotiation.contract';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { type Actor, writeAudit } from '../../../platform/audit';
import type { Tx } from '../../../platform/db/database';
import { withTenant } from '../../../platform/db/tenancy';
import { AppError } from '../../../platform/http/errors';
import type { Platform } from '../../../platform/platform';
import type { DealRow } from '../deal-access';
import { dealSettings, deals } from '../deals.tables';
import { proposals } from '../proposals.tables';

/**
 * The price floor of a deal: the reference price (total of the latest approved or presented proposal version,
 * else the deal amount) less the company's buffer, rounded up to the minor unit. The buffer lives in
 * deal_settings.rules under `negotiation` (the deal rules keep their own keys: only this key is written).
 */

/** floor = reference × (100 − buffer) / 100, rounded up; exact for any amount the contracts allow. */
export function floorOf(referenceMinor: number, bufferPercent: number): number {
  const scaled = BigInt(referenceMinor) * BigInt(100 - bufferPercent);
  return Number((scaled + 99n) / 100n);
}

function bufferFrom(rules: Record<string, unknown> | undefined): number {
  const negotiation = rules?.negotiation;
  if (negotiation && typeof negotiation === 'object' && 'priceBufferPercent' in negotiation) {
    const value = negotiation.priceBufferPercent;
    if (
      typeof value === 'number' &&
      Number.isInteger(value) &&
      value >= 0 &&
      value <= MAX_PRICE_BUFFER_PERCENT
    ) {
      return value;
    }
  }
  return DEFAULT_PRICE_BUFFER_PERCENT;
}

export async function loadNegotiationSettings(tx: Tx, tenantId: string): Promise<NegotiationSettings> {
  const [row] = await tx.select().from(dealSettings).where(eq(dealSettings.tenantId, tenantId));
  return { priceBufferPercent: bufferFrom(row?.rules), version: row?.version ?? 0 };
}

export async function getSettings(platform: Platform, actor: Actor): Promise<NegotiationSettings> {
  return withTenant(platform.db, actor.tenantId, (tx) => loadNegotiationSettings(tx, actor.tenantId));
}

export async function saveSettings(
  platform: Platform,
  actor: Actor,
  expectedVersion: number | null,
  input: { priceBufferPercent: number },
): Promise<NegotiationSettings> {
  const tenantId = actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const [locked] = await tx
      .select()
      .from(dealSettings)
      .where(eq(dealSettings.tenantId, tenantId))
      .for('update');
    const before = { priceBufferPercent: bufferFrom(locked?.rules), version: locked?.version ?? 0 };
    if (expectedVersion !== null && before.version !== expectedVersion)
      throw new AppError('version_conflict');
    const now = platform.clock.now();
    const negotiation = { priceBufferPercent: input.priceBufferPercent };
    const [row] = await tx
      .insert(dealSettings)
      .values({ tenantId, rules: { negotiation }, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: dealSettings.tenantId,
        set: {
          rules: sql`${dealSettings.rules} || jsonb_build_object('negotiation', ${JSON.stringify(negotiation)}::jsonb)`,
          version: sql`${dealSettings.version} + 1`,
          updatedAt: now,
        },
      })
      .returning();
    if (!row) throw new Error('deal settings upsert returned nothing');
    await writeAudit(tx, actor, {
      entity: 'deal_settings',
      entityId: tenantId,
      action: 'update',
      changes: { priceBufferPercent: { from: before.priceBufferPercent, to: input.priceBufferPercent } },
    });
    return { priceBufferPercent: input.priceBufferPercent, version: row.version };
  });
}

/** The floor a deal's minutes get now. */
export async function priceFloorOf(tx: Tx, deal: DealRow): Promise<PriceFloor> {
  // Two independent reads: sent together on the transaction's connection.
  const [{ priceBufferPercent }, [proposal]] = await Promise.all([
    loadNegotiationSettings(tx, deal.tenantId),
    tx
      .select({ totalMinor: proposals.totalMinor, currency: proposals.currency })
      .from(proposals)
      .where(
        and(
          eq(proposals.tenantId, deal.tenantId),
          eq(proposals.dealId, deal.id),
          inArray(proposals.status, ['approved', 'presented']),
        ),
      )
      .orderBy(desc(proposals.versionNo))
      .limit(1),
  ]);
  const reference = proposal
    ? { source: 'proposal' as const, referenceMinor: proposal.totalMinor, currency: proposal.currency }
    : deal.amountMinor !== null
      ? { source: 'deal_amount' as const, referenceMinor: deal.amountMinor, currency: deal.currency }
      : { source: 'none' as const, referenceMinor: null, currency: deal.currency };
  return {
    ...reference,
    bufferPercent: priceBufferPercent,
    floorMinor:
      reference.referenceMinor === null ? null : floorOf(reference.referenceMinor, priceBufferPercent),
  };
}

/**
 * The floor of a deal in force now, for modules that hold only its id (quotes compare their total with it);
 * null when the deal is gone.
 */
export async function dealPriceFloor(tx: Tx, tenantId: string, dealId: string): Promise<PriceFloor | null> {
  const [deal] = await tx
    .select()
    .from(deals)
    .where(and(eq(deals.tenantId, tenantId), eq(deals.id, dealId)));
  return deal ? priceFloorOf(tx, deal) : null;
}
