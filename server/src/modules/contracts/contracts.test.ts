import { createHash } from 'node:crypto';
import type { Contract, ContractDiff, ContractSummary, Handover } from '@contracts/contracts.contract';
import { and, eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { extractText, getDocumentProxy } from 'unpdf';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { addUser, as, movableClock, multipartFile, newTenant, useTestApp } from '../../../test/helper';
import { systemActor } from '../../platform/audit';
import { auditLog, files, outboxMails } from '../../platform/db/platform.tables';
import { withTenant } from '../../platform/db/tenancy';
import { activities } from '../activities/activities.tables';
import { createDeal } from '../deals';
import { negotiationMinutes } from '../deals/negotiation.tables';
import { notifications } from '../notifications/notifications.tables';
import { quotes } from '../quotes/quotes.tables';
import { sweepContractStatus } from './contract-status-sweep';
import { deliveries, handovers } from './contracts.tables';

/** Contracts through HTTP: drafting, numbering, versions and diff, review, e-signature, counter-sign, handover. */

const clock = movableClock(new Date('2031-03-02T02:00:00.000Z'));
const t = await useTestApp({}, { clock });
const DAY = 86_400_000;
const PNG = `data:image/png;base64,${Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]).toString('base64')}`;

async function company() {
  const admin = await newTenant(t);
  const tenantId = admin.me.tenant.id;
  const rep = await addUser(t, admin, 'rep', 'Rep Ren');
  const other = await addUser(t, admin, 'rep', 'Rep Other');
  const legal = await addUser(t, admin, 'legal', 'Legal Li');
  const director = await addUser(t, admin, 'director', 'Director Du');
  const delivery = await addUser(t, admin, 'delivery', 'Delivery Deng');
  const adminCall = as(t, admin);
  const customer = await adminCall({
    method: 'POST',
    url: '/api/v1/customers',
    payload: { name: '云帆科技有限公司', ownerId: rep.userId },
  });
  expect(customer.statusCode, customer.body).toBe(201);
  const customerId = customer.json<{ id: string }>().id;
  const deal = await withTenant(t.platform.db, tenantId, (tx) =>
    createDeal(tx, systemActor(tenantId), {
      name: 'ERP 升级',
      customerId,
      contactId: null,
      amountMinor: 100_000_00,
      currency: 'CNY',
      expectedCloseOn: null,
      source: null,
      campaignId: null,
      ownerId: rep.userId,
      teamId: null,
    }),
  );
  return {
    admin,
    tenantId,
    rep,
    other,
    legal,
    director,
    delivery,
    customerId,
    dealId: deal.id,
    call: as(t, rep.session),
    legalCall: as(t, legal.session),
    directorCall: as(t, director.session),
    deliveryCall: as(t, delivery.session),
    otherCall: as(t, other.session),
  };
}
type Company = Awaited<ReturnType<typeof company>>;
type Call = Company['call'];

async function ok<T>(call: Call, o: InjectOptions, status = 200): Promise<T> {
  const res = await call(o);
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
}

async function agreedMinutes(c: Company, finalPriceMinor: number) {
  const id = uuidv7();
  await withTenant(t.platform.db, c.tenantId, (tx) =>
    tx.insert(negotiationMinutes).values({
      tenantId: c.tenantId,
      id,
      dealId: c.dealId,
      heldOn: '2031-03-01',
      result: 'agreed',
      finalPriceMinor,
      currency: 'CNY',
      deliveryTime: '合同签订后 30 日内交付',
      paymentTerms: '30% 预付，验收后付清',
      liability: '逾期交付每日按合同总价 0.05% 支付违约金',
    }),
  );
  return id;
}

async function draft(c: Company): Promise<Contract> {
  const minutesId = await agreedMinutes(c, 88_000_00);
  return ok<Contract>(
    c.call,
    { method: 'POST', url: '/api/v1/contracts', payload: { dealId: c.dealId, minutesId } },
    201,
  );
}

const form = (fields: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(fields).toString(),
});

function formTokenIn(html: string): string {
  return /name="formToken" value="([^"]+)"/.exec(html)?.[1] ?? '';
}

