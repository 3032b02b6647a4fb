import type { Customer } from '@contracts/customers.contract';
import type { Deal } from '@contracts/deals.contract';
import type {
  Ageing,
  CustomerTransactions,
  Invoice,
  Payment,
  PaymentPlan,
  ReceivableSettings,
  Renewal,
} from '@contracts/receivables.contract';
import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { addUser, as, movableClock, newTenant, type Session, useTestApp } from '../../../test/helper';
import { tenants } from '../../platform/db/identity.tables';
import { auditLog } from '../../platform/db/platform.tables';
import { withTenant } from '../../platform/db/tenancy';
import { contracts } from '../contracts/contracts.tables';
import { customers } from '../customers/customers.tables';
import { deals, pipelineStages, pipelines } from '../deals/deals.tables';
import { notifications } from '../notifications/notifications.tables';
import { seedDemoReceivables } from './demo/seed-demo-receivables';
import { sweepOverdue } from './overdue-sweep';
import { sweepRenewals } from './renewals.service';

/**
 * Cash through HTTP: payment plans that add up, payments allocated oldest first, overpayments refused,
 * reversals, invoices within the contract amount, the ageing on a moved clock, the overdue alert and the
 * renewal reminder each sent once, and the customer's transactions.
 */

// 10:00 in Shanghai on 1 March 2026.
const clock = movableClock(new Date('2026-03-01T02:00:00.000Z'));
const t = await useTestApp({}, { clock });

type Problem = { code: string; detail: string; errors?: { path: string; code: string; detail: string }[] };

function json<T>(res: LightMyRequestResponse, status: number): T {
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
}

async function company() {
  const admin = Object.assign(await newTenant(t), { userId: '' });
  admin.userId = admin.me.user.id;
  const user = async (role: string, name: string) => {
    const u = await addUser(t, admin, role, name);
    return Object.assign(u.session, { userId: u.userId });
  };
  const rep = await user('rep', 'Rep Ren');
  const rep2 = await user('rep', 'Rep Rui');
  const manager = await user('manager', 'Finance Fang');
  // Finance (the manager) sees its team's contracts; rep2 is in no team with them.
  const team = json<{ id: string }>(
    await as(t, admin)({ method: 'POST', url: '/api/v1/teams', payload: { name: 'East', region: '华东' } }),
    201,
  );
  json(
    await as(
      t,
      admin,
    )({
      method: 'PUT',
      url: `/api/v1/teams/${team.id}/members`,
      payload: { members: [{ userId: manager.userId, isLead: true }, { userId: rep.userId }] },
    }),
    200,
  );
  const tenantId = admin.me.tenant.id;
  // Due dates and days overdue count in the company's time zone.
  await withTenant(t.platform.db, tenantId, (tx) =>
    tx.update(tenants).set({ timeZone: 'Asia/Shanghai' }).where(eq(tenants.tenantId, tenantId)),
  );
  return { admin, rep, rep2, manager, tenantId };
}
type Company = Awaited<ReturnType<typeof company>>;

/** A signed contract of the rep's deal, written as the contracts module stores one. */
async function signedContract(
  c: Company,
  owner: Session & { userId: string },
  options: {
    amountMinor?: number;
    signedOn?: string;
    endsOn?: string;
    status?: string;
    customer?: string;
  } = {},
) {
  const customer = json<Customer>(
    await as(
      t,
      owner,
    )({
      method: 'POST',
      url: '/api/v1/customers',
      payload: { name: options.customer ?? `Customer ${uuidv7()}` },
    }),
    201,
  );
  const deal = json<Deal>(
    await as(
      t,
      owner,
    )({
      method: 'POST',
      url: '/api/v1/deals',
      payload: {
        name: 'ERP rollout',
        customerId: customer.id,
        ownerId: owner.userId,
        amountMinor: 100_000_00,
        currency: 'CNY',
      },
    }),
    201,
  );
  const id = uuidv7();
  await withTenant(t.platform.db, c.tenantId, (tx) =>
    tx.insert(contracts).values({
      tenantId: c.tenantId,
      id,
      number: `HT-2026-${id.slice(-4)}`,
      title: 'ERP rollout',
      dealId: deal.id,
      customerId: customer.id,
      locale: 'zh-CN',
      currency: 'CNY',
      amountMinor: options.amountMinor ?? 100_000_00,
      status: options.status ?? 'signed',
      signedOn: options.signedOn ?? '2026-03-01',
      startsOn: options.signedOn ?? '2026-03-01',
      endsOn: options.endsOn ?? '2027-02-28',
      ownerId: owner.userId,
    }),
  );
  return { id, customerId: customer.id, dealId: deal.id };
}

