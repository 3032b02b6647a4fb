import type { Customer, CustomerTag } from '@contracts/customers.contract';
import { describe, expect, it } from 'vitest';
import { addUser, as, newTenant, useTestApp } from '../../../test/helper';

const t = await useTestApp();

describe('managed customer tags', () => {
  it('lets managers and admins keep the list; everyone reads it, reps change nothing', async () => {
    const admin = await newTenant(t);
    const manager = await addUser(t, admin, 'manager');
    const rep = await addUser(t, admin, 'rep');
    const created = await as(
      t,
      manager.session,
    )({ method: 'POST', url: '/api/v1/customer-tags', payload: { name: '预算敏感型', color: 'orange' } });
    expect(created.statusCode, created.body).toBe(201);
    const tag = created.json<CustomerTag>();
    expect(tag).toMatchObject({ name: '预算敏感型', color: 'orange', description: '' });
    const refused = await as(
      t,
      rep.session,
    )({ method: 'POST', url: '/api/v1/customer-tags', payload: { name: '技术驱动型' } });
    expect(refused.statusCode).toBe(403);
    const repList = await as(t, rep.session)({ method: 'GET', url: '/api/v1/customer-tags' });
    expect(repList.json<{ items: CustomerTag[] }>().items.map((x) => x.name)).toEqual(['预算敏感型']);
    expect(
      (await as(t, rep.session)({ method: 'DELETE', url: `/api/v1/customer-tags/${tag.id}` })).statusCode,
    ).toBe(403);
    const audit = await as(
      t,
      admin,
    )({ method: 'GET', url: `/api/v1/audit-log?entity=customer_tag&entityId=${tag.id}` });
    expect(audit.json<{ items: { action: string }[] }>().items.map((i) => i.action)).toEqual(['create']);
  });

  it('refuses a second tag of the same name in any letter case, and unknown colours', async () => {
    const admin = await newTenant(t);
    const call = as(t, admin);
    expect(
      (await call({ method: 'POST', url: '/api/v1/customer-tags', payload: { name: 'Tech-driven' } }))
        .statusCode,
    ).toBe(201);
    const again = await call({
      method: 'POST',
      url: '/api/v1/customer-tags',
      payload: { name: 'TECH-DRIVEN' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ code: string }>().code).toBe('name_taken');
    const colour = await call({
      method: 'POST',
      url: '/api/v1/customer-tags',
      payload: { name: 'X', color: '#f00' },
    });
    expect(colour.statusCode).toBe(400);
  });

  it('carries a new name onto every customer with the tag, and a removed tag stays as a free one', async () => {
    const admin = await newTenant(t);
    const call = as(t, admin);
    const tag = (
      await call({ method: 'POST', url: '/api/v1/customer-tags', payload: { name: 'Budget', color: 'gold' } })
    ).json<CustomerTag>();
    const customer = (
      await call({
        method: 'POST',
        url: '/api/v1/customers',
        payload: { name: 'Acme', tags: ['VIP', 'Budget', '预算'] },
      })
    ).json<Customer>();
    const renamed = await call({
      method: 'PATCH',
      url: `/api/v1/customer-tags/${tag.id}`,
      payload: { version: tag.version, name: '预算' },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json<CustomerTag>()).toMatchObject({
      name: '预算',
      color: 'gold',
      version: tag.version + 1,
    });
    const after = (await call({ method: 'GET', url: `/api/v1/customers/${customer.id}` })).json<Customer>();
    expect(after).toMatchObject({ tags: ['VIP', '预算'], version: customer.version + 1 });
    const stale = await call({
      method: 'PATCH',
      url: `/api/v1/customer-tags/${tag.id}`,
      payload: { version: tag.version, color: 'red' },
    });
    expect(stale.statusCode).toBe(412);
    expect((await call({ method: 'DELETE', url: `/api/v1/customer-tags/${tag.id}` })).statusCode).toBe(204);
    expect(
      (await call({ method: 'GET', url: '/api/v1/customer-tags' })).json<{ items: unknown[] }>().items,
    ).toEqual([]);
    const kept = (await call({ method: 'GET', url: `/api/v1/customers/${customer.id}` })).json<Customer>();
    expect(kept.tags).toEqual(['VIP', '预算']);
  });

  it("never shows or changes another company's tags", async () => {
    const a = await newTenant(t);
    const b = await newTenant(t);
    const tag = (
      await as(t, a)({ method: 'POST', url: '/api/v1/customer-tags', payload: { name: 'Secret' } })
    ).json<CustomerTag>();
    const callB = as(t, b);
    expect(
      (await callB({ method: 'GET', url: '/api/v1/customer-tags' })).json<{ items: unknown[] }>().items,
    ).toEqual([]);
    expect(
      (
        await callB({
          method: 'PATCH',
          url: `/api/v1/customer-tags/${tag.id}`,
          payload: { version: 1, name: 'x' },
        })
      ).statusCode,
    ).toBe(404);
    expect((await callB({ method: 'DELETE', url: `/api/v1/customer-tags/${tag.id}` })).statusCode).toBe(404);
    // The same name is free in another company.
    expect(
      (await callB({ method: 'POST', url: '/api/v1/customer-tags', payload: { name: 'Secret' } })).statusCode,
    ).toBe(201);
  });
});
