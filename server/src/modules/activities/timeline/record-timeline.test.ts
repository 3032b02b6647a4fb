import type { TimelineItem } from '@contracts/activities.contract';
import type { Lead } from '@contracts/leads.contract';
import { describe, expect, it } from 'vitest';
import { as, type Session, useTestApp } from '../../../../test/helper';
import { account, type Company, company, fieldsOf, logActivity } from '../activity-fixtures';

/** The unified timeline of customers, contacts and deals: what it holds, its order, its pages, who sees it. */

const t = await useTestApp();

type Page = { items: TimelineItem[]; nextCursor: string | null };

const HOUR = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

const idOf = (item: TimelineItem) =>
  item.type === 'activity' ? item.activity.id : item.type === 'event' ? item.event.id : item.change.id;

async function timeline(s: Session, path: string, query = ''): Promise<Page> {
  const res = await as(t, s)({ method: 'GET', url: `/api/v1/${path}/timeline${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Page>();
}

async function allPages(s: Session, path: string, limit: number, types = ''): Promise<TimelineItem[]> {
  const items: TimelineItem[] = [];
  let cursor: string | null = null;
  do {
    const page: Page = await timeline(
      s,
      path,
      `?limit=${limit}${types ? `&types=${types}` : ''}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** A lead with two behaviour events and a call, converted into a new customer, contact and deal. */
async function convertedLead(c: Company) {
  const call = as(t, c.admin);
  const created = await call({
    method: 'POST',
    url: '/api/v1/leads',
    payload: { companyName: '华东精密制造', contactName: '周敏', email: 'zhou@jm.cn', ownerId: c.rep.userId },
  });
  const lead = created.json<Lead>();
  const events = await call({
    method: 'POST',
    url: '/api/v1/lead-events',
    payload: {
      events: [
        { leadId: lead.id, kind: 'download', title: '制造业白皮书', occurredAt: ago(50) },
        { leadId: lead.id, kind: 'webinar', title: 'MES 网络研讨会', occurredAt: ago(40) },
      ],
    },
  });
  expect(events.json<{ stored: number }>().stored).toBe(2);
  await logActivity(t, c.rep.session, {
    kind: 'call',
    subject: '首次电话',
    leadId: lead.id,
    occurredAt: ago(30),
  });
  const current = (await call({ method: 'GET', url: `/api/v1/leads/${lead.id}` })).json<Lead>();
  const sql = await call({
    method: 'PATCH',
    url: `/api/v1/leads/${lead.id}`,
    payload: { version: current.version, status: 'sql' },
  });
  const converted = await call({
    method: 'POST',
    url: `/api/v1/leads/${lead.id}/convert`,
    payload: {
      version: sql.json<Lead>().version,
      customer: { mode: 'new' },
      contact: { mode: 'new' },
      deal: { name: 'MES 一期', amountMinor: 50_000_000, currency: 'CNY' },
    },
  });
  expect(converted.statusCode, converted.body).toBe(200);
  const ids = converted.json<{ customerId: string; contactId: string; dealId: string }>();
  return { leadId: lead.id, ...ids };
}

describe('the customer timeline', () => {
  it('merges activities, the converted lead’s events and changes, and the customer’s changes, newest first', async () => {
    const c = await company(t);
    const conv = await convertedLead(c);
    const visit = await logActivity(t, c.rep.session, {
      kind: 'visit',
      subject: '现场调研',
      location: '苏州工业园区',
      customerId: conv.customerId,
      occurredAt: ago(2),
    });
    const page = await timeline(c.rep.session, `customers/${conv.customerId}`, '?limit=100');
    const kinds = page.items.map((i) =>
      i.type === 'activity'
        ? `activity:${i.activity.kind}`
        : i.type === 'event'
          ? `event:${i.event.kind}`
          : `change:${i.change.entity}:${i.change.action}`,
    );
    expect(kinds).toEqual(
      expect.arrayContaining(['activity:visit', 'activity:call', 'event:download', 'event:webinar']),
    );
    expect(kinds).toContain('change:lead:convert');
    expect(kinds).toContain('change:customer:create');
    // The lead's "activity" change is the call itself: shown once, as the activity.
    expect(kinds).not.toContain('change:lead:activity');
    const order = page.items.map((i) => [i.at, idOf(i)] as const);
    const sorted = [...order].sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? 1 : -1) : a[0] < b[0] ? 1 : -1));
    expect(order).toEqual(sorted);
    expect(page.nextCursor).toBeNull();
    const visitItem = page.items.find((i) => i.type === 'activity' && i.activity.id === visit.id);
    expect(visitItem).toMatchObject({
      at: visit.occurredAt,
      activity: { location: '苏州工业园区', ownerName: 'Rep Li' },
    });
  });

  it('pages through the merged history without gaps or repeats, and filters by type', async () => {
    const c = await company(t);
    const conv = await convertedLead(c);
    for (let i = 0; i < 4; i++) {
      await logActivity(t, c.rep.session, {
        kind: 'note',
        subject: `note ${i}`,
        customerId: conv.customerId,
        // Two notes at the same instant: the cursor's id keeps them apart.
        occurredAt: ago(10 + Math.min(i, 2)),
      });
    }
    const whole = (await timeline(c.rep.session, `customers/${conv.customerId}`, '?limit=200')).items.map(
      idOf,
    );
    for (const limit of [1, 2, 3]) {
      expect((await allPages(c.rep.session, `customers/${conv.customerId}`, limit)).map(idOf)).toEqual(whole);
    }
    const events = await allPages(c.rep.session, `customers/${conv.customerId}`, 1, 'event');
    expect(events.map((i) => i.type)).toEqual(['event', 'event']);
    const notChanges = await timeline(c.rep.session, `customers/${conv.customerId}`, '?types=activity,event');
    expect(notChanges.items.some((i) => i.type === 'change')).toBe(false);
    const bad = await as(
      t,
      c.rep.session,
    )({
      method: 'GET',
      url: `/api/v1/customers/${conv.customerId}/timeline?types=gossip`,
    });
    expect(fieldsOf(bad.body)[0]?.[0]).toBe('types.0');
  });

  it('is the contact’s and the deal’s own history for them, and hidden from those who cannot see the record', async () => {
    const c = await company(t);
    const conv = await convertedLead(c);
    const other = await account(c, 'Other Co', c.rep.userId);
    const onContact = await logActivity(t, c.rep.session, {
      kind: 'email',
      subject: 'to Zhou',
      contactId: conv.contactId,
    });
    const onDeal = await logActivity(t, c.rep.session, {
      kind: 'meeting',
      subject: 'deal review',
      dealId: conv.dealId,
    });
    await logActivity(t, c.rep.session, { kind: 'note', subject: 'elsewhere', customerId: other.customerId });
    const contactItems = (await timeline(c.rep.session, `contacts/${conv.contactId}`)).items;
    const contactActivities = contactItems.filter((i) => i.type === 'activity').map(idOf);
    expect(contactActivities).toContain(onContact.id);
    expect(contactActivities).not.toContain(onDeal.id);
    expect(contactItems.some((i) => i.type === 'change' && i.change.entity === 'contact')).toBe(true);
    const dealItems = (await timeline(c.rep.session, `deals/${conv.dealId}`)).items;
    expect(dealItems.filter((i) => i.type === 'activity').map(idOf)).toContain(onDeal.id);
    expect(dealItems.filter((i) => i.type === 'event')).toHaveLength(2);
    const customerActivities = (
      await timeline(c.rep.session, `customers/${conv.customerId}`, '?types=activity')
    ).items;
    expect(customerActivities.map(idOf)).toEqual(expect.arrayContaining([onContact.id, onDeal.id]));

    for (const path of [
      `customers/${conv.customerId}`,
      `contacts/${conv.contactId}`,
      `deals/${conv.dealId}`,
    ]) {
      const res = await as(t, c.outsider.session)({ method: 'GET', url: `/api/v1/${path}/timeline` });
      expect(res.statusCode, path).toBe(404);
    }
    expect((await timeline(c.manager.session, `customers/${conv.customerId}`)).items.length).toBeGreaterThan(
      0,
    );
  });
});
