import type { Customer } from '@contracts/customers.contract';
import type { Deal, DealSummary } from '@contracts/deals.contract';
import type { LossReason, Pipeline, UnmetGate } from '@contracts/pipelines.contract';
import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { addUser, as, newTenant, type Session, useTestApp } from '../../../test/helper';
import { auditLog } from '../../platform/db/platform.tables';
import { withTenant } from '../../platform/db/tenancy';
import { notifications } from '../notifications/notifications.tables';
import { sweepDealAging } from './deal-aging';
import { dealNeedItems, dealNeeds } from './deal-needs.tables';
import { dealStageHistory } from './deals.tables';

/** Deals through their pipeline: templates, create, gates on forward moves, win/lose/reopen, access, board. */

const t = await useTestApp();

type Problem = {
  code: string;
  detail: string;
  unmet?: UnmetGate[];
  errors?: { path: string; code: string }[];
};

async function company() {
  const admin = Object.assign(await newTenant(t), { userId: '' });
  admin.userId = admin.me.user.id;
  const call = as(t, admin);
  const user = async (role: string, name: string) => {
    const u = await addUser(t, admin, role, name);
    return Object.assign(u.session, { userId: u.userId });
  };
  const manager = await user('manager', 'Manager Meng');
  const rep = await user('rep', 'Rep Ren');
  const rep2 = await user('rep', 'Rep Rui');
  const team = (
    await call({ method: 'POST', url: '/api/v1/teams', payload: { name: 'East', region: '华东' } })
  ).json<{ id: string }>();
  await call({
    method: 'PUT',
    url: `/api/v1/teams/${team.id}/members`,
    payload: { members: [{ userId: manager.userId, isLead: true }, { userId: rep.userId }] },
  });
  const pipelines = (await call({ method: 'GET', url: '/api/v1/pipelines' })).json<{ items: Pipeline[] }>()
    .items;
  const newCustomer = pipelines.find((p) => p.kind === 'new_customer');
  if (!newCustomer) throw new Error('no new-customer pipeline');
  return { admin, call, tenantId: admin.me.tenant.id, manager, rep, rep2, team, pipelines, newCustomer };
}
type Company = Awaited<ReturnType<typeof company>>;