const plan3 = [
  { title: '签约款', dueOn: '2026-03-10', amountMinor: 30_000_00 },
  { title: '交付款', dueOn: '2026-05-01', amountMinor: 60_000_00 },
  { title: '验收款', dueOn: '2026-09-01', amountMinor: 10_000_00 },
];

async function putPlan(s: Session, contractId: string, instalments: unknown[], version: number) {
  return as(
    t,
    s,
  )({ method: 'PUT', url: `/api/v1/payment-plans/${contractId}`, payload: { instalments, version } });
}

async function pay(s: Session, contractId: string, amountMinor: number, extra: Record<string, unknown> = {}) {
  return as(
    t,
    s,
  )({
    method: 'POST',
    url: '/api/v1/payments',
    payload: { contractId, receivedOn: '2026-03-01', amountMinor, method: 'bank_transfer', ...extra },
  });
}

describe('payment plans', () => {
  it('refuses instalments that do not add up to the contract amount, naming the difference', async () => {
    const c = await company();
    const k = await signedContract(c, c.rep);
    const res = await putPlan(c.rep, k.id, [{ ...plan3[0], amountMinor: 29_999_99 }, plan3[1], plan3[2]], 0);
    const problem = json<Problem>(res, 400);
    expect(problem.errors?.[0]).toMatchObject({ path: 'instalments', code: 'plan_sum_mismatch' });
    expect(problem.errors?.[0]?.detail).toContain('0.01');
  });

  it('refuses due dates that go back, and a stale version', async () => {
    const c = await company();
    const k = await signedContract(c, c.rep);
    const back = json<Problem>(await putPlan(c.rep, k.id, [plan3[0], plan3[2], plan3[1]], 0), 400);
    expect(back.errors?.[0]).toMatchObject({ path: 'instalments.2.dueOn', code: 'due_dates_not_ascending' });
    const plan = json<PaymentPlan>(await putPlan(c.rep, k.id, plan3, 0), 200);
    expect(plan.version).toBe(1);
    expect(plan.instalments.map((i) => [i.seq, i.amountMinor])).toEqual([
      [1, 30_000_00],
      [2, 60_000_00],
      [3, 10_000_00],
    ]);
    expect(plan.plannedMinor).toBe(100_000_00);
    expect((await putPlan(c.rep, k.id, plan3, 0)).statusCode).toBe(412);
  });

  it('lets only the owner and finance change a plan; others do not see the contract', async () => {
    const c = await company();
    const k = await signedContract(c, c.rep);
    expect((await putPlan(c.rep2, k.id, plan3, 0)).statusCode).toBe(404);
    expect((await as(t, c.rep2)({ method: 'GET', url: `/api/v1/payment-plans/${k.id}` })).statusCode).toBe(
      404,
    );
    const byFinance = json<PaymentPlan>(await putPlan(c.manager, k.id, plan3, 0), 200);
    expect(byFinance.canManage).toBe(true);
  });
});

