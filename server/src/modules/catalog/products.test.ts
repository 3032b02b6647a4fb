import type { Product, ProductDetail } from '@contracts/catalog.contract';
import type { Problem } from '@contracts/common';
import type { InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { addUser, as, newTenant, useTestApp } from '../../../test/helper';

/** Products and bundles over HTTP: who may change them, what is refused, and what a change leaves behind. */

const t = await useTestApp();
const admin = await newTenant(t);
const director = (await addUser(t, admin, 'director')).session;
const manager = (await addUser(t, admin, 'manager')).session;
const rep = (await addUser(t, admin, 'rep')).session;

const call = (s = director) => as(t, s);

async function json<T>(options: InjectOptions, status = 200, s = director): Promise<T> {
  const res = await call(s)(options);
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
}

let counter = 0;
function productBody(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    code: `P-${counter}`,
    nameZh: `产品 ${counter}`,
    nameEn: `Product ${counter}`,
    unit: '台',
    listPriceMinor: 100_000,
    currency: 'CNY',
    taxRateBp: 1300,
    costMinor: 60_000,
    ...overrides,
  };
}

const create = (overrides: Record<string, unknown> = {}) =>
  json<ProductDetail>({ method: 'POST', url: '/api/v1/products', payload: productBody(overrides) }, 201);

describe('who may change the catalogue', () => {
  it('lets a director and an admin write, refuses a rep and a manager, and lets everyone read', async () => {
    const made = await create();
    expect(made).toMatchObject({ kind: 'product', active: true, marginBp: 4000, items: [], quoted: false });
    await json({ method: 'POST', url: '/api/v1/products', payload: productBody() }, 201, admin);
    for (const s of [rep, manager]) {
      const res = await call(s)({ method: 'POST', url: '/api/v1/products', payload: productBody() });
      expect(res.statusCode).toBe(403);
      const patch = await call(s)({
        method: 'PATCH',
        url: `/api/v1/products/${made.id}`,
        payload: { version: made.version, nameEn: 'x' },
      });
      expect(patch.statusCode).toBe(403);
      const del = await call(s)({ method: 'DELETE', url: `/api/v1/products/${made.id}` });
      expect(del.statusCode).toBe(403);
      const read = await json<ProductDetail>({ method: 'GET', url: `/api/v1/products/${made.id}` }, 200, s);
      expect(read.code).toBe(made.code);
    }
  });
});

