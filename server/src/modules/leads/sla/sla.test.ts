import type { SlaItem } from '@contracts/lead-routing.contract';
import type { Lead } from '@contracts/leads.contract';
import type { Notification } from '@contracts/notifications.contract';
import { describe, expect, it } from 'vitest';
import { addUser, as, movableClock, newTenant, type Session, useTestApp } from '../../../../test/helper';
import { slaSweepJob, sweepTenantSla } from './sla-sweep';

/** Response SLA: breach at the deadline (not a minute before), once; escalation; the managers' list. */

const clock = movableClock(new Date('2030-06-03T02:00:00.000Z'));
const t = await useTestApp({}, { clock });
const MINUTE = 60_000;
const HOUR = 3_600_000;

async function company() {
  const admin = await newTenant(t);
  const call = as(t, admin);
  const manager = await addUser(t, admin, 'manager', 'Manager Meng');
  const rep = await addUser(t, admin, 'rep', 'Rep Ren');
  const rep2 = await addUser(t, admin, 'rep', 'Rep Rui');
  const res = await call({ method: 'POST', url: '/api/v1/teams', payload: { name: 'East', region: '华东' } });
  const teamId = res.json<{ id: string }>().id;
  await call({
    method: 'PUT',
    url: `/api/v1/teams/${teamId}/members`,
    payload: {
      members: [{ userId: manager.userId, isLead: true }, { userId: rep.userId }, { userId: rep2.userId }],
    },
  });
  return { admin, call, tenantId: admin.me.tenant.id, manager, rep, rep2, teamId };
}

type Company = Awaited<ReturnType<typeof company>>;