describe('payments', () => {
  it('allocates oldest due first and marks fully paid instalments paid', async () => {
    const c = await company();
    const k = await signedContract(c, c.rep);
    json<PaymentPlan>(await putPlan(c.rep, k.id, plan3, 0), 200);
    const payment = json<Payment>(await pay(c.rep, k.id, 50_000_00, { reference: 'BANK-1' }), 201);
    expect(payment.allocations.map((a) => [a.seq, a.amountMinor])).toEqual([
      [1, 30_000_00],
      [2, 20_000_00],
    ]);
    expect(payment.recordedBy).toBe(c.rep.userId);
    const plan = json<PaymentPlan>(
      await as(t, c.rep)({ method: 'GET', url: `/api/v1/payment-plans/${k.id}` }),
      200,
    );
    expect(plan.instalments.map((i) => [i.paidMinor, i.paidOn, i.state])).toEqual([
      [30_000_00, '2026-03-01', 'paid'],
      [20_000_00, null, 'due'],
      [0, null, 'due'],
    ]);
    expect(plan.outstandingMinor).toBe(50_000_00);
    // The payment changed the plan: an editor holding the old version must reload.
    expect(plan.version).toBeGreaterThan(1);
  });

  it('checks explicit allocations: their sum, each instalment’s open amount', async () => {
    const c = await company();
    const k = await signedContract(c, c.rep);
    const plan = json<PaymentPlan>(await putPlan(c.rep, k.id, plan3, 0), 200);
    const [first, second, third] = plan.instalments;
    if (!first || !second || !third) throw new Error('plan');
    const mismatch = json<Problem>(
      await pay(c.rep, k.id, 10_000_00, { allocations: [{ instalmentId: third.id, amountMinor: 5_000_00 }] }),
      400,
    );
    expect(mismatch.errors?.[0]?.code).toBe('allocation_sum_mismatch');
    const over = json<Problem>(
      await pay(c.rep, k.id, 20_000_00, {
        allocations: [{ instalmentId: third.id, amountMinor: 20_000_00 }],
      }),
      400,
    );
    expect(over.errors?.[0]).toMatchObject({
      path: 'allocations.0.amountMinor',
      code: 'allocation_exceeds_open',
    });
    const explicit = json<Payment>(
      await pay(c.rep, k.id, 10_000_00, {
        allocations: [{ instalmentId: third.id, amountMinor: 10_000_00 }],
      }),
      201,
    );
    expect(explicit.allocations.map((a) => a.instalmentId)).toEqual([third.id]);
  });

  it('refuses an overpayment beyond the plan', async () => {
    const c = await company();
    const k = await signedContract(c, c.rep);
    json<PaymentPlan>(await putPlan(c.rep, k.id, plan3, 0), 200);
    json<Payment>(await pay(c.rep, k.id, 90_000_00), 201);
    const over = json<Problem>(await pay(c.rep, k.id, 10_000_01), 400);
    expect(over.errors?.[0]).toMatchObject({ path: 'amountMinor', code: 'payment_exceeds_open' });
    json<Payment>(await pay(c.rep, k.id, 10_000_00), 201);
    expect((await pay(c.rep, k.id, 1)).statusCode).toBe(400);
  });

  it('refuses a payment on an unsigned contract or one without a plan', async () => {
    const c = await company();
    const draft = await signedContract(c, c.rep, { status: 'draft' });
    expect(json<Problem>(await pay(c.rep, draft.id, 100), 409).code).toBe('contract_not_signed');
    const k = await signedContract(c, c.rep);
    expect(json<Problem>(await pay(c.rep, k.id, 100), 409).code).toBe('no_payment_plan');
  });

  it('keeps paid instalments: not removed, not reduced below what was paid', async () => {
    const c = await company();
    const k = await signedContract(c, c.rep);
    const plan = json<PaymentPlan>(await putPlan(c.rep, k.id, plan3, 0), 200);
    json<Payment>(await pay(c.rep, k.id, 40_000_00), 201);
    const now = json<PaymentPlan>(
      await as(t, c.rep)({ method: 'GET', url: `/api/v1/payment-plans/${k.id}` }),
      200,
    );
    const [first, second, third] = now.instalments;
    if (!first || !second || !third) throw new Error('plan');
    const removed = await putPlan(
      c.rep,
      k.id,
      [
        { id: second.id, title: second.title, dueOn: second.dueOn, amountMinor: 90_000_00 },
        { id: third.id, title: third.title, dueOn: third.dueOn, amountMinor: 10_000_00 },
      ],
      now.version,
    );
    expect(json<Problem>(removed, 409).code).toBe('instalment_paid');
    const reduced = await putPlan(
      c.rep,
      k.id,
      [
        { id: first.id, title: first.title, dueOn: first.dueOn, amountMinor: 30_000_00 },
        { id: second.id, title: second.title, dueOn: second.dueOn, amountMinor: 5_000_00 },
        { id: third.id, title: third.title, dueOn: third.dueOn, amountMinor: 65_000_00 },
      ],
      now.version,
    );
    expect(json<Problem>(reduced, 409).code).toBe('instalment_paid');
    // Moving money between unpaid parts and splitting the last one is fine; ids keep their payments.
    const split = json<PaymentPlan>(
      await putPlan(
        c.rep,
        k.id,
        [
          { id: first.id, title: first.title, dueOn: first.dueOn, amountMinor: 30_000_00 },
          { id: second.id, title: second.title, dueOn: second.dueOn, amountMinor: 55_000_00 },
          { title: '中期款', dueOn: '2026-07-01', amountMinor: 5_000_00 },
          { id: third.id, title: third.title, dueOn: third.dueOn, amountMinor: 10_000_00 },
        ],
        now.version,
      ),
      200,
    );
    expect(split.instalments.map((i) => [i.seq, i.paidMinor])).toEqual([
      [1, 30_000_00],
      [2, 10_000_00],
      [3, 0],
      [4, 0],
    ]);
    expect(plan.instalments[0]?.id).toBe(split.instalments[0]?.id);
  });

  it('is reversed by finance only, which reopens the instalments and is audited', async () => {
    const c = await company();
    const k = await signedContract(c, c.rep);
    json<PaymentPlan>(await putPlan(c.rep, k.id, plan3, 0), 200);
    const payment = json<Payment>(await pay(c.rep, k.id, 35_000_00), 201);
    expect((await as(t, c.rep)({ method: 'DELETE', url: `/api/v1/payments/${payment.id}` })).statusCode).toBe(
      403,
    );
    expect(
      (await as(t, c.manager)({ method: 'DELETE', url: `/api/v1/payments/${payment.id}` })).statusCode,
    ).toBe(204);
    const plan = json<PaymentPlan>(
      await as(t, c.rep)({ method: 'GET', url: `/api/v1/payment-plans/${k.id}` }),
      200,
    );
    expect(plan.instalments.map((i) => [i.paidMinor, i.paidOn])).toEqual([
      [0, null],
      [0, null],
      [0, null],
    ]);
    const list = json<{ items: Payment[] }>(
      await as(t, c.rep)({ method: 'GET', url: `/api/v1/payments?contractId=${k.id}` }),
      200,
    );
    expect(list.items).toEqual([]);
    const audit = await withTenant(t.platform.db, c.tenantId, (tx) =>
      tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entity, 'payment'), eq(auditLog.entityId, payment.id))),
    );
    expect(audit.map((a) => a.action).sort()).toEqual(['create', 'delete']);
  });
});

