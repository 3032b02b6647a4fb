import type { NurtureTrack } from '@contracts/lead-routing.contract';
import type { Lead, TimelineItem } from '@contracts/leads.contract';
import type { Notification } from '@contracts/notifications.contract';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addUser, as, movableClock, newTenant, type Session, useTestApp } from '../../../../test/helper';
import { systemActor } from '../../../platform/audit';
import { tenants } from '../../../platform/db/identity.tables';
import { outboxMails } from '../../../platform/db/platform.tables';
import { withTenant } from '../../../platform/db/tenancy';
import { recordLeadEvents } from '../lead-events';
import { leadMailTracking } from '../leads.tables';
import { nurtureSweepJob, sweepTenantNurture } from './nurture-sweep';
import { sweepTenantRevisits } from './revisit-sweep';
import { renderTrackedMail, splitLinks } from './tracked-mail';

/**
 * Nurturing: tracks of touches run by a sweep at the right times, tracked mails (links, pixel), the open and
 * click endpoints, the stops (reply, re-grade, status change, unenrol), the default quarterly track, revisits.
 */

const clock = movableClock(new Date('2030-09-02T01:00:00.000Z'));
const t = await useTestApp({ publicUrl: 'https://crm.example.cn' }, { clock });
const MINUTE = 60_000;
const DAY = 86_400_000;

type Problem = { code: string; errors?: { path: string; code: string }[] };

async function company() {
  const admin = await newTenant(t);
  const call = as(t, admin);
  const rep = await addUser(t, admin, 'rep', 'Rep Lu');
  return { admin, call, tenantId: admin.me.tenant.id, rep };
}
type Company = Awaited<ReturnType<typeof company>>;

const STEPS = [
  {
    kind: 'email',
    delayDays: 0,
    subject: '{{contactName}}，欢迎了解我们',
    body: '您好 {{contactName}}：\n\n请看[行业白皮书](https://example.com/wp?a=1&b=2)。\n案例：https://example.com/cases/42.\n\n{{ownerName}}',
  },
  { kind: 'task', delayDays: 3, subject: 'Call {{companyName}}', body: 'Ask about the budget.' },
  {
    kind: 'email',
    delayDays: 7,
    subject: 'Case study for {{companyName}}',
    body: 'See https://example.com/c2',
  },
];