async function lead(c: Company, payload: Record<string, unknown>): Promise<Lead> {
  const res = await c.call({
    method: 'POST',
    url: '/api/v1/leads',
    payload: { companyName: 'Acme', ...payload },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Lead>();
}

async function read(c: Company, id: string): Promise<Lead> {
  return (await c.call({ method: 'GET', url: `/api/v1/leads/${id}` })).json<Lead>();
}

async function inbox(s: Session, kind?: string): Promise<Notification[]> {
  const res = await as(t, s)({ method: 'GET', url: '/api/v1/notifications?limit=200' });
  const items = res.json<{ items: Notification[] }>().items;
  return kind ? items.filter((n) => n.kind === kind) : items;
}

const sweep = (c: Company) => sweepTenantSla(t.platform, c.tenantId, clock.now());

describe('the response SLA sweep', () => {
  it('breaches an uncontacted A lead at 24 h and not a minute before, once, telling owner and manager', async () => {
    const c = await company();
    const start = clock.now().getTime();
    const a = await lead(c, {
      companyName: '苏州云图科技',
      grade: 'A',
      ownerId: c.rep.userId,
      teamId: c.teamId,
    });
    expect(a.slaDueAt).toBe(new Date(start + 24 * HOUR).toISOString());

    clock.set(new Date(start + 24 * HOUR - MINUTE));
    await sweep(c);
    expect((await read(c, a.id)).slaBreachedAt).toBeNull();
    expect(await inbox(c.rep.session, 'lead_sla_breached')).toEqual([]);

    clock.set(new Date(start + 24 * HOUR));
    await sweep(c);
    const breached = await read(c, a.id);
    expect(breached.slaBreachedAt).toBe(clock.now().toISOString());
    expect(await inbox(c.rep.session, 'lead_sla_breached')).toEqual([
      expect.objectContaining({
        entityId: a.id,
        params: expect.objectContaining({ name: '苏州云图科技', grade: 'A', hours: 24, owner: 'Rep Ren' }),
      }),
    ]);
    expect(await inbox(c.manager.session, 'lead_sla_escalated')).toEqual([
      expect.objectContaining({ entityId: a.id, params: expect.objectContaining({ owner: 'Rep Ren' }) }),
    ]);
    expect(await inbox(c.rep2.session)).toEqual([]);

    // Later sweeps, and the cron job itself, change nothing more.
    clock.advance(10 * MINUTE);
    await sweep(c);
    await slaSweepJob.handler({}, { jobId: 'test', log: t.platform.log, platform: t.platform });
    expect((await read(c, a.id)).slaBreachedAt).toBe(breached.slaBreachedAt);
    expect(await inbox(c.rep.session, 'lead_sla_breached')).toHaveLength(1);
    expect(await inbox(c.manager.session, 'lead_sla_escalated')).toHaveLength(1);
    const audit = await c.call({ method: 'GET', url: `/api/v1/audit-log?entity=lead&entityId=${a.id}` });
    const actions = audit.json<{ items: { action: string }[] }>().items.map((i) => i.action);
    expect(actions.filter((x) => x === 'sla_breach')).toHaveLength(1);
  });

  it('gives B leads 48 h and C leads no SLA, following the tenant’s settings', async () => {
    const c = await company();
    const start = clock.now().getTime();
    const b = await lead(c, { grade: 'B', ownerId: c.rep.userId, teamId: c.teamId });
    const cc = await lead(c, { grade: 'C', ownerId: c.rep.userId, teamId: c.teamId });
    expect(b.slaDueAt).toBe(new Date(start + 48 * HOUR).toISOString());
    expect(cc.slaDueAt).toBeNull();

    const settings = (await c.call({ method: 'GET', url: '/api/v1/lead-settings' })).json<{
      version: number;
    }>();
    await c.call({
      method: 'PATCH',
      url: '/api/v1/lead-settings',
      payload: { version: settings.version, slaHoursA: 2 },
    });
    const quick = await lead(c, { grade: 'A', ownerId: c.rep.userId, teamId: c.teamId });
    expect(quick.slaDueAt).toBe(new Date(start + 2 * HOUR).toISOString());

    clock.set(new Date(start + 47 * HOUR));
    await sweep(c);
    expect((await read(c, b.id)).slaBreachedAt).toBeNull();
    expect((await read(c, quick.id)).slaBreachedAt).not.toBeNull();
    clock.set(new Date(start + 48 * HOUR));
    await sweep(c);
    expect((await read(c, b.id)).slaBreachedAt).not.toBeNull();
    expect((await read(c, cc.id)).slaBreachedAt).toBeNull();
  });

  it('never breaches a lead contacted before its deadline, nor a closed one', async () => {
    const c = await company();
    const start = clock.now().getTime();
    const called = await lead(c, { grade: 'A', ownerId: c.rep.userId, teamId: c.teamId });
    const dropped = await lead(c, { grade: 'A', ownerId: c.rep.userId, teamId: c.teamId });
    clock.set(new Date(start + 23 * HOUR));
    const log = await as(
      t,
      c.rep.session,
    )({
      method: 'POST',
      url: `/api/v1/leads/${called.id}/activities`,
      payload: { kind: 'call', subject: 'First call', direction: 'outbound' },
    });
    expect(log.statusCode, log.body).toBe(201);
    await c.call({
      method: 'PATCH',
      url: `/api/v1/leads/${dropped.id}`,
      payload: { version: dropped.version, status: 'disqualified', statusReason: 'Student project' },
    });
    clock.set(new Date(start + 30 * HOUR));
    await sweep(c);
    expect((await read(c, called.id)).slaBreachedAt).toBeNull();
    expect((await read(c, dropped.id)).slaBreachedAt).toBeNull();
    expect(await inbox(c.manager.session, 'lead_sla_escalated')).toEqual([]);
  });

  it('restarts the clock on re-assignment, so the new owner may breach and be told again', async () => {
    const c = await company();
    const start = clock.now().getTime();
    const a = await lead(c, { grade: 'A', ownerId: c.rep.userId, teamId: c.teamId });
    clock.set(new Date(start + 25 * HOUR));
    await sweep(c);
    const breached = await read(c, a.id);
    expect(breached.slaBreachedAt).not.toBeNull();

    const moved = await as(
      t,
      c.manager.session,
    )({
      method: 'PATCH',
      url: `/api/v1/leads/${a.id}`,
      payload: { version: breached.version, ownerId: c.rep2.userId },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json<Lead>()).toMatchObject({
      slaBreachedAt: null,
      slaDueAt: new Date(start + 49 * HOUR).toISOString(),
    });
    clock.set(new Date(start + 49 * HOUR - MINUTE));
    await sweep(c);
    expect((await read(c, a.id)).slaBreachedAt).toBeNull();
    clock.set(new Date(start + 49 * HOUR));
    await sweep(c);
    expect((await read(c, a.id)).slaBreachedAt).not.toBeNull();
    expect(await inbox(c.rep2.session, 'lead_sla_breached')).toHaveLength(1);
    expect(await inbox(c.manager.session, 'lead_sla_escalated')).toHaveLength(2);
  });

  it('escalates to the leads of the owner’s teams when the lead has no team, never to the owner', async () => {
    const c = await company();
    const start = clock.now().getTime();
    const teamless = await lead(c, { grade: 'A', ownerId: c.rep.userId });
    expect(teamless.teamId).toBeNull();
    const managersOwn = await lead(c, { grade: 'A', ownerId: c.manager.userId, teamId: c.teamId });
    clock.set(new Date(start + 24 * HOUR));
    await sweep(c);
    const escalated = await inbox(c.manager.session, 'lead_sla_escalated');
    expect(escalated.map((n) => n.entityId)).toEqual([teamless.id]);
    expect((await inbox(c.manager.session, 'lead_sla_breached')).map((n) => n.entityId)).toEqual([
      managersOwn.id,
    ]);
  });
});

describe('the SLA breaches list', () => {
  it('lists breached and soon-due leads the manager may see, with owner and lateness', async () => {
    const c = await company();
    const outsider = await addUser(t, c.admin, 'manager', 'Other Manager');
    const start = clock.now().getTime();
    const late = await lead(c, {
      companyName: 'Late Ltd',
      grade: 'A',
      ownerId: c.rep.userId,
      teamId: c.teamId,
    });
    clock.set(new Date(start + 2 * HOUR));
    const soon = await lead(c, {
      companyName: 'Soon Ltd',
      grade: 'A',
      ownerId: c.rep2.userId,
      teamId: c.teamId,
    });
    await lead(c, { companyName: 'Later Ltd', grade: 'B', ownerId: c.rep2.userId, teamId: c.teamId });
    clock.set(new Date(start + 24 * HOUR));
    await sweep(c);
    clock.set(new Date(start + 24 * HOUR + 90 * MINUTE));

    const get = async (s: Session, query: string) => {
      const res = await as(t, s)({ method: 'GET', url: `/api/v1/lead-routing/sla?${query}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ items: SlaItem[]; now: string }>();
    };
    const breached = await get(c.manager.session, 'state=breached');
    expect(breached.items).toEqual([
      expect.objectContaining({
        id: late.id,
        companyName: 'Late Ltd',
        grade: 'A',
        ownerName: 'Rep Ren',
        teamName: 'East',
        slaDueAt: new Date(start + 24 * HOUR).toISOString(),
        lateMinutes: 90,
      }),
    ]);
    const dueSoon = await get(c.manager.session, 'state=due_soon');
    expect(dueSoon.items.map((i) => [i.companyName, i.lateMinutes])).toEqual([['Soon Ltd', 0]]);
    expect(
      (await get(c.manager.session, 'state=due_soon&withinHours=48')).items.map((i) => i.companyName),
    ).toEqual(['Soon Ltd', 'Later Ltd']);
    expect((await get(c.manager.session, `state=breached&ownerId=${c.rep2.userId}`)).items).toEqual([]);
    expect((await get(outsider.session, 'state=breached')).items).toEqual([]);
    expect((await get(c.admin, 'state=breached')).items.map((i) => i.id)).toEqual([late.id]);

    const page = await get(c.manager.session, 'state=due_soon&withinHours=48&limit=1');
    expect(page.items.map((i) => i.id)).toEqual([soon.id]);
    const denied = await as(
      t,
      c.rep.session,
    )({ method: 'GET', url: '/api/v1/lead-routing/sla?state=breached' });
    expect(denied.statusCode).toBe(403);
    const bad = await as(t, c.manager.session)({ method: 'GET', url: '/api/v1/lead-routing/sla?state=late' });
    expect(bad.statusCode).toBe(400);

    // A breach shows on the lead and in the list filter, until the lead is contacted.
    expect((await read(c, late.id)).slaBreachedAt).not.toBeNull();
    await as(
      t,
      c.rep.session,
    )({
      method: 'POST',
      url: `/api/v1/leads/${late.id}/activities`,
      payload: { kind: 'meeting', subject: 'Visit' },
    });
    expect((await get(c.manager.session, 'state=breached')).items).toEqual([]);
  });
});
