import type { CalendarEntry } from '@contracts/activities.contract';
import { describe, expect, it } from 'vitest';
import { as, movableClock, type Session, useTestApp } from '../../../../test/helper';
import { account, company, fieldsOf, logActivity } from '../activity-fixtures';
import { newFeedKey } from './feed-key';

/** The calendar in the app and as an ICS feed behind a secret URL. */

const clock = movableClock(new Date('2030-06-03T00:00:00.000Z'));
const t = await useTestApp({}, { clock });

type Calendar = { items: CalendarEntry[]; truncated: boolean };

async function calendar(s: Session, query: string) {
  return as(t, s)({ method: 'GET', url: `/api/v1/calendar?${query}` });
}

const range = (from: string, to: string) => `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;

/** The path of a feed URL (the app is reached through inject, not its public address). */
const pathOf = (url: string) => new URL(url).pathname;

async function week(c: Awaited<ReturnType<typeof company>>) {
  const acct = await account(c, 'Calendar Co', c.rep.userId);
  const s = c.rep.session;
  const meeting = await logActivity(t, s, {
    kind: 'meeting',
    subject: 'Demo, with IT; bring slides',
    body: 'Agenda:\n1. demo\n2. 报价',
    location: '上海, 浦东',
    occurredAt: '2030-06-04T02:00:00.000Z',
    endsAt: '2030-06-04T03:30:00.000Z',
    remindAt: '2030-06-04T01:45:00.000Z',
    customerId: acct.customerId,
  });
  const visit = await logActivity(t, s, {
    kind: 'visit',
    subject: 'Site visit',
    location: 'Plant 2',
    occurredAt: '2030-06-05T06:00:00.000Z',
    customerId: acct.customerId,
  });
  const task = await logActivity(t, s, {
    kind: 'task',
    subject: 'Send quote',
    dueAt: '2030-06-06T09:00:00.000Z',
    customerId: acct.customerId,
  });
  const call = await logActivity(t, s, {
    kind: 'call',
    subject: 'Not on the calendar',
    occurredAt: '2030-06-02T09:00:00.000Z',
    customerId: acct.customerId,
  });
  const later = await logActivity(t, s, {
    kind: 'task',
    subject: 'Next month',
    dueAt: '2030-07-06T09:00:00.000Z',
    customerId: acct.customerId,
  });
  return { meeting, visit, task, call, later };
}

describe('the calendar', () => {
  it('shows a person’s meetings, visits and tasks in the range, in time order', async () => {
    const c = await company(t);
    const w = await week(c);
    const res = await calendar(c.rep.session, range('2030-06-03T00:00:00Z', '2030-06-10T00:00:00Z'));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<Calendar>();
    expect(body.items.map((i) => i.activity.id)).toEqual([w.meeting.id, w.visit.id, w.task.id]);
    expect(body.items[0]).toMatchObject({ start: w.meeting.occurredAt, end: w.meeting.endsAt });
    expect(body.items[2]).toMatchObject({ start: w.task.dueAt, end: null });
    // A meeting that began before the range but runs into it is shown.
    const overlap = await calendar(c.rep.session, range('2030-06-04T03:00:00Z', '2030-06-04T04:00:00Z'));
    expect(overlap.json<Calendar>().items.map((i) => i.activity.id)).toEqual([w.meeting.id]);
  });

  it('shows managers their team members’ calendars, and nobody else’s', async () => {
    const c = await company(t);
    const w = await week(c);
    const q = `${range('2030-06-03T00:00:00Z', '2030-06-10T00:00:00Z')}&userId=${c.rep.userId}`;
    expect((await calendar(c.manager.session, q)).json<Calendar>().items).toHaveLength(3);
    expect((await calendar(c.admin, q)).json<Calendar>().items.map((i) => i.activity.id)).toContain(
      w.task.id,
    );
    expect((await calendar(c.otherRep.session, q)).statusCode).toBe(403);
    expect((await calendar(c.outsider.session, q)).statusCode).toBe(403);
    const people = await as(t, c.manager.session)({ method: 'GET', url: '/api/v1/activities/people' });
    const names = people.json<{ items: { name: string }[] }>().items.map((p) => p.name);
    expect(names[0]).toBe('Manager Ma');
    expect([...names].sort()).toEqual(['Manager Ma', 'Rep Li', 'Rep Zhao']);
  });

  it('refuses a backwards or overlong range, naming the field', async () => {
    const c = await company(t);
    expect(
      fieldsOf((await calendar(c.rep.session, range('2030-06-03T00:00:00Z', '2030-06-02T00:00:00Z'))).body),
    ).toEqual([['to', 'ends_before_start']]);
    expect(
      fieldsOf((await calendar(c.rep.session, range('2030-01-01T00:00:00Z', '2030-06-01T00:00:00Z'))).body),
    ).toEqual([['to', 'range_too_long']]);
    expect(
      fieldsOf((await calendar(c.rep.session, 'from=yesterday&to=tomorrow')).body).map((f) => f[0]),
    ).toEqual(['from', 'to']);
  });
});

describe('the ICS feed', () => {
  it('serves the person’s calendar as RFC 5545 text behind a URL shown once', async () => {
    const c = await company(t);
    const w = await week(c);
    const call = as(t, c.rep.session);
    expect((await call({ method: 'GET', url: '/api/v1/calendar/feed' })).json()).toEqual({
      active: false,
      createdAt: null,
    });
    const created = await call({ method: 'POST', url: '/api/v1/calendar/feed' });
    expect(created.statusCode).toBe(201);
    const { url } = created.json<{ url: string }>();
    expect(url).toMatch(/^http:\/\/localhost:\d+\/ical\/[A-Za-z0-9_-]{86}\.ics$/);
    expect((await call({ method: 'GET', url: '/api/v1/calendar/feed' })).json()).toMatchObject({
      active: true,
    });

    const feed = await t.app.inject({ method: 'GET', url: pathOf(url) });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const text = feed.body;
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    const lines = text.split('\r\n');
    expect(lines).toContain('X-WR-CALNAME:Closeloop calendar · Rep Li');
    expect(lines).toContain(`UID:${w.meeting.id}@closeloop`);
    expect(lines).toContain('SUMMARY:Demo\\, with IT\\; bring slides');
    expect(lines).toContain('DESCRIPTION:Agenda:\\n1. demo\\n2. 报价');
    expect(lines).toContain('LOCATION:上海\\, 浦东');
    expect(lines).toContain('DTSTART:20300604T020000Z');
    expect(lines).toContain('DTEND:20300604T033000Z');
    expect(lines).toContain('TRIGGER;VALUE=DATE-TIME:20300604T014500Z');
    expect(lines).toContain('SUMMARY:Task: Send quote');
    expect(lines).toContain('DTSTART:20300606T090000Z');
    expect(text).toContain(`UID:${w.later.id}@closeloop`);
    expect(text).not.toContain(w.call.id);
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(4);
  });

  it('stops the old URL when a new one is made or the feed is switched off, and knows no forged key', async () => {
    const c = await company(t);
    const call = as(t, c.rep.session);
    const first = (await call({ method: 'POST', url: '/api/v1/calendar/feed' })).json<{ url: string }>().url;
    const second = (await call({ method: 'POST', url: '/api/v1/calendar/feed' })).json<{ url: string }>().url;
    expect(second).not.toBe(first);
    expect((await t.app.inject({ method: 'GET', url: pathOf(first) })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: pathOf(second) })).statusCode).toBe(200);

    // Right tenant and user, wrong secret; a key of the right shape for another user; garbage.
    const forged = newFeedKey(c.tenantId, c.rep.userId).key;
    const otherUser = newFeedKey(c.tenantId, c.otherRep.userId).key;
    for (const path of [
      `/ical/${forged}.ics`,
      `/ical/${otherUser}.ics`,
      '/ical/nonsense.ics',
      pathOf(second).slice(0, -4),
    ]) {
      const res = await t.app.inject({ method: 'GET', url: path });
      expect(res.statusCode, path).toBe(404);
    }

    expect((await call({ method: 'DELETE', url: '/api/v1/calendar/feed' })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: pathOf(second) })).statusCode).toBe(404);
    const audit = await c.call({
      method: 'GET',
      url: `/api/v1/audit-log?entity=calendar_feed&entityId=${c.rep.userId}`,
    });
    expect(
      audit
        .json<{ items: { action: string }[] }>()
        .items.map((i) => i.action)
        .sort(),
    ).toEqual(['create', 'create', 'delete']);
  });

  it('goes dark for a deactivated user', async () => {
    const c = await company(t);
    const { url } = (await as(t, c.otherRep.session)({ method: 'POST', url: '/api/v1/calendar/feed' })).json<{
      url: string;
    }>();
    expect((await t.app.inject({ method: 'GET', url: pathOf(url) })).statusCode).toBe(200);
    const off = await c.call({ method: 'POST', url: `/api/v1/users/${c.otherRep.userId}/deactivate` });
    expect(off.statusCode, off.body).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: pathOf(url) })).statusCode).toBe(404);
  });
});
