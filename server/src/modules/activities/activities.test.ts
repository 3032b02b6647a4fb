import type { ActivityItem } from '@contracts/activities.contract';
import type { Lead } from '@contracts/leads.contract';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { as, type Session, useTestApp } from '../../../test/helper';
import { withTenant } from '../../platform/db/tenancy';
import { contacts, customers } from '../customers/customers.tables';
import { account, type Company, company, fieldsOf, logActivity } from './activity-fixtures';

const t = await useTestApp();

type Page = { items: ActivityItem[]; nextCursor: string | null };

const HOUR = 3_600_000;
const at = (offsetHours: number) => new Date(Date.now() + offsetHours * HOUR).toISOString();

async function list(s: Session, query: string): Promise<Page> {
  const res = await as(t, s)({ method: 'GET', url: `/api/v1/activities?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Page>();
}

async function auditActions(c: Company, id: string): Promise<string[]> {
  const res = await c.call({ method: 'GET', url: `/api/v1/audit-log?entity=activity&entityId=${id}` });
  return res
    .json<{ items: { action: string }[] }>()
    .items.map((i) => i.action)
    .reverse();
}

async function lead(s: Session, payload: Record<string, unknown>): Promise<Lead> {
  const res = await as(t, s)({ method: 'POST', url: '/api/v1/leads', payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Lead>();
}

describe('logging activities', () => {
  it('logs a call on a customer, audits it and moves the customer’s and contact’s last activity', async () => {
    const c = await company(t);
    const acme = await account(c, '云帆科技', c.rep.userId);
    const call = await logActivity(t, c.rep.session, {
      kind: 'call',
      subject: '首次电话沟通',
      body: '客户关注价格; 下周演示',
      direction: 'outbound',
      contactId: acme.contactId,
      occurredAt: at(-2),
    });
    expect(call).toMatchObject({
      kind: 'call',
      direction: 'outbound',
      customerId: acme.customerId,
      contactId: acme.contactId,
      customerName: '云帆科技',
      contactName: '云帆科技 Contact',
      ownerId: c.rep.userId,
      ownerName: 'Rep Li',
      createdBy: c.rep.userId,
      priority: 'normal',
      can: { edit: true, delete: true },
      version: 1,
    });
    expect(await auditActions(c, call.id)).toEqual(['create']);
    const [customer, contact] = await withTenant(t.db, c.tenantId, async (tx) => [
      (
        await tx
          .select()
          .from(customers)
          .where(and(eq(customers.tenantId, c.tenantId), eq(customers.id, acme.customerId)))
      )[0],
      (
        await tx
          .select()
          .from(contacts)
          .where(and(eq(contacts.tenantId, c.tenantId), eq(contacts.id, acme.contactId)))
      )[0],
    ]);
    expect(customer?.lastActivityAt?.toISOString()).toBe(call.occurredAt);
    expect(contact?.lastActivityAt?.toISOString()).toBe(call.occurredAt);
  });

  it('plans a task with due date, priority, assignee and reminder, and a visit with its place and end', async () => {
    const c = await company(t);
    const acme = await account(c, 'Acme', c.rep.userId);
    const task = await logActivity(t, c.manager.session, {
      kind: 'task',
      subject: 'Send the proposal',
      dueAt: at(48),
      priority: 'high',
      remindAt: at(47),
      ownerId: c.rep.userId,
      dealId: acme.dealId,
    });
    expect(task).toMatchObject({
      kind: 'task',
      ownerId: c.rep.userId,
      createdBy: c.manager.userId,
      priority: 'high',
      dealId: acme.dealId,
      customerId: acme.customerId,
      dealName: 'Acme deal',
      doneAt: null,
      remindedAt: null,
    });
    const endsAt = at(26);
    const visit = await logActivity(t, c.rep.session, {
      kind: 'visit',
      subject: 'On-site demo',
      customerId: acme.customerId,
      occurredAt: at(24),
      endsAt,
      location: '上海市浦东新区张江路 88 号',
    });
    expect(visit).toMatchObject({ location: '上海市浦东新区张江路 88 号', endsAt });
  });

  it('needs a link, and the fields each kind takes, naming the fields', async () => {
    const c = await company(t);
    const acme = await account(c, 'Acme', c.rep.userId);
    const post = (payload: Record<string, unknown>) =>
      as(t, c.rep.session)({ method: 'POST', url: '/api/v1/activities', payload });
    const cases: [Record<string, unknown>, string[][]][] = [
      [{ kind: 'note', subject: 'Nothing linked' }, [['customerId', 'link_required']]],
      [
        { kind: 'visit', subject: 'Where?', customerId: acme.customerId },
        [['location', 'location_required']],
      ],
      [{ kind: 'task', subject: 'When?', customerId: acme.customerId }, [['dueAt', 'due_required']]],
      [
        {
          kind: 'note',
          subject: 'Noted',
          customerId: acme.customerId,
          direction: 'inbound',
          remindAt: at(1),
        },
        [
          ['direction', 'not_for_kind'],
          ['remindAt', 'not_for_kind'],
        ],
      ],
      [
        {
          kind: 'meeting',
          subject: 'Backwards',
          customerId: acme.customerId,
          occurredAt: at(5),
          endsAt: at(4),
        },
        [['endsAt', 'ends_before_start']],
      ],
      [{ kind: 'call', subject: '', customerId: acme.customerId }, [['subject', 'too_small']]],
      [
        { kind: 'call', subject: 'x', customerId: acme.customerId, doneAt: at(0) },
        [['doneAt', 'unrecognized_key']],
      ],
      [{ kind: 'fax', subject: 'x', customerId: acme.customerId }, [['kind', 'invalid_value']]],
    ];
    for (const [payload, expected] of cases) {
      const res = await post(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(fieldsOf(res.body), JSON.stringify(payload)).toEqual(expected);
    }
  });

  it('links only records the caller can see, and a contact or deal of the named customer', async () => {
    const c = await company(t);
    const mine = await account(c, 'Mine', c.rep.userId);
    const theirs = await account(c, 'Theirs', c.outsider.userId);
    const post = (payload: Record<string, unknown>) =>
      as(
        t,
        c.rep.session,
      )({
        method: 'POST',
        url: '/api/v1/activities',
        payload: { kind: 'note', subject: 'x', ...payload },
      });
    expect(fieldsOf((await post({ customerId: theirs.customerId })).body)).toEqual([
      ['customerId', 'unknown_record'],
    ]);
    expect(fieldsOf((await post({ contactId: theirs.contactId, dealId: theirs.dealId })).body)).toEqual([
      ['contactId', 'unknown_record'],
      ['dealId', 'unknown_record'],
    ]);
    expect(fieldsOf((await post({ leadId: '0190f5b4-0000-7000-8000-000000000009' })).body)).toEqual([
      ['leadId', 'unknown_record'],
    ]);
    const admin = await logActivity(t, c.admin, { kind: 'note', subject: 'x', customerId: mine.customerId });
    expect(admin.customerId).toBe(mine.customerId);
    const mixed = await as(
      t,
      c.admin,
    )({
      method: 'POST',
      url: '/api/v1/activities',
      payload: { kind: 'note', subject: 'x', customerId: mine.customerId, contactId: theirs.contactId },
    });
    expect(fieldsOf(mixed.body)).toEqual([['contactId', 'contact_other_customer']]);
  });

  it('stops a lead’s response SLA when a call is logged on it here, as on the lead page', async () => {
    const c = await company(t);
    const l = await lead(c.admin, { companyName: '苏州云图', grade: 'A', ownerId: c.rep.userId });
    expect(l.slaDueAt).not.toBeNull();
    const call = await logActivity(t, c.rep.session, {
      kind: 'call',
      subject: 'First call',
      direction: 'outbound',
      leadId: l.id,
    });
    expect(call.leadId).toBe(l.id);
    const after = (await as(t, c.rep.session)({ method: 'GET', url: `/api/v1/leads/${l.id}` })).json<Lead>();
    expect(after.firstContactAt).not.toBeNull();
    expect(after.status).toBe('contacted');
    const timeline = await as(t, c.rep.session)({ method: 'GET', url: `/api/v1/leads/${l.id}/timeline` });
    expect(timeline.json<{ items: { type: string; activity?: { id: string } }[] }>().items).toContainEqual(
      expect.objectContaining({ type: 'activity', activity: expect.objectContaining({ id: call.id }) }),
    );
  });

  it('refuses a note on a converted lead', async () => {
    const c = await company(t);
    const l = await lead(c.admin, { companyName: 'Converted Co', contactName: 'Wu', ownerId: c.rep.userId });
    const sql = await as(
      t,
      c.admin,
    )({
      method: 'PATCH',
      url: `/api/v1/leads/${l.id}`,
      payload: { version: l.version, status: 'sql' },
    });
    const converted = await as(
      t,
      c.admin,
    )({
      method: 'POST',
      url: `/api/v1/leads/${l.id}/convert`,
      payload: {
        version: sql.json<Lead>().version,
        customer: { mode: 'new' },
        contact: { mode: 'new' },
        deal: null,
      },
    });
    expect(converted.statusCode, converted.body).toBe(200);
    const res = await as(
      t,
      c.admin,
    )({
      method: 'POST',
      url: '/api/v1/activities',
      payload: { kind: 'note', subject: 'late', leadId: l.id },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json<{ code: string }>().code).toBe('lead_converted');
  });
});

describe('who sees and changes which activity', () => {
  it('shows reps their own, managers their team’s, admins everyone’s, and a visible record’s to all who see it', async () => {
    const c = await company(t);
    const repAcct = await account(c, 'Rep account', c.rep.userId);
    const outAcct = await account(c, 'Outside account', c.outsider.userId);
    const byRep = await logActivity(t, c.rep.session, {
      kind: 'call',
      subject: 'rep',
      customerId: repAcct.customerId,
    });
    const byManager = await logActivity(t, c.manager.session, {
      kind: 'note',
      subject: 'manager on rep account',
      customerId: repAcct.customerId,
    });
    const byOutsider = await logActivity(t, c.outsider.session, {
      kind: 'call',
      subject: 'outsider',
      customerId: outAcct.customerId,
    });
    const ids = (p: Page) => p.items.map((i) => i.id).sort();
    expect(ids(await list(c.rep.session, ''))).toEqual([byRep.id]);
    expect(ids(await list(c.otherRep.session, ''))).toEqual([]);
    expect(ids(await list(c.manager.session, ''))).toEqual([byRep.id, byManager.id].sort());
    expect(ids(await list(c.admin, ''))).toEqual([byRep.id, byManager.id, byOutsider.id].sort());
    // The rep sees everything on their own customer, but may change only what is theirs.
    const onMine = await list(c.rep.session, `customerId=${repAcct.customerId}`);
    expect(ids(onMine)).toEqual([byRep.id, byManager.id].sort());
    expect(onMine.items.find((i) => i.id === byManager.id)?.can).toEqual({ edit: false, delete: false });
    const edit = await as(
      t,
      c.rep.session,
    )({
      method: 'PATCH',
      url: `/api/v1/activities/${byManager.id}`,
      payload: { version: 1, subject: 'mine now' },
    });
    expect(edit.statusCode).toBe(403);
    // Someone who sees neither the people nor the record learns nothing.
    expect(
      (await as(t, c.outsider.session)({ method: 'GET', url: `/api/v1/activities/${byRep.id}` })).statusCode,
    ).toBe(404);
    expect(ids(await list(c.outsider.session, `customerId=${repAcct.customerId}`))).toEqual([]);
    expect(
      (await as(t, c.manager.session)({ method: 'GET', url: `/api/v1/activities/${byRep.id}` })).statusCode,
    ).toBe(200);
  });

  it('lets reps assign to themselves only, managers to their team, admins to anyone', async () => {
    const c = await company(t);
    const acct = await account(c, 'Assign Co', null);
    const task = (s: Session, ownerId: string) =>
      as(
        t,
        s,
      )({
        method: 'POST',
        url: '/api/v1/activities',
        payload: { kind: 'task', subject: 'Follow up', dueAt: at(24), ownerId, customerId: acct.customerId },
      });
    expect(fieldsOf((await task(c.admin, c.outsider.userId)).body)).toEqual([]);
    const byRep = await task(c.rep.session, c.otherRep.userId);
    expect(byRep.statusCode).toBe(400);
    expect(fieldsOf(byRep.body)).toEqual([['ownerId', 'not_permitted']]);
    expect((await task(c.manager.session, c.otherRep.userId)).statusCode).toBe(201);
    expect(fieldsOf((await task(c.manager.session, c.outsider.userId)).body)).toEqual([
      ['ownerId', 'not_permitted'],
    ]);
  });
});

describe('changing activities', () => {
  it('edits with the version read, refuses a stale one, and fires a moved reminder again', async () => {
    const c = await company(t);
    const acct = await account(c, 'Edit Co', c.rep.userId);
    const meeting = await logActivity(t, c.rep.session, {
      kind: 'meeting',
      subject: 'Kick-off',
      customerId: acct.customerId,
      occurredAt: at(24),
      remindAt: at(23),
    });
    const call = as(t, c.rep.session);
    const noVersion = await call({
      method: 'PATCH',
      url: `/api/v1/activities/${meeting.id}`,
      payload: { subject: 'x' },
    });
    expect(noVersion.statusCode).toBe(428);
    const ok = await call({
      method: 'PATCH',
      url: `/api/v1/activities/${meeting.id}`,
      payload: { version: 1, subject: 'Kick-off with IT', location: 'Room 3', remindAt: at(22) },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<ActivityItem>()).toMatchObject({
      subject: 'Kick-off with IT',
      location: 'Room 3',
      version: 2,
    });
    expect(ok.headers.etag).toBe('"2"');
    const stale = await call({
      method: 'PATCH',
      url: `/api/v1/activities/${meeting.id}`,
      payload: { version: 1, subject: 'Lost update' },
    });
    expect(stale.statusCode).toBe(412);
    const badField = await call({
      method: 'PATCH',
      url: `/api/v1/activities/${meeting.id}`,
      payload: { version: 2, dueAt: at(1) },
    });
    expect(fieldsOf(badField.body)).toEqual([['dueAt', 'not_for_kind']]);
    const leadLink = await call({
      method: 'PATCH',
      url: `/api/v1/activities/${meeting.id}`,
      payload: { version: 2, leadId: meeting.id },
    });
    expect(fieldsOf(leadLink.body)).toEqual([['leadId', 'unrecognized_key']]);
    expect(await auditActions(c, meeting.id)).toEqual(['create', 'update']);
  });

  it('completes and reopens tasks only, audited', async () => {
    const c = await company(t);
    const acct = await account(c, 'Task Co', c.rep.userId);
    const task = await logActivity(t, c.rep.session, {
      kind: 'task',
      subject: 'Call back',
      dueAt: at(2),
      customerId: acct.customerId,
    });
    const call = as(t, c.rep.session);
    const done = await call({
      method: 'POST',
      url: `/api/v1/activities/${task.id}/complete`,
      payload: { version: 1 },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json<ActivityItem>().doneAt).not.toBeNull();
    const again = await call({
      method: 'POST',
      url: `/api/v1/activities/${task.id}/complete`,
      payload: { version: 1 },
    });
    expect(again.statusCode).toBe(412);
    const reopened = await call({
      method: 'POST',
      url: `/api/v1/activities/${task.id}/reopen`,
      payload: { version: 2 },
    });
    expect(reopened.json<ActivityItem>()).toMatchObject({ doneAt: null, version: 3 });
    expect(await auditActions(c, task.id)).toEqual(['create', 'complete', 'reopen']);
    const note = await logActivity(t, c.rep.session, {
      kind: 'note',
      subject: 'n',
      customerId: acct.customerId,
    });
    const notTask = await call({
      method: 'POST',
      url: `/api/v1/activities/${note.id}/complete`,
      payload: { version: 1 },
    });
    expect(notTask.statusCode).toBe(409);
    expect(notTask.json<{ code: string }>().code).toBe('not_a_task');
  });

  it('deletes for the owner or their manager, audited, and never for a colleague', async () => {
    const c = await company(t);
    const acct = await account(c, 'Delete Co', c.rep.userId);
    const a = await logActivity(t, c.rep.session, {
      kind: 'note',
      subject: 'oops',
      customerId: acct.customerId,
    });
    const del = (s: Session) => as(t, s)({ method: 'DELETE', url: `/api/v1/activities/${a.id}` });
    expect((await del(c.otherRep.session)).statusCode).toBe(404);
    expect((await del(c.manager.session)).statusCode).toBe(204);
    expect(
      (await as(t, c.rep.session)({ method: 'GET', url: `/api/v1/activities/${a.id}` })).statusCode,
    ).toBe(404);
    expect(await auditActions(c, a.id)).toEqual(['create', 'delete']);
  });
});

describe('listing activities', () => {
  it('filters by kind, open and overdue tasks and time, and pages without gaps or repeats', async () => {
    const c = await company(t);
    const acct = await account(c, 'List Co', c.rep.userId);
    const s = c.rep.session;
    const overdue = await logActivity(t, s, {
      kind: 'task',
      subject: 'late',
      dueAt: at(-5),
      customerId: acct.customerId,
    });
    const open = await logActivity(t, s, {
      kind: 'task',
      subject: 'soon',
      dueAt: at(5),
      customerId: acct.customerId,
    });
    const done = await logActivity(t, s, {
      kind: 'task',
      subject: 'done',
      dueAt: at(-1),
      customerId: acct.customerId,
    });
    await as(
      t,
      s,
    )({ method: 'POST', url: `/api/v1/activities/${done.id}/complete`, payload: { version: 1 } });
    const calls: ActivityItem[] = [];
    for (let i = 0; i < 5; i++) {
      calls.push(
        await logActivity(t, s, {
          kind: 'call',
          subject: `call ${i}`,
          customerId: acct.customerId,
          // Two calls at the same instant: the cursor's tie-breaker keeps both.
          occurredAt: at(-10 - Math.min(i, 3)),
        }),
      );
    }
    const ids = (p: Page) => p.items.map((i) => i.id);
    expect(ids(await list(s, 'overdue=true'))).toEqual([overdue.id]);
    expect(ids(await list(s, 'open=true&sort=dueAt'))).toEqual([overdue.id, open.id]);
    expect((await list(s, 'kind=call')).items).toHaveLength(5);
    expect(ids(await list(s, `kind=call&from=${encodeURIComponent(at(-11.5))}`)).sort()).toEqual(
      [calls[0]?.id, calls[1]?.id].sort(),
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await list(s, `kind=call&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...ids(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    const bad = await as(t, s)({ method: 'GET', url: '/api/v1/activities?cursor=nonsense' });
    expect(fieldsOf(bad.body)).toEqual([['cursor', 'invalid']]);
    const unknown = await as(t, s)({ method: 'GET', url: '/api/v1/activities?color=red' });
    expect(fieldsOf(unknown.body)).toEqual([['color', 'unrecognized_key']]);
  });
});