describe('invoices', () => {
  it('numbers invoices, keeps their total within the contract amount, and voids with a reason', async () => {
    const c = await company();
    const k = await signedContract(c, c.rep);
    const issue = (s: Session, amountMinor: number) =>
      as(
        t,
        s,
      )({
        method: 'POST',
        url: '/api/v1/invoices',
        payload: {
          contractId: k.id,
          title: '上海某某科技有限公司',
          taxId: '91310000MA1FL0000X',
          amountMinor,
          taxMinor: Math.round((amountMinor * 0.13) / 1.13),
        },
      });
    expect((await issue(c.rep, 10_000_00)).statusCode).toBe(403);
    const first = json<Invoice>(await issue(c.manager, 60_000_00), 201);
    expect(first.number).toMatch(/\d/);
    expect(first.status).toBe('issued');
    const second = json<Invoice>(await issue(c.manager, 40_000_00), 201);
    expect(second.number).not.toBe(first.number);
    const over = json<Problem>(await issue(c.manager, 1), 400);
    expect(over.errors?.[0]).toMatchObject({ path: 'amountMinor', code: 'invoice_exceeds_contract' });
    const patch = (id: string, payload: Record<string, unknown>) =>
      as(t, c.manager)({ method: 'PATCH', url: `/api/v1/invoices/${id}`, payload });
    const sent = json<Invoice>(await patch(first.id, { status: 'sent', version: first.version }), 200);
    expect(sent.sentAt).not.toBeNull();
    expect((await patch(first.id, { status: 'sent', version: sent.version })).statusCode).toBe(409);
    expect((await patch(second.id, { status: 'void', version: second.version })).statusCode).toBe(400);
    const voided = json<Invoice>(
      await patch(second.id, { status: 'void', voidReason: '抬头有误', version: second.version }),
      200,
    );
    expect(voided.voidReason).toBe('抬头有误');
    // A void invoice no longer counts against the contract amount.
    json<Invoice>(await issue(c.manager, 40_000_00), 201);
    const list = json<{ items: Invoice[] }>(
      await as(t, c.rep)({ method: 'GET', url: `/api/v1/invoices?contractId=${k.id}` }),
      200,
    );
    expect(list.items).toHaveLength(3);
  });
});

