import type { Complaint, CustomerUsage } from '@contracts/after-sales.contract';
import type { Customer } from '@contracts/customers.contract';
import type { CustomerRetention } from '@contracts/retention.contract';
import { describe, expect, it } from 'vitest';
import { addUser, as, bearer, movableClock, newTenant, type Session, useTestApp } from '../../../test/helper';

/** Complaints and reported usage, who sees and handles them, and the health signals they raise. */

// 10:00 in Shanghai: the company's day and UTC's are the same day.
const clock = movableClock(new Date('2031-06-15T02:00:00.000Z'));
const t = await useTestApp({}, { clock });

type Problem = { code: string; errors?: { path: string; code: string }[] };

async function company() {
  const admin = await newTenant(t);
  const call = as(t, admin);
  const rep = await addUser(t, admin, 'rep', 'Rep Rao');
  const other = await addUser(t, admin, 'rep', 'Rep Other');
  const customer = (
    await call({
      method: 'POST',
      url: '/api/v1/customers',
      payload: { name: '苏州售后客户', ownerId: rep.userId },
    })
  ).json<Customer>();
  const contact = (
    await call({
      method: 'POST',
      url: '/api/v1/contacts',
      payload: { customerId: customer.id, name: '王经理', email: 'wang@example.cn' },
    })
  ).json<{ id: string }>();
  return { admin, call, rep, other, customer, contactId: contact.id };
}

async function complain(s: Session, payload: Record<string, unknown>, status = 201): Promise<Complaint> {
  const res = await as(t, s)({ method: 'POST', url: '/api/v1/complaints', payload });
  expect(res.statusCode, res.body).toBe(status);
  return res.json<Complaint>();
}

