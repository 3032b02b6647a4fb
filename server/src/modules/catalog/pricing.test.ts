import type { PriceAnswer, PriceBookDetail, ProductDetail } from '@contracts/catalog.contract';
import type { Problem } from '@contracts/common';
import type { InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { addUser, as, newTenant, useTestApp } from '../../../test/helper';
import { withTenant } from '../../platform/db/tenancy';
import { convertMinor } from './conversion';
import { resolvePrice } from './pricing';

/**
 * Which price a quote line starts from: the best matching price book's volume tier (priority, then the most
 * specific, then the newest), else the list price, converted with the day's exchange rate when needed.
 */

const t = await useTestApp();
const admin = await newTenant(t);
const director = (await addUser(t, admin, 'director')).session;
const manager = (await addUser(t, admin, 'manager')).session;
const rep = (await addUser(t, admin, 'rep')).session;
const tenantId = admin.me.tenant.id;
// Rates convert into the company's currency: this company keeps its books in yuan.
await t.db.raw.query("UPDATE tenants SET currency = 'CNY' WHERE tenant_id = $1", [tenantId]);

async function json<T>(options: InjectOptions, status = 200, s = director): Promise<T> {
  const res = await as(t, s)(options);
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
}

async function problem(options: InjectOptions, status: number, s = director): Promise<Problem> {
  const res = await as(t, s)(options);
  expect(res.statusCode, res.body).toBe(status);
  return res.json<Problem>();
}

const product = (body: Record<string, unknown>) =>
  json<ProductDetail>(
    { method: 'POST', url: '/api/v1/products', payload: { unit: '台', taxRateBp: 1300, ...body } },
    201,
  );

async function book(body: Record<string, unknown>, entries: [string, string, number][]) {
  const made = await json<PriceBookDetail>(
    { method: 'POST', url: '/api/v1/price-books', payload: body },
    201,
  );
  return json<PriceBookDetail>({
    method: 'PUT',
    url: `/api/v1/price-books/${made.id}/entries`,
    payload: {
      entries: entries.map(([productId, minQuantity, unitPriceMinor]) => ({
        productId,
        minQuantity,
        unitPriceMinor,
      })),
    },
  });
}

async function customer(name: string, region: string | null, tier: string | null): Promise<string> {
  const made = await json<{ id: string }>(
    {
      method: 'POST',
      url: '/api/v1/customers',
      payload: { name, ...(region ? { region } : {}) },
    },
    201,
  );
  // The tier is the RFM grading's output; set it directly rather than run the grading.
  await t.db.raw.query('UPDATE customers SET tier = $1 WHERE id = $2', [tier, made.id]);
  return made.id;
}

const plc = await product({
  code: 'PLC',
  nameZh: 'PLC 控制器',
  nameEn: 'PLC controller',
  listPriceMinor: 1_280_000,
  currency: 'CNY',
});
const camera = await product({
  code: 'CAM',
  nameZh: '相机',
  nameEn: 'Camera',
  listPriceMinor: 139_000,
  currency: 'USD',
});
const east = await customer('East Growth Co', '华东', 'growth');
const eastStrategic = await customer('East Strategic Co', '华东', 'strategic');
const north = await customer('North Co', '华北', 'growth');

const year2026 = { validFrom: '2026-01-01', validTo: '2026-12-31', currency: 'CNY' };
const eastBook = await book({ name: '华东 2026', region: '华东', priority: 10, ...year2026 }, [
  [plc.id, '1', 1_220_000],
  [plc.id, '10', 1_150_000],
  [plc.id, '50', 1_090_000],
]);
const strategicBook = await book(
  { name: '战略客户', customerTier: 'strategic', priority: 20, currency: 'CNY' },
  [[plc.id, '1', 1_090_000]],
);
await book({ name: 'Partners', channel: 'partner', priority: 15, currency: 'CNY' }, [
  [plc.id, '1', 1_020_000],
]);
await book({ name: 'Everyone', priority: 10, currency: 'CNY' }, [[plc.id, '1', 1_250_000]]);
await book(
  { name: '2025 promotion', priority: 100, validFrom: '2025-01-01', validTo: '2025-12-31', currency: 'CNY' },
  [[plc.id, '1', 990_000]],
);
await book({ name: 'Dollar list', priority: 50, currency: 'USD' }, [[plc.id, '1', 170_000]]);

function priceOf(productId: string, query: Record<string, string>, locale = 'en-US') {
  const qs = new URLSearchParams({ on: '2026-06-15', ...query });
  return json<PriceAnswer>(
    {
      method: 'GET',
      url: `/api/v1/products/${productId}/price?${qs}`,
      headers: { 'accept-language': locale },
    },
    200,
    rep,
  );
}

describe('price books', () => {
  it('take the volume tier the quantity reaches in the matching regional book', async () => {
    const cases: [string, number, string][] = [
      ['1', 1_220_000, '1'],
      ['9.999', 1_220_000, '1'],
      ['10', 1_150_000, '10'],
      ['49.5', 1_150_000, '10'],
      ['50', 1_090_000, '50'],
      ['1000', 1_090_000, '50'],
    ];
    for (const [quantity, unitPriceMinor, minQuantity] of cases) {
      const price = await priceOf(plc.id, { customerId: east, quantity, currency: 'CNY' });
      expect(price, quantity).toMatchObject({
        unitPriceMinor,
        listPriceMinor: 1_280_000,
        source: { kind: 'price_book', priceBookId: eastBook.id, priceBookName: '华东 2026', minQuantity },
      });
    }
  });

  it('explain the price in the caller’s language', async () => {
    const en = await priceOf(plc.id, { customerId: east, quantity: '100' });
    expect(en.explanation).toBe('price book 华东 2026, tier 50+');
    const zh = await priceOf(plc.id, { customerId: east, quantity: '100' }, 'zh-CN');
    expect(zh.explanation).toBe('价格表 华东 2026，50 件起');
    const list = await priceOf(camera.id, { quantity: '1' }, 'zh-CN');
    expect(list.explanation).toBe('目录价');
  });

  it('let the higher priority win over a more specific book', async () => {
    const price = await priceOf(plc.id, { customerId: eastStrategic, quantity: '10' });
    expect(price.source.priceBookId).toBe(strategicBook.id);
    expect(price.unitPriceMinor).toBe(1_090_000);
  });

  it('prefer the more specific book at equal priority, and apply criteria-free books to anyone', async () => {
    expect((await priceOf(plc.id, { customerId: east })).source.priceBookName).toBe('华东 2026');
    expect((await priceOf(plc.id, { customerId: north })).source.priceBookName).toBe('Everyone');
    expect((await priceOf(plc.id, {})).source.priceBookName).toBe('Everyone');
  });

  it('apply a channel book only when the channel is asked for', async () => {
    expect((await priceOf(plc.id, { customerId: north, channel: 'partner' })).unitPriceMinor).toBe(1_020_000);
    expect((await priceOf(plc.id, { customerId: north, channel: 'online' })).source.priceBookName).toBe(
      'Everyone',
    );
  });

  it('use only books valid on the day', async () => {
    expect((await priceOf(plc.id, { customerId: north, on: '2025-06-15' })).source.priceBookName).toBe(
      '2025 promotion',
    );
    expect((await priceOf(plc.id, { customerId: east, on: '2027-01-04' })).source.priceBookName).toBe(
      'Everyone',
    );
  });

  it('use only books in the requested currency', async () => {
    const usd = await priceOf(plc.id, { customerId: east, currency: 'USD' });
    expect(usd).toMatchObject({ unitPriceMinor: 170_000, source: { priceBookName: 'Dollar list' } });
  });

  it('break a tie of priority and specificity by the newest book, and skip inactive books', async () => {
    const newer = await book({ name: 'Everyone, revised', priority: 10, currency: 'CNY' }, [
      [plc.id, '1', 1_240_000],
    ]);
    expect((await priceOf(plc.id, { customerId: north })).source.priceBookId).toBe(newer.id);
    await json({
      method: 'PATCH',
      url: `/api/v1/price-books/${newer.id}`,
      payload: { version: newer.version, active: false },
    });
    expect((await priceOf(plc.id, { customerId: north })).source.priceBookName).toBe('Everyone');
    const audit = await json<{ items: { action: string; changes: Record<string, unknown> }[] }>(
      { method: 'GET', url: `/api/v1/audit-log?entityId=${newer.id}` },
      200,
      admin,
    );
    expect(audit.items.map((e) => e.action).sort()).toEqual(['create', 'set_entries', 'update']);
    expect(audit.items.find((e) => e.action === 'update')?.changes).toEqual({
      active: { from: true, to: false },
    });
  });

  it('follow a book the seller picked, whatever its criteria, else the list price', async () => {
    const picked = await withTenant(t.db, tenantId, (tx) =>
      resolvePrice(tx, tenantId, {
        productId: plc.id,
        quantity: '12',
        currency: 'CNY',
        customerId: north,
        on: '2026-06-15',
        priceBookId: eastBook.id,
      }),
    );
    expect(picked).toMatchObject({
      unitPriceMinor: 1_150_000,
      source: { priceBookId: eastBook.id, minQuantity: '10' },
    });
    expect(picked.product).toMatchObject({ code: 'PLC', taxRateBp: 1300, kind: 'product' });
    const none = await withTenant(t.db, tenantId, (tx) =>
      resolvePrice(tx, tenantId, {
        productId: camera.id,
        quantity: '1',
        currency: 'USD',
        customerId: null,
        on: '2026-06-15',
        priceBookId: eastBook.id,
      }),
    );
    expect(none).toMatchObject({ unitPriceMinor: 139_000, source: { kind: 'list', priceBookId: null } });
  });
});

describe('list prices in another currency', () => {
  it('fail with a clear error without a rate, then convert with the rate in force on the day', async () => {
    const missing = await problem(
      { method: 'GET', url: `/api/v1/products/${camera.id}/price?currency=CNY&on=2026-06-15` },
      400,
    );
    expect(missing.errors?.[0]).toMatchObject({ path: 'productId', code: 'no_price_in_currency' });
    expect(missing.errors?.[0]?.detail).toContain('USD');

    await json({
      method: 'PUT',
      url: '/api/v1/exchange-rates',
      payload: {
        rates: [
          { currency: 'USD', effectiveOn: '2026-01-01', rate: '7.1' },
          { currency: 'USD', effectiveOn: '2026-06-01', rate: '7.1194' },
          { currency: 'EUR', effectiveOn: '2026-06-01', rate: '7.8295' },
        ],
      },
    });
    const june = await priceOf(camera.id, { currency: 'CNY' });
    expect(june).toMatchObject({
      unitPriceMinor: 989_597,
      listPriceMinor: 989_597,
      source: { kind: 'list', convertedFrom: { currency: 'USD', amountMinor: 139_000 } },
    });
    expect(june.explanation).toBe('list price, converted from USD 1390.00');
    expect((await priceOf(camera.id, { currency: 'CNY', on: '2026-03-01' })).unitPriceMinor).toBe(986_900);
    const before = await problem(
      { method: 'GET', url: `/api/v1/products/${camera.id}/price?currency=CNY&on=2025-12-31` },
      400,
    );
    expect(before.errors?.[0]?.code).toBe('no_price_in_currency');
  });

  it('convert between two foreign currencies through the company currency', async () => {
    const usd = await withTenant(t.db, tenantId, (tx) =>
      convertMinor(tx, tenantId, { amountMinor: 120_000, from: 'EUR', to: 'USD', on: '2026-06-15' }),
    );
    expect(usd).toBe(131_969);
    const none = await withTenant(t.db, tenantId, (tx) =>
      convertMinor(tx, tenantId, { amountMinor: 100, from: 'GBP', to: 'CNY', on: '2026-06-15' }),
    );
    expect(none).toBeNull();
    const same = await withTenant(t.db, tenantId, (tx) =>
      convertMinor(tx, tenantId, { amountMinor: 12_345, from: 'JPY', to: 'JPY', on: '2026-06-15' }),
    );
    expect(same).toBe(12_345);
  });
});

describe('refusals', () => {
  it('refuse an archived product, a zero quantity and an unknown customer, naming the field', async () => {
    const old = await product({
      code: 'OLD',
      nameZh: '旧',
      nameEn: 'Old',
      listPriceMinor: 100,
      currency: 'CNY',
    });
    await json({ method: 'POST', url: `/api/v1/products/${old.id}/archive` });
    const archived = await problem({ method: 'GET', url: `/api/v1/products/${old.id}/price` }, 400);
    expect(archived.errors?.[0]).toMatchObject({ path: 'productId', code: 'product_inactive' });
    const zero = await problem({ method: 'GET', url: `/api/v1/products/${plc.id}/price?quantity=0` }, 400);
    expect(zero.errors?.[0]?.path).toBe('quantity');
    const stranger = await problem(
      {
        method: 'GET',
        url: `/api/v1/products/${plc.id}/price?customerId=0190f5b4-0000-7000-8000-000000000009`,
      },
      400,
    );
    expect(stranger.errors?.[0]).toMatchObject({ path: 'customerId', code: 'unknown_customer' });
  });

  it('refuse an inverted validity, a repeated tier and an unknown product, naming the row', async () => {
    const inverted = await problem(
      {
        method: 'POST',
        url: '/api/v1/price-books',
        payload: { name: 'Backwards', currency: 'CNY', validFrom: '2026-12-31', validTo: '2026-01-01' },
      },
      400,
    );
    expect(inverted.errors?.[0]).toMatchObject({ path: 'validTo', code: 'ends_before_start' });
    const taken = await problem(
      { method: 'POST', url: '/api/v1/price-books', payload: { name: 'everyone', currency: 'CNY' } },
      409,
    );
    expect(taken.code).toBe('name_taken');
    const entries = await problem(
      {
        method: 'PUT',
        url: `/api/v1/price-books/${eastBook.id}/entries`,
        payload: {
          entries: [
            { productId: plc.id, minQuantity: '10', unitPriceMinor: 1 },
            { productId: plc.id, minQuantity: '10.000', unitPriceMinor: 2 },
            { productId: '0190f5b4-0000-7000-8000-000000000009', unitPriceMinor: 3 },
            { productId: plc.id, minQuantity: '0', unitPriceMinor: 3 },
          ],
        },
      },
      400,
    );
    expect(entries.errors?.map((e) => e.path)).toEqual(['entries.3.minQuantity']);
    const rows = await problem(
      {
        method: 'PUT',
        url: `/api/v1/price-books/${eastBook.id}/entries`,
        payload: {
          entries: [
            { productId: plc.id, minQuantity: '10', unitPriceMinor: 1 },
            { productId: plc.id, minQuantity: '10.000', unitPriceMinor: 2 },
            { productId: '0190f5b4-0000-7000-8000-000000000009', unitPriceMinor: 3 },
          ],
        },
      },
      400,
    );
    expect(rows.errors?.map((e) => [e.path, e.code])).toEqual([
      ['entries.1.minQuantity', 'duplicate_price_tier'],
      ['entries.2.productId', 'unknown_product'],
    ]);
    const kept = await json<PriceBookDetail>({ method: 'GET', url: `/api/v1/price-books/${eastBook.id}` });
    expect(kept.entries.map((e) => [e.minQuantity, e.unitPriceMinor])).toEqual([
      ['1', 1_220_000],
      ['10', 1_150_000],
      ['50', 1_090_000],
    ]);
  });

  it('let only catalogue managers change price books and rates', async () => {
    for (const s of [rep, manager]) {
      const requests: InjectOptions[] = [
        { method: 'POST', url: '/api/v1/price-books', payload: { name: 'Nope', currency: 'CNY' } },
        { method: 'PUT', url: `/api/v1/price-books/${eastBook.id}/entries`, payload: { entries: [] } },
        { method: 'PATCH', url: `/api/v1/price-books/${eastBook.id}`, payload: { version: 1, priority: 1 } },
        { method: 'DELETE', url: `/api/v1/price-books/${eastBook.id}` },
        {
          method: 'PUT',
          url: '/api/v1/exchange-rates',
          payload: { rates: [{ currency: 'USD', effectiveOn: '2026-01-01', rate: '1' }] },
        },
        { method: 'DELETE', url: '/api/v1/exchange-rates/USD/2026-01-01' },
      ];
      for (const request of requests) {
        expect((await as(t, s)(request)).statusCode, `${request.method} ${request.url}`).toBe(403);
      }
      const books = await json<{ items: { id: string }[] }>(
        { method: 'GET', url: '/api/v1/price-books' },
        200,
        s,
      );
      expect(books.items.map((b) => b.id)).toContain(eastBook.id);
    }
  });
});

describe('exchange rates', () => {
  it('refuse a zero or over-precise rate and a rate for the company currency, naming the row', async () => {
    const bad = await problem(
      {
        method: 'PUT',
        url: '/api/v1/exchange-rates',
        payload: {
          rates: [
            { currency: 'USD', effectiveOn: '2026-02-01', rate: '0.000' },
            { currency: 'USD', effectiveOn: '2026-02-02', rate: '7.12345678901' },
          ],
        },
      },
      400,
    );
    expect(bad.errors?.map((e) => e.path)).toEqual(['rates.0.rate', 'rates.1.rate']);
    for (const error of bad.errors ?? []) expect(error.detail).toContain('10 decimals');
    const home = await problem(
      {
        method: 'PUT',
        url: '/api/v1/exchange-rates',
        payload: { rates: [{ currency: 'CNY', effectiveOn: '2026-02-01', rate: '1' }] },
      },
      400,
    );
    expect(home.errors?.[0]).toMatchObject({ path: 'rates.0.currency', code: 'home_currency_rate' });
  });

  it('list, replace and delete rates; a deleted rate brings the earlier one back', async () => {
    const replaced = await json<{ items: { rate: string }[] }>({
      method: 'PUT',
      url: '/api/v1/exchange-rates',
      payload: { rates: [{ currency: 'USD', effectiveOn: '2026-06-01', rate: '7.2000' }] },
    });
    expect(replaced.items[0]?.rate).toBe('7.2');
    const list = await json<{
      homeCurrency: string;
      items: { currency: string; effectiveOn: string; rate: string }[];
    }>(
      {
        method: 'GET',
        url: '/api/v1/exchange-rates?currency=USD',
      },
      200,
      rep,
    );
    expect(list.homeCurrency).toBe('CNY');
    const audit = await json<{ items: { entity: string; action: string }[] }>(
      { method: 'GET', url: '/api/v1/audit-log?limit=200' },
      200,
      admin,
    );
    expect(audit.items.filter((e) => e.entity === 'exchange_rate').map((e) => e.action)).toContain('update');
    expect(list.items.map((r) => [r.effectiveOn, r.rate])).toEqual([
      ['2026-06-01', '7.2'],
      ['2026-01-01', '7.1'],
    ]);
    expect((await priceOf(camera.id, { currency: 'CNY' })).unitPriceMinor).toBe(1_000_800);
    const del = await as(t, director)({ method: 'DELETE', url: '/api/v1/exchange-rates/USD/2026-06-01' });
    expect(del.statusCode).toBe(204);
    expect((await priceOf(camera.id, { currency: 'CNY' })).unitPriceMinor).toBe(986_900);
    const again = await as(t, director)({ method: 'DELETE', url: '/api/v1/exchange-rates/USD/2026-06-01' });
    expect(again.statusCode).toBe(404);
  });
});
