import type { Contact, Customer } from '@contracts/customers.contract';
import type { Lead } from '@contracts/leads.contract';
import type { Notification } from '@contracts/notifications.contract';
import { describe, expect, it } from 'vitest';
import { addUser, as, newTenant, type Session, useTestApp } from '../../../../test/helper';
import { withTenant } from '../../../platform/db/tenancy';
import { notify } from '../../notifications';

/** After a merge, nothing still points at the merged-away record: leads' duplicate lists and notifications. */

const t = await useTestApp();

async function post<T>(s: Session, url: string, payload: Record<string, unknown>, status = 201): Promise<T> {
  const res = await as(t, s)({ method: 'POST', url, payload });
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
}

async function getLead(s: Session, id: string): Promise<Lead> {
  const res = await as(t, s)({ method: 'GET', url: `/api/v1/leads/${id}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Lead>();
}

async function notificationsOf(s: Session): Promise<Notification[]> {
  const res = await as(t, s)({ method: 'GET', url: '/api/v1/notifications?limit=50' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: Notification[] }>().items;
}

describe('links to a merged-away record', () => {
  it("rewrites leads' duplicate entries and notifications naming a merged customer to the survivor", async () => {
    const admin = await newTenant(t);
    const rep = await addUser(t, admin, 'rep', 'Rep Sun');
    const tenantId = admin.me.tenant.id;
    const target = await post<Customer>(admin, '/api/v1/customers', {
      name: '苏州恒远精密',
      phone: '0512-6666 1111',
    });
    const source = await post<Customer>(admin, '/api/v1/customers', {
      name: '恒远精密（苏州）',
      phone: '0512-6666 2222',
    });
    const other = await post<Customer>(admin, '/api/v1/customers', { name: '无锡东川电子' });
    // One lead matches the source alone, one matches both (its list names the survivor already).
    const onlySource = await post<Lead>(admin, '/api/v1/leads', {
      companyName: '某公司',
      phone: '0512-6666 2222',
    });
    const both = await post<Lead>(admin, '/api/v1/leads', {
      companyName: '苏州恒远精密',
      phone: '0512-6666 2222',
    });
    const unrelated = await post<Lead>(admin, '/api/v1/leads', { companyName: '无锡东川电子' });
    expect(onlySource.duplicates).toEqual([
      { kind: 'customer', id: source.id, name: source.name, matchedOn: 'phone' },
    ]);
    const customersOf = (l: Lead) => l.duplicates.filter((d) => d.kind === 'customer').map((d) => d.id);
    expect(customersOf(both).sort()).toEqual([target.id, source.id].sort());
    expect(unrelated.duplicates.map((d) => d.id)).toEqual([other.id]);

    await withTenant(t.db, tenantId, async (tx) => {
      for (const customer of [source, target, other]) {
        await notify(tx, {
          tenantId,
          userIds: [rep.userId],
          kind: 'customer_at_risk',
          params: { name: customer.name },
          entity: 'customer',
          entityId: customer.id,
        });
      }
    });

    await post<Customer>(
      admin,
      `/api/v1/customers/${target.id}/merge`,
      {
        sourceId: source.id,
        version: target.version,
        sourceVersion: source.version,
        choices: { name: 'source' },
      },
      200,
    );

    // The survivor now carries the source's name (chosen), and the entries say so.
    expect((await getLead(admin, onlySource.id)).duplicates).toEqual([
      { kind: 'customer', id: target.id, name: source.name, matchedOn: 'phone' },
    ]);
    const bothAfter = await getLead(admin, both.id);
    expect(customersOf(bothAfter)).toEqual([target.id]);
    expect(bothAfter.duplicates).toHaveLength(both.duplicates.length - 1);
    expect((await getLead(admin, unrelated.id)).duplicates.map((d) => d.id)).toEqual([other.id]);

    const notices = await notificationsOf(rep.session);
    expect(notices.map((n) => n.entityId).sort()).toEqual([target.id, target.id, other.id].sort());
    expect(notices.every((n) => n.entity === 'customer')).toBe(true);
  });

  it("rewrites leads' duplicate entries and notifications naming a merged contact to the survivor", async () => {
    const admin = await newTenant(t);
    const tenantId = admin.me.tenant.id;
    const customer = await post<Customer>(admin, '/api/v1/customers', { name: '宁波海曙纺织' });
    const target = await post<Contact>(admin, '/api/v1/contacts', {
      customerId: customer.id,
      name: '陈静',
      email: 'chen.jing@haishu.cn',
    });
    const source = await post<Contact>(admin, '/api/v1/contacts', {
      customerId: customer.id,
      name: '陈静 (采购)',
      email: 'cj@haishu.cn',
    });
    const lead = await post<Lead>(admin, '/api/v1/leads', { contactName: '陈静', email: 'cj@haishu.cn' });
    expect(lead.duplicates).toEqual([
      { kind: 'contact', id: source.id, name: source.name, matchedOn: 'email' },
    ]);
    await withTenant(t.db, tenantId, (tx) =>
      notify(tx, {
        tenantId,
        userIds: [admin.me.user.id],
        kind: 'task_due',
        params: { subject: '回访' },
        entity: 'contact',
        entityId: source.id,
      }),
    );

    await post<Contact>(
      admin,
      `/api/v1/contacts/${target.id}/merge`,
      { sourceId: source.id, version: target.version, sourceVersion: source.version, choices: {} },
      200,
    );

    expect((await getLead(admin, lead.id)).duplicates).toEqual([
      { kind: 'contact', id: target.id, name: target.name, matchedOn: 'email' },
    ]);
    const notices = await notificationsOf(admin);
    expect(notices.filter((n) => n.entity === 'contact').map((n) => n.entityId)).toEqual([target.id]);
  });
});