describe('ageing and overdue', () => {
  it('buckets open amounts by days overdue in the company’s time zone, per customer and currency', async () => {
    clock.set(new Date('2026-03-01T02:00:00.000Z'));
    const c = await company();
    const k = await signedContract(c, c.rep, { customer: 'Ageing Co' });
    json<PaymentPlan>(
      await putPlan(
        c.rep,
        k.id,
        [
          { title: 'a', dueOn: '2026-03-01', amountMinor: 10_000_00 },
          { title: 'b', dueOn: '2026-04-01', amountMinor: 20_000_00 },
          { title: 'c', dueOn: '2026-05-01', amountMinor: 30_000_00 },
          { title: 'd', dueOn: '2026-06-01', amountMinor: 40_000_00 },
        ],
        0,
      ),
      200,
    );
    json<Payment>(await pay(c.rep, k.id, 4_000_00), 201);
    // 2026-07-01 00:30 in Shanghai is still 30 June in UTC: ages count in the company's day.
    clock.set(new Date('2026-06-30T16:30:00.000Z'));
    const ageing = json<Ageing>(
      await as(t, c.rep)({ method: 'GET', url: '/api/v1/receivables/ageing' }),
      200,
    );
    expect(ageing.asOf).toBe('2026-07-01');
    const total = ageing.totals.find((x) => x.currency === 'CNY');
    // a: 122 days (6 000 open), b: 91 days, c: 61 days, d: 30 days.
    expect(total).toMatchObject({
      notDue: 0,
      d0_30: 40_000_00,
      d31_60: 0,
      d61_90: 30_000_00,
      d90plus: 26_000_00,
      overdue: 96_000_00,
      total: 96_000_00,
    });
    expect(ageing.customers).toEqual([
      expect.objectContaining({ customerName: 'Ageing Co', total: 96_000_00 }),
    ]);
    expect(ageing.overdue.map((o) => o.daysOverdue)).toEqual([122, 91, 61, 30]);
    expect(ageing.overdue[0]).toMatchObject({ openMinor: 6_000_00, ownerName: 'Rep Ren' });
    // Another rep sees none of it; the manager (finance) sees it.
    const other = json<Ageing>(
      await as(t, c.rep2)({ method: 'GET', url: '/api/v1/receivables/ageing' }),
      200,
    );
    expect(other.totals).toEqual([]);
    const admin = json<Ageing>(
      await as(t, c.admin)({ method: 'GET', url: '/api/v1/receivables/ageing' }),
      200,
    );
    expect(admin.totals[0]?.total).toBe(96_000_00);
  });

  it('adds every currency up in the company currency at the day’s rate, naming currencies without one', async () => {
    clock.set(new Date('2026-03-01T02:00:00.000Z'));
    const c = await company();
    const k = await signedContract(c, c.rep, { customer: 'Converted Co' });
    json<PaymentPlan>(
      await putPlan(
        c.rep,
        k.id,
        [
          { title: 'a', dueOn: '2026-03-10', amountMinor: 10_000_01 },
          { title: 'b', dueOn: '2026-05-01', amountMinor: 89_999_99 },
        ],
        0,
      ),
      200,
    );
    clock.set(new Date('2026-04-01T02:00:00.000Z'));
    const before = json<Ageing>(
      await as(t, c.admin)({ method: 'GET', url: '/api/v1/receivables/ageing' }),
      200,
    );
    expect(before.inCompanyCurrency).toMatchObject({ currency: 'USD', total: 0, missingRates: ['CNY'] });
    const rates = await as(
      t,
      c.admin,
    )({
      method: 'PUT',
      url: '/api/v1/exchange-rates',
      payload: {
        rates: [
          { currency: 'CNY', effectiveOn: '2026-01-01', rate: '0.14' },
          // Not yet in force on the report's day.
          { currency: 'CNY', effectiveOn: '2026-06-01', rate: '0.5' },
        ],
      },
    });
    expect(rates.statusCode, rates.body).toBe(200);
    const after = json<Ageing>(
      await as(t, c.admin)({ method: 'GET', url: '/api/v1/receivables/ageing' }),
      200,
    );
    // 10 000.01 CNY × 0.14 = 1 400.0014 → 1 400.00 USD, 22 days overdue; 89 999.99 CNY → 12 599.9986 →
    // 12 600.00 USD, not due; the total is their sum.
    expect(after.inCompanyCurrency).toEqual({
      currency: 'USD',
      missingRates: [],
      notDue: 12_600_00,
      d0_30: 1_400_00,
      d31_60: 0,
      d61_90: 0,
      d90plus: 0,
      overdue: 1_400_00,
      total: 14_000_00,
    });
  });

  it('alerts the owner once an instalment is overdue past the warning days, and only once', async () => {
    clock.set(new Date('2026-03-01T02:00:00.000Z'));
    const c = await company();
    const k = await signedContract(c, c.rep, { customer: 'Late Payer Co' });
    json<PaymentPlan>(await putPlan(c.rep, k.id, plan3, 0), 200);
    const alerts = () =>
      withTenant(t.platform.db, c.tenantId, (tx) =>
        tx
          .select()
          .from(notifications)
          .where(and(eq(notifications.userId, c.rep.userId), eq(notifications.kind, 'payment_overdue'))),
      );
    // Due 10 March: 15 days overdue on the 25th is not past the threshold; the 26th is.
    expect(await sweepOverdue(t.platform, c.tenantId, new Date('2026-03-25T02:00:00.000Z'))).toBe(0);
    expect(await sweepOverdue(t.platform, c.tenantId, new Date('2026-03-26T02:00:00.000Z'))).toBe(1);
    expect(await sweepOverdue(t.platform, c.tenantId, new Date('2026-03-27T02:00:00.000Z'))).toBe(0);
    const sent = await alerts();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.params).toMatchObject({ days: 16, customer: 'Late Payer Co' });
    // The company's own threshold applies.
    const settings = json<ReceivableSettings>(
      await as(t, c.admin)({ method: 'GET', url: '/api/v1/receivable-settings' }),
      200,
    );
    expect(settings.rules.overdueWarningDays).toBe(15);
    json<ReceivableSettings>(
      await as(
        t,
        c.admin,
      )({
        method: 'PUT',
        url: '/api/v1/receivable-settings',
        payload: { rules: { ...settings.rules, overdueWarningDays: 5 }, version: settings.version },
      }),
      200,
    );
    expect(
      (await as(t, c.rep)({ method: 'PUT', url: '/api/v1/receivable-settings', payload: settings }))
        .statusCode,
    ).toBe(403);
    const k2 = await signedContract(c, c.rep);
    json<PaymentPlan>(await putPlan(c.rep, k2.id, plan3, 0), 200);
    expect(await sweepOverdue(t.platform, c.tenantId, new Date('2026-03-16T02:00:00.000Z'))).toBe(1);
  });
});

