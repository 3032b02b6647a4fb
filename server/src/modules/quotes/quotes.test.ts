import type { Quote, QuoteComparison, QuoteLink, QuoteSummary } from '@contracts/quotes.contract';
import { and, eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { extractText, getDocumentProxy } from 'unpdf';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { addUser, as, movableClock, newTenant, useTestApp } from '../../../test/helper';
import { systemActor } from '../../platform/audit';
import { auditLog, outboxMails } from '../../platform/db/platform.tables';
import { withTenant } from '../../platform/db/tenancy';
import { products } from '../catalog/catalog.tables';
import { createDeal } from '../deals';
import { notifications } from '../notifications/notifications.tables';
import { expireQuotes } from './quote-expiry';
import { quotes } from './quotes.tables';

/** Quotes through HTTP: builder, exact totals, versions and compare, PDF, the customer's page, expiry. */

const clock = movableClock(new Date('2031-05-10T02:00:00.000Z'));
const t = await useTestApp({}, { clock });
const DAY = 86_400_000;

type Problem = { code: string; errors?: { path: string; code: string }[] };

/**
 * A company with a rep's deal. The deal has no amount by default, hence no negotiation price floor: the floor
 * rule has tests of its own (give dealAmountMinor), the others test what they name.
 */
async function company(options: { dealAmountMinor?: number | null } = {}) {
  const admin = await newTenant(t);
  const rep = await addUser(t, admin, 'rep', 'Rep Ren');
  const outsider = await addUser(t, admin, 'rep', 'Rep Other');
  const tenantId = admin.me.tenant.id;
  const adminCall = as(t, admin);
  const customer = await adminCall({
    method: 'POST',
    url: '/api/v1/customers',
    payload: { name: '云帆科技有限公司', ownerId: rep.userId },
  });
  expect(customer.statusCode, customer.body).toBe(201);
  const customerId = customer.json<{ id: string }>().id;
  const contact = await adminCall({
    method: 'POST',
    url: '/api/v1/contacts',
    payload: { customerId, name: '王经理', email: 'wang@yunfan.example' },
  });
  expect(contact.statusCode, contact.body).toBe(201);
  const contactId = contact.json<{ id: string }>().id;
  const deal = await withTenant(t.platform.db, tenantId, (tx) =>
    createDeal(tx, systemActor(tenantId), {
      name: 'ERP 升级',
      customerId,
      contactId,
      amountMinor: options.dealAmountMinor ?? null,
      currency: 'CNY',
      expectedCloseOn: null,
      source: null,
      campaignId: null,
      ownerId: rep.userId,
      teamId: null,
    }),
  );
  const productIds = { server: uuidv7(), service: uuidv7() };
  await withTenant(t.platform.db, tenantId, (tx) =>
    tx.insert(products).values([
      {
        tenantId,
        id: productIds.server,
        code: 'SRV-01',
        nameZh: '云服务器专业版',
        nameEn: 'Cloud server pro',
        category: 'hardware',
        unit: '台',
        listPriceMinor: 12_000_00,
        currency: 'CNY',
        taxRateBp: 1300,
        costMinor: 7_000_00,
      },
      {
        tenantId,
        id: productIds.service,
        code: 'SVC-01',
        nameZh: '实施服务',
        nameEn: 'Implementation service',
        category: 'service',
        kind: 'service',
        unit: '人天',
        listPriceMinor: 2_500_00,
        currency: 'CNY',
        taxRateBp: 600,
        costMinor: 1_000_00,
      },
    ]),
  );
  return {
    admin,
    rep,
    outsider,
    tenantId,
    customerId,
    contactId,
    dealId: deal.id,
    productIds,
    call: as(t, rep.session),
  };
}
type Company = Awaited<ReturnType<typeof company>>;

async function ok<T>(
  c: Company | ((o: InjectOptions) => ReturnType<Company['call']>),
  o: InjectOptions,
  status = 200,
) {
  const call = typeof c === 'function' ? c : c.call;
  const res = await call(o);
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
}

async function problem(c: Company, o: InjectOptions, status: number): Promise<Problem> {
  const res = await c.call(o);
  expect(res.statusCode, res.body).toBe(status);
  return res.json<Problem>();
}

/** A new quote in Chinese (the test company's default language is English). */
async function newQuote(c: Company): Promise<Quote> {
  const q = await ok<Quote>(c, { method: 'POST', url: '/api/v1/quotes', payload: { dealId: c.dealId } }, 201);
  expect(q.locale).toBe('en-US');
  return ok<Quote>(c, {
    method: 'PATCH',
    url: `/api/v1/quotes/${q.id}`,
    payload: { version: q.version, locale: 'zh-CN' },
  });
}

async function putLines(c: Company, q: Quote, lines: unknown[]): Promise<Quote> {
  return ok<Quote>(c, {
    method: 'PUT',
    url: `/api/v1/quotes/${q.id}/lines`,
    payload: { version: q.version, lines },
  });
}

async function send(c: Company, q: Quote) {
  return ok<{ quote: Quote; link: QuoteLink }>(c, {
    method: 'POST',
    url: `/api/v1/quotes/${q.id}/send`,
    payload: { version: q.version },
  });
}

async function pdfText(bytes: Buffer): Promise<string> {
  const doc = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(doc, { mergePages: true });
  return text;
}

const pathOf = (link: QuoteLink) => new URL(link.url).pathname;

describe('quotes', () => {
  it('creates a quote from a deal: number, customer, contact, currency, validity from settings', async () => {
    const c = await company();
    const q = await newQuote(c);
    expect(q.number).toMatch(/^QT-2031-\d{4}$/);
    expect(q).toMatchObject({
      dealId: c.dealId,
      customerId: c.customerId,
      contactId: c.contactId,
      currency: 'CNY',
      status: 'draft',
      currentVersionNo: 1,
      validUntil: '2031-06-09',
      title: 'ERP 升级',
    });
    const second = await newQuote(c);
    expect(Number(second.number.slice(-4))).toBe(Number(q.number.slice(-4)) + 1);
    // A deal the caller may not see is a field error naming dealId.
    const other = await company();
    const p = await problem(
      other,
      { method: 'POST', url: '/api/v1/quotes', payload: { dealId: c.dealId } },
      400,
    );
    expect(p.errors?.[0]).toMatchObject({ path: 'dealId', code: 'unknown_deal' });
  });

  it('prices catalogue lines, keeps the explanation, marks overrides manual, and stores exact totals', async () => {
    const c = await company();
    let q = await newQuote(c);
    q = await putLines(c, q, [
      { productId: c.productIds.server, quantity: '2' },
      { productId: c.productIds.service, quantity: '3.5', unitPriceMinor: 2_000_00, discountBp: 500 },
      { name: '差旅费', quantity: '1', unitPriceMinor: 999_99, taxRateBp: 0 },
    ]);
    const [server, service, travel] = q.lines;
    expect(server).toMatchObject({
      name: '云服务器专业版',
      code: 'SRV-01',
      unitPriceMinor: 12_000_00,
      listPriceMinor: 12_000_00,
      taxRateBp: 1300,
      unitCostMinor: 7_000_00,
      netMinor: 24_000_00,
      taxMinor: 3_120_00,
    });
    expect(server?.priceSource?.kind).toBe('list');
    expect(service?.priceSource).toMatchObject({ kind: 'manual', catalogPriceMinor: 2_500_00 });
    // 3.5 × 2000.00 = 7000.00, less 5 % = 6650.00; tax 6 % = 399.00.
    expect(service).toMatchObject({ netMinor: 6_650_00, taxMinor: 399_00, totalMinor: 7_049_00 });
    expect(travel).toMatchObject({ netMinor: 999_99, taxMinor: 0, priceSource: null });
    const sum = q.lines.reduce((a, l) => a + l.totalMinor, 0);
    expect(q.totals.totalMinor).toBe(sum);
    expect(q.totalMinor).toBe(sum);
    // Service sells at 1900.00 against a list of 2500.00: 24 % below list is the deepest discount.
    expect(q.totals.maxDiscountBp).toBe(2_400);

    // The overall discount is spread over the lines before tax; totals still add up.
    q = await ok<Quote>(c, {
      method: 'PATCH',
      url: `/api/v1/quotes/${q.id}`,
      headers: { 'if-match': `"${q.version}"` },
      payload: { version: q.version, discountBp: 1000 },
    });
    expect(q.discountBp).toBe(1000);
    expect(q.lines.reduce((a, l) => a + l.netMinor, 0)).toBe(q.totals.netMinor);
    expect(q.totals.netMinor).toBe(Math.round((24_000_00 + 6_650_00 + 999_99) * 0.9));
    expect(q.totals.totalMinor).toBe(q.lines.reduce((a, l) => a + l.totalMinor, 0));
  });

  it('rewrites lines in place: a position keeps its line id, a shorter list drops the rest', async () => {
    const c = await company();
    let q = await newQuote(c);
    q = await putLines(c, q, [
      { productId: c.productIds.server, quantity: '1' },
      { productId: c.productIds.service, quantity: '2' },
      { name: '差旅费', quantity: '1', unitPriceMinor: 500_00, taxRateBp: 0 },
    ]);
    const ids = q.lines.map((l) => l.id);
    // Products swapped, one line fewer: line 0 is now the service, line 1 the server.
    q = await putLines(c, q, [
      { productId: c.productIds.service, quantity: '4' },
      { productId: c.productIds.server, quantity: '1.5', discountBp: 250 },
    ]);
    expect(q.lines.map((l) => [l.position, l.id, l.code, l.quantity])).toEqual([
      [0, ids[0], 'SVC-01', '4'],
      [1, ids[1], 'SRV-01', '1.5'],
    ]);
    const read = await ok<Quote>(c, { method: 'GET', url: `/api/v1/quotes/${q.id}` });
    expect(read.lines).toEqual(q.lines);
    expect(read.totals.totalMinor).toBe(read.lines.reduce((a, l) => a + l.totalMinor, 0));
    // Longer again: the new position gets a new line.
    q = await putLines(c, q, [
      ...q.lines.map((l) => ({ productId: l.productId, quantity: l.quantity })),
      { name: '培训', quantity: '1', unitPriceMinor: 100_00 },
    ]);
    expect(q.lines.slice(0, 2).map((l) => l.id)).toEqual(ids.slice(0, 2));
    expect(q.lines[2]?.id).not.toBe(ids[2]);
    expect(q.lines[2]?.name).toBe('培训');
  });

  it('names bad lines by field', async () => {
    const c = await company();
    const q = await newQuote(c);
    const p = await problem(
      c,
      {
        method: 'PUT',
        url: `/api/v1/quotes/${q.id}/lines`,
        payload: {
          version: q.version,
          lines: [{ quantity: '1' }, { name: 'x', quantity: '1.2345', unitPriceMinor: 1 }],
        },
      },
      400,
    );
    expect(p.errors?.map((e) => e.path)).toContain('lines.1.quantity');
    const p2 = await problem(
      c,
      {
        method: 'PUT',
        url: `/api/v1/quotes/${q.id}/lines`,
        payload: { version: q.version, lines: [{ quantity: '1' }] },
      },
      400,
    );
    expect(p2.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'lines.0.name', code: 'line_name_required' }),
        expect.objectContaining({ path: 'lines.0.unitPriceMinor', code: 'line_price_required' }),
      ]),
    );
    // A stale version is refused.
    await problem(
      c,
      { method: 'PUT', url: `/api/v1/quotes/${q.id}/lines`, payload: { version: q.version + 5, lines: [] } },
      412,
    );
  });

  it('sends: freezes the version with its PDF, mails the contact the link, and a change opens version 2', async () => {
    const c = await company();
    let q = await newQuote(c);
    q = await putLines(c, q, [{ productId: c.productIds.server, quantity: '1' }]);
    const sent = await send(c, q);
    expect(sent.quote.status).toBe('sent');
    const mails = await withTenant(t.platform.db, c.tenantId, (tx) =>
      tx.select().from(outboxMails).where(eq(outboxMails.tenantId, c.tenantId)),
    );
    const mail = mails.find((m) => m.to === 'wang@yunfan.example');
    expect(mail?.text).toContain(sent.link.url);
    expect(mail?.attachments[0]?.contentType).toBe('application/pdf');

    // Editing the sent quote opens version 2 as a draft; version 1 stays frozen.
    q = await putLines(c, sent.quote, [
      { productId: c.productIds.server, quantity: '2' },
      { productId: c.productIds.service, quantity: '1' },
    ]);
    expect(q).toMatchObject({ status: 'draft', currentVersionNo: 2 });
    const versions = await ok<{ items: { versionNo: number; hasPdf: boolean }[] }>(c, {
      method: 'GET',
      url: `/api/v1/quotes/${q.id}/versions`,
    });
    expect(versions.items).toEqual([expect.objectContaining({ versionNo: 1, hasPdf: true })]);
    const v1 = await ok<{ snapshot: { lines: { quantity: string }[] } }>(c, {
      method: 'GET',
      url: `/api/v1/quotes/${q.id}/versions/1`,
    });
    expect(v1.snapshot.lines.map((l) => l.quantity)).toEqual(['1']);

    // Compare the frozen version 1 with the working draft 2.
    const cmp = await ok<QuoteComparison>(c, {
      method: 'GET',
      url: `/api/v1/quotes/${q.id}/compare?from=1&to=2`,
    });
    expect(cmp.added.map((l) => l.code)).toEqual(['SVC-01']);
    expect(cmp.removed).toEqual([]);
    expect(cmp.changed).toHaveLength(1);
    expect(cmp.changed[0]?.changes.map((ch) => ch.field)).toContain('quantity');
    expect(cmp.changed[0]?.deltaMinor).toBe(13_560_00);
    expect(cmp.totalDeltaMinor).toBe(q.totals.totalMinor - sent.quote.totals.totalMinor);

    // Send version 2; the sent list now has both.
    const again = await send(c, q);
    expect(again.quote.currentVersionNo).toBe(2);
    const list = await ok<{ items: QuoteSummary[] }>(c, {
      method: 'GET',
      url: `/api/v1/quotes?dealId=${c.dealId}`,
    });
    expect(list.items.map((i) => i.id)).toEqual([q.id]);
  });

  it('refuses to send an unapproved quote beyond authority; submitting waits for approval; a change cancels it', async () => {
    const c = await company();
    let q = await newQuote(c);
    // 45 % off the list price: beyond a rep's authority.
    q = await putLines(c, q, [{ productId: c.productIds.server, quantity: '1', discountBp: 4500 }]);
    expect(q.totals.maxDiscountBp).toBe(4500);
    expect(q.approval).toMatchObject({ required: true, state: 'none' });
    const refused = await problem(
      c,
      { method: 'POST', url: `/api/v1/quotes/${q.id}/send`, payload: { version: q.version } },
      409,
    );
    expect(refused.code).toBe('approval_required');
    const pending = await ok<Quote>(c, {
      method: 'POST',
      url: `/api/v1/quotes/${q.id}/submit`,
      payload: { version: q.version, reason: 'Strategic logo' },
    });
    expect(pending).toMatchObject({ status: 'pending_approval', approval: { state: 'pending' } });
    // Still not sendable while pending; a change returns it to draft (the request is cancelled).
    await problem(
      c,
      { method: 'POST', url: `/api/v1/quotes/${q.id}/send`, payload: { version: pending.version } },
      409,
    );
    const edited = await putLines(c, pending, [
      { productId: c.productIds.server, quantity: '1', discountBp: 300 },
    ]);
    expect(edited.status).toBe('draft');
    // Within authority now: no approval needed, it goes out.
    expect(edited.approval.required).toBe(false);
    await problem(
      c,
      { method: 'POST', url: `/api/v1/quotes/${q.id}/submit`, payload: { version: edited.version } },
      409,
    );
    expect((await send(c, edited)).quote.status).toBe('sent');
  });

  it('sends a quote beyond authority once its version is approved', async () => {
    const c = await company();
    let q = await newQuote(c);
    q = await putLines(c, q, [{ productId: c.productIds.server, quantity: '1', discountBp: 2500 }]);
    q = await ok<Quote>(c, {
      method: 'POST',
      url: `/api/v1/quotes/${q.id}/submit`,
      payload: { version: q.version, reason: 'Competitive bid' },
    });
    const admin = as(t, c.admin);
    // Every step of the request, as the admin (who may decide at any level).
    for (let step = 0; step < 3 && q.status === 'pending_approval'; step++) {
      const inbox = await ok<{ items: { id: string; subjectId: string; version: number }[] }>(admin, {
        method: 'GET',
        url: '/api/v1/approvals?box=all&status=pending',
      });
      const request = inbox.items.find((i) => i.subjectId === q.id);
      if (!request) break;
      await ok(admin, {
        method: 'POST',
        url: `/api/v1/approvals/${request.id}/approve`,
        payload: { version: request.version, comment: 'OK' },
      });
      q = await ok<Quote>(c, { method: 'GET', url: `/api/v1/quotes/${q.id}` });
    }
    expect(q).toMatchObject({ status: 'approved', approval: { required: true, state: 'approved' } });
    expect((await send(c, q)).quote.status).toBe('sent');
  });

  it('renders a bilingual PDF with the Chinese product names and the totals', async () => {
    const c = await company();
    let q = await newQuote(c);
    q = await putLines(c, q, [
      { productId: c.productIds.server, quantity: '2' },
      { productId: c.productIds.service, quantity: '10' },
    ]);
    const res = await c.call({ method: 'GET', url: `/api/v1/quotes/${q.id}/pdf` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    const text = await pdfText(res.rawPayload);
    expect(text).toContain('云服务器专业版');
    expect(text).toContain('实施服务');
    expect(text).toContain('报价单');
    expect(text).toContain('Quotation');
    // 2 × 12000 × 1.13 + 10 × 2500 × 1.06 = 27120 + 26500 = 53620.00
    expect(q.totals.totalMinor).toBe(53_620_00);
    expect(text).toContain('53,620.00');
  });

  it('lets the customer view, download and accept through the link, and tells the owner', async () => {
    const c = await company();
    let q = await newQuote(c);
    q = await putLines(c, q, [{ productId: c.productIds.server, quantity: '1' }]);
    const { link } = await send(c, q);
    const path = pathOf(link);
    const page = await t.app.inject({ method: 'GET', url: path });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('云服务器专业版');
    expect(page.headers['content-security-policy']).toContain("form-action 'self'");
    const formToken = /name="formToken" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    expect(formToken).not.toBe('');
    await t.app.inject({ method: 'GET', url: path });
    const viewed = await ok<Quote>(c, { method: 'GET', url: `/api/v1/quotes/${q.id}` });
    expect(viewed.viewCount).toBe(2);
    expect(viewed.firstViewedAt).not.toBeNull();

    const pdf = await t.app.inject({ method: 'GET', url: `${path}/pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(await pdfText(pdf.rawPayload)).toContain('云服务器专业版');

    // A forged form token is refused; the right one accepts.
    const forged = await t.app.inject({
      method: 'POST',
      url: `${path}/accept`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'formToken=abc&name=Mallory',
    });
    expect(forged.statusCode).toBe(403);
    const accepted = await t.app.inject({
      method: 'POST',
      url: `${path}/accept`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `formToken=${encodeURIComponent(formToken)}&name=${encodeURIComponent('王经理')}`,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const after = await ok<Quote>(c, { method: 'GET', url: `/api/v1/quotes/${q.id}` });
    expect(after).toMatchObject({ status: 'accepted', acceptedByName: '王经理' });
    const rows = await withTenant(t.platform.db, c.tenantId, (tx) =>
      tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.tenantId, c.tenantId), eq(auditLog.entityId, q.id))),
    );
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['viewed', 'send', 'accepted']));
    const notes = await ok<{ items: { kind: string }[] }>(as(t, c.rep.session), {
      method: 'GET',
      url: '/api/v1/notifications',
    });
    expect(notes.items.map((n) => n.kind)).toEqual(
      expect.arrayContaining(['quote_viewed', 'quote_accepted']),
    );
    // Accepted is final: editing is refused.
    await problem(
      c,
      { method: 'PUT', url: `/api/v1/quotes/${q.id}/lines`, payload: { version: after.version, lines: [] } },
      409,
    );
    // A wrong token shows the same unavailable page.
    const wrong = await t.app.inject({ method: 'GET', url: `${path.slice(0, -3)}xyz` });
    expect(wrong.statusCode).toBe(404);
  });

  it("tells the quote's owner, or the deal's owner for a quote without one, when the customer accepts or declines", async () => {
    const c = await company();
    const answer = async (kind: 'accept' | 'decline', field: string) => {
      let q = await newQuote(c);
      q = await putLines(c, q, [{ productId: c.productIds.server, quantity: '1' }]);
      const path = pathOf((await send(c, q)).link);
      const page = await t.app.inject({ method: 'GET', url: path });
      const formToken = /name="formToken" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      return {
        q,
        path,
        formToken,
        post: () =>
          t.app.inject({
            method: 'POST',
            url: `${path}/${kind}`,
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            payload: `formToken=${encodeURIComponent(formToken)}&${field}`,
          }),
      };
    };
    const accepted = await answer('accept', `name=${encodeURIComponent('王经理')}`);
    expect((await accepted.post()).statusCode).toBe(200);
    const declined = await answer('decline', `reason=${encodeURIComponent('预算不足')}`);
    expect((await declined.post()).statusCode).toBe(200);
    // A quote whose owner left: the deal's owner hears the answer instead.
    const orphan = await answer('decline', `reason=${encodeURIComponent('已选其他供应商')}`);
    await withTenant(t.platform.db, c.tenantId, (tx) =>
      tx
        .update(quotes)
        .set({ ownerId: null })
        .where(and(eq(quotes.tenantId, c.tenantId), eq(quotes.id, orphan.q.id))),
    );
    expect((await orphan.post()).statusCode).toBe(200);

    const rows = await withTenant(t.platform.db, c.tenantId, (tx) =>
      tx
        .select()
        .from(notifications)
        .where(and(eq(notifications.tenantId, c.tenantId), eq(notifications.entity, 'quote'))),
    );
    const answers = rows.filter((r) => r.kind !== 'quote_viewed');
    expect(answers.map((r) => ({ userId: r.userId, kind: r.kind, entityId: r.entityId }))).toEqual(
      expect.arrayContaining([
        { userId: c.rep.userId, kind: 'quote_accepted', entityId: accepted.q.id },
        { userId: c.rep.userId, kind: 'quote_declined', entityId: declined.q.id },
        { userId: c.rep.userId, kind: 'quote_declined', entityId: orphan.q.id },
      ]),
    );
    expect(answers).toHaveLength(3);
    expect(answers.find((r) => r.entityId === declined.q.id)?.params).toMatchObject({ reason: '预算不足' });
  });

  it('expires sent quotes past their validity in the company time zone, and revise reopens them', async () => {
    const c = await company();
    let q = await newQuote(c);
    q = await putLines(c, q, [{ productId: c.productIds.server, quantity: '1' }]);
    q = (await send(c, q)).quote;
    expect(await expireQuotes(t.platform, c.tenantId, new Date(clock.now().getTime() + 30 * DAY))).toBe(0);
    expect(await expireQuotes(t.platform, c.tenantId, new Date(clock.now().getTime() + 31 * DAY))).toBe(1);
    const expired = await ok<Quote>(c, { method: 'GET', url: `/api/v1/quotes/${q.id}` });
    expect(expired.status).toBe('expired');
    const revised = await ok<Quote>(c, {
      method: 'POST',
      url: `/api/v1/quotes/${q.id}/revise`,
      payload: { version: expired.version },
    });
    expect(revised).toMatchObject({ status: 'draft', currentVersionNo: 2 });
  });

  it('sums the listed quotes in the company currency at each quote date, naming currencies without a rate', async () => {
    const c = await company();
    const q = await newQuote(c);
    await putLines(c, q, [{ productId: c.productIds.server, quantity: '1', discountBp: 0 }]);
    type Page = {
      items: QuoteSummary[];
      totals: { currency: string; count: number; totalMinor: number; missingRates: string[] };
    };
    const before = await ok<Page>(c, { method: 'GET', url: '/api/v1/quotes' });
    expect(before.totals).toEqual({ currency: 'USD', count: 1, totalMinor: 0, missingRates: ['CNY'] });
    const rates = await as(
      t,
      c.admin,
    )({
      method: 'PUT',
      url: '/api/v1/exchange-rates',
      payload: {
        rates: [
          { currency: 'CNY', effectiveOn: '2000-01-01', rate: '0.14' },
          // Later than the quote's date: not its rate.
          { currency: 'CNY', effectiveOn: '2099-01-01', rate: '0.5' },
        ],
      },
    });
    expect(rates.statusCode, rates.body).toBe(200);
    // 12 000 CNY + 13 % tax = 13 560 CNY × 0.14 = 1 898.40 USD.
    const after = await ok<Page>(c, { method: 'GET', url: '/api/v1/quotes' });
    expect(after.totals).toEqual({ currency: 'USD', count: 1, totalMinor: 1_898_40, missingRates: [] });
    const others = await ok<Page>(as(t, c.outsider.session), { method: 'GET', url: '/api/v1/quotes' });
    expect(others.totals).toMatchObject({ count: 0, totalMinor: 0 });
  });

  it('keeps quotes to those who may see the deal', async () => {
    const c = await company();
    const q = await newQuote(c);
    const outsider = as(t, c.outsider.session);
    expect((await outsider({ method: 'GET', url: `/api/v1/quotes/${q.id}` })).statusCode).toBe(404);
    const list = await ok<{ items: QuoteSummary[] }>(outsider, { method: 'GET', url: '/api/v1/quotes' });
    expect(list.items).toEqual([]);
    const mine = await ok<{ items: QuoteSummary[] }>(c, { method: 'GET', url: '/api/v1/quotes' });
    expect(mine.items.map((i) => i.id)).toEqual([q.id]);
    // Settings are for those who configure deals.
    const settings = await ok<{ version: number }>(c, { method: 'GET', url: '/api/v1/quote-settings' });
    const body = {
      version: settings.version,
      numberPattern: 'BJ-{YY}{MM}-{000}',
      validityDays: 15,
      company: {
        nameZh: '闭环软件',
        nameEn: 'Closeloop Ltd',
        address: '',
        phone: '',
        email: '',
        taxId: '',
        bank: '',
      },
      termsZh: '',
      termsEn: '',
      paymentTerms: '30 天',
      logoFileId: null,
    };
    expect((await c.call({ method: 'PUT', url: '/api/v1/quote-settings', payload: body })).statusCode).toBe(
      403,
    );
    await ok(as(t, c.admin), { method: 'PUT', url: '/api/v1/quote-settings', payload: body });
    const next = await newQuote(c);
    expect(next.number).toMatch(/^BJ-3105-\d{3}$/);
    expect(next.validUntil).toBe('2031-05-25');
    expect(next.paymentTerms).toBe('30 天');
    const bad = await as(
      t,
      c.admin,
    )({
      method: 'PUT',
      url: '/api/v1/quote-settings',
      payload: { ...body, version: settings.version + 1, numberPattern: 'NOPE' },
    });
    expect(bad.json<Problem>().errors?.[0]).toMatchObject({
      path: 'numberPattern',
      code: 'invalid_number_pattern',
    });
  });
});

describe('the negotiation price floor in the approval matrix', () => {
  type Rules = { rules: Record<string, unknown>; version: number };
  async function setBelowFloorLevel(c: Company, level: 'manager' | 'director' | 'admin') {
    const admin = as(t, c.admin);
    const current = await ok<Rules>(admin, { method: 'GET', url: '/api/v1/approval-settings' });
    await ok(admin, {
      method: 'PUT',
      url: '/api/v1/approval-settings',
      payload: { rules: { ...current.rules, belowFloorLevel: level }, version: current.version },
    });
  }
  // The deal's amount 20,000.00 less the 10 % buffer: the floor is 18,000.00. One server is 13,560.00.
  const ONE_SERVER = 13_560_00;

  it("a quote under the deal's price floor needs approval up to belowFloorLevel; one at or above it does not", async () => {
    const c = await company({ dealAmountMinor: 20_000_00 });
    let q = await newQuote(c);
    q = await putLines(c, q, [{ productId: c.productIds.server, quantity: '1' }]);
    expect(q.totals.totalMinor).toBe(ONE_SERVER);
    expect(q.approval).toEqual({
      required: true,
      levels: ['manager'],
      reasons: ['approvals.reasons.below_price_floor'],
      state: 'none',
    });
    const refused = await problem(
      c,
      { method: 'POST', url: `/api/v1/quotes/${q.id}/send`, payload: { version: q.version } },
      409,
    );
    expect(refused.code).toBe('approval_required');

    await setBelowFloorLevel(c, 'director');
    q = await ok<Quote>(c, { method: 'GET', url: `/api/v1/quotes/${q.id}` });
    expect(q.approval.levels).toEqual(['manager', 'director']);
    const pending = await ok<Quote>(c, {
      method: 'POST',
      url: `/api/v1/quotes/${q.id}/submit`,
      payload: { version: q.version, reason: 'Pilot price' },
    });
    expect(pending.approval.state).toBe('pending');
    const all = await ok<{ items: { id: string; subjectId: string }[] }>(as(t, c.admin), {
      method: 'GET',
      url: '/api/v1/approvals?box=all&status=pending',
    });
    const requestId = all.items.find((i) => i.subjectId === q.id)?.id ?? '';
    const request = await ok<{ facts: { reasons: string[] }; steps: { approverRole: string }[] }>(
      as(t, c.admin),
      { method: 'GET', url: `/api/v1/approvals/${requestId}` },
    );
    expect(request.facts.reasons).toEqual(['approvals.reasons.below_price_floor']);
    // Nobody holds the manager or director level in this company: the chain falls through to the admin.
    expect(request.steps.map((s) => s.approverRole)).toEqual(['manager', 'director', 'admin']);

    // Two servers (27,120.00) are above the floor: nothing to approve.
    let above = await newQuote(c);
    above = await putLines(c, above, [{ productId: c.productIds.server, quantity: '2' }]);
    expect(above.approval).toMatchObject({ required: false, reasons: [] });
  });

  it("a director's own quote under the floor goes through with belowFloorLevel director, not with admin", async () => {
    const c = await company({ dealAmountMinor: 20_000_00 });
    const director = await addUser(t, c.admin, 'director', 'Director Dai');
    const asDirector = as(t, director.session);
    await setBelowFloorLevel(c, 'director');
    let q = await ok<Quote>(
      asDirector,
      { method: 'POST', url: '/api/v1/quotes', payload: { dealId: c.dealId } },
      201,
    );
    q = await ok<Quote>(asDirector, {
      method: 'PUT',
      url: `/api/v1/quotes/${q.id}/lines`,
      payload: { version: q.version, lines: [{ productId: c.productIds.server, quantity: '1' }] },
    });
    expect(q.totals.totalMinor).toBe(ONE_SERVER);
    expect(q.approval).toMatchObject({ required: false, levels: [] });
    // The rep's view of the same quote: beyond a rep's authority.
    expect((await ok<Quote>(c, { method: 'GET', url: `/api/v1/quotes/${q.id}` })).approval.required).toBe(
      true,
    );
    await setBelowFloorLevel(c, 'admin');
    const again = await ok<Quote>(asDirector, { method: 'GET', url: `/api/v1/quotes/${q.id}` });
    expect(again.approval).toMatchObject({ required: true, levels: ['admin'] });
  });

  it('skips the floor rule for a quote in another currency than the floor', async () => {
    const c = await company({ dealAmountMinor: 20_000_00 });
    let q = await newQuote(c);
    q = await putLines(c, q, [{ productId: c.productIds.server, quantity: '1' }]);
    expect(q.approval.required).toBe(true);
    // A quote whose currency differs from the floor's (the deal's here): no rate is applied to compare them.
    await withTenant(t.platform.db, c.tenantId, (tx) =>
      tx
        .update(quotes)
        .set({ currency: 'USD' })
        .where(and(eq(quotes.tenantId, c.tenantId), eq(quotes.id, q.id))),
    );
    q = await ok<Quote>(c, { method: 'GET', url: `/api/v1/quotes/${q.id}` });
    expect(q.approval).toMatchObject({ required: false, reasons: [] });
  });

  it('withdrawing the request puts the quote back in draft without recording a return', async () => {
    const c = await company();
    let q = await newQuote(c);
    q = await putLines(c, q, [{ productId: c.productIds.server, quantity: '1', discountBp: 1000 }]);
    q = await ok<Quote>(c, {
      method: 'POST',
      url: `/api/v1/quotes/${q.id}/submit`,
      payload: { version: q.version, reason: 'Competitive bid' },
    });
    const mine = await ok<{ items: { id: string; subjectId: string; version: number }[] }>(c, {
      method: 'GET',
      url: '/api/v1/approvals?box=mine&status=pending',
    });
    const request = mine.items.find((i) => i.subjectId === q.id);
    await ok(c, {
      method: 'POST',
      url: `/api/v1/approvals/${request?.id}/cancel`,
      payload: { version: request?.version },
    });
    q = await ok<Quote>(c, { method: 'GET', url: `/api/v1/quotes/${q.id}` });
    expect(q).toMatchObject({ status: 'draft', approval: { required: true, state: 'none' } });
    const actions = await withTenant(t.platform.db, c.tenantId, (tx) =>
      tx
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(
          and(eq(auditLog.tenantId, c.tenantId), eq(auditLog.entity, 'quote'), eq(auditLog.entityId, q.id)),
        ),
    );
    expect(actions.map((a) => a.action)).toContain('approval_withdrawn');
    expect(actions.map((a) => a.action)).not.toContain('returned');
  });
});
