import type { ScoreRule } from '@contracts/lead-scoring.contract';
import type { Lead } from '@contracts/leads.contract';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  addUser,
  as,
  movableClock,
  newTenant,
  type Session,
  useTestApp,
  waitFor,
} from '../../../../test/helper';
import { systemActor } from '../../../platform/audit';
import { withTenant } from '../../../platform/db/tenancy';
import { recordLeadEvents } from '../lead-events';
import { leads } from '../leads.tables';
import { rescoreOpenLeads } from './rescore-tenant';
import { rescoreLeadsJob } from './scoring.jobs';

/** Scoring rules: administration, validation, background rescoring with decay and caps, MQL crossings. */

const clock = movableClock(new Date('2025-03-01T08:00:00Z'));
const t = await useTestApp({}, { clock });
const DAY = 86_400_000;

type Problem = { code: string; errors?: { path: string; code: string }[] };

async function company() {
  const admin = await newTenant(t);
  return { admin, call: as(t, admin), tenantId: admin.me.tenant.id };
}

async function addRule(s: Session, payload: Record<string, unknown>): Promise<ScoreRule> {
  const res = await as(t, s)({ method: 'POST', url: '/api/v1/lead-scoring/rules', payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<ScoreRule>();
}

async function createLead(s: Session, payload: Record<string, unknown>): Promise<Lead> {
  const res = await as(t, s)({ method: 'POST', url: '/api/v1/leads', payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Lead>();
}

const getLead = async (s: Session, id: string) =>
  (await as(t, s)({ method: 'GET', url: `/api/v1/leads/${id}` })).json<Lead>();

async function recordEvents(tenantId: string, leadId: string, kind: 'webinar' | 'page_view', count: number) {
  await withTenant(t.db, tenantId, (tx) =>
    recordLeadEvents(
      tx,
      { tenantId, actor: systemActor(tenantId), now: clock.now() },
      leadId,
      Array.from({ length: count }, () => ({ kind, occurredAt: clock.now(), origin: 'api' as const })),
    ),
  );
}

/** Waits until no rescore job of the tenant is waiting or running. */
async function rescoreJobsSettled(tenantId: string): Promise<void> {
  await waitFor(async () => {
    const { rows } = await t.db.raw.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pgboss.job
        WHERE name = 'leads.rescore' AND data->>'tenantId' = $1 AND state IN ('created', 'retry', 'active')`,
      [tenantId],
    );
    return rows[0]?.n === 0 ? true : undefined;
  }, 'the rescore jobs');
}

const jobContext = () => ({ jobId: 'test', log: t.platform.log, platform: t.platform });

describe('rule administration', () => {
  it('adds, lists, replaces and removes a rule, auditing each change', async () => {
    const { admin, call } = await company();
    const rule = await addRule(admin, {
      kind: 'attribute',
      name: 'Director title',
      field: 'title',
      operator: 'contains',
      value: ['总监', 'director'],
      points: 15,
    });
    expect(rule).toMatchObject({
      operator: 'contains',
      value: ['总监', 'director'],
      version: 1,
      active: true,
    });
    const list = await call({ method: 'GET', url: '/api/v1/lead-scoring/rules' });
    expect(list.json<{ items: ScoreRule[] }>().items.map((r) => r.id)).toEqual([rule.id]);

    const replaced = await call({
      method: 'PUT',
      url: `/api/v1/lead-scoring/rules/${rule.id}`,
      payload: {
        kind: 'attribute',
        name: 'Director',
        field: 'title',
        operator: 'contains',
        value: '总监',
        points: 20,
        version: 1,
      },
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json<ScoreRule>()).toMatchObject({
      name: 'Director',
      points: 20,
      value: '总监',
      version: 2,
    });

    const removed = await call({ method: 'DELETE', url: `/api/v1/lead-scoring/rules/${rule.id}` });
    expect(removed.statusCode).toBe(204);
    expect((await call({ method: 'GET', url: '/api/v1/lead-scoring/rules' })).json()).toEqual({ items: [] });
    const audit = await call({
      method: 'GET',
      url: `/api/v1/audit-log?entity=lead_score_rule&entityId=${rule.id}`,
    });
    expect(audit.json<{ items: { action: string }[] }>().items.map((i) => i.action)).toEqual([
      'delete',
      'update',
      'create',
    ]);
  });

  it('refuses a replacement made from a stale version with 412 and keeps the first', async () => {
    const { admin, call } = await company();
    const rule = await addRule(admin, { kind: 'behaviour', name: 'Webinars', field: 'webinar', points: 10 });
    const body = { kind: 'behaviour', name: 'Webinars', field: 'webinar', version: rule.version };
    const first = await call({
      method: 'PUT',
      url: `/api/v1/lead-scoring/rules/${rule.id}`,
      payload: { ...body, points: 12 },
    });
    expect(first.statusCode).toBe(200);
    const stale = await call({
      method: 'PUT',
      url: `/api/v1/lead-scoring/rules/${rule.id}`,
      payload: { ...body, points: 30 },
    });
    expect(stale.statusCode).toBe(412);
    const extra = await call({
      method: 'PUT',
      url: `/api/v1/lead-scoring/rules/${rule.id}`,
      payload: { ...body, version: 2, points: 30, position: 0 },
    });
    expect(extra.json<Problem>().errors).toEqual([
      expect.objectContaining({ path: 'position', code: 'unrecognized_key' }),
    ]);
    expect(stale.json<Problem>().code).toBe('version_conflict');
    const [kept] = (await call({ method: 'GET', url: '/api/v1/lead-scoring/rules' })).json<{
      items: ScoreRule[];
    }>().items;
    expect(kept).toMatchObject({ points: 12, version: 2 });
  });

  it('names the field of a condition that does not fit its field or operator', async () => {
    const { admin, call } = await company();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ field: 'title', operator: 'eq' }, 'value', 'score_value_required'],
      [{ field: 'email', operator: 'present', value: 'x@example.com' }, 'value', 'score_value_not_allowed'],
      [{ field: 'title', operator: 'met' }, 'operator', 'score_operator_not_allowed'],
      [
        { field: 'qualification.bant.budget', operator: 'eq', value: 'yes' },
        'operator',
        'score_operator_not_allowed',
      ],
      [{ field: 'source', operator: 'in', value: 'event' }, 'value', 'score_value_list_required'],
      [{ field: 'grade', operator: 'eq', value: ['A', 'B'] }, 'value', 'score_value_single_required'],
      [{ field: 'source', operator: 'eq', value: 'trade_fair' }, 'value', 'invalid_value'],
      [{ field: 'companySize', operator: 'in', value: ['20-99', 'huge'] }, 'value.1', 'invalid_value'],
    ];
    for (const [condition, path, code] of cases) {
      const res = await call({
        method: 'POST',
        url: '/api/v1/lead-scoring/rules',
        payload: { kind: 'attribute', name: 'Rule', points: 5, ...condition },
      });
      expect(res.statusCode, JSON.stringify(condition)).toBe(400);
      expect(res.json<Problem>().errors, JSON.stringify(condition)).toEqual([
        expect.objectContaining({ path, code }),
      ]);
    }
    const unknown = await call({
      method: 'POST',
      url: '/api/v1/lead-scoring/rules',
      payload: { kind: 'behaviour', name: 'Visits', field: 'page_view', points: 1, operator: 'eq' },
    });
    expect(unknown.json<Problem>().errors).toEqual([
      expect.objectContaining({ path: 'operator', code: 'unrecognized_key' }),
    ]);
    const met = await addRule(admin, {
      kind: 'attribute',
      name: 'Budget',
      field: 'qualification.bant.budget',
      operator: 'met',
      points: 10,
    });
    expect(met.value).toBeNull();
  });

  it('lets everyone read the rules and only configurers change them', async () => {
    const { admin } = await company();
    const rep = await addUser(t, admin, 'rep');
    await addRule(admin, {
      kind: 'attribute',
      name: 'Grade A',
      field: 'grade',
      operator: 'eq',
      value: 'A',
      points: 20,
    });
    const read = await as(t, rep.session)({ method: 'GET', url: '/api/v1/lead-scoring/rules' });
    expect(read.json<{ items: unknown[] }>().items).toHaveLength(1);
    const write = await as(
      t,
      rep.session,
    )({
      method: 'POST',
      url: '/api/v1/lead-scoring/rules',
      payload: { kind: 'behaviour', name: 'Visits', field: 'page_view', points: 1 },
    });
    expect(write.statusCode).toBe(403);
  });

  it('reorders the rules when every rule is named once', async () => {
    const { admin, call } = await company();
    const a = await addRule(admin, { kind: 'behaviour', name: 'A', field: 'webinar', points: 1 });
    const b = await addRule(admin, { kind: 'behaviour', name: 'B', field: 'download', points: 1 });
    const c = await addRule(admin, {
      kind: 'attribute',
      name: 'C',
      field: 'email',
      operator: 'present',
      points: 1,
    });
    const order = (ids: string[]) =>
      call({ method: 'PUT', url: '/api/v1/lead-scoring/rules/order', payload: { ids } });
    const res = await order([c.id, a.id, b.id]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ items: ScoreRule[] }>().items.map((r) => [r.name, r.position])).toEqual([
      ['C', 0],
      ['A', 1],
      ['B', 2],
    ]);
    const missing = await order([c.id, a.id]);
    expect(missing.json<Problem>().errors).toEqual([
      expect.objectContaining({ path: 'ids', code: 'order_mismatch' }),
    ]);
    const twice = await order([c.id, a.id, a.id]);
    expect(twice.json<Problem>().errors).toEqual([
      expect.objectContaining({ path: 'ids', code: 'order_mismatch' }),
    ]);
    const stranger = await order([c.id, a.id, '0190f5b4-0000-7000-8000-000000000000']);
    expect(stranger.json<Problem>().errors).toEqual([
      expect.objectContaining({ path: 'ids.2', code: 'unknown_record' }),
    ]);
    const listed = await call({ method: 'GET', url: '/api/v1/lead-scoring/rules' });
    expect(listed.json<{ items: ScoreRule[] }>().items.map((r) => r.name)).toEqual(['C', 'A', 'B']);
  });
});

describe('rescoring', () => {
  it('halves a behaviour score after its half-life when the nightly job runs', async () => {
    const { admin, tenantId } = await company();
    await addRule(admin, {
      kind: 'behaviour',
      name: 'Webinars',
      field: 'webinar',
      points: 40,
      halfLifeDays: 30,
    });
    const lead = await createLead(admin, { companyName: 'Decay Co' });
    await recordEvents(tenantId, lead.id, 'webinar', 1);
    expect((await getLead(admin, lead.id)).score).toBe(40);
    clock.advance(30 * DAY);
    await rescoreLeadsJob.handler({}, jobContext());
    const halved = await waitFor(async () => {
      const now = await getLead(admin, lead.id);
      return now.score === 20 ? now : undefined;
    }, 'the nightly rescore');
    expect(halved.scoreBreakdown).toEqual([
      expect.objectContaining({ name: 'Webinars', points: 20, events: 1 }),
    ]);
  });

  it('caps what a behaviour rule can give', async () => {
    const { admin, tenantId } = await company();
    await addRule(admin, { kind: 'behaviour', name: 'Visits', field: 'page_view', points: 10, cap: 25 });
    const lead = await createLead(admin, { companyName: 'Cap Co' });
    await recordEvents(tenantId, lead.id, 'page_view', 5);
    const after = await getLead(admin, lead.id);
    expect(after.score).toBe(25);
    expect(after.scoreBreakdown).toEqual([expect.objectContaining({ points: 25, events: 5, capped: true })]);
  });

  it('marks leads MQL once a new rule lifts them over the threshold, telling the owner once', async () => {
    const { admin } = await company();
    const rep = await addUser(t, admin, 'rep');
    const lead = await createLead(admin, { companyName: 'Hot Co', grade: 'A', ownerId: rep.userId });
    const other = await createLead(admin, { companyName: 'Cold Co', grade: 'C', ownerId: rep.userId });
    expect(lead.status).toBe('new');
    const rule = await addRule(admin, {
      kind: 'attribute',
      name: 'Grade A',
      field: 'grade',
      operator: 'eq',
      value: 'A',
      points: 70,
    });
    const mql = await waitFor(async () => {
      const now = await getLead(admin, lead.id);
      return now.status === 'mql' ? now : undefined;
    }, 'the rescore job');
    expect(mql).toMatchObject({ score: 70, mqlAt: expect.any(String) });
    expect((await getLead(admin, other.id)).status).toBe('new');

    // Another rule change rescores again (the breakdown's name changes) but tells nobody twice.
    await as(
      t,
      admin,
    )({
      method: 'PUT',
      url: `/api/v1/lead-scoring/rules/${rule.id}`,
      payload: {
        kind: 'attribute',
        name: 'A-grade',
        field: 'grade',
        operator: 'eq',
        value: 'A',
        points: 70,
        version: 1,
      },
    });
    await waitFor(async () => {
      const now = await getLead(admin, lead.id);
      return now.scoreBreakdown[0]?.name === 'A-grade' ? now : undefined;
    }, 'the second rescore');
    const inbox = await as(t, rep.session)({ method: 'GET', url: '/api/v1/notifications?limit=50' });
    const mqlNotices = inbox
      .json<{ items: { kind: string; entityId: string }[] }>()
      .items.filter((n) => n.kind === 'lead_mql');
    expect(mqlNotices).toEqual([expect.objectContaining({ entityId: lead.id })]);
  });

  it('rescores every open lead in keyset batches and changes nothing on a rerun', async () => {
    const { admin, tenantId } = await company();
    const created: Lead[] = [];
    for (let i = 0; i < 12; i++) {
      created.push(
        await createLead(admin, { companyName: `Batch ${i}`, email: i % 3 ? `b${i}@example.com` : null }),
      );
    }
    const closed = created[0] as Lead;
    await as(
      t,
      admin,
    )({
      method: 'PATCH',
      url: `/api/v1/leads/${closed.id}`,
      payload: { version: closed.version, status: 'disqualified', statusReason: 'No budget' },
    });
    await addRule(admin, {
      kind: 'attribute',
      name: 'Has email',
      field: 'email',
      operator: 'present',
      points: 5,
    });
    const first = await rescoreOpenLeads(t.platform, tenantId, 5);
    expect(first.scanned).toBeGreaterThan(0);
    await rescoreJobsSettled(tenantId);
    const rows = await withTenant(t.db, tenantId, (tx) =>
      tx.select().from(leads).where(eq(leads.tenantId, tenantId)),
    );
    for (const row of rows) {
      const expected = row.id === closed.id ? 0 : row.email ? 5 : 0;
      expect(row.score, row.companyName ?? '').toBe(expected);
    }
    const versions = new Map(rows.map((r) => [r.id, r.version]));
    const again = await rescoreOpenLeads(t.platform, tenantId, 5);
    expect(again).toEqual({ scanned: 11, changed: 0 });
    const after = await withTenant(t.db, tenantId, (tx) =>
      tx.select({ id: leads.id, version: leads.version }).from(leads).where(eq(leads.tenantId, tenantId)),
    );
    expect(new Map(after.map((r) => [r.id, r.version]))).toEqual(versions);
  });
});