describe('customer health', () => {
  it('lowers the customer’s health by paymentOverdue once an instalment is overdue past the warning days', async () => {
    clock.set(new Date('2026-03-01T02:00:00.000Z'));
    const c = await company();
    const k = await signedContract(c, c.rep);
    json<PaymentPlan>(await putPlan(c.rep, k.id, plan3, 0), 200);
    type Health = {
      health: { score: number; signals: { signal: string; points: number; value: number | null }[] };
    };
    const refresh = async () =>
      json<Health>(
        await as(t, c.rep)({ method: 'POST', url: `/api/v1/customers/${k.customerId}/retention/refresh` }),
        200,
      ).health;
    // Due 10 March: 10 days overdue on the 20th is within the 15 days.
    clock.set(new Date('2026-03-20T02:00:00.000Z'));
    expect((await refresh()).signals.map((s) => s.signal)).not.toContain('paymentOverdue');
    clock.set(new Date('2026-03-30T02:00:00.000Z'));
    const late = await refresh();
    expect(late.signals).toContainEqual({ signal: 'paymentOverdue', points: 40, value: 20 });
    // Paid: the warning goes.
    json<Payment>(await pay(c.rep, k.id, 30_000_00), 201);
    expect((await refresh()).signals.map((s) => s.signal)).not.toContain('paymentOverdue');
  });
});