/** Drafts, approves and sends a contract; returns the contract and its signing token. */
async function sent(c: Company, options: { requireCode?: boolean } = {}) {
  let contract = await draft(c);
  contract = await ok<Contract>(c.call, {
    method: 'PATCH',
    url: `/api/v1/contracts/${contract.id}`,
    payload: {
      version: contract.version,
      startsOn: '2031-03-10',
      endsOn: '2032-03-09',
      deliveryDueOn: '2031-04-30',
    },
  });
  contract = await ok<Contract>(c.call, {
    method: 'POST',
    url: `/api/v1/contracts/${contract.id}/submit`,
    payload: { version: contract.version },
  });
  contract = await ok<Contract>(c.legalCall, {
    method: 'POST',
    url: `/api/v1/contracts/${contract.id}/review`,
    payload: { kind: 'approve', versionNo: contract.currentVersionNo },
  });
  const out = await ok<{ contract: Contract; link: { token: string; url: string } }>(c.call, {
    method: 'POST',
    url: `/api/v1/contracts/${contract.id}/send-for-signature`,
    payload: {
      signerName: '王经理',
      signerEmail: 'wang@yunfan.example',
      requireCode: options.requireCode ?? false,
    },
  });
  return out;
}

async function signPage(token: string) {
  const res = await t.app.inject({ method: 'GET', url: `/s/${token}` });
  return { res, formToken: formTokenIn(res.body) };
}

describe('drafting', () => {
  it('drafts from the agreed minutes with a built-in template, filled, numbered HT-2031-0001', async () => {
    const c = await company();
    const contract = await draft(c);
    expect(contract.number).toBe('HT-2031-0001');
    expect(contract.status).toBe('draft');
    expect(contract.amountMinor).toBe(88_000_00);
    expect(contract.currency).toBe('CNY');
    expect(contract.customerName).toBe('云帆科技有限公司');
    const keys = contract.clauses.map((k) => k.key);
    expect(keys).toEqual([
      'parties',
      'subject',
      'price_payment',
      'delivery',
      'acceptance',
      'confidentiality',
      'liability',
      'signatures',
    ]);
    const text = contract.clauses.map((k) => k.body).join('\n');
    expect(text).toContain('云帆科技有限公司');
    expect(text).toContain('合同签订后 30 日内交付');
    expect(text).toContain('30% 预付');
    expect(text).toContain('HT-2031-0001');
    expect(text).not.toContain('{{');
    const second = await draft(c);
    expect(second.number).toBe('HT-2031-0002');

    const templates = await ok<{
      items: { name: string; customProject: boolean; clauses: { key: string }[] }[];
    }>(c.call, { method: 'GET', url: '/api/v1/contract-templates' });
    expect(templates.items).toHaveLength(2);
    const custom = templates.items.find((i) => i.customProject);
    expect(custom?.clauses.map((k) => k.key)).toContain('change_management');
  });

  it('needs an amount without minutes or quote, refuses an unaccepted quote and a deal it cannot see', async () => {
    const c = await company();
    const none = await c.call({ method: 'POST', url: '/api/v1/contracts', payload: { dealId: c.dealId } });
    expect(none.statusCode).toBe(400);
    expect(none.json<{ errors: { path: string; code: string }[] }>().errors[0]).toMatchObject({
      path: 'amountMinor',
      code: 'amount_required',
    });
    const given = await ok<Contract>(
      c.call,
      {
        method: 'POST',
        url: '/api/v1/contracts',
        payload: { dealId: c.dealId, amountMinor: 1234_56, currency: 'CNY' },
      },
      201,
    );
    expect(given.amountMinor).toBe(1234_56);
    const quote = await ok<{ id: string }>(
      c.call,
      { method: 'POST', url: '/api/v1/quotes', payload: { dealId: c.dealId } },
      201,
    );
    const notAccepted = await c.call({
      method: 'POST',
      url: '/api/v1/contracts',
      payload: { dealId: c.dealId, quoteId: quote.id },
    });
    expect(notAccepted.statusCode).toBe(409);
    expect(notAccepted.json<{ code: string }>().code).toBe('quote_not_accepted');
    const hidden = await c.otherCall({
      method: 'POST',
      url: '/api/v1/contracts',
      payload: { dealId: c.dealId, amountMinor: 1, currency: 'CNY' },
    });
    expect(hidden.statusCode).toBe(400);
    expect((await c.otherCall({ method: 'GET', url: `/api/v1/contracts/${given.id}` })).statusCode).toBe(404);
  });

  it('takes amount, currency and lines from an accepted quote', async () => {
    const c = await company();
    const quote = await ok<{ id: string; version: number }>(
      c.call,
      {
        method: 'POST',
        url: '/api/v1/quotes',
        payload: {
          dealId: c.dealId,
          lines: [
            { name: '实施服务', unit: '人天', quantity: '10', unitPriceMinor: 2_000_00, taxRateBp: 600 },
          ],
        },
      },
      201,
    );
    await withTenant(t.platform.db, c.tenantId, (tx) =>
      tx
        .update(quotes)
        .set({ status: 'accepted' })
        .where(and(eq(quotes.tenantId, c.tenantId), eq(quotes.id, quote.id))),
    );
    const contract = await ok<Contract>(
      c.call,
      { method: 'POST', url: '/api/v1/contracts', payload: { dealId: c.dealId, quoteId: quote.id } },
      201,
    );
    expect(contract.amountMinor).toBe(21_200_00);
    expect(contract.quoteId).toBe(quote.id);
    expect(contract.clauses.find((k) => k.key === 'subject')?.body).toContain('实施服务');
  });
});

