import type { Activity } from '@contracts/activities.contract';
import type { Customer, CustomerSummary } from '@contracts/customers.contract';
import type { Notification } from '@contracts/notifications.contract';
import type { CustomerRetention, RetentionSettings } from '@contracts/retention.contract';
import { and, eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { addUser, as, movableClock, newTenant, type Session, useTestApp } from '../../../test/helper';
import { systemActor } from '../../platform/audit';
import { queryRows } from '../../platform/db/database';
import { tenants } from '../../platform/db/identity.tables';
import { auditLog, outboxMails } from '../../platform/db/platform.tables';
import { withTenant } from '../../platform/db/tenancy';
import { exchangeRates } from '../catalog/catalog.tables';
import { contracts } from '../contracts/contracts.tables';
import { closeDeal, createDeal } from '../deals';
import { payments } from '../receivables/receivables.tables';
import { recomputeTenant, recomputeTenantJob } from './retention.jobs';

/** RFM tiers, lifecycle stages, health with alerts, follow-up cadence, churn and win-back, and the rules. */

const clock = movableClock(new Date('2031-06-01T02:00:00.000Z'));
const t = await useTestApp({}, { clock });
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(clock.now().getTime() - n * DAY);

type Problem = { code: string; errors?: { path: string; code: string }[] };

async function company() {
  const admin = await newTenant(t);
  const call = as(t, admin);
  const manager = await addUser(t, admin, 'manager', 'Manager Mo');
  const rep = await addUser(t, admin, 'rep', 'Rep Rao');
  const other = await addUser(t, admin, 'rep', 'Rep Other');
  const team = (
    await call({ method: 'POST', url: '/api/v1/teams', payload: { name: 'South', region: '华南' } })
  ).json<{ id: string }>();
  await call({
    method: 'PUT',
    url: `/api/v1/teams/${team.id}/members`,
    payload: { members: [{ userId: manager.userId, isLead: true }, { userId: rep.userId }] },
  });
  return { admin, call, tenantId: admin.me.tenant.id, manager, rep, other, team };
}
type Company = Awaited<ReturnType<typeof company>>;

async function customer(c: Company, name: string, ownerId: string | null = c.rep.userId): Promise<Customer> {
  const res = await c.call({ method: 'POST', url: '/api/v1/customers', payload: { name, ownerId } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Customer>();
}

/** A deal closed `ago` days back (won or lost) for `amount` yuan. */
async function deal(c: Company, customerId: string, status: 'won' | 'lost', ago: number, amount = 10_000) {
  const actor = systemActor(c.tenantId);
  await withTenant(t.platform.db, c.tenantId, async (tx) => {
    const row = await createDeal(tx, actor, {
      name: `Deal ${ago}`,
      customerId,
      contactId: null,
      amountMinor: amount * 100,
      currency: c.admin.me.tenant.currency,
      expectedCloseOn: null,
      source: null,
      campaignId: null,
      ownerId: c.rep.userId,
      teamId: null,
      createdAt: daysAgo(ago),
    });
    await closeDeal(tx, actor, row.id, { status, closedAt: daysAgo(ago) });
  });
}

async function touch(s: Session, customerId: string, ago: number, kind = 'call') {
  const res = await as(
    t,
    s,
  )({
    method: 'POST',
    url: '/api/v1/activities',
    payload: { kind, subject: `Touch ${ago}`, customerId, occurredAt: daysAgo(ago).toISOString() },
  });
  expect(res.statusCode, res.body).toBe(201);
}

const retention = async (s: Session, id: string) => {
  const res = await as(t, s)({ method: 'GET', url: `/api/v1/customers/${id}/retention` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<CustomerRetention>();
};

async function rules(c: Company, change: (r: RetentionSettings['rules']) => void) {
  const current = (
    await c.call({ method: 'GET', url: '/api/v1/retention-settings' })
  ).json<RetentionSettings>();
  change(current.rules);
  const res = await c.call({ method: 'PUT', url: '/api/v1/retention-settings', payload: current });
  expect(res.statusCode, res.body).toBe(200);
}

describe('RFM tiers', () => {
  it('grades a frequent, recent, large customer strategic and a customer with no deal potential, then dormant', async () => {
    const c = await company();
    const big = await customer(c, '华南重工');
    for (const ago of [10, 60, 120, 200, 300]) await deal(c, big.id, 'won', ago, 300_000);
    const fresh = await customer(c, '新客户');
    const old = await customer(c, '老客户');
    // Created well before the dormancy limit, never touched since.
    clock.advance(-400 * DAY);
    const stale = await customer(c, '沉睡客户');
    clock.advance(400 * DAY);
    void old;

    const result = await recomputeTenant(t.platform, c.tenantId);
    expect(result.customers).toBeGreaterThanOrEqual(4);

    const b = await retention(c.admin, big.id);
    expect(b.tier).toBe('strategic');
    expect(b.rfm).toMatchObject({ recency: 5, frequency: 5, monetary: 5, score: 15, wonDeals: 5 });
    expect(b.rfm.wonAmountMinor).toBe(5 * 300_000 * 100);
    expect((await retention(c.admin, fresh.id)).tier).toBe('potential');
    expect((await retention(c.admin, stale.id)).tier).toBe('dormant');

    // The grades land on the customer, where the list filters by them.
    const list = await c.call({ method: 'GET', url: '/api/v1/customers?tier=strategic' });
    expect(list.json<{ items: CustomerSummary[] }>().items.map((i) => i.id)).toEqual([big.id]);
  });

  it('audits a tier change after the first grading, and follows the company rules', async () => {
    const c = await company();
    const acme = await customer(c, 'Acme');
    await deal(c, acme.id, 'won', 20, 50_000);
    await recomputeTenant(t.platform, c.tenantId);
    const before = await retention(c.admin, acme.id);
    // R 5 (20 days), F 2 (one deal), M 3 (≥ 50k): 10 → growth by default.
    expect(before).toMatchObject({ tier: 'growth', rfm: { recency: 5, frequency: 2, monetary: 3 } });

    await rules(c, (r) => {
      r.tiers.growthMin = 11;
    });
    await recomputeTenant(t.platform, c.tenantId);
    expect((await retention(c.admin, acme.id)).tier).toBe('potential');
    const audits = await withTenant(t.platform.db, c.tenantId, (tx) =>
      tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, acme.id), eq(auditLog.action, 'tier_change'))),
    );
    expect(audits.map((a) => a.changes)).toEqual([{ tier: { from: 'growth', to: 'potential' } }]);
  });

  it('refuses rules whose cut-offs are not ascending or whose tier minimums are out of order', async () => {
    const c = await company();
    const current = (
      await c.call({ method: 'GET', url: '/api/v1/retention-settings' })
    ).json<RetentionSettings>();
    expect(current.version).toBe(0);
    const bad = structuredClone(current);
    bad.rules.rfm.recencyDays = [90, 30, 180, 365];
    const res = await c.call({ method: 'PUT', url: '/api/v1/retention-settings', payload: bad });
    expect(res.statusCode).toBe(400);
    expect(res.json<Problem>().errors?.[0]).toMatchObject({ path: 'rules.rfm.recencyDays' });
    const order = structuredClone(current);
    order.rules.tiers.growthMin = 14;
    const res2 = await c.call({ method: 'PUT', url: '/api/v1/retention-settings', payload: order });
    expect(res2.statusCode).toBe(400);
    expect(res2.json<Problem>().errors?.[0]).toMatchObject({
      path: 'rules.tiers.strategicMin',
      code: 'tier_minimums_order',
    });
    const rep = await as(
      t,
      c.rep.session,
    )({ method: 'PUT', url: '/api/v1/retention-settings', payload: current });
    expect(rep.statusCode).toBe(403);
    const stale = await c.call({
      method: 'PUT',
      url: '/api/v1/retention-settings',
      payload: { ...current, version: 3 },
    });
    expect(stale.statusCode).toBe(412);
  });
});

describe('RFM from quote to cash', () => {
  /** A contract signed on `signedOn` for the customer, with one payment received on `paidOn`. */
  async function paidContract(
    c: Company,
    customerId: string,
    p: { currency: string; amountMinor: number; signedOn: string; paidOn: string },
  ) {
    const actor = systemActor(c.tenantId);
    await withTenant(t.platform.db, c.tenantId, async (tx) => {
      const d = await createDeal(tx, actor, {
        name: 'Contract deal',
        customerId,
        contactId: null,
        amountMinor: p.amountMinor,
        currency: p.currency,
        expectedCloseOn: null,
        source: null,
        campaignId: null,
        ownerId: c.rep.userId,
        teamId: null,
      });
      const contractId = uuidv7();
      await tx.insert(contracts).values({
        tenantId: c.tenantId,
        id: contractId,
        number: `HT-2031-${contractId.slice(-4)}`,
        title: 'Annual service',
        dealId: d.id,
        customerId,
        locale: 'zh-CN',
        currency: p.currency,
        amountMinor: p.amountMinor,
        status: 'active',
        signedOn: p.signedOn,
        startsOn: p.signedOn,
        endsOn: '2032-05-31',
        ownerId: c.rep.userId,
      });
      await tx.insert(payments).values({
        tenantId: c.tenantId,
        id: uuidv7(),
        contractId,
        customerId,
        receivedOn: p.paidOn,
        amountMinor: p.amountMinor,
        currency: p.currency,
        method: 'bank_transfer',
      });
    });
  }

  it('scores monetary on payments converted at the payment day’s rate once there is a contract, won deals without one', async () => {
    const c = await company();
    await withTenant(t.platform.db, c.tenantId, async (tx) => {
      await tx
        .update(tenants)
        .set({ currency: 'CNY', timeZone: 'Asia/Shanghai' })
        .where(eq(tenants.tenantId, c.tenantId));
      // The rate in force on the payment day is 7.1; a later one must not count.
      await tx.insert(exchangeRates).values([
        { tenantId: c.tenantId, currency: 'USD', effectiveOn: '2031-01-01', rate: '7.1' },
        { tenantId: c.tenantId, currency: 'USD', effectiveOn: '2031-05-25', rate: '8' },
      ]);
    });
    // Both won the same large deal; one paid much, the other little: cash, not the deal, decides.
    const bigPayer = await customer(c, '大额回款客户');
    const smallPayer = await customer(c, '小额回款客户');
    for (const id of [bigPayer.id, smallPayer.id]) await deal(c, id, 'won', 30, 2_000_000);
    await paidContract(c, bigPayer.id, {
      currency: 'CNY',
      amountMinor: 300_000_00,
      signedOn: '2031-05-01',
      paidOn: '2031-05-20',
    });
    await paidContract(c, smallPayer.id, {
      currency: 'CNY',
      amountMinor: 5_000_00,
      signedOn: '2031-05-01',
      paidOn: '2031-05-20',
    });
    const dollarPayer = await customer(c, '美元客户');
    await paidContract(c, dollarPayer.id, {
      currency: 'USD',
      amountMinor: 20_000_00,
      signedOn: '2031-05-01',
      paidOn: '2031-05-20',
    });
    const noContract = await customer(c, '无合同客户');
    await withTenant(t.platform.db, c.tenantId, async (tx) => {
      const actor = systemActor(c.tenantId);
      const won = await createDeal(tx, actor, {
        name: 'Won without contract',
        customerId: noContract.id,
        contactId: null,
        amountMinor: 60_000_00,
        currency: 'CNY',
        expectedCloseOn: null,
        source: null,
        campaignId: null,
        ownerId: c.rep.userId,
        teamId: null,
        createdAt: daysAgo(30),
      });
      await closeDeal(tx, actor, won.id, { status: 'won', closedAt: daysAgo(30) });
    });

    await recomputeTenant(t.platform, c.tenantId);

    const big = await retention(c.admin, bigPayer.id);
    const small = await retention(c.admin, smallPayer.id);
    expect(big.rfm).toMatchObject({ source: 'cash', wonDeals: 1, wonAmountMinor: 300_000_00, monetary: 4 });
    // 10:00 on 20 May in Shanghai's calendar: the payment day's midnight there.
    expect(big.rfm.lastWonAt).toBe('2031-05-19T16:00:00.000Z');
    expect(small.rfm).toMatchObject({ source: 'cash', wonAmountMinor: 5_000_00, monetary: 1 });
    expect(big.rfm.monetary).toBeGreaterThan(small.rfm.monetary);
    // USD 20,000 at 7.1 = CNY 142,000.
    expect((await retention(c.admin, dollarPayer.id)).rfm).toMatchObject({
      source: 'cash',
      wonAmountMinor: 142_000_00,
      monetary: 3,
    });
    expect((await retention(c.admin, noContract.id)).rfm).toMatchObject({
      source: 'wonDeals',
      wonDeals: 1,
      wonAmountMinor: 60_000_00,
      monetary: 3,
    });
  });
});

describe('lifecycle stages', () => {
  it('moves potential → growth → mature with won deals, and to decline after a year without a win', async () => {
    const c = await company();
    const x = await customer(c, '成长科技');
    await recomputeTenant(t.platform, c.tenantId);
    expect((await retention(c.rep.session, x.id)).lifecycle).toMatchObject({
      stage: 'potential',
      reasons: ['noWonDeal'],
    });
    await deal(c, x.id, 'won', 30);
    await recomputeTenant(t.platform, c.tenantId);
    const growth = await retention(c.rep.session, x.id);
    expect(growth.lifecycle).toMatchObject({ stage: 'growth', reasons: ['firstWonDeal'] });
    expect(growth.lifecycle.checklist.map((i) => i.action)).toContain('onboardingRevisit');
    await deal(c, x.id, 'won', 20);
    await deal(c, x.id, 'won', 10);
    await recomputeTenant(t.platform, c.tenantId);
    expect((await retention(c.rep.session, x.id)).lifecycle).toMatchObject({
      stage: 'mature',
      reasons: ['repeatDeals'],
    });

    clock.advance(400 * DAY);
    try {
      await recomputeTenant(t.platform, c.tenantId);
      const decline = await retention(c.rep.session, x.id);
      expect(decline.lifecycle.stage).toBe('decline');
      expect(decline.lifecycle.reasons).toContain('noRecentWin');
    } finally {
      clock.advance(-400 * DAY);
    }
  });

  it('sees decline in falling activity, and keeps an override with its reason until cleared', async () => {
    const c = await company();
    const x = await customer(c, '下滑公司');
    await deal(c, x.id, 'won', 100);
    for (const ago of [100, 110, 120, 130, 140, 150]) await touch(c.rep.session, x.id, ago);
    await touch(c.rep.session, x.id, 5);
    await recomputeTenant(t.platform, c.tenantId);
    const r = await retention(c.rep.session, x.id);
    expect(r.lifecycle).toMatchObject({ stage: 'decline', computed: 'decline' });
    expect(r.lifecycle.reasons).toContain('activityDropped');
    expect(r.health.signals.map((s) => s.signal)).toContain('activityFalling');

    const missing = await as(
      t,
      c.rep.session,
    )({
      method: 'PUT',
      url: `/api/v1/customers/${x.id}/lifecycle`,
      payload: { stage: 'mature', reason: '' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json<Problem>().errors?.[0]).toMatchObject({ path: 'reason', code: 'reason_required' });
    const set = await as(
      t,
      c.rep.session,
    )({
      method: 'PUT',
      url: `/api/v1/customers/${x.id}/lifecycle`,
      payload: { stage: 'mature', reason: 'Framework contract signed offline' },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json<CustomerRetention>().lifecycle).toMatchObject({
      stage: 'mature',
      computed: 'decline',
      override: { stage: 'mature', reason: 'Framework contract signed offline', by: c.rep.userId },
    });
    // The nightly run keeps the override.
    await recomputeTenant(t.platform, c.tenantId);
    expect((await retention(c.rep.session, x.id)).lifecycle.stage).toBe('mature');
    const cleared = await as(
      t,
      c.rep.session,
    )({
      method: 'PUT',
      url: `/api/v1/customers/${x.id}/lifecycle`,
      payload: { stage: null, reason: '' },
    });
    expect(cleared.json<CustomerRetention>().lifecycle).toMatchObject({ stage: 'decline', override: null });
  });

  it("ticks the current stage's actions, refuses others, and starts a fresh list when the stage changes", async () => {
    const c = await company();
    const x = await customer(c, '清单公司');
    const tick = (action: string, done = true) =>
      as(
        t,
        c.rep.session,
      )({
        method: 'PUT',
        url: `/api/v1/customers/${x.id}/lifecycle/checklist`,
        payload: { action, done },
      });
    const first = await tick('qualifyNeeds');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<CustomerRetention>().lifecycle.checklist).toContainEqual({
      action: 'qualifyNeeds',
      done: true,
    });
    const wrong = await tick('crossSell');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<Problem>().errors?.[0]).toMatchObject({ path: 'action', code: 'unknown_action' });
    await deal(c, x.id, 'won', 3);
    const refreshed = await as(
      t,
      c.rep.session,
    )({ method: 'POST', url: `/api/v1/customers/${x.id}/retention/refresh` });
    const r = refreshed.json<CustomerRetention>();
    expect(r.lifecycle.stage).toBe('growth');
    expect(r.lifecycle.checklist.every((i) => !i.done)).toBe(true);
  });

  it('hides a customer from a rep who may not see it', async () => {
    const c = await company();
    const x = await customer(c, '别人的客户');
    const res = await as(t, c.other.session)({ method: 'GET', url: `/api/v1/customers/${x.id}/retention` });
    expect(res.statusCode).toBe(404);
  });
});

describe('health', () => {
  it('scores the signals, lists the customer as at risk and alerts the owner and their manager once', async () => {
    const c = await company();
    const healthy = await customer(c, '健康客户');
    await touch(c.rep.session, healthy.id, 2);
    await deal(c, healthy.id, 'won', 10);
    clock.advance(-90 * DAY);
    const quiet = await customer(c, '沉默客户');
    clock.advance(90 * DAY);
    await deal(c, quiet.id, 'lost', 20);

    await recomputeTenant(t.platform, c.tenantId);
    const h = await retention(c.rep.session, healthy.id);
    expect(h.health).toMatchObject({ score: 100, atRisk: false, signals: [] });
    const q = await retention(c.rep.session, quiet.id);
    // No new need (deal created just now counts, so not that one), no activity for 90 days, a recent loss.
    expect(q.health.signals.map((s) => s.signal).sort()).toEqual(['noActivity', 'recentLoss']);
    expect(q.health.signals.find((s) => s.signal === 'noActivity')?.value).toBe(90);
    expect(q.health).toMatchObject({ score: 55, atRisk: true, threshold: 65 });

    const atRisk = await c.call({ method: 'GET', url: '/api/v1/customers?atRisk=true&sort=healthScore' });
    expect(atRisk.statusCode, atRisk.body).toBe(200);
    expect(atRisk.json<{ items: CustomerSummary[] }>().items.map((i) => [i.id, i.healthScore])).toEqual([
      [quiet.id, 55],
    ]);

    const alerts = async (s: Session) =>
      (await as(t, s)({ method: 'GET', url: '/api/v1/notifications' }))
        .json<{ items: Notification[] }>()
        .items.filter((n) => n.kind === 'customer_at_risk');
    expect(await alerts(c.rep.session)).toHaveLength(1);
    expect((await alerts(c.manager.session))[0]).toMatchObject({ entityId: quiet.id, params: { score: 55 } });
    // Still at risk the next night: no second alert.
    clock.advance(DAY);
    try {
      await recomputeTenant(t.platform, c.tenantId);
      expect(await alerts(c.rep.session)).toHaveLength(1);
    } finally {
      clock.advance(-DAY);
    }
  });
});

describe('follow-up cadence', () => {
  it('gives the owner one follow-up task for a strategic customer not contacted for 14 days', async () => {
    const c = await company();
    clock.advance(-30 * DAY);
    const big = await customer(c, '战略客户');
    clock.advance(30 * DAY);
    for (const ago of [15, 60, 120, 200, 300]) await deal(c, big.id, 'won', ago, 300_000);
    await touch(c.rep.session, big.id, 20);
    await recomputeTenant(t.platform, c.tenantId);
    const tasks = async () =>
      (
        await as(
          t,
          c.rep.session,
        )({ method: 'GET', url: `/api/v1/activities?customerId=${big.id}&kind=task` })
      )
        .json<{ items: Activity[] }>()
        .items.filter((a) => a.kind === 'task');
    const first = await tasks();
    expect(first).toHaveLength(1);
    expect(first[0]?.subject).toContain('战略客户');
    expect(first[0]?.ownerId).toBe(c.rep.userId);
    // The task is still open: the next run does not add another.
    await recomputeTenant(t.platform, c.tenantId);
    expect(await tasks()).toHaveLength(1);
  });
});

describe('churn', () => {
  it('needs the competitor when lost to one, and plans no win-back then', async () => {
    const c = await company();
    const x = await customer(c, '流失甲');
    const none = await as(
      t,
      c.rep.session,
    )({
      method: 'POST',
      url: `/api/v1/customers/${x.id}/churn`,
      payload: { reason: 'competitor' },
    });
    expect(none.statusCode).toBe(400);
    expect(none.json<Problem>().errors?.[0]).toMatchObject({
      path: 'competitor',
      code: 'competitor_required',
    });
    const res = await as(
      t,
      c.rep.session,
    )({
      method: 'POST',
      url: `/api/v1/customers/${x.id}/churn`,
      payload: { reason: 'competitor', competitor: '对手科技', note: '价格低 20%' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<CustomerRetention>();
    expect(r.lifecycle.stage).toBe('churned');
    expect(r.churn).toMatchObject({ reason: 'competitor', competitor: '对手科技', winBackTasks: 0 });
    expect(r.health.atRisk).toBe(false);
    const again = await as(
      t,
      c.rep.session,
    )({
      method: 'POST',
      url: `/api/v1/customers/${x.id}/churn`,
      payload: { reason: 'cost' },
    });
    expect(again.statusCode).toBe(409);
  });

  it('plans win-back tasks, sends the survey to a contact, and reactivates', async () => {
    const c = await company();
    const x = await customer(c, '流失乙');
    const contact = (
      await as(
        t,
        c.rep.session,
      )({
        method: 'POST',
        url: '/api/v1/contacts',
        payload: { customerId: x.id, name: '王经理', email: 'wang@example.cn' },
      })
    ).json<{ id: string }>();
    const res = await as(
      t,
      c.rep.session,
    )({
      method: 'POST',
      url: `/api/v1/customers/${x.id}/churn`,
      payload: { reason: 'cost', note: '预算削减', surveyContactId: contact.id },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<CustomerRetention>().churn).toMatchObject({
      reason: 'cost',
      winBackTasks: 3,
      surveySentTo: 'wang@example.cn',
    });
    const tasks = (
      await as(t, c.rep.session)({ method: 'GET', url: `/api/v1/activities?customerId=${x.id}&kind=task` })
    )
      .json<{ items: Activity[] }>()
      .items.filter((a) => a.kind === 'task');
    expect(
      tasks
        .map((a) => Math.round((new Date(a.dueAt ?? 0).getTime() - clock.now().getTime()) / DAY))
        .sort((a, b) => a - b),
    ).toEqual([7, 30, 90]);
    const mails = await withTenant(t.platform.db, c.tenantId, (tx) =>
      tx.select().from(outboxMails).where(eq(outboxMails.to, 'wang@example.cn')),
    );
    expect(mails).toHaveLength(1);

    const back = await as(
      t,
      c.rep.session,
    )({
      method: 'POST',
      url: `/api/v1/customers/${x.id}/reactivate`,
      payload: { reason: '重新签约' },
    });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json<CustomerRetention>()).toMatchObject({ churn: null, lifecycle: { stage: 'potential' } });
    const twice = await as(
      t,
      c.rep.session,
    )({
      method: 'POST',
      url: `/api/v1/customers/${x.id}/reactivate`,
      payload: { reason: 'again' },
    });
    expect(twice.statusCode).toBe(409);
  });
});

describe('the nightly job', () => {
  it('queues one recompute per company from the nightly run', async () => {
    const c = await company();
    const x = await customer(c, '夜间');
    await recomputeTenantJob.handler(
      { tenantId: c.tenantId },
      { jobId: 'test', log: t.platform.log, platform: t.platform },
    );
    expect((await retention(c.rep.session, x.id)).computedAt).toBe(clock.now().toISOString());
  });

  it('refreshes the planner statistics of the graded tables after a recompute that changed many customers', async () => {
    const c = await company();
    const reltuples = async () =>
      (
        await queryRows<{ n: number }>(
          t.platform.db.db,
          sql`SELECT reltuples::int AS n FROM pg_class WHERE relname = 'customers'`,
        )
      )[0]?.n ?? -1;
    await withTenant(t.platform.db, c.tenantId, (tx) =>
      tx.execute(sql`INSERT INTO customers (tenant_id, id, name, name_norm)
        SELECT ${c.tenantId}::uuid, gen_random_uuid(), 'Bulk ' || g, 'bulk ' || g FROM generate_series(1, 1200) g`),
    );
    const before = await reltuples();
    const result = await recomputeTenant(t.platform, c.tenantId);
    expect(result.changed).toBeGreaterThanOrEqual(1200);
    const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(
      t.platform.db.db,
      sql`SELECT count(*)::int AS n FROM customers`,
    );
    expect(before).not.toBe(n);
    expect(await reltuples()).toBe(n);
  });
});