describe('products', () => {
  it('keeps codes unique per company whatever their case, answering 409 that names the code', async () => {
    await create({ code: 'PLC-200' });
    const res = await call()({
      method: 'POST',
      url: '/api/v1/products',
      payload: productBody({ code: 'plc-200' }),
    });
    expect(res.statusCode).toBe(409);
    const problem = res.json<Problem>();
    expect(problem.code).toBe('product_code_taken');
    expect(problem.errors?.[0]?.path).toBe('code');
    // Another company may use the same code.
    const other = await newTenant(t);
    await json(
      { method: 'POST', url: '/api/v1/products', payload: productBody({ code: 'PLC-200' }) },
      201,
      other,
    );
  });

  it('refuses a tax rate above 100 %, negative or fractional money and a bad currency, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ taxRateBp: 10_001 }, 'taxRateBp'],
      [{ listPriceMinor: -1 }, 'listPriceMinor'],
      [{ costMinor: 12.5 }, 'costMinor'],
      [{ currency: 'yuan' }, 'currency'],
      [{ nameZh: '' }, 'nameZh'],
      [{ kind: 'gift' }, 'kind'],
    ];
    for (const [overrides, path] of cases) {
      const res = await call()({ method: 'POST', url: '/api/v1/products', payload: productBody(overrides) });
      expect(res.statusCode, JSON.stringify(overrides)).toBe(400);
      expect(res.json<Problem>().errors?.map((e) => e.path)).toContain(path);
    }
  });

  it('updates with the version read, refusing a stale one, and audits the change', async () => {
    const made = await create();
    const stale = await call()({
      method: 'PATCH',
      url: `/api/v1/products/${made.id}`,
      headers: { 'if-match': `"${made.version + 5}"` },
      payload: { nameEn: 'Stale' },
    });
    expect(stale.statusCode).toBe(412);
    const noVersion = await call()({
      method: 'PATCH',
      url: `/api/v1/products/${made.id}`,
      payload: { nameEn: 'x' },
    });
    expect(noVersion.statusCode).toBe(428);
    const updated = await json<ProductDetail>({
      method: 'PATCH',
      url: `/api/v1/products/${made.id}`,
      headers: { 'if-match': `"${made.version}"` },
      payload: { listPriceMinor: 200_000, costMinor: null },
    });
    expect(updated).toMatchObject({ listPriceMinor: 200_000, costMinor: null, marginBp: null });
    expect(updated.version).toBe(made.version + 1);
    const audit = await json<{ items: { action: string; changes: Record<string, unknown> }[] }>(
      {
        method: 'GET',
        url: `/api/v1/audit-log?entityId=${made.id}`,
      },
      200,
      admin,
    );
    expect(audit.items.map((e) => e.action)).toEqual(expect.arrayContaining(['create', 'update']));
    const change = audit.items.find((e) => e.action === 'update')?.changes;
    expect(change).toMatchObject({ listPriceMinor: { from: 100_000, to: 200_000 } });
  });

  it('lists by code with keyset pages and searches codes and both names', async () => {
    const tag = `Zeta${Date.now()}`;
    for (const n of [1, 2, 3]) {
      await create({ code: `${tag}-${n}`, nameZh: `伺服 ${tag} ${n}`, category: 'hardware' });
    }
    await create({ code: `S-${tag}`, nameEn: `Service ${tag}`, kind: 'service', category: 'service' });
    const first = await json<{ items: Product[]; nextCursor: string | null }>({
      method: 'GET',
      url: `/api/v1/products?q=${tag}&limit=2`,
    });
    expect(first.items.map((p) => p.code)).toEqual(
      [`S-${tag}`, `${tag}-1`].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())),
    );
    const second = await json<{ items: Product[]; nextCursor: string | null }>({
      method: 'GET',
      url: `/api/v1/products?q=${tag}&limit=2&cursor=${first.nextCursor ?? ''}`,
    });
    expect([...first.items, ...second.items]).toHaveLength(4);
    expect(second.nextCursor).toBeNull();
    const zh = await json<{ items: Product[] }>({
      method: 'GET',
      url: `/api/v1/products?q=${encodeURIComponent(`伺服 ${tag}`)}`,
    });
    expect(zh.items).toHaveLength(3);
    const services = await json<{ items: Product[] }>({
      method: 'GET',
      url: `/api/v1/products?q=${tag}&kind=service`,
    });
    expect(services.items.map((p) => p.code)).toEqual([`S-${tag}`]);
    const hardware = await json<{ items: Product[] }>({
      method: 'GET',
      url: `/api/v1/products?q=${tag}&category=hardware`,
    });
    expect(hardware.items).toHaveLength(3);
  });

  it('archives a product out of the default list, and deletes one nobody refers to', async () => {
    const made = await create();
    const archived = await json<ProductDetail>({
      method: 'POST',
      url: `/api/v1/products/${made.id}/archive`,
    });
    expect(archived.active).toBe(false);
    const active = await json<{ items: Product[] }>({
      method: 'GET',
      url: `/api/v1/products?q=${made.code}`,
    });
    expect(active.items).toEqual([]);
    const all = await json<{ items: Product[] }>({
      method: 'GET',
      url: `/api/v1/products?q=${made.code}&active=all`,
    });
    expect(all.items.map((p) => p.id)).toEqual([made.id]);
    const del = await call()({ method: 'DELETE', url: `/api/v1/products/${made.id}` });
    expect(del.statusCode).toBe(204);
    expect((await call()({ method: 'GET', url: `/api/v1/products/${made.id}` })).statusCode).toBe(404);
  });
});

