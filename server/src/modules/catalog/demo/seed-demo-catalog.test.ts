import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/helper';
import { seedDemo } from '../../../cli/demo';
import { withTenant } from '../../../platform/db/tenancy';
import { seedDemoCustomers } from '../../customers';
import { customers } from '../../customers/customers.tables';
import { productBundleItems, products } from '../catalog.tables';
import { convertMinor } from '../conversion';
import { resolvePrice } from '../pricing';
import { seedDemoCatalog } from './seed-demo-catalog';

/** The demo catalogue prices real demo customers through its books, converts its foreign prices, and seeds once. */

const now = new Date('2026-11-20T04:00:00Z');
const db = await freshDatabase();
afterAll(() => db.close());
const company = await seedDemo(db, { password: 'demo-password-for-tests' });
await seedDemoCustomers(db, company);
const first = await seedDemoCatalog(db, company, { now });
const { tenantId } = company;
const on = '2026-11-20';

describe('seedDemoCatalog', () => {
  it('creates hardware, software and services with a bundle and its option, three books and rates', async () => {
    expect(first).toEqual({ products: 16, priceBooks: 3, entries: expect.any(Number), rates: 12 });
    const rows = await withTenant(db, tenantId, (tx) =>
      tx.select().from(products).where(eq(products.tenantId, tenantId)),
    );
    expect(new Set(rows.map((p) => p.category))).toEqual(new Set(['hardware', 'software', 'service']));
    const kit = rows.find((p) => p.kind === 'bundle');
    expect(kit).toBeDefined();
    const items = await withTenant(db, tenantId, (tx) =>
      tx
        .select()
        .from(productBundleItems)
        .where(
          and(eq(productBundleItems.tenantId, tenantId), eq(productBundleItems.bundleId, kit?.id ?? '')),
        ),
    );
    expect(items.filter((i) => i.optional)).toHaveLength(1);
    expect(items.length).toBeGreaterThan(3);
  });

  it('prices an East-China customer from the regional book and a strategic one from theirs', async () => {
    const result = await withTenant(db, tenantId, async (tx) => {
      const [plc] = await tx
        .select()
        .from(products)
        .where(and(eq(products.tenantId, tenantId), eq(products.code, 'HW-PLC-200')));
      const all = await tx.select().from(customers).where(eq(customers.tenantId, tenantId));
      const eastern = all.find((c) => c.region === '华东' && c.tier !== 'strategic');
      const strategic = all.find((c) => c.tier === 'strategic');
      const price = (customerId: string | undefined, quantity: string) =>
        resolvePrice(tx, tenantId, {
          productId: plc?.id ?? '',
          quantity,
          currency: 'CNY',
          customerId: customerId ?? null,
          on,
        });
      return {
        east: await price(eastern?.id, '60'),
        strategic: await price(strategic?.id, '1'),
        partner: await resolvePrice(tx, tenantId, {
          productId: plc?.id ?? '',
          quantity: '1',
          currency: 'CNY',
          customerId: null,
          on,
          channel: 'partner',
        }),
      };
    });
    expect(result.east).toMatchObject({
      unitPriceMinor: 1_090_000,
      source: { priceBookName: '华东区 2026', minQuantity: '50' },
    });
    expect(result.strategic).toMatchObject({
      unitPriceMinor: 1_090_000,
      source: { priceBookName: '战略客户 2026' },
    });
    expect(result.partner).toMatchObject({
      unitPriceMinor: 1_020_000,
      source: { priceBookName: '渠道合作伙伴 2026' },
    });
  });

  it('converts the dollar and euro list prices with this month’s rates', async () => {
    const cny = await withTenant(db, tenantId, (tx) =>
      convertMinor(tx, tenantId, { amountMinor: 139_000, from: 'USD', to: 'CNY', on }),
    );
    // US$1,390.00 at 7.1194 (November's rate)
    expect(cny).toBe(989_597);
    const eur = await withTenant(db, tenantId, (tx) =>
      convertMinor(tx, tenantId, { amountMinor: 100_000, from: 'CNY', to: 'EUR', on: '2026-06-15' }),
    );
    // ¥1,000.00 at June's 7.7421 = €129.16
    expect(eur).toBe(12_916);
  });

  it('adds nothing on a second run', async () => {
    expect(await seedDemoCatalog(db, company, { now })).toEqual({
      products: 0,
      priceBooks: 0,
      entries: 0,
      rates: 0,
    });
  });
});
