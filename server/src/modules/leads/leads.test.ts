import type { Lead, LeadSummary } from '@contracts/leads.contract';
import { describe, expect, it } from 'vitest';
import { addUser, as, newTenant, type Session, useTestApp } from '../../../test/helper';

const t = await useTestApp();

type Page = { items: LeadSummary[]; nextCursor: string | null };

async function company() {
  const admin = await newTenant(t);
  const call = as(t, admin);
  const team = (
    await call({ method: 'POST', url: '/api/v1/teams', payload: { name: 'East', region: '华东' } })
  ).json<{ id: string }>();
  const manager = await addUser(t, admin, 'manager', 'Manager Wang');
  const rep = await addUser(t, admin, 'rep', 'Rep Li');
  const otherRep = await addUser(t, admin, 'rep', 'Rep Zhao');
  const outsider = await addUser(t, admin, 'rep', 'Rep Outside');
  await call({
    method: 'PUT',
    url: `/api/v1/teams/${team.id}/members`,
    payload: {
      members: [
        { userId: manager.userId, isLead: true },
        { userId: rep.userId },
        { userId: otherRep.userId },
      ],
    },
  });
  return { admin, call, team, manager, rep, otherRep, outsider };
}

async function createLead(s: Session, payload: Record<string, unknown>): Promise<Lead> {
  const res = await as(t, s)({ method: 'POST', url: '/api/v1/leads', payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Lead>();
}

describe('creating leads', () => {
  it('stores a lead with normalised contact keys and audits it', async () => {
    const { admin } = await company();
    const lead = await createLead(admin, {
      companyName: '上海云帆科技有限公司',
      contactName: '张伟',
      phone: '138 1234 5678',
      email: 'Zhang.Wei@Yunfan.CN',
      source: 'event',
      grade: 'A',
    });
    expect(lead).toMatchObject({ status: 'new', source: 'event', grade: 'A', score: 0, duplicates: [] });
    const audit = await as(
      t,
      admin,
    )({ method: 'GET', url: `/api/v1/audit-log?entity=lead&entityId=${lead.id}` });
    expect(audit.json<{ items: { action: string }[] }>().items.map((i) => i.action)).toEqual(['create']);
  });

  it('needs a company or a contact, and a readable phone and email, naming the fields', async () => {
    const { admin } = await company();
    const call = as(t, admin);
    const empty = await call({ method: 'POST', url: '/api/v1/leads', payload: { title: 'CTO' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toContain('companyName');
    const bad = await call({
      method: 'POST',
      url: '/api/v1/leads',
      payload: { companyName: 'Acme', phone: 'call me maybe', email: 'not-an-email' },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json<{ errors: { path: string }[] }>()
        .errors.map((e) => e.path)
        .sort(),
    ).toEqual(['email', 'phone']);
  });

  it('refuses fields a client may not set, such as id, score or tenantId', async () => {
    const { admin } = await company();
    for (const field of ['id', 'score', 'tenantId', 'createdAt']) {
      const res = await as(
        t,
        admin,
      )({
        method: 'POST',
        url: '/api/v1/leads',
        payload: { companyName: 'Acme', [field]: field === 'score' ? 99 : 'x' },
      });
      expect(res.statusCode, field).toBe(400);
      expect(res.json<{ errors: { path: string; code: string }[] }>().errors[0]).toMatchObject({
        path: field,
        code: 'unrecognized_key',
      });
    }
  });

  it('flags a lead whose email, phone or company and contact match an earlier one', async () => {
    const { admin } = await company();
    const first = await createLead(admin, {
      companyName: 'Acme Co., Ltd.',
      contactName: 'Li Lei',
      phone: '13812345678',
    });
    const byPhone = await createLead(admin, { companyName: 'Other', phone: '+86 138-1234-5678' });
    expect(byPhone.duplicates).toEqual([
      { kind: 'lead', id: first.id, name: 'Acme Co., Ltd. · Li Lei', matchedOn: 'phone' },
    ]);
    const byCompany = await createLead(admin, { companyName: 'ACME', contactName: 'li lei' });
    expect(byCompany.duplicates.map((d) => [d.id, d.matchedOn])).toContainEqual([first.id, 'company']);
    const check = await as(
      t,
      admin,
    )({
      method: 'POST',
      url: '/api/v1/leads/duplicates',
      payload: { phone: '138 1234 5678' },
    });
    expect(
      check
        .json<{ matches: { id: string }[] }>()
        .matches.map((m) => m.id)
        .sort(),
    ).toEqual([first.id, byPhone.id].sort());
  });

  it('lets a rep create a lead only for themselves', async () => {
    const { rep, otherRep } = await company();
    const res = await as(
      t,
      rep.session,
    )({
      method: 'POST',
      url: '/api/v1/leads',
      payload: { companyName: 'Acme', ownerId: otherRep.userId },
    });
    expect(res.statusCode).toBe(400);
    const own = await createLead(rep.session, { companyName: 'Acme', ownerId: rep.userId });
    expect(own.ownerId).toBe(rep.userId);
  });
});

describe('who sees which lead', () => {
  it('shows reps their own leads, managers their team and unassigned ones, admins all', async () => {
    const { admin, manager, rep, otherRep, outsider } = await company();
    const repLead = await createLead(admin, { companyName: 'Rep lead', ownerId: rep.userId });
    const otherLead = await createLead(admin, { companyName: 'Other lead', ownerId: otherRep.userId });
    const outsiderLead = await createLead(admin, { companyName: 'Outsider lead', ownerId: outsider.userId });
    const unassigned = await createLead(admin, { companyName: 'Nobody lead' });

    const ids = async (s: Session) =>
      (await as(t, s)({ method: 'GET', url: '/api/v1/leads?limit=200' }))
        .json<Page>()
        .items.map((l) => l.id)
        .sort();
    expect(await ids(rep.session)).toEqual([repLead.id]);
    expect(await ids(manager.session)).toEqual([repLead.id, otherLead.id, unassigned.id].sort());
    expect(await ids(admin)).toEqual([repLead.id, otherLead.id, outsiderLead.id, unassigned.id].sort());

    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      const res = await as(
        t,
        rep.session,
      )({
        method,
        url: `/api/v1/leads/${otherLead.id}`,
        ...(method === 'PATCH' ? { payload: { version: otherLead.version, notes: 'x' } } : {}),
      });
      expect(res.statusCode, method).toBe(404);
    }
  });

  it('shows a shared lead to the rep it is shared with', async () => {
    const { admin, rep, otherRep } = await company();
    const lead = await createLead(admin, { companyName: 'Shared', ownerId: rep.userId });
    const shared = await as(
      t,
      rep.session,
    )({
      method: 'PATCH',
      url: `/api/v1/leads/${lead.id}`,
      payload: { version: lead.version, sharedWith: [otherRep.userId] },
    });
    expect(shared.statusCode, shared.body).toBe(200);
    const seen = await as(t, otherRep.session)({ method: 'GET', url: `/api/v1/leads/${lead.id}` });
    expect(seen.statusCode).toBe(200);
    expect(seen.json<Lead>().can.assign).toBe(false);
  });
});

describe('editing and moving leads', () => {
  it('refuses a stale version with 412 and keeps the first write', async () => {
    const { admin } = await company();
    const lead = await createLead(admin, { companyName: 'Acme' });
    const call = as(t, admin);
    const first = await call({
      method: 'PATCH',
      url: `/api/v1/leads/${lead.id}`,
      payload: { version: lead.version, notes: 'first' },
    });
    expect(first.statusCode).toBe(200);
    const stale = await call({
      method: 'PATCH',
      url: `/api/v1/leads/${lead.id}`,
      payload: { version: lead.version, notes: 'second' },
    });
    expect(stale.statusCode).toBe(412);
    expect((await call({ method: 'GET', url: `/api/v1/leads/${lead.id}` })).json<Lead>().notes).toBe('first');
  });

  it('follows the status flow, needs a reason to disqualify, and rejects illegal moves', async () => {
    const { admin } = await company();
    const call = as(t, admin);
    let lead = await createLead(admin, { companyName: 'Acme' });
    const move = async (payload: Record<string, unknown>) =>
      call({
        method: 'PATCH',
        url: `/api/v1/leads/${lead.id}`,
        payload: { version: lead.version, ...payload },
      });

    let res = await move({ status: 'sql' });
    expect(res.statusCode).toBe(200);
    lead = res.json<Lead>();
    expect(lead.sqlAt).not.toBeNull();
    expect(lead.mqlAt).not.toBeNull();

    res = await move({ status: 'new' });
    expect(res.statusCode).toBe(409);
    expect(res.json<{ code: string }>().code).toBe('transition_not_allowed');

    res = await move({ status: 'disqualified' });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('statusReason');

    res = await move({ status: 'disqualified', statusReason: 'No budget this year' });
    expect(res.statusCode).toBe(200);
    lead = res.json<Lead>();
    expect(lead).toMatchObject({ status: 'disqualified', statusReason: 'No budget this year' });

    res = await move({ status: 'archived', statusReason: 'Revisit next year' });
    lead = res.json<Lead>();
    expect(lead.revisitAt).not.toBeNull();

    res = await move({ status: 'converted' });
    expect(res.statusCode).toBe(400);
  });

  it('lets only lead assigners reassign, and restarts the response clock for the new owner', async () => {
    const { admin, manager, rep, otherRep } = await company();
    const lead = await createLead(admin, { companyName: 'Acme', grade: 'A', ownerId: rep.userId });
    expect(lead.slaDueAt).not.toBeNull();
    const byRep = await as(
      t,
      rep.session,
    )({
      method: 'PATCH',
      url: `/api/v1/leads/${lead.id}`,
      payload: { version: lead.version, ownerId: otherRep.userId },
    });
    expect(byRep.statusCode).toBe(400);
    const byManager = await as(
      t,
      manager.session,
    )({
      method: 'PATCH',
      url: `/api/v1/leads/${lead.id}`,
      payload: { version: lead.version, ownerId: otherRep.userId },
    });
    expect(byManager.statusCode, byManager.body).toBe(200);
    expect(byManager.json<Lead>()).toMatchObject({ ownerId: otherRep.userId, ownerName: 'Rep Zhao' });
    const inbox = await as(t, otherRep.session)({ method: 'GET', url: '/api/v1/notifications' });
    expect(inbox.json<{ items: { kind: string; entityId: string }[] }>().items[0]).toMatchObject({
      kind: 'lead_assigned',
      entityId: lead.id,
    });
  });
});

describe('following up', () => {
  it('stops the SLA clock at the first logged contact and marks a new lead contacted', async () => {
    const { admin, rep } = await company();
    const lead = await createLead(admin, { companyName: 'Acme', grade: 'B', ownerId: rep.userId });
    const note = await as(
      t,
      rep.session,
    )({
      method: 'POST',
      url: `/api/v1/leads/${lead.id}/activities`,
      payload: { kind: 'note', subject: 'Looked them up' },
    });
    expect(note.statusCode, note.body).toBe(201);
    let after = (await as(t, rep.session)({ method: 'GET', url: `/api/v1/leads/${lead.id}` })).json<Lead>();
    expect(after).toMatchObject({ status: 'new', firstContactAt: null });

    const call = await as(
      t,
      rep.session,
    )({
      method: 'POST',
      url: `/api/v1/leads/${lead.id}/activities`,
      payload: { kind: 'call', subject: 'First call', direction: 'outbound' },
    });
    expect(call.statusCode).toBe(201);
    after = (await as(t, rep.session)({ method: 'GET', url: `/api/v1/leads/${lead.id}` })).json<Lead>();
    expect(after.status).toBe('contacted');
    expect(after.firstContactAt).not.toBeNull();

    const timeline = await as(t, rep.session)({ method: 'GET', url: `/api/v1/leads/${lead.id}/timeline` });
    const items = timeline.json<{ items: { type: string }[] }>().items;
    expect(items.filter((i) => i.type === 'activity')).toHaveLength(2);
    expect(items.some((i) => i.type === 'change')).toBe(true);
  });
});

describe('bulk actions and deletion', () => {
  it('applies an action to each lead on its own and reports the ones that failed', async () => {
    const { admin, rep } = await company();
    const a = await createLead(admin, { companyName: 'A' });
    const b = await createLead(admin, { companyName: 'B' });
    const res = await as(
      t,
      admin,
    )({
      method: 'POST',
      url: '/api/v1/leads/bulk',
      payload: { ids: [a.id, b.id], action: { kind: 'status', status: 'archived' } },
    });
    expect(res.json()).toMatchObject({
      updated: 0,
      failed: [{ id: a.id, code: 'validation_failed' }, { id: b.id }],
    });
    const ok = await as(
      t,
      admin,
    )({
      method: 'POST',
      url: '/api/v1/leads/bulk',
      payload: { ids: [a.id, b.id], action: { kind: 'assign', ownerId: rep.userId } },
    });
    expect(ok.json()).toEqual({ updated: 2, failed: [] });
  });

  it('refuses a bulk reassignment from a role that may not assign, even of its own leads', async () => {
    const { admin, rep } = await company();
    const own = await createLead(admin, { companyName: 'Own', ownerId: rep.userId });
    const res = await as(
      t,
      rep.session,
    )({
      method: 'POST',
      url: '/api/v1/leads/bulk',
      payload: { ids: [own.id], action: { kind: 'assign', ownerId: admin.me.user.id } },
    });
    expect(res.statusCode).toBe(403);
    const graded = await as(
      t,
      rep.session,
    )({
      method: 'POST',
      url: '/api/v1/leads/bulk',
      payload: { ids: [own.id], action: { kind: 'grade', grade: 'A' } },
    });
    expect(graded.json()).toEqual({ updated: 1, failed: [] });
  });

  it('lets managers delete a lead but not reps', async () => {
    const { admin, rep } = await company();
    const lead = await createLead(admin, { companyName: 'Acme', ownerId: rep.userId });
    const byRep = await as(t, rep.session)({ method: 'DELETE', url: `/api/v1/leads/${lead.id}` });
    expect(byRep.statusCode).toBe(403);
    const byAdmin = await as(t, admin)({ method: 'DELETE', url: `/api/v1/leads/${lead.id}` });
    expect(byAdmin.statusCode).toBe(204);
  });
});

describe('listing', () => {
  it('filters and pages through every matching lead exactly once', async () => {
    const { admin } = await company();
    const created: string[] = [];
    for (let i = 0; i < 7; i++) {
      created.push((await createLead(admin, { companyName: `Page ${i}`, grade: i % 2 ? 'A' : 'B' })).id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = (
        await as(
          t,
          admin,
        )({
          method: 'GET',
          url: `/api/v1/leads?limit=2&grade=A,B&q=Page&sort=companyName${cursor ? `&cursor=${cursor}` : ''}`,
        })
      ).json<Page>();
      seen.push(...page.items.map((l) => l.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(created);
    const count = await as(t, admin)({ method: 'GET', url: '/api/v1/leads/count?grade=A&q=Page' });
    expect(count.json()).toEqual({ count: 3, capped: false });
    const bad = await as(t, admin)({ method: 'GET', url: '/api/v1/leads?sort=password' });
    expect(bad.statusCode).toBe(400);
    const unknown = await as(t, admin)({ method: 'GET', url: '/api/v1/leads?ownerName=x' });
    expect(unknown.statusCode).toBe(400);
  });
});

describe('lead settings', () => {
  it('starts from the defaults and lets configurers change them, with versions', async () => {
    const { admin, rep } = await company();
    const call = as(t, admin);
    const defaults = await call({ method: 'GET', url: '/api/v1/lead-settings' });
    expect(defaults.json()).toMatchObject({
      mqlThreshold: 60,
      slaHoursA: 24,
      slaHoursB: 48,
      slaHoursC: null,
      version: 0,
    });
    const changed = await call({
      method: 'PATCH',
      url: '/api/v1/lead-settings',
      payload: { version: 0, slaHoursA: 12 },
    });
    expect(changed.json()).toMatchObject({ slaHoursA: 12, version: 1 });
    const stale = await call({
      method: 'PATCH',
      url: '/api/v1/lead-settings',
      payload: { version: 0, slaHoursB: 24 },
    });
    expect(stale.statusCode).toBe(412);
    const byRep = await as(
      t,
      rep.session,
    )({ method: 'PATCH', url: '/api/v1/lead-settings', payload: { version: 1, slaHoursA: 1 } });
    expect(byRep.statusCode).toBe(403);
    const lead = await createLead(admin, { companyName: 'Acme', grade: 'A', ownerId: rep.userId });
    const due = new Date(lead.slaDueAt ?? '').getTime() - new Date(lead.assignedAt ?? '').getTime();
    expect(due).toBe(12 * 3_600_000);
  });
});

describe('intake for every channel', () => {
  it('gives a lead the campaign its UTM link names, and enrols a lead created as nurturing', async () => {
    const { admin } = await company();
    const campaign = await as(
      t,
      admin,
    )({
      method: 'POST',
      url: '/api/v1/campaigns',
      payload: {
        name: 'Spring webinar',
        channel: 'content',
        costMinor: 100_000,
        utmCampaign: 'Spring-Webinar',
      },
    });
    expect(campaign.statusCode, campaign.body).toBe(201);
    const tagged = await createLead(admin, {
      companyName: 'Acme',
      utm: { source: 'wechat', campaign: 'spring-webinar' },
    });
    expect(tagged.campaignId).toBe(campaign.json<{ id: string }>().id);

    const nurtured = await createLead(admin, { companyName: 'Later Co', status: 'nurturing' });
    expect(nurtured.nurtureTrackId).not.toBeNull();
    expect(nurtured.nurtureNextAt).not.toBeNull();
  });
});

describe('searching', () => {
  it('finds leads by any part of company, contact, email or phone, Chinese included', async () => {
    const { admin } = await company();
    const yunfan = await createLead(admin, { companyName: '上海云帆智能科技有限公司', contactName: '王芳' });
    const acme = await createLead(admin, {
      companyName: 'Acme Robotics',
      email: 'li.lei@acme-robotics.example',
    });
    const phone = await createLead(admin, { contactName: '赵磊', phone: '139 1234 5678' });
    const search = async (q: string) =>
      (await as(t, admin)({ method: 'GET', url: `/api/v1/leads?q=${encodeURIComponent(q)}` }))
        .json<Page>()
        .items.map((l) => l.id);
    expect(await search('云帆智能')).toEqual([yunfan.id]);
    expect(await search('王芳')).toEqual([yunfan.id]);
    expect(await search('ROBOTICS')).toEqual([acme.id]);
    expect(await search('li.lei@')).toEqual([acme.id]);
    expect(await search('13912345678')).toEqual([phone.id]);
    expect(await search('1234 5678')).toEqual([phone.id]);
    expect(await search('100%_')).toEqual([]);
  });
});