describe('renewals', () => {
  it('reminds the owner at the tier’s lead time once and opens a renewal deal in the existing-customer pipeline', async () => {
    clock.set(new Date('2026-03-01T02:00:00.000Z'));
    const c = await company();
    const k = await signedContract(c, c.rep, { endsOn: '2026-05-20', customer: 'Growth Co' });
    await withTenant(t.platform.db, c.tenantId, (tx) =>
      tx
        .update(customers)
        .set({ tier: 'growth' })
        .where(and(eq(customers.tenantId, c.tenantId), eq(customers.id, k.customerId))),
    );
    // 80 days before the end: past a growth customer's 60-day lead time, nothing yet.
    expect(await sweepRenewals(t.platform, c.tenantId, new Date('2026-03-01T02:00:00.000Z'))).toBe(0);
    const listed = json<{ items: Renewal[] }>(
      await as(t, c.rep)({ method: 'GET', url: '/api/v1/renewals?within=90' }),
      200,
    );
    expect(listed.items).toEqual([
      expect.objectContaining({
        contractId: k.id,
        tier: 'growth',
        leadDays: 60,
        daysLeft: 80,
        renewalDealId: null,
        offers: [
          { years: 2, discountPercent: 10 },
          { years: 3, discountPercent: 15 },
        ],
      }),
    ]);
    expect(await sweepRenewals(t.platform, c.tenantId, new Date('2026-03-21T02:00:00.000Z'))).toBe(1);
    expect(await sweepRenewals(t.platform, c.tenantId, new Date('2026-03-22T02:00:00.000Z'))).toBe(0);
    const [row] = await withTenant(t.platform.db, c.tenantId, (tx) =>
      tx
        .select()
        .from(contracts)
        .where(and(eq(contracts.tenantId, c.tenantId), eq(contracts.id, k.id))),
    );
    expect(row?.renewalRemindedAt).not.toBeNull();
    const dealId = row?.renewalDealId ?? '';
    const [deal] = await withTenant(t.platform.db, c.tenantId, (tx) =>
      tx
        .select({ ownerId: deals.ownerId, kind: pipelines.kind, amountMinor: deals.amountMinor })
        .from(deals)
        .innerJoin(pipelines, and(eq(pipelines.tenantId, deals.tenantId), eq(pipelines.id, deals.pipelineId)))
        .where(and(eq(deals.tenantId, c.tenantId), eq(deals.id, dealId))),
    );
    expect(deal).toEqual({ ownerId: c.rep.userId, kind: 'existing_customer', amountMinor: 100_000_00 });
    const reminders = await withTenant(t.platform.db, c.tenantId, (tx) =>
      tx
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, c.rep.userId), eq(notifications.kind, 'renewal_due'))),
    );
    expect(reminders).toHaveLength(1);
    // By hand, a second deal is refused.
    expect(
      json<Problem>(await as(t, c.rep)({ method: 'POST', url: `/api/v1/renewals/${k.id}/open-deal` }), 409)
        .code,
    ).toBe('renewal_deal_open');
  });

  it('opens the renewal deal in the renewal-negotiation stage with the value and the strategic early-renewal offer', async () => {
    clock.set(new Date('2026-03-01T02:00:00.000Z'));
    const c = await company();
    const k = await signedContract(c, c.rep, { endsOn: '2026-05-20', amountMinor: 250_000_00 });
    await withTenant(t.platform.db, c.tenantId, (tx) =>
      tx
        .update(customers)
        .set({ tier: 'strategic' })
        .where(and(eq(customers.tenantId, c.tenantId), eq(customers.id, k.customerId))),
    );
    expect(await sweepRenewals(t.platform, c.tenantId, new Date('2026-03-01T02:00:00.000Z'), 'en-US')).toBe(
      1,
    );
    const [row] = await withTenant(t.platform.db, c.tenantId, (tx) =>
      tx
        .select({
          amountMinor: deals.amountMinor,
          nextStep: deals.nextStep,
          notes: deals.notes,
          kind: pipelines.kind,
          gates: pipelineStages.gates,
          position: pipelineStages.position,
        })
        .from(deals)
        .innerJoin(
          contracts,
          and(eq(contracts.tenantId, deals.tenantId), eq(contracts.renewalDealId, deals.id)),
        )
        .innerJoin(pipelines, and(eq(pipelines.tenantId, deals.tenantId), eq(pipelines.id, deals.pipelineId)))
        .innerJoin(
          pipelineStages,
          and(eq(pipelineStages.tenantId, deals.tenantId), eq(pipelineStages.id, deals.stageId)),
        )
        .where(and(eq(deals.tenantId, c.tenantId), eq(contracts.id, k.id))),
    );
    // The template's last existing-customer stage, the one that closes on signed negotiation minutes.
    expect(row).toMatchObject({ amountMinor: 250_000_00, kind: 'existing_customer', position: 3 });
    expect(row?.gates).toContainEqual({ kind: 'minutesSigned' });
    expect(row?.nextStep).toContain('Early renewal');
    expect(row?.nextStep).toContain('2 years at 10 % off');
    expect(row?.notes).toContain('strategic');
    expect(row?.notes).toContain('250,000.00');
  });

  it('opens the renewal deal in the first stage when the pipeline has no renewal-negotiation stage, growth offers in its notes', async () => {
    clock.set(new Date('2026-03-01T02:00:00.000Z'));
    const c = await company();
    const k = await signedContract(c, c.rep, { endsOn: '2026-05-20', customer: 'Growth Co' });
    await withTenant(t.platform.db, c.tenantId, (tx) =>
      tx
        .update(customers)
        .set({ tier: 'growth' })
        .where(and(eq(customers.tenantId, c.tenantId), eq(customers.id, k.customerId))),
    );
    // The company dropped the negotiation gate from every stage: no stage is the renewal one any more.
    await withTenant(t.platform.db, c.tenantId, (tx) =>
      tx.update(pipelineStages).set({ gates: [] }).where(eq(pipelineStages.tenantId, c.tenantId)),
    );
    const renewal = json<Renewal>(
      await as(t, c.rep)({ method: 'POST', url: `/api/v1/renewals/${k.id}/open-deal` }),
      201,
    );
    const [row] = await withTenant(t.platform.db, c.tenantId, (tx) =>
      tx
        .select({ position: pipelineStages.position, kind: pipelines.kind, notes: deals.notes })
        .from(deals)
        .innerJoin(pipelines, and(eq(pipelines.tenantId, deals.tenantId), eq(pipelines.id, deals.pipelineId)))
        .innerJoin(
          pipelineStages,
          and(eq(pipelineStages.tenantId, deals.tenantId), eq(pipelineStages.id, deals.stageId)),
        )
        .where(and(eq(deals.tenantId, c.tenantId), eq(deals.id, renewal.renewalDealId ?? ''))),
    );
    expect(row).toMatchObject({ position: 0, kind: 'existing_customer' });
    expect(row?.notes).toMatch(/3 (years|年)/);
  });

  it('opens a renewal deal by hand', async () => {
    clock.set(new Date('2026-03-01T02:00:00.000Z'));
    const c = await company();
    const k = await signedContract(c, c.rep, { endsOn: '2026-12-31' });
    const renewal = json<Renewal>(
      await as(t, c.rep)({ method: 'POST', url: `/api/v1/renewals/${k.id}/open-deal` }),
      201,
    );
    expect(renewal.renewalDealId).not.toBeNull();
    expect(renewal.renewalDealName).toContain('ERP rollout');
    expect(
      (await as(t, c.rep2)({ method: 'POST', url: `/api/v1/renewals/${k.id}/open-deal` })).statusCode,
    ).toBe(404);
  });
});

