import type { AssignmentRule, RepProfile } from '@contracts/lead-routing.contract';
import type { Lead } from '@contracts/leads.contract';
import type { Notification } from '@contracts/notifications.contract';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { addUser, as, movableClock, newTenant, type Session, useTestApp } from '../../../../test/helper';
import { systemActor } from '../../../platform/audit';
import { withTenant } from '../../../platform/db/tenancy';
import { intakeBatch } from '../lead-intake';
import { loadLeadSettings } from '../lead-settings';
import { leadScoreRules } from '../leads.tables';
import { chooseRep, type RepCandidate, ruleMatches } from './assign';

/**
 * Assignment: rules in priority order route a lead to a team, round-robin or least-loaded inside it,
 * respecting capacity, absence and seniority; the rules and reps' profiles as managers edit them.
 */

const clock = movableClock(new Date('2030-03-04T01:00:00.000Z'));
const t = await useTestApp({}, { clock });
const MINUTE = 60_000;

type Problem = { code: string; errors?: { path: string; code: string }[] };

async function company() {
  const admin = await newTenant(t);
  const call = as(t, admin);
  return { admin, call, tenantId: admin.me.tenant.id };
}

type Company = Awaited<ReturnType<typeof company>>;

async function team(c: Company, name: string, members: { userId: string; isLead?: boolean }[]) {
  const res = await c.call({ method: 'POST', url: '/api/v1/teams', payload: { name, region: '华东' } });
  expect(res.statusCode, res.body).toBe(201);
  const { id } = res.json<{ id: string }>();
  const set = await c.call({ method: 'PUT', url: `/api/v1/teams/${id}/members`, payload: { members } });
  expect(set.statusCode, set.body).toBe(200);
  return id;
}