describe('bundles', () => {
  it('holds products and services with quantities and options, in order', async () => {
    const plc = await create();
    const training = await create({ kind: 'service', unit: '天' });
    const kit = await create({ kind: 'bundle', unit: '套' });
    const set = await json<ProductDetail>({
      method: 'PUT',
      url: `/api/v1/products/${kit.id}/items`,
      payload: {
        items: [
          { itemId: plc.id, quantity: '2.500' },
          { itemId: training.id, quantity: '2', optional: true },
        ],
      },
    });
    expect(set.items.map((i) => [i.itemId, i.quantity, i.optional])).toEqual([
      [plc.id, '2.5', false],
      [training.id, '2', true],
    ]);
    const part = await json<ProductDetail>({ method: 'GET', url: `/api/v1/products/${plc.id}` });
    expect(part.partOf.map((b) => b.id)).toEqual([kit.id]);
    // An item of a bundle cannot be deleted (archive it), nor become a bundle itself.
    const del = await call()({ method: 'DELETE', url: `/api/v1/products/${plc.id}` });
    expect(del.statusCode).toBe(409);
    expect(del.json<Problem>().code).toBe('in_use');
    const nest = await call()({
      method: 'PATCH',
      url: `/api/v1/products/${plc.id}`,
      payload: { version: part.version, kind: 'bundle' },
    });
    expect(nest.statusCode).toBe(400);
    expect(nest.json<Problem>().errors?.[0]).toMatchObject({ path: 'kind', code: 'bundle_kind_change' });
  });

  it('refuses itself, other bundles, unknown and repeated items, and items on a non-bundle, naming the row', async () => {
    const plc = await create();
    const kit = await create({ kind: 'bundle' });
    const otherKit = await create({ kind: 'bundle' });
    const res = await call()({
      method: 'PUT',
      url: `/api/v1/products/${kit.id}/items`,
      payload: {
        items: [
          { itemId: plc.id },
          { itemId: kit.id },
          { itemId: otherKit.id },
          { itemId: '0190f5b4-0000-7000-8000-000000000001' },
          { itemId: plc.id },
        ],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<Problem>().errors?.map((e) => [e.path, e.code])).toEqual([
      ['items.1.itemId', 'bundle_self'],
      ['items.2.itemId', 'bundle_item_is_bundle'],
      ['items.3.itemId', 'unknown_product'],
      ['items.4.itemId', 'duplicate_bundle_item'],
    ]);
    const onProduct = await call()({
      method: 'PUT',
      url: `/api/v1/products/${plc.id}/items`,
      payload: { items: [] },
    });
    expect(onProduct.statusCode).toBe(400);
    expect(onProduct.json<Problem>().errors?.[0]?.code).toBe('not_a_bundle');
    const rejected = await call(manager)({
      method: 'PUT',
      url: `/api/v1/products/${kit.id}/items`,
      payload: { items: [] },
    });
    expect(rejected.statusCode).toBe(403);
  });
});

describe('a quoted product', () => {
  it('cannot be deleted (409 in_use) but can be archived', async () => {
    const product = await create();
    const customer = await json<{ id: string }>(
      { method: 'POST', url: '/api/v1/customers', payload: { name: `Quoted Co ${Date.now()}` } },
      201,
    );
    const deal = await json<{ id: string }>(
      {
        method: 'POST',
        url: '/api/v1/deals',
        payload: { name: 'Line upgrade', customerId: customer.id, amountMinor: 100_000, currency: 'CNY' },
      },
      201,
    );
    await json(
      {
        method: 'POST',
        url: '/api/v1/quotes',
        payload: { dealId: deal.id, lines: [{ productId: product.id, quantity: '1' }] },
      },
      201,
    );
    const read = await json<ProductDetail>({ method: 'GET', url: `/api/v1/products/${product.id}` });
    expect(read.quoted).toBe(true);
    const del = await call()({ method: 'DELETE', url: `/api/v1/products/${product.id}` });
    expect(del.statusCode).toBe(409);
    expect(del.json<Problem>().code).toBe('in_use');
    const archived = await json<ProductDetail>({
      method: 'POST',
      url: `/api/v1/products/${product.id}/archive`,
    });
    expect(archived.active).toBe(false);
  });
});
