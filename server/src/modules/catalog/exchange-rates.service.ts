import type { ExchangeRate } from '@contracts/catalog.contract';
import { and, asc, desc, eq, gte, lte, type SQL } from 'drizzle-orm';
import { writeAudit } from '../../platform/audit';
import { withTenant } from '../../platform/db/tenancy';
import { AppError, type FieldCode, invalidFields } from '../../platform/http/errors';
import type { Platform } from '../../platform/platform';
import { exchangeRates } from './catalog.tables';
import { tenantCurrency } from './conversion';
import type { CatalogCaller } from './products.service';
import { formatRate, parseRate } from './rate-math';

/**
 * The company's exchange rates: one per currency and day it takes effect, into the company's currency. A rate
 * stays in force until a later one; deleting one brings the one before it back.
 */

type RateRow = typeof exchangeRates.$inferSelect;

function present(row: RateRow): ExchangeRate {
  const scaled = parseRate(row.rate);
  return {
    currency: row.currency,
    effectiveOn: row.effectiveOn,
    rate: scaled ? formatRate(scaled) : row.rate,
    createdAt: row.createdAt.toISOString(),
  };
}

export type RateFilter = {
  currency?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

export async function listExchangeRates(platform: Platform, caller: CatalogCaller, filter: RateFilter) {
  return withTenant(platform.db, caller.actor.tenantId, async (tx) => {
    const tenantId = caller.actor.tenantId;
    const conditions: (SQL | undefined)[] = [
      eq(exchangeRates.tenantId, tenantId),
      filter.currency ? eq(exchangeRates.currency, filter.currency) : undefined,
      filter.from ? gte(exchangeRates.effectiveOn, filter.from) : undefined,
      filter.to ? lte(exchangeRates.effectiveOn, filter.to) : undefined,
    ];
    const rows = await tx
      .select()
      .from(exchangeRates)
      .where(and(...conditions))
      .orderBy(asc(exchangeRates.currency), desc(exchangeRates.effectiveOn))
      .limit(1000);
    return { homeCurrency: await tenantCurrency(tx, tenantId), items: rows.map(present) };
  });
}

export async function upsertExchangeRates(
  platform: Platform,
  caller: CatalogCaller,
  rates: readonly { currency: string; effectiveOn: string; rate: string }[],
) {
  return withTenant(platform.db, caller.actor.tenantId, async (tx) => {
    const tenantId = caller.actor.tenantId;
    const home = await tenantCurrency(tx, tenantId);
    const problems: { path: string; code: FieldCode }[] = [];
    const seen = new Set<string>();
    for (const [i, r] of rates.entries()) {
      const key = `${r.currency}|${r.effectiveOn}`;
      if (r.currency === home) problems.push({ path: `rates.${i}.currency`, code: 'home_currency_rate' });
      else if (parseRate(r.rate) === null) problems.push({ path: `rates.${i}.rate`, code: 'invalid_rate' });
      else if (seen.has(key)) problems.push({ path: `rates.${i}.effectiveOn`, code: 'duplicate_rate' });
      seen.add(key);
    }
    if (problems.length > 0) throw invalidFields(...problems);

    const saved: RateRow[] = [];
    for (const r of rates) {
      const [before] = await tx
        .select({ rate: exchangeRates.rate })
        .from(exchangeRates)
        .where(
          and(
            eq(exchangeRates.tenantId, tenantId),
            eq(exchangeRates.currency, r.currency),
            eq(exchangeRates.effectiveOn, r.effectiveOn),
          ),
        );
      const [row] = await tx
        .insert(exchangeRates)
        .values({ tenantId, ...r, createdBy: caller.actor.userId })
        .onConflictDoUpdate({
          target: [exchangeRates.tenantId, exchangeRates.currency, exchangeRates.effectiveOn],
          set: { rate: r.rate, createdBy: caller.actor.userId, createdAt: new Date() },
        })
        .returning();
      if (!row) throw new AppError('internal');
      saved.push(row);
      await writeAudit(tx, caller.actor, {
        entity: 'exchange_rate',
        entityId: null,
        action: before ? 'update' : 'create',
        changes: {
          currency: { from: null, to: r.currency },
          effectiveOn: { from: null, to: r.effectiveOn },
          rate: { from: before ? present({ ...row, rate: before.rate }).rate : null, to: present(row).rate },
        },
      });
    }
    return { homeCurrency: home, items: saved.map(present) };
  });
}

export async function deleteExchangeRate(
  platform: Platform,
  caller: CatalogCaller,
  key: { currency: string; effectiveOn: string },
): Promise<void> {
  await withTenant(platform.db, caller.actor.tenantId, async (tx) => {
    const tenantId = caller.actor.tenantId;
    const [gone] = await tx
      .delete(exchangeRates)
      .where(
        and(
          eq(exchangeRates.tenantId, tenantId),
          eq(exchangeRates.currency, key.currency),
          eq(exchangeRates.effectiveOn, key.effectiveOn),
        ),
      )
      .returning();
    if (!gone) throw new AppError('not_found');
    await writeAudit(tx, caller.actor, {
      entity: 'exchange_rate',
      entityId: null,
      action: 'delete',
      changes: {
        currency: { from: key.currency, to: null },
        effectiveOn: { from: key.effectiveOn, to: null },
        rate: { from: present(gone).rate, to: null },
      },
    });
  });
}