async function track(c: Company, payload: Record<string, unknown> = {}): Promise<NurtureTrack> {
  const res = await c.call({
    method: 'POST',
    url: '/api/v1/lead-routing/nurture-tracks',
    payload: { name: `Track ${Math.random().toString(36).slice(2, 8)}`, steps: STEPS, ...payload },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<NurtureTrack>();
}

async function lead(c: Company, payload: Record<string, unknown> = {}): Promise<Lead> {
  const res = await c.call({
    method: 'POST',
    url: '/api/v1/leads',
    payload: {
      companyName: '宁波海川物流',
      contactName: '陈静',
      email: `chen.${Math.random().toString(36).slice(2, 8)}@haichuan.cn`,
      grade: 'B',
      ownerId: c.rep.userId,
      ...payload,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Lead>();
}

async function read(c: Company, id: string): Promise<Lead> {
  return (await c.call({ method: 'GET', url: `/api/v1/leads/${id}` })).json<Lead>();
}

async function enrol(c: Company, id: string, trackId: string | null): Promise<Lead> {
  const res = await c.call({ method: 'POST', url: `/api/v1/leads/${id}/nurture`, payload: { trackId } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Lead>();
}

async function mailsTo(c: Company, to: string) {
  return withTenant(t.db, c.tenantId, (tx) =>
    tx
      .select()
      .from(outboxMails)
      .where(and(eq(outboxMails.tenantId, c.tenantId), eq(outboxMails.to, to)))
      .orderBy(outboxMails.createdAt),
  );
}

async function inbox(s: Session, kind: string): Promise<Notification[]> {
  const res = await as(t, s)({ method: 'GET', url: '/api/v1/notifications?limit=200' });
  return res.json<{ items: Notification[] }>().items.filter((n) => n.kind === kind);
}

async function timeline(c: Company, id: string, types: string): Promise<TimelineItem[]> {
  const res = await c.call({ method: 'GET', url: `/api/v1/leads/${id}/timeline?types=${types}` });
  return res.json<{ items: TimelineItem[] }>().items;
}

const sweep = (c: Company) => sweepTenantNurture(t.platform, c.tenantId, clock.now());

describe('tracked mail rendering', () => {
  it('finds bare and labelled links, leaving a sentence’s full stop and Chinese punctuation outside', () => {
    expect(splitLinks('看 https://a.cn/x。然后 [这里](https://b.cn/y?q=1) 或 https://c.cn.')).toEqual([
      { kind: 'text', text: '看 ' },
      { kind: 'link', label: 'https://a.cn/x', url: 'https://a.cn/x' },
      { kind: 'text', text: '。然后 ' },
      { kind: 'link', label: '这里', url: 'https://b.cn/y?q=1' },
      { kind: 'text', text: ' 或 ' },
      { kind: 'link', label: 'https://c.cn', url: 'https://c.cn' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('escapes merge values and text in the HTML, and rewrites every link', () => {
    let n = 0;
    const mail = renderTrackedMail({
      subject: 'Hi {{contactName}}',
      body: 'Dear {{contactName}} <b>\n\nhttps://x.io/a?b=1&c=2',
      values: { contactName: '<script>', companyName: 'Acme & Co', ownerName: '' },
      baseUrl: 'https://crm',
      newToken: () => `tok${++n}`,
    });
    expect(mail.subject).toBe('Hi <script>');
    expect(mail.html).toContain('Dear &lt;script&gt; &lt;b&gt;');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('<a href="https://crm/t/c/tok1">https://x.io/a?b=1&amp;c=2</a>');
    expect(mail.html).toContain('<img src="https://crm/t/o/tok2" width="1" height="1"');
    expect(mail.text).toBe('Dear <script> <b>\n\nhttps://x.io/a?b=1&c=2\n');
    expect(mail.tokens).toEqual([
      { token: 'tok1', url: 'https://x.io/a?b=1&c=2' },
      { token: 'tok2', url: null },
    ]);
  });
});

describe('nurture tracks API', () => {
  it('validates tracks, keeps names unique, and refuses stale edits', async () => {
    const c = await company();
    const post = (payload: Record<string, unknown>) =>
      c.call({ method: 'POST', url: '/api/v1/lead-routing/nurture-tracks', payload });
    const empty = await post({ name: 'Empty', steps: [] });
    expect(empty.json<Problem>().errors?.[0]?.path).toBe('steps');
    const badStep = await post({ name: 'Bad', steps: [{ kind: 'sms', delayDays: 1, subject: 'x' }] });
    expect(badStep.json<Problem>().errors?.[0]?.path).toBe('steps.0.kind');
    const loop = await post({
      name: 'Loop',
      repeat: true,
      steps: [{ kind: 'email', delayDays: 0, subject: 'x' }],
    });
    expect(loop.statusCode).toBe(400);
    expect(loop.json<Problem>().errors?.[0]).toMatchObject({ path: 'repeat', code: 'repeat_needs_delay' });

    const made = await track(c, { name: 'Welcome series' });
    expect(made).toMatchObject({ repeat: false, active: true, isDefault: false, enrolled: 0, version: 1 });
    expect(made.steps[0]).toMatchObject({ kind: 'email', delayDays: 0 });
    expect((await post({ name: 'WELCOME SERIES', steps: STEPS })).statusCode).toBe(409);
    const patch = (version: number) =>
      c.call({
        method: 'PATCH',
        url: `/api/v1/lead-routing/nurture-tracks/${made.id}`,
        payload: { version, name: 'Welcome' },
      });
    expect((await patch(1)).statusCode).toBe(200);
    expect((await patch(1)).statusCode).toBe(412);
    const rep = await as(
      t,
      c.rep.session,
    )({ method: 'POST', url: '/api/v1/lead-routing/nurture-tracks', payload: { name: 'R', steps: STEPS } });
    expect(rep.statusCode).toBe(403);
  });

  it('counts enrolled leads and refuses to delete a track in use or the default one', async () => {
    const c = await company();
    const used = await track(c);
    const l = await lead(c);
    await enrol(c, l.id, used.id);
    const list = (await c.call({ method: 'GET', url: '/api/v1/lead-routing/nurture-tracks' })).json<{
      items: NurtureTrack[];
    }>();
    expect(list.items.find((x) => x.id === used.id)?.enrolled).toBe(1);
    const del = () => c.call({ method: 'DELETE', url: `/api/v1/lead-routing/nurture-tracks/${used.id}` });
    expect((await del()).json<Problem>().code).toBe('in_use');
    await enrol(c, l.id, null);
    expect((await del()).statusCode).toBe(204);

    const other = await lead(c);
    await c.call({
      method: 'PATCH',
      url: `/api/v1/leads/${other.id}`,
      payload: { version: other.version, status: 'nurturing' },
    });
    const settings = (await c.call({ method: 'GET', url: '/api/v1/lead-settings' })).json<{
      defaultNurtureTrackId: string;
    }>();
    const stop = await read(c, other.id);
    await enrol(c, stop.id, null);
    const refused = await c.call({
      method: 'DELETE',
      url: `/api/v1/lead-routing/nurture-tracks/${settings.defaultNurtureTrackId}`,
    });
    expect(refused.json<Problem>().code).toBe('in_use');
  });
});

describe('running a track', () => {
  it('sends each touch at its time: a tracked mail, then a task for the owner, then the last mail', async () => {
    const c = await company();
    const tr = await track(c);
    const l = await lead(c, { status: 'new' });
    const start = clock.now().getTime();
    const enrolled = await enrol(c, l.id, tr.id);
    expect(enrolled).toMatchObject({
      status: 'nurturing',
      nurtureTrackId: tr.id,
      nurtureStep: 0,
      nurtureNextAt: new Date(start).toISOString(),
    });

    await sweep(c);
    const [first] = await mailsTo(c, l.email ?? '');
    expect(first).toMatchObject({ subject: '陈静，欢迎了解我们' });
    expect(first?.text).toContain('请看行业白皮书 (https://example.com/wp?a=1&b=2)。');
    expect(first?.text).toContain('案例：https://example.com/cases/42.');
    expect(first?.text).toContain('Rep Lu');
    const html = first?.html ?? '';
    expect(html).not.toMatch(/href="https:\/\/example\.com/);
    const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    expect(hrefs).toHaveLength(2);
    for (const href of hrefs)
      expect(href).toMatch(new RegExp(`^https://crm\\.example\\.cn/t/c/${c.tenantId}\\.[\\w-]{22}$`));
    expect(html).toMatch(
      new RegExp(`<img src="https://crm\\.example\\.cn/t/o/${c.tenantId}\\.[\\w-]{22}" width="1" height="1"`),
    );
    expect(await read(c, l.id)).toMatchObject({
      nurtureStep: 1,
      nurtureNextAt: new Date(start + 3 * DAY).toISOString(),
    });

    clock.set(new Date(start + 3 * DAY - MINUTE));
    await sweep(c);
    expect((await timeline(c, l.id, 'activity')).filter((i) => i.type === 'activity')).toEqual([]);
    clock.set(new Date(start + 3 * DAY));
    await sweep(c);
    const tasks = await timeline(c, l.id, 'activity');
    expect(tasks).toEqual([
      expect.objectContaining({
        activity: expect.objectContaining({
          kind: 'task',
          subject: 'Call 宁波海川物流',
          ownerId: c.rep.userId,
          dueAt: new Date(start + 3 * DAY).toISOString(),
        }),
      }),
    ]);
    expect(await inbox(c.rep.session, 'task_due')).toEqual([
      expect.objectContaining({
        entityId: l.id,
        params: expect.objectContaining({ subject: 'Call 宁波海川物流' }),
      }),
    ]);
    expect((await read(c, l.id)).nurtureNextAt).toBe(new Date(start + 10 * DAY).toISOString());

    clock.set(new Date(start + 10 * DAY));
    await nurtureSweepJob.handler({}, { jobId: 'test', log: t.platform.log, platform: t.platform });
    const mails = await mailsTo(c, l.email ?? '');
    expect(mails.map((m) => m.subject)).toEqual(['陈静，欢迎了解我们', 'Case study for 宁波海川物流']);
    expect(await read(c, l.id)).toMatchObject({ status: 'nurturing', nurtureStep: 3, nurtureNextAt: null });
    clock.advance(30 * DAY);
    await sweep(c);
    expect(await mailsTo(c, l.email ?? '')).toHaveLength(2);
    // No SMTP here: notifications stay in the app; the rep's only mail is their invitation.
    expect((await mailsTo(c, c.rep.email)).map((m) => m.subject)).toEqual([
      expect.stringContaining('invited'),
    ]);
  });

  it('records an open once per mail and a click once per link, and redirects only to the stored URL', async () => {
    const c = await company();
    const tr = await track(c);
    const l = await lead(c);
    await enrol(c, l.id, tr.id);
    await sweep(c);
    const tokens = await withTenant(t.db, c.tenantId, (tx) =>
      tx.select().from(leadMailTracking).where(eq(leadMailTracking.leadId, l.id)),
    );
    const pixel = tokens.find((x) => x.url === null);
    const link = tokens.find((x) => x.url === 'https://example.com/wp?a=1&b=2');
    if (!pixel || !link) throw new Error('tracking rows missing');

    for (let i = 0; i < 2; i += 1) {
      const open = await t.app.inject({ method: 'GET', url: `/t/o/${pixel.token}` });
      expect(open.statusCode).toBe(200);
      expect(open.headers['content-type']).toBe('image/gif');
      expect(open.headers['cache-control']).toContain('no-store');
      expect(open.rawPayload.subarray(0, 6).toString('latin1')).toBe('GIF89a');
    }
    for (let i = 0; i < 2; i += 1) {
      const click = await t.app.inject({
        method: 'GET',
        url: `/t/c/${link.token}?url=${encodeURIComponent('https://evil.example')}`,
      });
      expect(click.statusCode).toBe(302);
      expect(click.headers.location).toBe('https://example.com/wp?a=1&b=2');
    }
    const events = (await timeline(c, l.id, 'event')).flatMap((i) => (i.type === 'event' ? [i.event] : []));
    expect(events.map((e) => [e.kind, e.url, e.origin]).sort()).toEqual([
      ['email_click', 'https://example.com/wp?a=1&b=2', 'tracking'],
      ['email_open', null, 'tracking'],
    ]);

    expect((await t.app.inject({ method: 'GET', url: `/t/c/${c.tenantId}.nosuchtoken` })).statusCode).toBe(
      404,
    );
    expect((await t.app.inject({ method: 'GET', url: `/t/c/${pixel.token}` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/t/c/not-a-token' })).statusCode).toBe(404);
    const garbage = await t.app.inject({ method: 'GET', url: '/t/o/garbage' });
    expect(garbage.statusCode).toBe(200);
    expect(garbage.headers['content-type']).toBe('image/gif');
  });

  it('stops on a reply, a re-grade, a status change and an unenrol', async () => {
    const c = await company();
    const tr = await track(c, { steps: [{ kind: 'email', delayDays: 1, subject: 'Hello', body: '' }] });
    const [replied, inbound, regraded, moved, removed] = await Promise.all(
      Array.from({ length: 5 }, () => lead(c)),
    );
    if (!replied || !inbound || !regraded || !moved || !removed) throw new Error('leads');
    for (const l of [replied, inbound, regraded, moved, removed]) await enrol(c, l.id, tr.id);

    await withTenant(t.db, c.tenantId, (tx) =>
      recordLeadEvents(
        tx,
        { tenantId: c.tenantId, actor: systemActor(c.tenantId), now: clock.now() },
        replied.id,
        [{ kind: 'reply', occurredAt: clock.now(), origin: 'api' }],
      ),
    );
    await as(
      t,
      c.rep.session,
    )({
      method: 'POST',
      url: `/api/v1/leads/${inbound.id}/activities`,
      payload: { kind: 'email', subject: 'Re: Hello', direction: 'inbound' },
    });
    const r = await read(c, regraded.id);
    await c.call({
      method: 'PATCH',
      url: `/api/v1/leads/${r.id}`,
      payload: { version: r.version, grade: 'A' },
    });
    const m = await read(c, moved.id);
    await c.call({
      method: 'PATCH',
      url: `/api/v1/leads/${m.id}`,
      payload: { version: m.version, status: 'contacted' },
    });
    await enrol(c, removed.id, null);

    for (const l of [replied, inbound, regraded, moved, removed]) {
      expect((await read(c, l.id)).nurtureNextAt, l.id).toBeNull();
    }
    clock.advance(2 * DAY);
    await sweep(c);
    for (const l of [replied, inbound, regraded, moved, removed])
      expect(await mailsTo(c, l.email ?? '')).toEqual([]);
    expect(
      (
        await c.call({ method: 'GET', url: `/api/v1/lead-routing/nurture-tracks/${tr.id}` })
      ).json<NurtureTrack>().enrolled,
    ).toBe(0);
  });

  it('refuses an unknown or switched-off track and a lead that cannot move to nurturing', async () => {
    const c = await company();
    const off = await track(c, { active: false });
    const l = await lead(c);
    const post = (trackId: string) =>
      c.call({ method: 'POST', url: `/api/v1/leads/${l.id}/nurture`, payload: { trackId } });
    expect((await post(off.id)).json<Problem>().errors?.[0]).toMatchObject({
      path: 'trackId',
      code: 'track_inactive',
    });
    expect((await post(c.tenantId)).json<Problem>().errors?.[0]).toMatchObject({
      path: 'trackId',
      code: 'unknown_record',
    });
    const stranger = await addUser(t, c.admin, 'rep', 'Stranger');
    const hidden = await as(
      t,
      stranger.session,
    )({
      method: 'POST',
      url: `/api/v1/leads/${l.id}/nurture`,
      payload: { trackId: null },
    });
    expect(hidden.statusCode).toBe(404);
  });
});

describe('the default quarterly track', () => {
  it('enrols a lead moved to nurturing without a track in the default track, made once in the tenant’s language', async () => {
    const c = await company();
    await withTenant(t.db, c.tenantId, (tx) =>
      tx.update(tenants).set({ defaultLocale: 'zh-CN' }).where(eq(tenants.tenantId, c.tenantId)),
    );
    const start = clock.now().getTime();
    const [a, b] = [await lead(c), await lead(c)];
    if (!a || !b) throw new Error('leads');
    const bulk = await c.call({
      method: 'POST',
      url: '/api/v1/leads/bulk',
      payload: { ids: [a.id, b.id], action: { kind: 'status', status: 'nurturing' } },
    });
    expect(bulk.json()).toEqual({ updated: 2, failed: [] });
    const tracks = (await c.call({ method: 'GET', url: '/api/v1/lead-routing/nurture-tracks' })).json<{
      items: NurtureTrack[];
    }>().items;
    expect(tracks).toEqual([
      expect.objectContaining({ name: '季度行业资讯', repeat: true, isDefault: true, enrolled: 2 }),
    ]);
    expect(tracks[0]?.steps).toEqual([expect.objectContaining({ kind: 'email', delayDays: 90 })]);
    const settings = (await c.call({ method: 'GET', url: '/api/v1/lead-settings' })).json<{
      defaultNurtureTrackId: string;
    }>();
    expect(settings.defaultNurtureTrackId).toBe(tracks[0]?.id);
    expect(await read(c, a.id)).toMatchObject({
      nurtureTrackId: tracks[0]?.id,
      nurtureStep: 0,
      nurtureNextAt: new Date(start + 90 * DAY).toISOString(),
    });

    clock.set(new Date(start + 90 * DAY));
    await sweep(c);
    const [mail] = await mailsTo(c, a.email ?? '');
    expect(mail?.subject).toBe('宁波海川物流：本季度行业洞察与客户案例');
    expect(mail?.text).toContain('陈静，您好');
    // A repeating one-step track comes round again a quarter later.
    expect(await read(c, a.id)).toMatchObject({
      nurtureStep: 0,
      nurtureNextAt: new Date(start + 180 * DAY).toISOString(),
    });
  });
});

describe('revisits of archived leads', () => {
  it('creates one task for the owner when the revisit date comes, and tells them', async () => {
    const c = await company();
    const l = await lead(c, { companyName: '厦门鹭岛贸易' });
    const start = clock.now().getTime();
    const archived = await c.call({
      method: 'PATCH',
      url: `/api/v1/leads/${l.id}`,
      payload: { version: l.version, status: 'archived', statusReason: 'Budget frozen this year' },
    });
    expect(archived.json<Lead>().revisitAt).toBe(new Date(start + 90 * DAY).toISOString());

    clock.set(new Date(start + 90 * DAY - MINUTE));
    await sweepTenantRevisits(t.platform, c.tenantId, clock.now());
    expect(await timeline(c, l.id, 'activity')).toEqual([]);
    clock.set(new Date(start + 90 * DAY));
    await sweepTenantRevisits(t.platform, c.tenantId, clock.now());
    await sweepTenantRevisits(t.platform, c.tenantId, clock.now());
    const items = await timeline(c, l.id, 'activity');
    expect(items).toEqual([
      expect.objectContaining({
        activity: expect.objectContaining({
          kind: 'task',
          subject: 'Revisit: 厦门鹭岛贸易',
          body: expect.stringContaining('Budget frozen this year'),
          ownerId: c.rep.userId,
        }),
      }),
    ]);
    expect(await inbox(c.rep.session, 'lead_revisit_due')).toEqual([
      expect.objectContaining({ entityId: l.id, params: { name: '厦门鹭岛贸易' } }),
    ]);
    expect(await read(c, l.id)).toMatchObject({ status: 'archived', revisitAt: null });
  });
});
