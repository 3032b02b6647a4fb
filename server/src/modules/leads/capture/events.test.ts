import type { Lead } from '@contracts/leads.contract';
import type { LeadEvent, RecordLeadEventsAnswer } from '@contracts/marketing.contract';
import { describe, expect, it } from 'vitest';
import { addUser, as, bearer, newTenant, type Session, useTestApp } from '../../../../test/helper';

/** The behaviour events API: matching by id or email, idempotency, rescoring, visibility and tenancy. */

const t = await useTestApp();

type Page = { items: LeadEvent[]; nextCursor: string | null };

async function tokenOf(s: Session, scopes: string[]): Promise<string> {
  const res = await as(t, s)({ method: 'POST', url: '/api/v1/me/tokens', payload: { name: 'site', scopes } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ secret: string }>().secret;
}

async function createLead(s: Session, payload: Record<string, unknown>): Promise<Lead> {
  const res = await as(t, s)({ method: 'POST', url: '/api/v1/leads', payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Lead>();
}

async function readLead(s: Session, id: string): Promise<Lead> {
  return (await as(t, s)({ method: 'GET', url: `/api/v1/leads/${id}` })).json<Lead>();
}

async function send(secret: string, events: Record<string, unknown>[]) {
  return bearer(t, secret)({ method: 'POST', url: '/api/v1/lead-events', payload: { events } });
}

async function eventsOf(s: Session, leadId: string, query = ''): Promise<Page> {
  const res = await as(t, s)({ method: 'GET', url: `/api/v1/leads/${leadId}/events${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Page>();
}

describe('recording behaviour events', () => {
  it('matches by id and by email, reports the unmatched, and stores an externalId once', async () => {
    const admin = await newTenant(t);
    const secret = await tokenOf(admin, ['read', 'write']);
    const byId = await createLead(admin, {
      companyName: '苏州工业园某科技',
      contactName: '林',
      email: 'lin@a.cn',
    });
    const archived = await createLead(admin, { companyName: 'Old', contactName: 'Ma', email: 'ma@b.cn' });
    await as(
      t,
      admin,
    )({
      method: 'PATCH',
      url: `/api/v1/leads/${archived.id}`,
      payload: { version: archived.version, status: 'archived', statusReason: 'no budget' },
    });
    const open = await createLead(admin, { companyName: 'New', contactName: 'Ma', email: 'ma@b.cn' });

    const res = await send(secret, [
      { leadId: byId.id, kind: 'page_view', url: 'https://www.example.cn/pricing', title: 'Pricing' },
      {
        email: '  MA@B.cn ',
        kind: 'download',
        title: '制造业白皮书',
        externalId: 'dl-1',
        meta: { asset: 'wp-1' },
      },
      { email: 'nobody@c.cn', kind: 'webinar' },
      { email: 'not an email', kind: 'webinar' },
      { leadId: '0190f5b4-0000-7000-8000-000000000000', kind: 'email_open' },
      { email: 'ma@b.cn', kind: 'download', externalId: 'dl-1' },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<RecordLeadEventsAnswer>()).toEqual({
      stored: 2,
      duplicate: 1,
      unmatched: 3,
      items: [
        { index: 0, status: 'stored', leadId: byId.id, code: null },
        { index: 1, status: 'stored', leadId: open.id, code: null },
        { index: 2, status: 'unmatched', leadId: null, code: 'email_not_found' },
        { index: 3, status: 'unmatched', leadId: null, code: 'invalid_email' },
        { index: 4, status: 'unmatched', leadId: null, code: 'lead_not_found' },
        { index: 5, status: 'duplicate', leadId: open.id, code: null },
      ],
    });
    const again = await send(secret, [{ email: 'ma@b.cn', kind: 'download', externalId: 'dl-1' }]);
    expect(again.json<RecordLeadEventsAnswer>()).toMatchObject({ stored: 0, duplicate: 1 });
    expect((await eventsOf(admin, open.id)).items).toMatchObject([
      { kind: 'download', title: '制造业白皮书', origin: 'api', externalId: 'dl-1', meta: { asset: 'wp-1' } },
    ]);
    expect((await eventsOf(admin, archived.id)).items).toEqual([]);
    expect((await readLead(admin, byId.id)).lastEventAt).not.toBeNull();
  });

  it('rescores the lead when a behaviour rule gives points, up to MQL', async () => {
    const admin = await newTenant(t);
    const secret = await tokenOf(admin, ['write']);
    await t.db.raw.query(
      `INSERT INTO lead_score_rules (tenant_id, id, name, kind, field, operator, value, points, position)
       VALUES ($1, gen_random_uuid(), 'Downloads', 'behaviour', 'download', 'eq', null, 35, 0)`,
      [admin.me.tenant.id],
    );
    const lead = await createLead(admin, { companyName: 'Scored', contactName: 'Xu', email: 'xu@d.cn' });
    expect(lead.score).toBe(0);
    await send(secret, [{ leadId: lead.id, kind: 'download', externalId: 'a' }]);
    expect(await readLead(admin, lead.id)).toMatchObject({ score: 35, status: 'new' });
    await send(secret, [
      { leadId: lead.id, kind: 'download', externalId: 'b' },
      { leadId: lead.id, kind: 'page_view' },
    ]);
    expect(await readLead(admin, lead.id)).toMatchObject({ score: 70, status: 'mql' });
  });

  it('needs a token with the write scope, and a lead id or email on every item', async () => {
    const admin = await newTenant(t);
    const readOnly = await tokenOf(admin, ['read']);
    const denied = await send(readOnly, [{ email: 'x@y.cn', kind: 'page_view' }]);
    expect(denied.statusCode).toBe(403);
    expect(denied.json<{ code: string }>().code).toBe('token_scope');
    const secret = await tokenOf(admin, ['write']);
    const bad = await send(secret, [{ email: 'x@y.cn', kind: 'page_view' }, { kind: 'download' }]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { path: string; detail: string }[] }>().errors).toEqual([
      { path: 'events.1.leadId', code: 'custom', detail: 'Give the lead id or an email address.' },
    ]);
    const tooMany = await send(
      secret,
      Array.from({ length: 101 }, () => ({ email: 'x@y.cn', kind: 'page_view' })),
    );
    expect(tooMany.statusCode).toBe(400);
  });

  it('does not reach leads of another tenant: reported unmatched, nothing stored', async () => {
    const a = await newTenant(t);
    const b = await newTenant(t);
    const leadA = await createLead(a, { companyName: 'A only', contactName: 'Gao', email: 'gao@a-only.cn' });
    const secretB = await tokenOf(b, ['read', 'write']);
    const res = await send(secretB, [
      { leadId: leadA.id, kind: 'page_view' },
      { email: 'gao@a-only.cn', kind: 'download', externalId: 'cross-1' },
    ]);
    expect(res.json<RecordLeadEventsAnswer>()).toMatchObject({ stored: 0, unmatched: 2 });
    expect((await eventsOf(a, leadA.id)).items).toEqual([]);
    const list = await bearer(t, secretB)({ method: 'GET', url: `/api/v1/leads/${leadA.id}/events` });
    expect(list.statusCode).toBe(404);
    // The externalId B sent is not taken in A either.
    const secretA = await tokenOf(a, ['write']);
    const own = await send(secretA, [{ leadId: leadA.id, kind: 'download', externalId: 'cross-1' }]);
    expect(own.json<RecordLeadEventsAnswer>().stored).toBe(1);
  });

  it('matches only leads the caller may see, and lists a lead’s events newest first in pages', async () => {
    const admin = await newTenant(t);
    const rep = await addUser(t, admin, 'rep');
    const mine = await createLead(admin, { companyName: 'Mine', ownerId: rep.userId, email: 'me@rep.cn' });
    const others = await createLead(admin, { companyName: 'Not mine', ownerId: null, email: 'other@rep.cn' });
    const repSecret = await tokenOf(rep.session, ['read', 'write']);
    const res = await send(repSecret, [
      { leadId: others.id, kind: 'page_view' },
      { email: 'other@rep.cn', kind: 'page_view' },
      { leadId: mine.id, kind: 'page_view', occurredAt: '2025-01-01T08:00:00+08:00' },
      { leadId: mine.id, kind: 'webinar', occurredAt: '2025-01-03T08:00:00+08:00' },
      { leadId: mine.id, kind: 'email_click', occurredAt: '2025-01-02T08:00:00+08:00' },
    ]);
    expect(res.json<RecordLeadEventsAnswer>()).toMatchObject({ stored: 3, unmatched: 2 });
    const first = await eventsOf(rep.session, mine.id, '?limit=2');
    expect(first.items.map((e) => e.kind)).toEqual(['webinar', 'email_click']);
    const second = await eventsOf(rep.session, mine.id, `?limit=2&cursor=${first.nextCursor}`);
    expect(second).toEqual({ items: [expect.objectContaining({ kind: 'page_view' })], nextCursor: null });
    expect((await eventsOf(rep.session, mine.id, '?kind=webinar')).items).toHaveLength(1);
    const hidden = await as(t, rep.session)({ method: 'GET', url: `/api/v1/leads/${others.id}/events` });
    expect(hidden.statusCode).toBe(404);
  });
});