async function customerOf(s: Session, name: string) {
  const res = await as(t, s)({ method: 'POST', url: '/api/v1/customers', payload: { name } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Customer>();
}

async function contactOf(s: Session, customerId: string, name: string) {
  const res = await as(t, s)({ method: 'POST', url: '/api/v1/contacts', payload: { customerId, name } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>();
}

async function dealOf(s: Session, payload: Record<string, unknown>) {
  const res = await as(t, s)({ method: 'POST', url: '/api/v1/deals', payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Deal>();
}

const move = (s: Session, deal: Deal, stageId: string, headers: Record<string, string> = {}) =>
  as(
    t,
    s,
  )({
    method: 'POST',
    url: `/api/v1/deals/${deal.id}/stage`,
    payload: { stageId, version: deal.version },
    headers,
  });

function stage(c: Company, index: number): string {
  const s = c.newCustomer.stages[index];
  if (!s) throw new Error(`no stage ${index}`);
  return s.id;
}

describe('pipelines', () => {
  it('start from the two templates of DOMAIN.md §8 with gates, probabilities and loss reasons', async () => {
    const c = await company();
    expect(c.pipelines.map((p) => p.kind).sort()).toEqual(['existing_customer', 'new_customer']);
    expect(c.newCustomer.stages).toHaveLength(6);
    expect(c.newCustomer.stages.map((s) => s.probability)).toEqual([10, 20, 40, 60, 80, 90]);
    expect(c.newCustomer.stages[1]?.gates).toEqual([{ kind: 'corePainPoints', min: 3 }]);
    const existing = c.pipelines.find((p) => p.kind === 'existing_customer');
    expect(existing?.stages).toHaveLength(4);
    const reasons = (await c.call({ method: 'GET', url: '/api/v1/deal-loss-reasons' })).json<{
      items: LossReason[];
    }>();
    expect(reasons.items.length).toBeGreaterThan(3);
    // A second read does not set them up again.
    const again = (await c.call({ method: 'GET', url: '/api/v1/pipelines' })).json<{ items: Pipeline[] }>();
    expect(again.items).toHaveLength(2);
  });

  it('are edited by holders of deals.configure: stages added, renamed, a used one kept', async () => {
    const c = await company();
    const p = c.newCustomer;
    const denied = await as(t, c.rep)({ method: 'PUT', url: `/api/v1/pipelines/${p.id}`, payload: {} });
    expect(denied.statusCode).toBe(403);
    const customer = await customerOf(c.admin, '用过的阶段');
    await dealOf(c.admin, { name: 'Uses stage 0', customerId: customer.id });
    const stages = p.stages.map(({ id, name, probability, forecastCategory, agingDays, gates }) => ({
      id,
      name,
      probability,
      forecastCategory,
      agingDays,
      gates,
    }));
    const removeUsed = await c.call({
      method: 'PUT',
      url: `/api/v1/pipelines/${p.id}`,
      payload: { version: p.version, name: p.name, isDefault: true, stages: stages.slice(1) },
    });
    expect(removeUsed.statusCode, removeUsed.body).toBe(409);
    expect(removeUsed.json<Problem>().code).toBe('in_use');
    const edited = await c.call({
      method: 'PUT',
      url: `/api/v1/pipelines/${p.id}`,
      payload: {
        version: p.version,
        name: 'Direct sales',
        isDefault: true,
        stages: [...stages, { name: 'Kick-off', probability: 95, gates: [{ kind: 'needsConfirmed' }] }],
      },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const after = edited.json<Pipeline>();
    expect(after.name).toBe('Direct sales');
    expect(after.stages.at(-1)).toMatchObject({ name: 'Kick-off', probability: 95, position: 6 });
    const stale = await c.call({
      method: 'PUT',
      url: `/api/v1/pipelines/${p.id}`,
      payload: { version: p.version, name: 'Again', isDefault: true, stages },
    });
    expect(stale.statusCode).toBe(412);
    const badGate = await c.call({
      method: 'PUT',
      url: `/api/v1/pipelines/${p.id}`,
      payload: {
        version: after.version,
        name: 'Again',
        isDefault: true,
        stages: [{ name: 'Only', probability: 10, gates: [{ kind: 'corePainPoints', min: 0 }] }],
      },
    });
    expect(badGate.statusCode).toBe(400);
    expect(badGate.json<Problem>().errors?.[0]?.path).toBe('stages.0.gates.0.min');
  });
});

describe('deals', () => {
  it('start in the default pipeline’s first stage with its probability, owned by their creator', async () => {
    const c = await company();
    const customer = await customerOf(c.rep, '华星机械');
    const deal = await dealOf(c.rep, {
      name: '产线改造',
      customerId: customer.id,
      amountMinor: 1_200_000_00,
    });
    expect(deal).toMatchObject({
      pipelineId: c.newCustomer.id,
      stageId: stage(c, 0),
      probability: 10,
      forecastCategory: 'pipeline',
      ownerId: c.rep.userId,
      teamId: c.team.id,
      currency: 'USD', // the company's currency (a test company's is USD)
      weightedMinor: 12_000_000,
      status: 'open',
    });
    expect(deal.missingRoles).toContain('decision_maker');
    const history = (
      await as(t, c.rep)({ method: 'GET', url: `/api/v1/deals/${deal.id}/stage-history` })
    ).json<{
      items: { stageId: string; leftAt: string | null }[];
    }>();
    expect(history.items).toEqual([expect.objectContaining({ stageId: stage(c, 0), leftAt: null })]);
  });

  it('refuse bad input with the field named', async () => {
    const c = await company();
    const mine = await customerOf(c.rep, '我的客户');
    const theirs = await customerOf(c.rep2, '别人的客户');
    const otherContact = await contactOf(c.rep2, theirs.id, '李四');
    const cases: [Record<string, unknown>, string, string][] = [
      [{ name: 'x', customerId: theirs.id }, 'customerId', 'unknown_customer'],
      [
        { name: 'x', customerId: mine.id, probability: 50 },
        'probabilityReason',
        'probability_reason_required',
      ],
      [{ name: 'x', customerId: mine.id, contactId: otherContact.id }, 'contactId', 'contact_other_customer'],
      [{ name: 'x', customerId: mine.id, stageId: uuidv7() }, 'stageId', 'stage_not_in_pipeline'],
      [{ name: 'x', customerId: mine.id, amountMinor: -1 }, 'amountMinor', 'too_small'],
    ];
    for (const [payload, path, code] of cases) {
      const res = await as(t, c.rep)({ method: 'POST', url: '/api/v1/deals', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      const error = res.json<Problem>().errors?.[0];
      expect(error?.path).toBe(path);
      if (code !== 'too_small') expect(error?.code).toBe(code);
    }
    const forOther = await as(
      t,
      c.rep,
    )({
      method: 'POST',
      url: '/api/v1/deals',
      payload: { name: 'x', customerId: mine.id, ownerId: c.rep2.userId },
    });
    expect(forOther.statusCode).toBe(403);
  });

  it('move forward only when the gates of every stage they leave hold, in the caller’s language', async () => {
    const c = await company();
    const customer = await customerOf(c.rep, '宏达电子');
    let deal = await dealOf(c.rep, { name: 'ERP', customerId: customer.id });
    const blocked = await move(c.rep, deal, stage(c, 1), { 'accept-language': 'zh-CN' });
    expect(blocked.statusCode, blocked.body).toBe(409);
    const problem = blocked.json<Problem>();
    expect(problem.code).toBe('gate_blocked');
    expect(problem.unmet?.map((u) => u.gate.kind)).toEqual(['fieldsSet']);
    expect(problem.unmet?.[0]?.message).toContain('联系人');

    const boss = await contactOf(c.rep, customer.id, '王总');
    const withContacts = await as(
      t,
      c.rep,
    )({
      method: 'PUT',
      url: `/api/v1/deals/${deal.id}/contacts`,
      payload: {
        contacts: [{ contactId: boss.id, role: 'decision_maker', attitude: 'supporter', isPrimary: true }],
      },
    });
    expect(withContacts.statusCode, withContacts.body).toBe(200);
    deal = withContacts.json<Deal>();
    expect(deal.missingRoles).not.toContain('decision_maker');
    const moved = await move(c.rep, deal, stage(c, 1));
    expect(moved.statusCode, moved.body).toBe(200);
    deal = moved.json<Deal>();
    expect(deal).toMatchObject({ stageId: stage(c, 1), probability: 20, daysInStage: 0 });

    // Skipping ahead checks the skipped stages too: pain points, confirmation (the decision maker is known).
    const skip = await move(c.rep, deal, stage(c, 3), { 'accept-language': 'en-US' });
    expect(skip.statusCode).toBe(409);
    const unmet = skip.json<Problem>().unmet ?? [];
    expect(unmet.map((u) => u.gate.kind)).toEqual(['corePainPoints', 'needsConfirmed']);
    expect(unmet[0]?.message).toBe('the needs analysis lists at least 3 core pain points (now 0)');
    const preview = await as(
      t,
      c.rep,
    )({ method: 'GET', url: `/api/v1/deals/${deal.id}/gates?stageId=${stage(c, 3)}` });
    expect(preview.json<{ unmet: UnmetGate[] }>().unmet).toHaveLength(2);

    await withTenant(t.platform.db, c.tenantId, async (tx) => {
      const now = new Date();
      await tx.insert(dealNeeds).values({ tenantId: c.tenantId, dealId: deal.id, confirmedAt: now });
      await tx.insert(dealNeedItems).values(
        ['库存不准', '排产靠人工', '质检追溯难'].map((description, position) => ({
          tenantId: c.tenantId,
          id: uuidv7(),
          dealId: deal.id,
          kind: 'pain_point',
          description,
          priority: 'core',
          position,
        })),
      );
    });
    const through = await move(c.rep, deal, stage(c, 3));
    expect(through.statusCode, through.body).toBe(200);
    deal = through.json<Deal>();
    expect(deal).toMatchObject({ probability: 60, forecastCategory: 'best_case' });

    // Backward moves need no gates; a stale version is refused.
    const stale = await move(c.rep, { ...deal, version: deal.version - 1 }, stage(c, 0));
    expect(stale.statusCode).toBe(412);
    const back = await move(c.rep, deal, stage(c, 0));
    expect(back.statusCode, back.body).toBe(200);
    const history = await withTenant(t.platform.db, c.tenantId, (tx) =>
      tx
        .select()
        .from(dealStageHistory)
        .where(and(eq(dealStageHistory.tenantId, c.tenantId), eq(dealStageHistory.dealId, deal.id))),
    );
    expect(history).toHaveLength(4);
    expect(history.filter((h) => h.leftAt === null)).toHaveLength(1);
  });

  it('are won with closing data past the remaining gates, lost with a reason, and reopened with one', async () => {
    const c = await company();
    const customer = await customerOf(c.rep, '远景科技');
    const deal = await dealOf(c.rep, { name: 'MES', customerId: customer.id });
    const early = await as(
      t,
      c.rep,
    )({
      method: 'POST',
      url: `/api/v1/deals/${deal.id}/win`,
      payload: { amountMinor: 500_000_00 },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json<Problem>().unmet?.length).toBeGreaterThan(5);
    const missingAmount = await as(
      t,
      c.rep,
    )({ method: 'POST', url: `/api/v1/deals/${deal.id}/win`, payload: {} });
    expect(missingAmount.statusCode).toBe(400);

    const reasons = (await c.call({ method: 'GET', url: '/api/v1/deal-loss-reasons' })).json<{
      items: LossReason[];
    }>();
    const reason = reasons.items[0];
    if (!reason) throw new Error('no loss reason');
    const noReason = await as(
      t,
      c.rep,
    )({
      method: 'POST',
      url: `/api/v1/deals/${deal.id}/lose`,
      payload: { lossReasonId: uuidv7() },
    });
    expect(noReason.json<Problem>().errors?.[0]).toMatchObject({
      path: 'lossReasonId',
      code: 'unknown_loss_reason',
    });
    const lost = await as(
      t,
      c.rep,
    )({
      method: 'POST',
      url: `/api/v1/deals/${deal.id}/lose`,
      payload: { lossReasonId: reason.id, closeNote: '预算砍掉' },
    });
    expect(lost.statusCode, lost.body).toBe(200);
    expect(lost.json<Deal>()).toMatchObject({
      status: 'lost',
      probability: 0,
      forecastCategory: 'closed',
      lossReasonName: reason.name,
    });
    const moveClosed = await move(c.rep, lost.json<Deal>(), stage(c, 1));
    expect(moveClosed.json<Problem>().code).toBe('deal_closed');

    const noWhy = await as(t, c.rep)({ method: 'POST', url: `/api/v1/deals/${deal.id}/reopen`, payload: {} });
    expect(noWhy.statusCode).toBe(400);
    const reopened = await as(
      t,
      c.rep,
    )({
      method: 'POST',
      url: `/api/v1/deals/${deal.id}/reopen`,
      payload: { reason: '客户追加预算' },
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json<Deal>()).toMatchObject({ status: 'open', stageId: stage(c, 0), lossReasonId: null });
    const audit = await withTenant(t.platform.db, c.tenantId, (tx) =>
      tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.tenantId, c.tenantId), eq(auditLog.entityId, deal.id))),
    );
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['create', 'lost', 'reopen']));

    // A pipeline without gates wins at once, with the signed amount.
    const bare = await c.call({
      method: 'POST',
      url: '/api/v1/pipelines',
      payload: { name: 'Quick', kind: 'new_customer', stages: [{ name: 'Talk', probability: 30 }] },
    });
    expect(bare.statusCode, bare.body).toBe(201);
    const quick = await dealOf(c.rep, {
      name: 'Spare parts',
      customerId: customer.id,
      pipelineId: bare.json<Pipeline>().id,
    });
    const won = await as(
      t,
      c.rep,
    )({
      method: 'POST',
      url: `/api/v1/deals/${quick.id}/win`,
      payload: { amountMinor: 88_000_00, closedOn: '2026-11-20' },
    });
    expect(won.statusCode, won.body).toBe(200);
    expect(won.json<Deal>()).toMatchObject({
      status: 'won',
      probability: 100,
      amountMinor: 88_000_00,
      closedAt: '2026-11-20T00:00:00.000Z',
    });
  });

  it('are seen by their owner, the owner’s managers and the customer’s owner, and nobody else', async () => {
    const c = await company();
    const customer = await customerOf(c.rep, '共享客户');
    const deal = await dealOf(c.admin, {
      name: 'Admin deal',
      customerId: customer.id,
      ownerId: c.rep2.userId,
    });
    const repsDeal = await dealOf(c.rep, { name: 'Rep deal', customerId: customer.id });
    const read = (s: Session, id: string) => as(t, s)({ method: 'GET', url: `/api/v1/deals/${id}` });
    expect((await read(c.rep2, deal.id)).statusCode).toBe(200);
    expect((await read(c.rep, deal.id)).statusCode).toBe(200); // owns the customer
    expect((await read(c.rep2, repsDeal.id)).statusCode).toBe(404);
    expect((await read(c.manager, repsDeal.id)).statusCode).toBe(200);
    const list = (s: Session) =>
      as(t, s)({ method: 'GET', url: '/api/v1/deals' }).then((r) => r.json<{ items: DealSummary[] }>().items);
    expect((await list(c.rep2)).map((d) => d.id)).toEqual([deal.id]);
    expect((await list(c.manager)).map((d) => d.id)).toEqual([repsDeal.id]);
    const reassign = await as(
      t,
      c.rep,
    )({
      method: 'PATCH',
      url: `/api/v1/deals/${repsDeal.id}`,
      payload: { version: repsDeal.version, ownerId: c.rep2.userId },
    });
    expect(reassign.statusCode).toBe(403);
    const byManager = await as(
      t,
      c.manager,
    )({
      method: 'PATCH',
      url: `/api/v1/deals/${repsDeal.id}`,
      payload: {
        version: repsDeal.version,
        ownerId: c.manager.userId,
        nextStep: '约演示',
        nextStepOn: '2026-12-01',
      },
    });
    expect(byManager.statusCode, byManager.body).toBe(200);
    expect(byManager.json<Deal>()).toMatchObject({ ownerId: c.manager.userId, nextStep: '约演示' });
    const del = await as(t, c.rep)({ method: 'DELETE', url: `/api/v1/deals/${deal.id}` });
    expect(del.statusCode).toBe(403);
    expect(
      (await as(t, c.manager)({ method: 'DELETE', url: `/api/v1/deals/${repsDeal.id}` })).statusCode,
    ).toBe(204);
  });

  it('sum the weighted amounts of the board as the cards round them, deal by deal, half up', async () => {
    const c = await company();
    const customer = await customerOf(c.rep, '取整客户');
    // 10 % of 5 and of 15 minor units: 0.5 and 1.5 round to 1 and 2 (their sum rounded once would be 2).
    await dealOf(c.rep, { name: 'H1', customerId: customer.id, amountMinor: 5, currency: 'CNY' });
    await dealOf(c.rep, { name: 'H2', customerId: customer.id, amountMinor: 15, currency: 'CNY' });
    const res = await as(t, c.rep)({ method: 'GET', url: `/api/v1/pipelines/${c.newCustomer.id}/board` });
    const first = res.json<{ columns: { totals: unknown[]; deals: DealSummary[] }[] }>().columns[0];
    expect(first?.deals.map((d) => d.weightedMinor).sort()).toEqual([1, 2]);
    expect(first?.totals).toEqual([{ currency: 'CNY', amountMinor: 20, weightedMinor: 3 }]);
  });

  it('fill the board per stage with counts and per-currency sums, and the managers’ summary', async () => {
    const c = await company();
    const customer = await customerOf(c.rep, '看板客户');
    await dealOf(c.rep, { name: 'A', customerId: customer.id, amountMinor: 100_00, currency: 'CNY' });
    await dealOf(c.rep, { name: 'B', customerId: customer.id, amountMinor: 300_00, currency: 'CNY' });
    await dealOf(c.rep, { name: 'C', customerId: customer.id, amountMinor: 50_00, currency: 'USD' });
    const res = await as(
      t,
      c.rep,
    )({ method: 'GET', url: `/api/v1/pipelines/${c.newCustomer.id}/board?limit=2` });
    expect(res.statusCode, res.body).toBe(200);
    const board = res.json<{
      columns: {
        stageId: string;
        count: number;
        totals: unknown[];
        deals: DealSummary[];
        nextCursor: string | null;
      }[];
    }>();
    const first = board.columns[0];
    expect(first?.count).toBe(3);
    expect(first?.deals.map((d) => d.name)).toEqual(['C', 'B']);
    expect(first?.totals).toEqual(
      expect.arrayContaining([
        { currency: 'CNY', amountMinor: 400_00, weightedMinor: 40_00 },
        { currency: 'USD', amountMinor: 50_00, weightedMinor: 5_00 },
      ]),
    );
    const more = await as(
      t,
      c.rep,
    )({
      method: 'GET',
      url: `/api/v1/deals?stageId=${stage(c, 0)}&status=open&cursor=${first?.nextCursor ?? ''}&limit=2`,
    });
    expect(more.json<{ items: DealSummary[] }>().items.map((d) => d.name)).toEqual(['A']);
    const summary = await as(
      t,
      c.manager,
    )({
      method: 'GET',
      url: `/api/v1/deals/summary?pipelineId=${c.newCustomer.id}`,
    });
    expect(summary.statusCode, summary.body).toBe(200);
    expect(summary.json<{ byStage: { count: number }[] }>().byStage[0]?.count).toBe(3);
    const badMonth = await as(t, c.rep)({ method: 'GET', url: '/api/v1/deals?closeMonth=2026-13' });
    expect(badMonth.statusCode).toBe(400);
  });

  it('alert owner and team lead once when they stay too long in a stage or a promised proposal is late', async () => {
    const c = await company();
    const customer = await customerOf(c.rep, '停滞客户');
    const deal = await dealOf(c.rep, { name: 'Slow deal', customerId: customer.id });
    const late = await dealOf(c.rep, { name: 'Late proposal', customerId: customer.id });
    const promised = new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10);
    const patched = await as(
      t,
      c.rep,
    )({
      method: 'PATCH',
      url: `/api/v1/deals/${late.id}`,
      payload: { version: late.version, proposalDueOn: promised },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const kinds = async () =>
      withTenant(t.platform.db, c.tenantId, (tx) =>
        tx
          .select({
            kind: notifications.kind,
            userId: notifications.userId,
            entityId: notifications.entityId,
          })
          .from(notifications)
          .where(eq(notifications.tenantId, c.tenantId)),
      );
    // Now: only the proposal is late (promised 5 days ago, 3 days' grace).
    expect(await sweepDealAging(t.platform, c.tenantId, new Date())).toBe(1);
    expect(
      (await kinds())
        .filter((n) => n.kind === 'deal_proposal_late')
        .map((n) => n.userId)
        .sort(),
    ).toEqual([c.rep.userId, c.manager.userId].sort());
    // Fifteen days on, both are past the first stage's 14 days; the late one was alerted already.
    const later = new Date(Date.now() + 15 * 86_400_000);
    expect(await sweepDealAging(t.platform, c.tenantId, later)).toBe(1);
    expect(await sweepDealAging(t.platform, c.tenantId, later)).toBe(0);
    const stale = (await kinds()).filter((n) => n.kind === 'deal_stale');
    expect(stale.map((n) => n.entityId)).toEqual([deal.id, deal.id]);
  });
});