describe('versions and review', () => {
  it('keeps versions by source, diffs them per clause and word, and re-approval after a customer change', async () => {
    const c = await company();
    let contract = await draft(c);
    const changed = contract.clauses.map((k) =>
      k.key === 'acceptance' ? { ...k, body: k.body.replace('ten working days', 'fifteen working days') } : k,
    );
    contract = await ok<Contract>(c.call, {
      method: 'PUT',
      url: `/api/v1/contracts/${contract.id}/clauses`,
      payload: {
        clauses: [...changed, { key: 'warranty', title: '质保', body: '质保期一年。' }],
        note: '延长验收',
      },
    });
    expect(contract.currentVersionNo).toBe(2);
    const diff = await ok<ContractDiff>(c.call, {
      method: 'GET',
      url: `/api/v1/contracts/${contract.id}/diff?from=1&to=2`,
    });
    const acceptance = diff.clauses.find((d) => d.key === 'acceptance');
    expect(acceptance?.change).toBe('changed');
    expect(
      acceptance?.parts
        .filter((p) => p.op === 'added')
        .map((p) => p.text)
        .join(''),
    ).toBe('fifteen');
    expect(
      acceptance?.parts
        .filter((p) => p.op === 'removed')
        .map((p) => p.text)
        .join(''),
    ).toBe('ten');
    expect(diff.clauses.find((d) => d.key === 'warranty')?.change).toBe('added');

    // Legal cannot edit a draft; the owner submits; legal edits (source legal) and approves.
    const early = await c.legalCall({
      method: 'PUT',
      url: `/api/v1/contracts/${contract.id}/clauses`,
      payload: { clauses: changed },
    });
    expect(early.statusCode).toBe(404);
    contract = await ok<Contract>(c.call, {
      method: 'POST',
      url: `/api/v1/contracts/${contract.id}/submit`,
      payload: { version: contract.version },
    });
    expect(contract.status).toBe('in_review');
    const returned = await ok<Contract>(c.legalCall, {
      method: 'POST',
      url: `/api/v1/contracts/${contract.id}/review`,
      payload: { kind: 'return', body: '违约金比例过高', clauseKey: 'liability', versionNo: 2 },
    });
    expect(returned.status).toBe('draft');
    contract = await ok<Contract>(c.call, {
      method: 'POST',
      url: `/api/v1/contracts/${contract.id}/submit`,
      payload: { version: returned.version },
    });
    contract = await ok<Contract>(c.legalCall, {
      method: 'PUT',
      url: `/api/v1/contracts/${contract.id}/clauses`,
      payload: { clauses: changed, note: '法务修改' },
    });
    expect(contract.currentVersionNo).toBe(3);
    const stale = await c.legalCall({
      method: 'POST',
      url: `/api/v1/contracts/${contract.id}/review`,
      payload: { kind: 'approve', versionNo: 2 },
    });
    expect(stale.statusCode).toBe(412);
    const rep = await c.call({
      method: 'POST',
      url: `/api/v1/contracts/${contract.id}/review`,
      payload: { kind: 'approve', versionNo: 3 },
    });
    expect(rep.statusCode).toBe(403);
    contract = await ok<Contract>(c.legalCall, {
      method: 'POST',
      url: `/api/v1/contracts/${contract.id}/review`,
      payload: { kind: 'approve', versionNo: 3 },
    });
    expect(contract).toMatchObject({ status: 'approved', approvedVersionNo: 3 });
    expect(contract.reviews.map((r) => r.kind)).toEqual(['return', 'approve']);

    // The customer's changes are a new version and void the approval.
    contract = await ok<Contract>(c.call, {
      method: 'POST',
      url: `/api/v1/contracts/${contract.id}/customer-revision`,
      payload: { clauses: changed.slice(1), note: '客户删除了合同双方条款' },
    });
    expect(contract).toMatchObject({ status: 'draft', currentVersionNo: 4 });
    const blocked = await c.call({
      method: 'POST',
      url: `/api/v1/contracts/${contract.id}/send-for-signature`,
      payload: { signerName: 'W', signerEmail: 'w@example.com' },
    });
    expect(blocked.statusCode).toBe(409);
    const versions = await ok<{ items: { versionNo: number; source: string; approved: boolean }[] }>(c.call, {
      method: 'GET',
      url: `/api/v1/contracts/${contract.id}/versions`,
    });
    expect(versions.items.map((v) => v.source)).toEqual(['draft', 'draft', 'legal', 'customer']);
    expect(versions.items.find((v) => v.approved)?.versionNo).toBe(3);
    const audit = await withTenant(t.platform.db, c.tenantId, (tx) =>
      tx.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, contract.id)),
    );
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['review_return', 'review_approve', 'customer_revision']),
    );
  });
});