describe('customer transactions', () => {
  it('lists contracts and payments with outstanding, overdue and the payment cycle', async () => {
    clock.set(new Date('2026-03-01T02:00:00.000Z'));
    const c = await company();
    const k = await signedContract(c, c.rep);
    json<PaymentPlan>(await putPlan(c.rep, k.id, plan3, 0), 200);
    json<Payment>(await pay(c.rep, k.id, 30_000_00, { receivedOn: '2026-03-14' }), 201);
    clock.set(new Date('2026-05-10T02:00:00.000Z'));
    const tr = json<CustomerTransactions>(
      await as(t, c.rep)({ method: 'GET', url: `/api/v1/customers/${k.customerId}/transactions` }),
      200,
    );
    expect(tr.contracts).toEqual([
      expect.objectContaining({ id: k.id, paidMinor: 30_000_00, outstandingMinor: 70_000_00 }),
    ]);
    expect(tr.payments.map((p) => p.amountMinor)).toEqual([30_000_00]);
    expect(tr.totals).toEqual([
      {
        currency: 'CNY',
        contractedMinor: 100_000_00,
        receivedMinor: 30_000_00,
        outstandingMinor: 70_000_00,
        overdueMinor: 60_000_00,
      },
    ]);
    // Due 10 March, paid 14 March.
    expect(tr).toMatchObject({ averagePaymentDays: 4, paymentCycleBasis: 'due_to_paid' });
    expect(
      (await as(t, c.rep2)({ method: 'GET', url: `/api/v1/customers/${k.customerId}/transactions` }))
        .statusCode,
    ).toBe(404);
  });
});

describe('demo receivables', () => {
  it('adds a plan and the payments due to each signed contract, once', async () => {
    const c = await company();
    const k = await signedContract(c, c.rep, { signedOn: '2025-06-01' });
    const draft = await signedContract(c, c.rep, { status: 'draft', signedOn: '2025-06-01' });
    await withTenant(t.platform.db, c.tenantId, (tx) =>
      tx
        .update(contracts)
        .set({ signedOn: null })
        .where(and(eq(contracts.tenantId, c.tenantId), eq(contracts.id, draft.id))),
    );
    const now = new Date('2026-03-01T02:00:00.000Z');
    const first = await seedDemoReceivables(t.platform.db, { tenantId: c.tenantId }, { now });
    expect(first).toEqual({ plans: 1, instalments: 3, payments: 3 });
    expect(await seedDemoReceivables(t.platform.db, { tenantId: c.tenantId }, { now })).toEqual({
      plans: 0,
      instalments: 0,
      payments: 0,
    });
    clock.set(now);
    const plan = json<PaymentPlan>(
      await as(t, c.rep)({ method: 'GET', url: `/api/v1/payment-plans/${k.id}` }),
      200,
    );
    expect(plan.plannedMinor).toBe(100_000_00);
    expect(plan.paidMinor).toBe(100_000_00);
  });
});