async function health(s: Session, customerId: string): Promise<CustomerRetention['health']> {
  const res = await as(t, s)({ method: 'POST', url: `/api/v1/customers/${customerId}/retention/refresh` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<CustomerRetention>().health;
}

const dayBefore = (n: number) => new Date(clock.now().getTime() - n * 86_400_000).toISOString().slice(0, 10);

describe('complaints', () => {
  it('are recorded for a visible customer, handled by its owner, resolved with a resolution and reopened', async () => {
    const c = await company();
    const made = await complain(c.rep.session, {
      customerId: c.customer.id,
      contactId: c.contactId,
      title: '  系统上线后报表导出失败  ',
      category: 'product',
      severity: 'high',
      receivedAt: new Date(clock.now().getTime() - 3 * 86_400_000).toISOString(),
    });
    expect(made).toMatchObject({
      title: '系统上线后报表导出失败',
      customerName: '苏州售后客户',
      contactName: '王经理',
      status: 'open',
      severity: 'high',
      ownerId: c.rep.userId,
      ownerName: 'Rep Rao',
      ageDays: 3,
      resolvedAt: null,
      version: 1,
    });

    // Resolving needs what was done.
    const bare = await as(
      t,
      c.rep.session,
    )({
      method: 'PATCH',
      url: `/api/v1/complaints/${made.id}`,
      payload: { version: 1, status: 'resolved' },
    });
    expect(bare.statusCode).toBe(400);
    expect(bare.json<Problem>().errors?.[0]).toMatchObject({ path: 'resolution', code: 'required' });

    clock.advance(86_400_000);
    const resolved = (
      await as(
        t,
        c.rep.session,
      )({
        method: 'PATCH',
        url: `/api/v1/complaints/${made.id}`,
        payload: { version: 1, status: 'resolved', resolution: '补丁已发布，客户确认导出正常' },
      })
    ).json<Complaint>();
    expect(resolved).toMatchObject({ status: 'resolved', ageDays: 4, version: 2 });
    expect(resolved.resolvedAt).toBe(clock.now().toISOString());

    // A stale version is refused; reopening clears the resolution.
    const stale = await as(
      t,
      c.rep.session,
    )({
      method: 'PATCH',
      url: `/api/v1/complaints/${made.id}`,
      payload: { version: 1, status: 'open' },
    });
    expect(stale.statusCode).toBe(412);
    const reopened = (
      await as(
        t,
        c.rep.session,
      )({
        method: 'PATCH',
        url: `/api/v1/complaints/${made.id}`,
        payload: { version: 2, status: 'open' },
      })
    ).json<Complaint>();
    expect(reopened).toMatchObject({ status: 'open', resolution: null, resolvedAt: null, version: 3 });

    const list = (
      await c.call({ method: 'GET', url: `/api/v1/complaints?customerId=${c.customer.id}&status=open` })
    ).json<{ items: Complaint[] }>();
    expect(list.items.map((i) => i.id)).toEqual([made.id]);

    // The customer's timeline shows the complaint received, resolved and reopened.
    const timeline = (
      await c.call({ method: 'GET', url: `/api/v1/customers/${c.customer.id}/timeline?limit=50` })
    ).json<{ items: { type: string; change?: { action: string } | null }[] }>();
    const actions = timeline.items.flatMap((i) => (i.change ? [i.change.action] : []));
    expect(actions).toEqual(
      expect.arrayContaining(['complaint_received', 'complaint_resolved', 'complaint_reopened']),
    );
  });

  it('are seen by whoever sees the customer, and not by another rep or company', async () => {
    const c = await company();
    const made = await complain(c.admin, { customerId: c.customer.id, title: '发货延迟' });
    const mine = (await as(t, c.rep.session)({ method: 'GET', url: '/api/v1/complaints' })).json<{
      items: Complaint[];
    }>();
    expect(mine.items.map((i) => i.id)).toEqual([made.id]);

    const theirs = (await as(t, c.other.session)({ method: 'GET', url: '/api/v1/complaints' })).json<{
      items: Complaint[];
    }>();
    expect(theirs.items).toEqual([]);
    const hidden = await as(t, c.other.session)({ method: 'GET', url: `/api/v1/complaints/${made.id}` });
    expect(hidden.statusCode).toBe(404);
    await complain(c.other.session, { customerId: c.customer.id, title: '越权' }, 404);

    const stranger = await newTenant(t);
    expect((await as(t, stranger)({ method: 'GET', url: `/api/v1/complaints/${made.id}` })).statusCode).toBe(
      404,
    );
    const patch = await as(
      t,
      stranger,
    )({
      method: 'PATCH',
      url: `/api/v1/complaints/${made.id}`,
      payload: { version: 1, title: 'x' },
    });
    expect(patch.statusCode).toBe(404);
  });

  it('name bad input by field', async () => {
    const c = await company();
    const otherCustomer = (
      await c.call({ method: 'POST', url: '/api/v1/customers', payload: { name: '另一个客户' } })
    ).json<Customer>();
    const res = await c.call({
      method: 'POST',
      url: '/api/v1/complaints',
      payload: { customerId: otherCustomer.id, contactId: c.contactId, title: 'x', ownerId: c.customer.id },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<Problem>().errors?.map((e) => [e.path, e.code])).toEqual([
      ['contactId', 'contact_other_customer'],
      ['ownerId', 'unknown_user'],
    ]);
    const future = await c.call({
      method: 'POST',
      url: '/api/v1/complaints',
      payload: {
        customerId: c.customer.id,
        title: 'x',
        receivedAt: new Date(clock.now().getTime() + 3_600_000).toISOString(),
      },
    });
    expect(future.json<Problem>().errors?.[0]).toMatchObject({ path: 'receivedAt', code: 'in_future' });
    const bad = await c.call({
      method: 'POST',
      url: '/api/v1/complaints',
      payload: { customerId: c.customer.id, title: '', severity: 'urgent' },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json<Problem>()
        .errors?.map((e) => e.path)
        .sort(),
    ).toEqual(['severity', 'title']);
  });
});

describe('usage', () => {
  it('is pushed with an API token, a day reported again replaces its value, and the card compares the windows', async () => {
    const c = await company();
    const token = (
      await c.call({
        method: 'POST',
        url: '/api/v1/me/tokens',
        payload: { name: 'usage feed', scopes: ['write'] },
      })
    ).json<{ secret: string }>();
    const push = (records: unknown[]) =>
      bearer(t, token.secret)({ method: 'POST', url: '/api/v1/usage', payload: { records } });
    const older = Array.from({ length: 30 }, (_, i) => ({
      customerId: c.customer.id,
      metric: 'active_users',
      day: dayBefore(30 + i),
      value: 10,
    }));
    const recent = Array.from({ length: 30 }, (_, i) => ({
      customerId: c.customer.id,
      metric: 'active_users',
      day: dayBefore(i),
      value: 4,
    }));
    const first = await push([...older, ...recent]);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ stored: 60 });
    // A retried push of today: replaced, not added.
    expect((await push([{ ...recent[0], value: 6 }])).statusCode).toBe(200);

    const usage = (
      await as(
        t,
        c.rep.session,
      )({ method: 'GET', url: `/api/v1/customers/${c.customer.id}/usage?windowDays=30` })
    ).json<CustomerUsage>();
    expect(usage).toMatchObject({ windowDays: 30, from: dayBefore(59), to: dayBefore(0) });
    const series = usage.metrics[0];
    expect(series?.days).toHaveLength(60);
    expect(series).toMatchObject({ metric: 'active_users', previousTotal: 300, recentTotal: 122 });
    expect(series?.changePercent).toBe(-59.3);

    // Usage fell by more than 30 %: the health score loses the usageFalling points, with the fall as its value.
    const h = await health(c.rep.session, c.customer.id);
    expect(h.signals.find((s) => s.signal === 'usageFalling')).toMatchObject({ points: 20, value: 59 });
  });

  it('refuses unknown customers, future days and bad metrics by field, storing nothing', async () => {
    const c = await company();
    const stranger = await newTenant(t);
    const foreign = (
      await as(t, stranger)({ method: 'POST', url: '/api/v1/customers', payload: { name: 'Foreign' } })
    ).json<Customer>();
    const good = { customerId: c.customer.id, metric: 'logins', day: dayBefore(1), value: 3 };
    const cases: [unknown[], string, string][] = [
      [[good, { ...good, customerId: foreign.id }], 'records.1.customerId', 'unknown_customer'],
      [[good, { ...good, day: dayBefore(-2) }], 'records.1.day', 'in_future'],
    ];
    for (const [records, path, code] of cases) {
      const res = await c.call({ method: 'POST', url: '/api/v1/usage', payload: { records } });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json<Problem>().errors?.[0]).toMatchObject({ path, code });
    }
    const metric = await c.call({
      method: 'POST',
      url: '/api/v1/usage',
      payload: { records: [{ ...good, metric: 'Bad Metric!' }] },
    });
    expect(metric.json<Problem>().errors?.[0]?.path).toBe('records.0.metric');
    const usage = (
      await c.call({ method: 'GET', url: `/api/v1/customers/${c.customer.id}/usage` })
    ).json<CustomerUsage>();
    expect(usage.metrics).toEqual([]);
    expect(
      (await as(t, c.other.session)({ method: 'GET', url: `/api/v1/customers/${c.customer.id}/usage` }))
        .statusCode,
    ).toBe(404);
  });
});

describe('health signals', () => {
  it('an open complaint costs its points until resolved; a customer without earlier usage never counts as falling', async () => {
    const c = await company();
    await c.call({
      method: 'POST',
      url: '/api/v1/usage',
      payload: {
        records: [{ customerId: c.customer.id, metric: 'logins', day: dayBefore(0), value: 1 }],
      },
    });
    const before = await health(c.rep.session, c.customer.id);
    expect(before.signals.map((s) => s.signal)).not.toContain('usageFalling');
    expect(before.signals.map((s) => s.signal)).not.toContain('openComplaints');

    const one = await complain(c.rep.session, { customerId: c.customer.id, title: '培训不到位' });
    await complain(c.rep.session, { customerId: c.customer.id, title: '发票抬头错误', category: 'billing' });
    const open = await health(c.rep.session, c.customer.id);
    expect(open.signals.find((s) => s.signal === 'openComplaints')).toMatchObject({ points: 20, value: 2 });
    expect(open.score).toBe((before.score ?? 0) - 20);

    await as(
      t,
      c.rep.session,
    )({
      method: 'PATCH',
      url: `/api/v1/complaints/${one.id}`,
      payload: { version: 1, status: 'resolved', resolution: '已补充培训' },
    });
    const fewer = await health(c.rep.session, c.customer.id);
    expect(fewer.signals.find((s) => s.signal === 'openComplaints')?.value).toBe(1);
  });
});
