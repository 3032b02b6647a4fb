import type { CustomerSegment } from '@contracts/customer-segments.contract';
import type { Customer, CustomerSummary } from '@contracts/customers.contract';
import { describe, expect, it } from 'vitest';
import { addUser, as, newTenant, type Session, useTestApp } from '../../../../test/helper';

/** Customer segments: saved filters, private or shared, resolved by the list and its count at each request. */

const t = await useTestApp();

type Problem = { code: string; errors?: { path: string; code: string }[] };

async function company() {
  const admin = await newTenant(t);
  const call = as(t, admin);
  const rep = await addUser(t, admin, 'rep', 'Rep Su');
  const rep2 = await addUser(t, admin, 'rep', 'Rep Shi');
  const customer = async (name: string, extra: Record<string, unknown>) => {
    const res = await call({ method: 'POST', url: '/api/v1/customers', payload: { name, ...extra } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Customer>();
  };
  return { admin, call, rep, rep2, customer };
}

const names = async (s: Session, query: string) => {
  const res = await as(t, s)({ method: 'GET', url: `/api/v1/customers?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res
    .json<{ items: CustomerSummary[] }>()
    .items.map((i) => i.name)
    .sort();
};

describe('customer segments', () => {
  it('saves a filter and lists and counts its customers, refined by further filters', async () => {
    const c = await company();
    await c.customer('华东预算敏感 A', { region: '华东', tags: ['预算敏感型'], industry: '装备制造' });
    await c.customer('华东预算敏感 B', { region: '华东', tags: ['预算敏感型'], industry: '新能源' });
    await c.customer('华南预算敏感', { region: '华南', tags: ['预算敏感型'] });
    await c.customer('华东技术驱动', { region: '华东', tags: ['技术驱动型'] });
    const res = await c.call({
      method: 'POST',
      url: '/api/v1/customer-segments',
      payload: { name: '华东预算敏感客户', filters: { region: '华东', tags: '预算敏感型', q: ' ' } },
    });
    expect(res.statusCode, res.body).toBe(201);
    const segment = res.json<CustomerSegment>();
    expect(segment.filters).toEqual({ region: '华东', tags: '预算敏感型' });
    expect(await names(c.admin, `segment=${segment.id}`)).toEqual(['华东预算敏感 A', '华东预算敏感 B']);
    expect(await names(c.admin, `segment=${segment.id}&industry=${encodeURIComponent('新能源')}`)).toEqual([
      '华东预算敏感 B',
    ]);
    // A filter given explicitly replaces the segment's own for that key.
    expect(await names(c.admin, `segment=${segment.id}&region=${encodeURIComponent('华南')}`)).toEqual([
      '华南预算敏感',
    ]);
    const count = await c.call({ method: 'GET', url: `/api/v1/customers/count?segment=${segment.id}` });
    expect(count.json()).toEqual({ count: 2, capped: false });
    // New customers join the segment as they come.
    await c.customer('华东预算敏感 C', { region: '华东', tags: ['预算敏感型'] });
    expect(await names(c.admin, `segment=${segment.id}`)).toHaveLength(3);
  });

  it('refuses filters the list would refuse, naming them, and nested segments', async () => {
    const c = await company();
    const post = (filters: Record<string, string>) =>
      c.call({ method: 'POST', url: '/api/v1/customer-segments', payload: { name: 'x', filters } });
    const bad = await post({ tier: 'gold', nope: '1' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json<Problem>()
        .errors?.map((e) => e.path)
        .sort(),
    ).toEqual(['filters.nope', 'filters.tier.0']);
    const nested = await post({ segment: '01a20c90-0bee-7de1-98ed-1b8b7a546358' });
    expect(nested.json<Problem>().errors?.[0]?.path).toBe('filters.segment');
  });

  it('keeps a private segment its owner’s, shares one read-only, and refuses an invisible one in the list', async () => {
    const c = await company();
    const mine = (
      await as(
        t,
        c.rep.session,
      )({
        method: 'POST',
        url: '/api/v1/customer-segments',
        payload: { name: '我的分群', filters: { tier: 'strategic' } },
      })
    ).json<CustomerSegment>();
    const other = as(t, c.rep2.session);
    expect((await other({ method: 'GET', url: `/api/v1/customer-segments/${mine.id}` })).statusCode).toBe(
      404,
    );
    const invisible = await other({ method: 'GET', url: `/api/v1/customers?segment=${mine.id}` });
    expect(invisible.statusCode).toBe(400);
    expect(invisible.json<Problem>().errors?.[0]).toMatchObject({ path: 'segment', code: 'unknown_record' });

    const shared = await as(
      t,
      c.rep.session,
    )({
      method: 'PATCH',
      url: `/api/v1/customer-segments/${mine.id}`,
      payload: { version: mine.version, shared: true },
    });
    expect(shared.statusCode, shared.body).toBe(200);
    const list = (await other({ method: 'GET', url: '/api/v1/customer-segments' })).json<{
      items: CustomerSegment[];
    }>();
    expect(list.items.map((s) => [s.name, s.ownerName])).toEqual([['我的分群', 'Rep Su']]);
    expect((await other({ method: 'GET', url: `/api/v1/customers?segment=${mine.id}` })).statusCode).toBe(
      200,
    );
    const edit = await other({
      method: 'PATCH',
      url: `/api/v1/customer-segments/${mine.id}`,
      payload: { version: 2, name: 'taken over' },
    });
    expect(edit.statusCode).toBe(403);
    expect((await other({ method: 'DELETE', url: `/api/v1/customer-segments/${mine.id}` })).statusCode).toBe(
      403,
    );
    expect(
      (await as(t, c.rep.session)({ method: 'DELETE', url: `/api/v1/customer-segments/${mine.id}` }))
        .statusCode,
    ).toBe(204);
  });
});