describe('e-signature', () => {
  it('signs through the link, counter-signs to a final PDF with a certificate page, and hands over', async () => {
    const c = await company();
    await ok(as(t, c.admin), {
      method: 'PUT',
      url: '/api/v1/contract-settings',
      payload: {
        version: 0,
        numberPattern: 'HT-{YYYY}-{0000}',
        defaultDeliveryUserId: c.delivery.userId,
        signingDays: 14,
      },
    });
    const { contract, link } = await sent(c);
    expect(contract.status).toBe('sent');
    const mails = await withTenant(t.platform.db, c.tenantId, (tx) =>
      tx.select().from(outboxMails).where(eq(outboxMails.tenantId, c.tenantId)),
    );
    expect(mails.some((m) => JSON.stringify(m).includes(link.token))).toBe(true);

    const { res, formToken } = await signPage(link.token);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toContain("script-src 'nonce-");
    expect(res.body).toContain(contract.number);
    const pdf = await t.app.inject({ method: 'GET', url: `/s/${link.token}/pdf` });
    expect(pdf.statusCode).toBe(200);
    const pdfText = (
      await extractText(await getDocumentProxy(new Uint8Array(pdf.rawPayload)), { mergePages: true })
    ).text;
    expect(pdfText).toContain('Liability for breach');
    expect(pdfText).toContain('云帆科技有限公司');

    const missing = await t.app.inject({
      method: 'POST',
      url: `/s/${link.token}/sign`,
      ...form({ formToken, name: '王经理', signature: '' }),
    });
    expect(missing.statusCode).toBe(400);
    const signed = await t.app.inject({
      method: 'POST',
      url: `/s/${link.token}/sign`,
      ...form({ formToken, name: '王经理', signature: PNG }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'TestBrowser/1.0' },
    });
    expect(signed.statusCode, signed.body).toBe(200);
    const replay = await t.app.inject({
      method: 'POST',
      url: `/s/${link.token}/sign`,
      ...form({ formToken, name: 'X', signature: PNG }),
    });
    expect(replay.statusCode).toBe(404);

    let after = await ok<Contract>(c.call, { method: 'GET', url: `/api/v1/contracts/${contract.id}` });
    expect(after.status).toBe('signed');
    expect(after.signatures[0]).toMatchObject({
      side: 'customer',
      signerName: '王经理',
      userAgent: 'TestBrowser/1.0',
    });
    expect(after.can.countersign).toBe(false);
    const repSign = await c.call({
      method: 'POST',
      url: `/api/v1/contracts/${contract.id}/countersign`,
      payload: { version: after.version },
    });
    expect(repSign.statusCode).toBe(403);
    after = await ok<Contract>(c.directorCall, {
      method: 'POST',
      url: `/api/v1/contracts/${contract.id}/countersign`,
      payload: { version: after.version },
    });
    expect(after.status).toBe('signed');
    expect(after.signedOn).toBe('2031-03-02');
    expect(after.hasFinalPdf).toBe(true);
    expect(after.signatures.map((s) => s.side)).toEqual(['customer', 'company']);

    const finalRes = await c.call({ method: 'GET', url: `/api/v1/contracts/${contract.id}/pdf?final=true` });
    expect(finalRes.statusCode).toBe(200);
    const doc = await getDocumentProxy(new Uint8Array(finalRes.rawPayload));
    const pages = (await extractText(doc)).text;
    expect(pages.length).toBeGreaterThan(1);
    const certificate = pages[pages.length - 1] ?? '';
    expect(certificate).toContain('Signature certificate');
    expect(certificate).toContain('王经理');
    // A long line may wrap anywhere on the page: compare without the line breaks.
    expect(certificate.replace(/\s+/g, '')).toContain(after.signatures[0]?.documentSha256 ?? 'missing');

    // Verify: by hash and by upload, final and signed document both match; a stranger's PDF does not.
    const byHash = await ok<{ match: boolean; document: string; number: string }>(c.call, {
      method: 'POST',
      url: `/api/v1/contracts/verify?sha256=${after.signedSha256}`,
    });
    expect(byHash).toMatchObject({ match: true, document: 'final', number: contract.number });
    const upload = await ok<{ match: boolean; document: string }>(c.call, {
      method: 'POST',
      url: '/api/v1/contracts/verify',
      ...multipartFile('c.pdf', Buffer.from(pdf.rawPayload), 'application/pdf'),
    });
    expect(upload).toMatchObject({ match: true, document: 'signed' });
    const otherUpload = await ok<{ match: boolean }>(c.call, {
      method: 'POST',
      url: '/api/v1/contracts/verify',
      ...multipartFile('x.pdf', 'not a contract', 'application/pdf'),
    });
    expect(otherUpload.match).toBe(false);
    const stranger = await ok<{ match: boolean }>(c.otherCall, {
      method: 'POST',
      url: `/api/v1/contracts/verify?sha256=${after.signedSha256}`,
    });
    expect(stranger.match).toBe(false);

    // Handover: to the default delivery user, with a kickoff task and a planned delivery.
    const handover = await ok<Handover>(c.deliveryCall, {
      method: 'GET',
      url: `/api/v1/contracts/${contract.id}/handover`,
    });
    expect(handover).toMatchObject({ status: 'open', deliveryOwnerId: c.delivery.userId });
    expect(handover.items.map((i) => i.key)).toEqual([
      'requirements',
      'contract_terms',
      'implementation_plan',
      'contacts',
    ]);
    expect(handover.delivery).toMatchObject({ status: 'planned', dueOn: '2031-04-30' });
    const [task] = await withTenant(t.platform.db, c.tenantId, (tx) =>
      tx
        .select()
        .from(activities)
        .where(eq(activities.id, handover.kickoffActivityId ?? uuidv7())),
    );
    expect(task).toMatchObject({ kind: 'task', ownerId: c.delivery.userId });
    const ticked = await ok<Handover>(c.deliveryCall, {
      method: 'PATCH',
      url: `/api/v1/contracts/${contract.id}/handover`,
      payload: {
        version: handover.version,
        items: handover.items.map((i) => ({ key: i.key, done: true, note: '' })),
        complete: true,
      },
    });
    expect(ticked.status).toBe('done');
    expect(
      (await c.deliveryCall({ method: 'GET', url: `/api/v1/contracts/${contract.id}` })).statusCode,
    ).toBe(200);
    // The progress table: the delivery owner and legal see it there too; another rep does not.
    const listed = async (call: Call) =>
      (await ok<{ items: ContractSummary[] }>(call, { method: 'GET', url: '/api/v1/contracts' })).items.map(
        (i) => i.id,
      );
    expect(await listed(c.deliveryCall)).toContain(contract.id);
    expect(await listed(c.legalCall)).toContain(contract.id);
    expect(await listed(c.otherCall)).not.toContain(contract.id);

    // The daily sweep: active on the start date, expired after the end date.
    clock.set(new Date('2031-03-10T01:00:00.000Z'));
    expect(await sweepContractStatus(t.platform, c.tenantId, clock.now())).toEqual({
      activated: 1,
      expired: 0,
    });
    clock.set(new Date('2032-03-11T01:00:00.000Z'));
    expect(await sweepContractStatus(t.platform, c.tenantId, clock.now())).toEqual({
      activated: 0,
      expired: 1,
    });
    clock.set(new Date('2031-03-02T02:00:00.000Z'));
    const table = await ok<{ items: ContractSummary[] }>(c.call, {
      method: 'GET',
      url: '/api/v1/contracts?status=expired',
    });
    expect(table.items.map((i) => i.id)).toEqual([contract.id]);
    expect(table.items[0]).toMatchObject({
      signedOn: '2031-03-02',
      deliveryStatus: 'planned',
      endsOn: '2032-03-09',
    });
  });

  it('completes an active counter-signed contract, terminates one with a reason, and offers neither before', async () => {
    const c = await company();
    const countersigned = async () => {
      const { contract, link } = await sent(c);
      expect(contract.can).toMatchObject({ complete: false, terminate: false, editTerm: true });
      const { formToken } = await signPage(link.token);
      const signed = await t.app.inject({
        method: 'POST',
        url: `/s/${link.token}/sign`,
        ...form({ formToken, name: '王经理', signature: PNG }),
      });
      expect(signed.statusCode, signed.body).toBe(200);
      const before = await ok<Contract>(c.call, { method: 'GET', url: `/api/v1/contracts/${contract.id}` });
      // Signed by the customer only: no final PDF yet, so it cannot end.
      expect(before.can).toMatchObject({ complete: false, terminate: false });
      const early = await c.call({
        method: 'POST',
        url: `/api/v1/contracts/${contract.id}/terminate`,
        payload: { reason: 'Too early' },
      });
      expect(early.statusCode).toBe(409);
      return ok<Contract>(c.directorCall, {
        method: 'POST',
        url: `/api/v1/contracts/${contract.id}/countersign`,
        payload: { version: before.version },
      });
    };

    const ending = await countersigned();
    const mine = await ok<Contract>(c.call, { method: 'GET', url: `/api/v1/contracts/${ending.id}` });
    expect(mine.can).toMatchObject({ terminate: true, complete: false, editTerm: true });
    const noReason = await c.call({
      method: 'POST',
      url: `/api/v1/contracts/${ending.id}/terminate`,
      payload: { reason: '' },
    });
    expect(noReason.statusCode).toBe(400);
    expect(
      (
        await c.otherCall({
          method: 'POST',
          url: `/api/v1/contracts/${ending.id}/terminate`,
          payload: { reason: 'x' },
        })
      ).statusCode,
    ).toBe(404);
    const terminated = await ok<Contract>(c.call, {
      method: 'POST',
      url: `/api/v1/contracts/${ending.id}/terminate`,
      payload: { reason: '客户业务调整' },
    });
    expect(terminated).toMatchObject({ status: 'terminated', terminatedReason: '客户业务调整' });
    expect(terminated.can).toMatchObject({ terminate: false, complete: false, editTerm: false });
    const lateEdit = await c.call({
      method: 'PATCH',
      url: `/api/v1/contracts/${ending.id}`,
      payload: { version: terminated.version, endsOn: '2035-01-01' },
    });
    expect(lateEdit.statusCode).toBe(409);

    const done = await countersigned();
    clock.set(new Date('2031-03-10T01:00:00.000Z'));
    await sweepContractStatus(t.platform, c.tenantId, clock.now());
    const active = await ok<Contract>(c.call, { method: 'GET', url: `/api/v1/contracts/${done.id}` });
    expect(active.status).toBe('active');
    expect(active.can).toMatchObject({ complete: true, terminate: true });
    const completed = await ok<Contract>(c.call, {
      method: 'POST',
      url: `/api/v1/contracts/${done.id}/complete`,
      payload: { version: active.version },
    });
    expect(completed.status).toBe('completed');
    expect(completed.can.complete).toBe(false);
    clock.set(new Date('2031-03-02T02:00:00.000Z'));
  });

  it('records a paper-signed contract from its scan: final document, both signatures, links revoked, handover', async () => {
    const c = await company();
    const { contract, link } = await sent(c);
    const scan = Buffer.from('%PDF-1.4 scanned copy with the company seal');
    const url = (q: Record<string, string | number>) =>
      `/api/v1/contracts/${contract.id}/paper-signing?${new URLSearchParams(
        Object.entries(q).map(([k, v]) => [k, String(v)]),
      ).toString()}`;
    const fields = { version: contract.version, signerName: '王经理', signedOn: '2031-03-01' };
    const upload = (call: Call, q: Record<string, string | number>, file = scan, type = 'application/pdf') =>
      call({ method: 'POST', url: url(q), ...multipartFile('scan.pdf', file, type) });

    // Counter-signing is contracts.sign's: the rep may not record it either.
    expect(contract.can.paperSign).toBe(false);
    const directorView = await ok<Contract>(c.directorCall, {
      method: 'GET',
      url: `/api/v1/contracts/${contract.id}`,
    });
    expect(directorView.can.paperSign).toBe(true);
    expect((await upload(c.call, fields)).statusCode).toBe(403);
    expect((await upload(c.directorCall, fields, Buffer.from('hello'), 'text/plain')).statusCode).toBe(415);
    const future = await upload(c.directorCall, { ...fields, signedOn: '2031-03-05' });
    expect(future.statusCode).toBe(400);
    expect(future.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('signedOn');
    expect((await upload(c.directorCall, { ...fields, version: contract.version - 1 })).statusCode).toBe(412);

    const signed = await ok<Contract>(c.directorCall, {
      method: 'POST',
      url: url(fields),
      ...multipartFile('scan.pdf', scan, 'application/pdf'),
    });
    expect(signed).toMatchObject({ status: 'signed', signedOn: '2031-03-01', hasFinalPdf: true });
    expect(signed.can.paperSign).toBe(false);
    expect(signed.signatures.map((x) => [x.side, x.signerName])).toEqual([
      ['customer', '王经理'],
      ['company', expect.any(String)],
    ]);
    const digest = createHash('sha256').update(scan).digest('hex');
    expect(signed.signedSha256).toBe(digest);
    // The e-signature link sent before is void now.
    expect((await signPage(link.token)).res.statusCode).toBe(404);
    const byHash = await ok<{ match: boolean; document: string }>(c.call, {
      method: 'POST',
      url: `/api/v1/contracts/verify?sha256=${digest}`,
    });
    expect(byHash).toMatchObject({ match: true, document: 'final' });
    const finalPdf = await c.call({ method: 'GET', url: `/api/v1/contracts/${contract.id}/pdf?final=true` });
    expect(finalPdf.rawPayload.equals(scan)).toBe(true);
    const handover = await ok<Handover>(c.call, {
      method: 'GET',
      url: `/api/v1/contracts/${contract.id}/handover`,
    });
    expect(handover.status).toBe('open');
    const again = await upload(c.directorCall, { ...fields, version: signed.version });
    expect(again.statusCode).toBe(409);
    // Fully signed, so the sweep starts it on its start date like an e-signed one.
    clock.set(new Date('2031-03-10T01:00:00.000Z'));
    expect(await sweepContractStatus(t.platform, c.tenantId, clock.now())).toMatchObject({ activated: 1 });
    clock.set(new Date('2031-03-02T02:00:00.000Z'));
  });

  it('refuses a tampered document, wrong codes (locking after five), expired and declined links', async () => {
    const c = await company();
    const coded = await sent(c, { requireCode: true });
    let page = await signPage(coded.link.token);
    const code = await t.app.inject({
      method: 'POST',
      url: `/s/${coded.link.token}/code`,
      ...form({ formToken: page.formToken }),
    });
    expect(code.statusCode).toBe(200);
    const codeMail = await withTenant(t.platform.db, c.tenantId, (tx) =>
      tx.select().from(outboxMails).where(eq(outboxMails.tenantId, c.tenantId)),
    );
    const sentCode = /\b(\d{6})\b/.exec(
      codeMail.map((m) => JSON.stringify(m)).find((m) => m.includes('signing code')) ?? '',
    )?.[1];
    expect(sentCode).toMatch(/^\d{6}$/);
    const wrong = sentCode === '000000' ? '111111' : '000000';
    for (let i = 1; i <= 5; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/s/${coded.link.token}/sign`,
        ...form({ formToken: page.formToken, name: '王经理', code: wrong, signature: PNG }),
      });
      expect(res.statusCode).toBe(i < 5 ? 400 : 429);
    }
    const right = await t.app.inject({
      method: 'POST',
      url: `/s/${coded.link.token}/sign`,
      ...form({ formToken: page.formToken, name: '王经理', code: sentCode ?? '', signature: PNG }),
    });
    expect(right.statusCode).toBe(429);

    // Tampering: change the stored PDF's bytes; signing is refused and nothing is recorded.
    const fresh = await ok<{ link: { token: string } }>(c.call, {
      method: 'POST',
      url: `/api/v1/contracts/${coded.contract.id}/send-for-signature`,
      payload: { signerName: '王经理', signerEmail: 'wang@yunfan.example' },
    });
    expect((await signPage(coded.link.token)).res.statusCode).toBe(404);
    page = await signPage(fresh.link.token);
    const version = (
      await ok<Contract>(c.call, { method: 'GET', url: `/api/v1/contracts/${coded.contract.id}` })
    ).approvedVersionNo;
    const [file] = await withTenant(t.platform.db, c.tenantId, (tx) =>
      tx
        .select()
        .from(files)
        .where(
          and(eq(files.tenantId, c.tenantId), eq(files.name, `${coded.contract.number}-v${version}.pdf`)),
        ),
    );
    const { writeFile } = await import('node:fs/promises');
    const local = await t.platform.files.local(file?.storageKey ?? '');
    await writeFile(local.path, Buffer.from('%PDF-1.7 tampered'));
    await local.release();
    const tampered = await t.app.inject({
      method: 'POST',
      url: `/s/${fresh.link.token}/sign`,
      ...form({ formToken: page.formToken, name: '王经理', signature: PNG }),
    });
    expect(tampered.statusCode).toBe(409);
    expect(
      (await ok<Contract>(c.call, { method: 'GET', url: `/api/v1/contracts/${coded.contract.id}` }))
        .signatures,
    ).toEqual([]);

    // Expiry and decline.
    const other = await sent(c);
    const declinePage = await signPage(other.link.token);
    const declined = await t.app.inject({
      method: 'POST',
      url: `/s/${other.link.token}/decline`,
      ...form({ formToken: declinePage.formToken, reason: '价格需要再议' }),
    });
    expect(declined.statusCode).toBe(200);
    const back = await ok<Contract>(c.call, { method: 'GET', url: `/api/v1/contracts/${other.contract.id}` });
    expect(back.status).toBe('approved');
    expect(back.signingRequests[0]).toMatchObject({ status: 'declined', declineReason: '价格需要再议' });
    const again = await ok<{ link: { token: string } }>(c.call, {
      method: 'POST',
      url: `/api/v1/contracts/${other.contract.id}/send-for-signature`,
      payload: { signerName: '王经理', signerEmail: 'wang@yunfan.example', expiresInDays: 1 },
    });
    clock.advance(2 * DAY);
    expect((await signPage(again.link.token)).res.statusCode).toBe(404);
    clock.set(new Date('2031-03-02T02:00:00.000Z'));
    const rows = await withTenant(t.platform.db, c.tenantId, (tx) =>
      tx.select().from(handovers).where(eq(handovers.tenantId, c.tenantId)),
    );
    expect(rows).toEqual([]);
    const none = await withTenant(t.platform.db, c.tenantId, (tx) =>
      tx.select().from(deliveries).where(eq(deliveries.tenantId, c.tenantId)),
    );
    expect(none).toEqual([]);
  });
});

describe('owner notifications', () => {
  it("tells the contract's owner, linked to the contract, when the customer signs or declines on /s/{token}", async () => {
    const c = await company();
    const toSign = await sent(c);
    const signPageOf = await signPage(toSign.link.token);
    const signed = await t.app.inject({
      method: 'POST',
      url: `/s/${toSign.link.token}/sign`,
      ...form({ formToken: signPageOf.formToken, name: '王经理', signature: PNG }),
    });
    expect(signed.statusCode, signed.body).toBe(200);
    const toDecline = await sent(c);
    const declinePageOf = await signPage(toDecline.link.token);
    const declined = await t.app.inject({
      method: 'POST',
      url: `/s/${toDecline.link.token}/decline`,
      ...form({ formToken: declinePageOf.formToken, reason: '付款条件需调整' }),
    });
    expect(declined.statusCode, declined.body).toBe(200);

    const rows = await withTenant(t.platform.db, c.tenantId, (tx) =>
      tx
        .select()
        .from(notifications)
        .where(and(eq(notifications.tenantId, c.tenantId), eq(notifications.entity, 'contract'))),
    );
    expect(rows.map((r) => ({ userId: r.userId, kind: r.kind, entityId: r.entityId }))).toEqual(
      expect.arrayContaining([
        { userId: c.rep.userId, kind: 'contract_signed', entityId: toSign.contract.id },
        { userId: c.rep.userId, kind: 'contract_declined', entityId: toDecline.contract.id },
      ]),
    );
    expect(rows.find((r) => r.kind === 'contract_signed')?.params).toMatchObject({
      number: toSign.contract.number,
      name: '王经理',
    });
    expect(rows.find((r) => r.kind === 'contract_declined')?.params).toMatchObject({
      reason: '付款条件需调整',
    });
    // Nobody else hears about it.
    expect(rows.every((r) => r.userId === c.rep.userId)).toBe(true);
  });
});