async function rule(c: Company, payload: Record<string, unknown>): Promise<AssignmentRule> {
  const res = await c.call({ method: 'POST', url: '/api/v1/lead-routing/rules', payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<AssignmentRule>();
}

async function newLead(s: Session, payload: Record<string, unknown> = {}): Promise<Lead> {
  clock.advance(MINUTE);
  const res = await as(
    t,
    s,
  )({
    method: 'POST',
    url: '/api/v1/leads',
    payload: { companyName: `Co ${uuidv7().slice(-6)}`, grade: 'B', ...payload },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Lead>();
}

async function profile(c: Company, userId: string, body: Partial<Omit<RepProfile, 'userId'>>) {
  const list = await c.call({ method: 'GET', url: '/api/v1/lead-routing/reps' });
  const current = list.json<{ items: RepProfile[] }>().items.find((r) => r.userId === userId);
  const res = await c.call({
    method: 'PUT',
    url: `/api/v1/lead-routing/reps/${userId}`,
    payload: {
      version: current?.version ?? 0,
      capacity: current?.capacity ?? null,
      seniority: current?.seniority ?? 'standard',
      awayFrom: current?.awayFrom ?? null,
      awayUntil: current?.awayUntil ?? null,
      ...body,
    },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<RepProfile>();
}

const tally = (owners: (string | null)[]) => {
  const out: Record<string, number> = {};
  for (const o of owners) out[o ?? 'none'] = (out[o ?? 'none'] ?? 0) + 1;
  return out;
};

describe('the routing engine on its own', () => {
  const rep = (userId: string, over: Partial<RepCandidate> = {}): RepCandidate => ({
    userId,
    seniority: 'standard',
    capacity: null,
    awayFrom: null,
    awayUntil: null,
    lastAssignedAt: null,
    openLeads: 0,
    ...over,
  });
  const now = new Date('2030-01-01T00:00:00Z');

  it('matches conditions case-insensitively, any value of a list, and score bounds inclusively', () => {
    const lead = {
      grade: 'A',
      region: '华东',
      industry: 'SaaS',
      source: 'event',
      companySize: '100-499',
      score: 70,
    };
    expect(ruleMatches({}, lead)).toBe(true);
    expect(ruleMatches({ grades: ['A', 'B'], industries: ['saas'], regions: ['华东'] }, lead)).toBe(true);
    expect(ruleMatches({ minScore: 70, maxScore: 70 }, lead)).toBe(true);
    expect(ruleMatches({ minScore: 71 }, lead)).toBe(false);
    expect(ruleMatches({ sources: ['website_form'] }, lead)).toBe(false);
    expect(ruleMatches({ regions: ['华北'] }, { ...lead, region: null })).toBe(false);
  });

  it('gives the turn to the rep who waited longest, then skips full, away and non-senior reps', () => {
    const a = rep('a', { lastAssignedAt: new Date('2029-12-31T10:00:00Z') });
    const b = rep('b', { lastAssignedAt: new Date('2029-12-31T09:00:00Z') });
    const fresh = rep('z');
    expect(chooseRep([a, b], 'round_robin', now, false)?.userId).toBe('b');
    expect(chooseRep([a, b, fresh], 'round_robin', now, false)?.userId).toBe('z');
    expect(chooseRep([a, { ...b, capacity: 2, openLeads: 2 }], 'round_robin', now, false)?.userId).toBe('a');
    const away = {
      ...b,
      awayFrom: new Date('2029-12-31T00:00:00Z'),
      awayUntil: new Date('2030-01-02T00:00:00Z'),
    };
    expect(chooseRep([a, away], 'round_robin', now, false)?.userId).toBe('a');
    expect(chooseRep([a, { ...away, awayUntil: now }], 'round_robin', now, false)?.userId).toBe('b');
    expect(chooseRep([a, { ...b, seniority: 'senior' }], 'round_robin', now, true)?.userId).toBe('b');
    expect(chooseRep([a, b], 'round_robin', now, true)).toBeNull();
    expect(
      chooseRep(
        [
          { ...a, openLeads: 1 },
          { ...b, openLeads: 4 },
        ],
        'least_loaded',
        now,
        false,
      )?.userId,
    ).toBe('a');
  });
});

describe('routing new leads', () => {
  it('tries rules in priority order, skips inactive ones, and follows a new order', async () => {
    const c = await company();
    const x = await addUser(t, c.admin, 'rep', 'Rep X');
    const y = await addUser(t, c.admin, 'rep', 'Rep Y');
    const teamX = await team(c, 'Key accounts', [{ userId: x.userId }]);
    const teamY = await team(c, 'Inside sales', [{ userId: y.userId }]);
    const off = await rule(c, { name: 'Switched off', teamId: teamY, active: false });
    const hot = await rule(c, { name: 'A leads', teamId: teamX, conditions: { grades: ['A'] } });
    const rest = await rule(c, { name: 'Everything else', teamId: teamY });
    expect([off, hot, rest].map((r) => r.position)).toEqual([0, 1, 2]);

    expect(await newLead(c.admin, { grade: 'A' })).toMatchObject({ ownerId: x.userId, teamId: teamX });
    expect(await newLead(c.admin, { grade: 'B' })).toMatchObject({ ownerId: y.userId, teamId: teamY });

    const reorder = await c.call({
      method: 'PUT',
      url: '/api/v1/lead-routing/rules/order',
      payload: { ids: [rest.id, hot.id, off.id] },
    });
    expect(reorder.statusCode, reorder.body).toBe(200);
    expect(reorder.json<{ items: AssignmentRule[] }>().items.map((r) => [r.name, r.position])).toEqual([
      ['Everything else', 0],
      ['A leads', 1],
      ['Switched off', 2],
    ]);
    expect(await newLead(c.admin, { grade: 'A' })).toMatchObject({ ownerId: y.userId, teamId: teamY });
  });

  it('spreads 30 leads evenly over 3 reps, one after the other', async () => {
    const c = await company();
    const reps = await Promise.all(['Rep 1', 'Rep 2', 'Rep 3'].map((n) => addUser(t, c.admin, 'rep', n)));
    const teamId = await team(
      c,
      'Round robin',
      reps.map((r) => ({ userId: r.userId })),
    );
    await rule(c, { name: 'All', teamId });
    const owners: (string | null)[] = [];
    for (let i = 0; i < 30; i += 1) owners.push((await newLead(c.admin)).ownerId);
    expect(Object.values(tally(owners))).toEqual([10, 10, 10]);
    // Every window of three consecutive leads reaches all three reps.
    for (let i = 0; i + 3 <= owners.length; i += 1) expect(new Set(owners.slice(i, i + 3)).size).toBe(3);
  });

  it('spreads leads that arrive at the same moment over different reps', async () => {
    const c = await company();
    const reps = await Promise.all(
      ['S1', 'S2', 'S3', 'S4', 'S5', 'S6'].map((n) => addUser(t, c.admin, 'rep', n)),
    );
    const teamId = await team(
      c,
      'Simultaneous',
      reps.map((r) => ({ userId: r.userId })),
    );
    await rule(c, { name: 'All', teamId });
    // Two waves of six leads sent together: on PostgreSQL they run in concurrent transactions, each taking
    // a rep the others are not holding (before, all six took the one rep whose turn they had each read).
    const owners: (string | null)[] = [];
    for (let wave = 0; wave < 2; wave += 1) {
      const leads = await Promise.all(Array.from({ length: 6 }, () => newLead(c.admin)));
      expect(new Set(leads.map((l) => l.ownerId)).size).toBe(6);
      owners.push(...leads.map((l) => l.ownerId));
    }
    expect(Object.values(tally(owners))).toEqual([2, 2, 2, 2, 2, 2]);
  });

  it('spreads a batch (an import) as evenly as single leads', async () => {
    const c = await company();
    const reps = await Promise.all(['B1', 'B2', 'B3'].map((n) => addUser(t, c.admin, 'rep', n)));
    const teamId = await team(
      c,
      'Batch team',
      reps.map((r) => ({ userId: r.userId })),
    );
    await rule(c, { name: 'All', teamId });
    const created = await withTenant(t.db, c.tenantId, async (tx) =>
      intakeBatch(
        tx,
        {
          tenantId: c.tenantId,
          actor: systemActor(c.tenantId),
          now: clock.now(),
          settings: await loadLeadSettings(tx, c.tenantId),
          scoreRules: [],
          duplicates: 'flag',
          audit: 'per_batch',
        },
        Array.from({ length: 30 }, (_, i) => ({ companyName: `Batch ${i}`, source: 'other' as const })),
      ),
    );
    const owners = created.map((o) => (o.kind === 'created' ? o.row.ownerId : 'not created'));
    expect(Object.values(tally(owners))).toEqual([10, 10, 10]);
  });

  it('gives the next lead to a member who joins, keeps the rotation even, and forgets one who leaves', async () => {
    const c = await company();
    const [a, b, cc, d] = await Promise.all(
      ['J-A', 'J-B', 'J-C', 'J-D'].map((n) => addUser(t, c.admin, 'rep', n)),
    );
    if (!a || !b || !cc || !d) throw new Error('users');
    const teamId = await team(c, 'Joiners', [
      { userId: a.userId },
      { userId: b.userId },
      { userId: cc.userId },
    ]);
    await rule(c, { name: 'All', teamId });
    for (let i = 0; i < 9; i += 1) await newLead(c.admin);

    const members = [a, b, cc, d].map((u) => ({ userId: u.userId }));
    await c.call({ method: 'PUT', url: `/api/v1/teams/${teamId}/members`, payload: { members } });
    const after: (string | null)[] = [];
    for (let i = 0; i < 12; i += 1) after.push((await newLead(c.admin)).ownerId);
    expect(after[0]).toBe(d.userId);
    expect(tally(after)).toEqual({ [a.userId]: 3, [b.userId]: 3, [cc.userId]: 3, [d.userId]: 3 });

    const remaining = [a, b, d].map((u) => ({ userId: u.userId }));
    await c.call({ method: 'PUT', url: `/api/v1/teams/${teamId}/members`, payload: { members: remaining } });
    const last: (string | null)[] = [];
    for (let i = 0; i < 6; i += 1) last.push((await newLead(c.admin)).ownerId);
    expect(tally(last)).toEqual({ [a.userId]: 2, [b.userId]: 2, [d.userId]: 2 });
  });

  it('skips a rep at capacity, and leaves the lead with the team when everyone is full', async () => {
    const c = await company();
    const full = await addUser(t, c.admin, 'rep', 'Full Fang');
    const free = await addUser(t, c.admin, 'rep', 'Free Fu');
    const teamId = await team(c, 'Capacity', [{ userId: full.userId }, { userId: free.userId }]);
    await profile(c, full.userId, { capacity: 1 });
    await profile(c, free.userId, { capacity: 2 });
    await newLead(c.admin, { ownerId: full.userId, teamId });
    await rule(c, { name: 'All', teamId });

    expect((await newLead(c.admin)).ownerId).toBe(free.userId);
    expect((await newLead(c.admin)).ownerId).toBe(free.userId);
    const teamOnly = await newLead(c.admin, { grade: 'A' });
    expect(teamOnly).toMatchObject({ ownerId: null, teamId, slaDueAt: null });
  });

  it('skips a rep during an absence and routes to them again once it is over', async () => {
    const c = await company();
    const away = await addUser(t, c.admin, 'rep', 'Away Ai');
    const here = await addUser(t, c.admin, 'rep', 'Here He');
    const teamId = await team(c, 'Absence', [{ userId: away.userId }, { userId: here.userId }]);
    await rule(c, { name: 'All', teamId });
    const now = clock.now().getTime();
    const set = await profile(c, away.userId, {
      awayFrom: new Date(now - 3600_000).toISOString(),
      awayUntil: new Date(now + 30 * MINUTE).toISOString(),
    });
    expect(set.away).toBe(true);
    for (let i = 0; i < 3; i += 1) expect((await newLead(c.admin)).ownerId).toBe(here.userId);
    clock.advance(30 * MINUTE);
    expect((await newLead(c.admin)).ownerId).toBe(away.userId);
  });

  it('sends high-score leads only to senior reps', async () => {
    const c = await company();
    const senior = await addUser(t, c.admin, 'rep', 'Senior Song');
    const junior = await addUser(t, c.admin, 'rep', 'Junior Jin');
    const teamId = await team(c, 'Mixed', [{ userId: senior.userId }, { userId: junior.userId }]);
    await profile(c, senior.userId, { seniority: 'senior' });
    await profile(c, junior.userId, { seniority: 'new' });
    await withTenant(t.db, c.tenantId, (tx) =>
      tx.insert(leadScoreRules).values({
        tenantId: c.tenantId,
        id: uuidv7(),
        name: 'Decision maker',
        kind: 'attribute',
        field: 'title',
        operator: 'contains',
        value: 'CTO',
        points: 50,
      }),
    );
    await rule(c, { name: 'High score', teamId, seniorOnly: true, conditions: { minScore: 40 } });
    await rule(c, { name: 'Others', teamId });
    for (let i = 0; i < 3; i += 1) {
      const hot = await newLead(c.admin, { title: 'CTO' });
      expect(hot).toMatchObject({ score: 50, ownerId: senior.userId });
    }
    const owners = [];
    for (let i = 0; i < 4; i += 1) owners.push((await newLead(c.admin, { title: 'Engineer' })).ownerId);
    expect(new Set(owners)).toEqual(new Set([senior.userId, junior.userId]));
  });

  it('gives least-loaded leads to the rep with the fewest open leads', async () => {
    const c = await company();
    const [a, b, cc] = await Promise.all(['L-A', 'L-B', 'L-C'].map((n) => addUser(t, c.admin, 'rep', n)));
    if (!a || !b || !cc) throw new Error('users');
    const teamId = await team(
      c,
      'Least loaded',
      [a, b, cc].map((u) => ({ userId: u.userId })),
    );
    for (const [user, n] of [
      [a, 3],
      [b, 1],
      [cc, 2],
    ] as const) {
      for (let i = 0; i < n; i += 1) await newLead(c.admin, { ownerId: user.userId, teamId });
    }
    // A closed lead does not count against the rep.
    const closed = await newLead(c.admin, { ownerId: b.userId, teamId });
    await c.call({
      method: 'PATCH',
      url: `/api/v1/leads/${closed.id}`,
      payload: { version: closed.version, status: 'disqualified', statusReason: 'No budget' },
    });
    await rule(c, { name: 'Balance', teamId, strategy: 'least_loaded' });
    const owners = [];
    for (let i = 0; i < 3; i += 1) owners.push((await newLead(c.admin)).ownerId);
    expect(owners).toEqual([b.userId, cc.userId, b.userId]);
  });

  it('tells the rep about an assigned lead, in the app', async () => {
    const c = await company();
    const rep = await addUser(t, c.admin, 'rep', 'Told Tang');
    const teamId = await team(c, 'Told', [{ userId: rep.userId }]);
    await rule(c, { name: 'All', teamId });
    const lead = await newLead(c.admin, { companyName: '杭州知行科技' });
    const inbox = await as(t, rep.session)({ method: 'GET', url: '/api/v1/notifications' });
    expect(inbox.json<{ items: Notification[] }>().items).toEqual([
      expect.objectContaining({
        kind: 'lead_assigned',
        entityId: lead.id,
        params: expect.objectContaining({ name: '杭州知行科技' }),
      }),
    ]);
  });
});

describe('assignment rules API', () => {
  it('validates rules, naming the fields, and keeps them to configurers', async () => {
    const c = await company();
    const teamId = await team(c, 'Valid', []);
    const post = (payload: Record<string, unknown>) =>
      c.call({ method: 'POST', url: '/api/v1/lead-routing/rules', payload });
    const unknownTeam = await post({ name: 'X', teamId: uuidv7() });
    expect(unknownTeam.statusCode).toBe(400);
    expect(unknownTeam.json<Problem>().errors).toEqual([
      expect.objectContaining({ path: 'teamId', code: 'unknown_team' }),
    ]);
    const range = await post({ name: 'X', teamId, conditions: { minScore: 50, maxScore: 10 } });
    expect(range.json<Problem>().errors?.[0]).toMatchObject({
      path: 'conditions.minScore',
      code: 'min_above_max',
    });
    const extra = await post({ name: 'X', teamId, conditions: { colour: 'red' } });
    expect(extra.json<Problem>().errors?.[0]).toMatchObject({
      path: 'conditions.colour',
      code: 'unrecognized_key',
    });
    const badGrade = await post({ name: 'X', teamId, conditions: { grades: ['Z'] } });
    expect(badGrade.json<Problem>().errors?.[0]?.path).toBe('conditions.grades.0');

    const rep = await addUser(t, c.admin, 'rep', 'Not Allowed');
    const denied = await as(
      t,
      rep.session,
    )({ method: 'POST', url: '/api/v1/lead-routing/rules', payload: { name: 'X', teamId } });
    expect(denied.statusCode).toBe(403);
    expect((await as(t, rep.session)({ method: 'GET', url: '/api/v1/lead-routing/rules' })).statusCode).toBe(
      403,
    );
  });

  it('edits with the version it read, reorders only a complete list, deletes, and audits each change', async () => {
    const c = await company();
    const teamId = await team(c, 'Edit', []);
    const first = await rule(c, { name: 'First', teamId });
    const second = await rule(c, { name: 'Second', teamId, strategy: 'least_loaded' });
    const patch = await c.call({
      method: 'PATCH',
      url: `/api/v1/lead-routing/rules/${first.id}`,
      payload: { version: first.version, conditions: { regions: ['华南'] }, seniorOnly: true },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    expect(patch.json<AssignmentRule>()).toMatchObject({
      version: first.version + 1,
      seniorOnly: true,
      conditions: { regions: ['华南'], grades: [], minScore: null },
    });
    const stale = await c.call({
      method: 'PATCH',
      url: `/api/v1/lead-routing/rules/${first.id}`,
      payload: { version: first.version, active: false },
    });
    expect(stale.statusCode).toBe(412);

    for (const ids of [[second.id], [second.id, second.id], [second.id, first.id, uuidv7()]]) {
      const bad = await c.call({ method: 'PUT', url: '/api/v1/lead-routing/rules/order', payload: { ids } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json<Problem>().errors?.[0]).toMatchObject({ path: 'ids', code: 'order_mismatch' });
    }
    const del = await c.call({ method: 'DELETE', url: `/api/v1/lead-routing/rules/${second.id}` });
    expect(del.statusCode).toBe(204);
    const list = await c.call({ method: 'GET', url: '/api/v1/lead-routing/rules' });
    expect(list.json<{ items: AssignmentRule[] }>().items.map((r) => r.name)).toEqual(['First']);

    const audit = await c.call({ method: 'GET', url: '/api/v1/audit-log?entity=lead_assignment_rule' });
    expect(
      audit
        .json<{ items: { action: string }[] }>()
        .items.map((i) => i.action)
        .sort(),
    ).toEqual(['create', 'create', 'delete', 'update']);
  });
});

describe('reps’ routing profiles', () => {
  it('lists a manager’s own team members and lets them edit only those; admins see everyone', async () => {
    const c = await company();
    const manager = await addUser(t, c.admin, 'manager', 'Manager Ma');
    const mine = await addUser(t, c.admin, 'rep', 'Mine Mi');
    const other = await addUser(t, c.admin, 'rep', 'Other Ou');
    await team(c, 'Mine', [{ userId: manager.userId, isLead: true }, { userId: mine.userId }]);
    await team(c, 'Theirs', [{ userId: other.userId }]);

    const asManager = as(t, manager.session);
    const listed = (await asManager({ method: 'GET', url: '/api/v1/lead-routing/reps' })).json<{
      items: RepProfile[];
    }>();
    expect(listed.items.map((r) => r.name)).toEqual(['Manager Ma', 'Mine Mi']);
    expect(listed.items[1]).toMatchObject({
      capacity: null,
      seniority: 'standard',
      openLeads: 0,
      version: 0,
      editable: true,
    });
    const all = (await c.call({ method: 'GET', url: '/api/v1/lead-routing/reps' })).json<{
      items: RepProfile[];
    }>();
    expect(all.items.map((r) => r.name)).toEqual(['Manager Ma', 'Mine Mi', 'Other Ou']);

    const body = { version: 0, capacity: 20, seniority: 'senior', awayFrom: null, awayUntil: null };
    const ok = await asManager({
      method: 'PUT',
      url: `/api/v1/lead-routing/reps/${mine.userId}`,
      payload: body,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<RepProfile>()).toMatchObject({ capacity: 20, seniority: 'senior', version: 1 });
    const stale = await asManager({
      method: 'PUT',
      url: `/api/v1/lead-routing/reps/${mine.userId}`,
      payload: body,
    });
    expect(stale.statusCode).toBe(412);
    const foreign = await asManager({
      method: 'PUT',
      url: `/api/v1/lead-routing/reps/${other.userId}`,
      payload: body,
    });
    expect(foreign.statusCode).toBe(403);
    const repCall = await as(t, mine.session)({ method: 'GET', url: '/api/v1/lead-routing/reps' });
    expect(repCall.statusCode).toBe(403);

    const backwards = await c.call({
      method: 'PUT',
      url: `/api/v1/lead-routing/reps/${other.userId}`,
      payload: { ...body, awayFrom: '2030-05-02T00:00:00Z', awayUntil: '2030-05-01T00:00:00Z' },
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json<Problem>().errors?.[0]).toMatchObject({
      path: 'awayUntil',
      code: 'away_until_before_from',
    });
    const audit = await c.call({
      method: 'GET',
      url: `/api/v1/audit-log?entity=lead_rep_settings&entityId=${mine.userId}`,
    });
    expect(audit.json<{ items: { changes: Record<string, unknown> }[] }>().items[0]?.changes).toMatchObject({
      capacity: { from: null, to: 20 },
      seniority: { from: 'standard', to: 'senior' },
    });
  });
});

describe('routing again', () => {
  it('routes unassigned leads through the rules now in place and reports the rest', async () => {
    const c = await company();
    const rep = await addUser(t, c.admin, 'rep', 'Again An');
    const teamId = await team(c, 'Again', [{ userId: rep.userId }]);
    const waiting = await newLead(c.admin, { grade: 'A' });
    const unmatched = await newLead(c.admin, { grade: 'C' });
    const owned = await newLead(c.admin, { ownerId: rep.userId });
    expect(waiting.ownerId).toBeNull();
    await rule(c, { name: 'A and B', teamId, conditions: { grades: ['A', 'B'] } });

    const res = await c.call({
      method: 'POST',
      url: '/api/v1/lead-routing/route',
      payload: { ids: [waiting.id, unmatched.id, owned.id] },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      assigned: 1,
      teamOnly: 0,
      unmatched: 1,
      failed: [{ id: owned.id, code: 'lead_has_owner', detail: expect.stringContaining('owner') }],
    });
    const after = (await c.call({ method: 'GET', url: `/api/v1/leads/${waiting.id}` })).json<Lead>();
    expect(after).toMatchObject({ ownerId: rep.userId, teamId, assignedAt: clock.now().toISOString() });
    expect(after.slaDueAt).toBe(new Date(clock.now().getTime() + 24 * 3600_000).toISOString());
    const denied = await as(
      t,
      rep.session,
    )({
      method: 'POST',
      url: '/api/v1/lead-routing/route',
      payload: { ids: [unmatched.id] },
    });
    expect(denied.statusCode).toBe(403);
  });
});
