import { randomBytes } from 'node:crypto';
import type { DealNeeds, NeedsShareLink, PublicNeeds } from '@contracts/deal-needs.contract';
import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { addUser, as, movableClock, newTenant, type Session, useTestApp } from '../../../../test/helper';
import { systemActor } from '../../../platform/audit';
import { auditLog } from '../../../platform/db/platform.tables';
import { withTenant } from '../../../platform/db/tenancy';
import { dealNeeds } from '../deal-needs.tables';
import { createDeal } from '../deals.service';

/** Needs analysis: the record with its items, validation, confirmation, and the read-only link. */

const clock = movableClock(new Date('2031-03-02T02:00:00.000Z'));
const t = await useTestApp({}, { clock });
const DAY = 86_400_000;

type Problem = { code: string; errors?: { path: string; code: string }[] };

async function company() {
  const admin = await newTenant(t);
  const rep = await addUser(t, admin, 'rep', 'Rep Rao');
  const other = await addUser(t, admin, 'rep', 'Rep Other');
  const tenantId = admin.me.tenant.id;
  const customer = await as(
    t,
    admin,
  )({ method: 'POST', url: '/api/v1/customers', payload: { name: '云帆<科技>', ownerId: rep.userId } });
  expect(customer.statusCode, customer.body).toBe(201);
  const customerId = customer.json<{ id: string }>().id;
  const deal = await withTenant(t.platform.db, tenantId, (tx) =>
    createDeal(tx, systemActor(tenantId), {
      name: 'CRM rollout',
      customerId,
      contactId: null,
      amountMinor: 50_000_00,
      currency: 'CNY',
      expectedCloseOn: null,
      source: null,
      campaignId: null,
      ownerId: rep.userId,
      teamId: null,
    }),
  );
  return { admin, rep, other, tenantId, dealId: deal.id, call: as(t, rep.session) };
}
type Company = Awaited<ReturnType<typeof company>>;

const needsUrl = (c: Company) => `/api/v1/deals/${c.dealId}/needs`;

const RECORD = {
  currentBusiness: 'Sells valves to 300 distributors; orders by phone and Excel.',
  currentTools: 'Excel, WeChat groups',
  expectedResults: 'Quotes within a day; one view of every distributor.',
  deadlineOn: '2031-09-30',
  decisionProcess: 'Sales director decides, CFO approves above 100k.',
  budgetMinMinor: 8_000_000,
  budgetMaxMinor: 12_000_000,
  budgetCurrency: 'CNY',
  paymentPreference: 'Annual, in two instalments',
  specialRequirements: 'On-premises deployment',
  items: [
    { kind: 'pain_point', description: 'Quotes take a week', priority: 'core' },
    { kind: 'pain_point', description: 'Lost orders when reps leave', priority: 'core' },
    { kind: 'goal', description: 'Grow repeat orders by 20 %', priority: 'secondary' },
    {
      kind: 'requirement',
      description: 'Data stays on their servers',
      priority: 'potential',
      explicitness: 'implicit',
    },
  ],
};

async function save(c: Company, body: Record<string, unknown>, status = 200, s?: Session) {
  const call = s ? as(t, s) : c.call;
  const res = await call({ method: 'PUT', url: needsUrl(c), payload: body });
  expect(res.statusCode, res.body).toBe(status);
  return res;
}

async function read(c: Company): Promise<DealNeeds> {
  const res = await c.call({ method: 'GET', url: needsUrl(c) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<DealNeeds>();
}

async function confirm(c: Company, version: number, extra: Record<string, unknown> = {}) {
  const res = await c.call({
    method: 'POST',
    url: `${needsUrl(c)}/confirm`,
    payload: { version, confirmedByName: '王总', summary: 'Core: faster quotes + keep orders', ...extra },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ needs: DealNeeds; link: NeedsShareLink }>();
}

const publicJson = (token: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url: `/api/v1/public/needs/${encodeURIComponent(token)}`, headers });
const publicPage = (token: string, query = '', headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url: `/n/${encodeURIComponent(token)}${query}`, headers });

/** A problem without what differs per request. */
const problemOf = (res: LightMyRequestResponse) => {
  const { requestId: _r, instance: _i, ...rest } = res.json<Record<string, unknown>>();
  return rest;
};
/** A page without its per-response nonce. */
const pageOf = (res: LightMyRequestResponse) => res.body.replace(/nonce-?="?[A-Za-z0-9+/=]+"?/g, 'NONCE');

describe('needs record', () => {
  it('starts empty at version 0, saves the form with its items, and counts core pain points', async () => {
    const c = await company();
    const empty = await read(c);
    expect(empty).toMatchObject({ dealId: c.dealId, version: 0, items: [], confirmation: null });
    expect(empty.updatedAt).toBeNull();

    const saved = (await save(c, { version: 0, ...RECORD })).json<DealNeeds>();
    expect(saved.version).toBe(1);
    expect(saved).toMatchObject({
      currentBusiness: RECORD.currentBusiness,
      deadlineOn: '2031-09-30',
      budgetMinMinor: 8_000_000,
      budgetMaxMinor: 12_000_000,
      budgetCurrency: 'CNY',
      corePainPoints: 2,
      confirmation: null,
    });
    expect(saved.items.map((i) => [i.kind, i.priority, i.explicitness, i.position])).toEqual([
      ['pain_point', 'core', 'explicit', 0],
      ['pain_point', 'core', 'explicit', 1],
      ['goal', 'secondary', 'explicit', 2],
      ['requirement', 'potential', 'implicit', 3],
    ]);
    expect(await read(c)).toEqual(saved);

    const audit = await withTenant(t.platform.db, c.tenantId, (tx) =>
      tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entity, 'deal_need'), eq(auditLog.entityId, c.dealId))),
    );
    expect(audit.map((a) => a.action)).toEqual(['create']);
    expect(audit[0]?.actorId).toBe(c.rep.userId);
    expect(audit[0]?.changes.budgetMaxMinor).toEqual({ from: null, to: 12_000_000 });
    expect(audit[0]?.changes.items?.to).toHaveLength(4);
  });

  it('keeps items by id, removes the ones left out, and refuses a stale version with 412', async () => {
    const c = await company();
    const first = (await save(c, { version: 0, ...RECORD })).json<DealNeeds>();
    const [quotes, orders, goal] = first.items;
    const next = (
      await save(c, {
        ...RECORD,
        version: 1,
        items: [
          { id: goal?.id, kind: 'pain_point', description: 'Repeat orders fall', priority: 'core' },
          { id: quotes?.id, kind: 'pain_point', description: 'Quotes take a week', priority: 'core' },
          { kind: 'goal', description: 'New goal', priority: 'secondary' },
        ],
      })
    ).json<DealNeeds>();
    expect(next.version).toBe(2);
    expect(next.items.map((i) => i.id).slice(0, 2)).toEqual([goal?.id, quotes?.id]);
    expect(next.items.map((i) => i.id)).not.toContain(orders?.id);
    expect(next.items[2]?.id).not.toBe(orders?.id);
    expect(next.items[0]).toMatchObject({
      kind: 'pain_point',
      description: 'Repeat orders fall',
      position: 0,
    });
    expect(next.items[1]).toMatchObject({ description: 'Quotes take a week', position: 1 });
    expect(next.corePainPoints).toBe(2);

    for (const version of [1, 0, 7]) {
      const stale = await save(c, { ...RECORD, version, items: [] }, 412);
      expect(stale.json<Problem>().code).toBe('version_conflict');
    }
    expect((await read(c)).items).toHaveLength(3);
  });

  it('refuses bad input with 400 naming the field', async () => {
    const c = await company();
    const cases: [Record<string, unknown>, string, string?][] = [
      [
        { budgetMinMinor: 500, budgetMaxMinor: 100, budgetCurrency: 'CNY' },
        'budgetMaxMinor',
        'budget_range_inverted',
      ],
      [{ budgetMinMinor: 500, budgetCurrency: null }, 'budgetCurrency', 'budget_currency_required'],
      [{ budgetMaxMinor: 500 }, 'budgetCurrency', 'budget_currency_required'],
      [{ budgetMinMinor: 1, budgetCurrency: 'yuan' }, 'budgetCurrency'],
      [{ budgetMinMinor: -1, budgetCurrency: 'CNY' }, 'budgetMinMinor'],
      [{ deadlineOn: '2031-02-30' }, 'deadlineOn'],
      [{ currentBusiness: 'x'.repeat(5001) }, 'currentBusiness'],
      [{ paymentPreference: 'x'.repeat(1001) }, 'paymentPreference'],
      [{ items: [{ kind: 'pain_point', description: '  ', priority: 'core' }] }, 'items.0.description'],
      [{ items: [{ kind: 'wish', description: 'A', priority: 'core' }] }, 'items.0.kind'],
      [{ items: [{ kind: 'goal', description: 'A', priority: 'urgent' }] }, 'items.0.priority'],
      [
        { items: [{ kind: 'goal', description: 'A', priority: 'core', explicitness: 'maybe' }] },
        'items.0.explicitness',
      ],
      [
        { items: [{ id: crypto.randomUUID(), kind: 'goal', description: 'A', priority: 'core' }] },
        'items.0.id',
        'unknown_need_item',
      ],
      [{ owner: 'me' }, 'owner'],
    ];
    for (const [body, path, code] of cases) {
      const res = await save(c, { version: 0, ...body }, 400);
      const problem = res.json<Problem>();
      expect(problem.code, JSON.stringify(body)).toBe('validation_failed');
      const error = problem.errors?.find((e) => e.path === path);
      expect(error, `${path} in ${res.body}`).toBeDefined();
      if (code) expect(error?.code).toBe(code);
    }
    const tooMany = Array.from({ length: 101 }, (_, i) => ({
      kind: 'goal',
      description: `G${i}`,
      priority: 'secondary',
    }));
    const res = await save(c, { version: 0, items: tooMany }, 400);
    expect(res.json<Problem>().errors?.[0]?.path).toBe('items');
    // An id of another deal's need is not this deal's.
    const d = await company();
    const theirs = (await save(d, { version: 0, ...RECORD })).json<DealNeeds>();
    const cross = await save(
      c,
      { version: 0, items: [{ id: theirs.items[0]?.id, kind: 'goal', description: 'A', priority: 'core' }] },
      400,
    );
    expect(cross.json<Problem>().errors?.[0]).toMatchObject({
      path: 'items.0.id',
      code: 'unknown_need_item',
    });
    expect((await read(c)).version).toBe(0);
  });

  it('is the deal owner’s: another rep gets 404, the admin may work on it', async () => {
    const c = await company();
    await save(c, { version: 0, ...RECORD });
    const other = as(t, c.other.session);
    for (const req of [
      { method: 'GET' as const, url: needsUrl(c) },
      { method: 'PUT' as const, url: needsUrl(c), payload: { version: 1 } },
      {
        method: 'POST' as const,
        url: `${needsUrl(c)}/confirm`,
        payload: { version: 1, confirmedByName: 'X', summary: 'Y' },
      },
      { method: 'DELETE' as const, url: `${needsUrl(c)}/link` },
    ]) {
      const res = await other(req);
      expect(res.statusCode, `${req.method} ${res.body}`).toBe(404);
    }
    const missing = await c.call({ method: 'GET', url: `/api/v1/deals/${crypto.randomUUID()}/needs` });
    expect(missing.statusCode).toBe(404);
    const byAdmin = await save(c, { version: 1, ...RECORD, summary: 'admin' }, 200, c.admin);
    expect(byAdmin.json<DealNeeds>().version).toBe(2);
  });
});

describe('confirmation and the read-only link', () => {
  it('needs at least one item and the version the user saw', async () => {
    const c = await company();
    const none = await c.call({
      method: 'POST',
      url: `${needsUrl(c)}/confirm`,
      payload: { version: 1, confirmedByName: 'A', summary: 'B' },
    });
    expect(none.statusCode).toBe(412);
    await save(c, { version: 0, currentBusiness: 'x' });
    const empty = await c.call({
      method: 'POST',
      url: `${needsUrl(c)}/confirm`,
      payload: { version: 1, confirmedByName: 'A', summary: 'B' },
    });
    expect(empty.statusCode, empty.body).toBe(409);
    expect(empty.json<Problem>().code).toBe('needs_empty');
    await save(c, { version: 1, ...RECORD });
    const stale = await c.call({
      method: 'POST',
      url: `${needsUrl(c)}/confirm`,
      payload: { version: 1, confirmedByName: 'A', summary: 'B' },
    });
    expect(stale.statusCode).toBe(412);
    const bad = await c.call({
      method: 'POST',
      url: `${needsUrl(c)}/confirm`,
      payload: { version: 2, confirmedByName: ' ', summary: 'B', expiresInDays: 400 },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json<Problem>()
        .errors?.map((e) => e.path)
        .sort(),
    ).toEqual(['confirmedByName', 'expiresInDays']);
  });

  it('records who confirmed and when, shows the record through the link, and marks later edits', async () => {
    const c = await company();
    await save(c, { version: 0, ...RECORD });
    const { needs, link } = await confirm(c, 1);
    expect(needs.version).toBe(2);
    expect(needs.summary).toBe('Core: faster quotes + keep orders');
    expect(needs.confirmation).toEqual({
      confirmedAt: clock.now().toISOString(),
      confirmedByName: '王总',
      changedSinceConfirmation: false,
      linkExpiresAt: new Date(clock.now().getTime() + 30 * DAY).toISOString(),
    });
    expect(link.url).toBe(`${t.platform.config.publicUrl}/n/${encodeURIComponent(link.token)}`);
    expect(link.token.startsWith(`${c.tenantId}.${c.dealId}.`)).toBe(true);
    // Only the hash is stored.
    const [stored] = await withTenant(t.platform.db, c.tenantId, (tx) =>
      tx.select().from(dealNeeds).where(eq(dealNeeds.dealId, c.dealId)),
    );
    expect(stored?.shareTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(link.token.split('.')[2]);

    const res = await publicJson(link.token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const shown = res.json<PublicNeeds>();
    expect(shown).toMatchObject({
      customerName: '云帆<科技>',
      companyName: c.admin.me.tenant.name,
      confirmedByName: '王总',
      changedSinceConfirmation: false,
      summary: 'Core: faster quotes + keep orders',
      budgetMaxMinor: 12_000_000,
    });
    expect(shown.items).toHaveLength(4);
    expect(JSON.stringify(shown)).not.toContain(c.dealId);

    clock.advance(60_000);
    const edited = (
      await save(c, { ...RECORD, version: 2, summary: needs.summary, currentTools: 'Excel only' })
    ).json<DealNeeds>();
    expect(edited.confirmation).toMatchObject({
      confirmedAt: needs.confirmation?.confirmedAt,
      confirmedByName: '王总',
      changedSinceConfirmation: true,
    });
    const after = (await publicJson(link.token)).json<PublicNeeds>();
    expect(after).toMatchObject({ changedSinceConfirmation: true, currentTools: 'Excel only' });
    const page = await publicPage(link.token, '?lang=en-US');
    expect(page.body).toContain('has been changed since it was confirmed');

    // A new confirmation clears the mark and replaces the link.
    const again = await confirm(c, 3, { expiresInDays: 7 });
    expect(again.needs.confirmation?.changedSinceConfirmation).toBe(false);
    expect(again.needs.confirmation?.linkExpiresAt).toBe(
      new Date(clock.now().getTime() + 7 * DAY).toISOString(),
    );
    expect((await publicJson(link.token)).statusCode).toBe(404);
    expect((await publicJson(again.link.token)).statusCode).toBe(200);
  });

  it('issues a new link for a confirmed record only, replacing the previous one', async () => {
    const c = await company();
    await save(c, { version: 0, ...RECORD });
    const early = await c.call({ method: 'POST', url: `${needsUrl(c)}/link`, payload: {} });
    expect(early.statusCode).toBe(409);
    expect(early.json<Problem>().code).toBe('needs_not_confirmed');
    const { needs, link } = await confirm(c, 1);
    const res = await c.call({ method: 'POST', url: `${needsUrl(c)}/link`, payload: { expiresInDays: 90 } });
    expect(res.statusCode, res.body).toBe(200);
    const fresh = res.json<NeedsShareLink>();
    expect(fresh.token).not.toBe(link.token);
    expect(fresh.expiresAt).toBe(new Date(clock.now().getTime() + 90 * DAY).toISOString());
    expect((await publicJson(link.token)).statusCode).toBe(404);
    expect((await publicJson(fresh.token)).statusCode).toBe(200);
    const after = await read(c);
    expect(after.version).toBe(needs.version);
    expect(after.confirmation).toMatchObject({
      changedSinceConfirmation: false,
      linkExpiresAt: fresh.expiresAt,
    });
    const tooLong = await c.call({
      method: 'POST',
      url: `${needsUrl(c)}/link`,
      payload: { expiresInDays: 366 },
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json<Problem>().errors?.[0]?.path).toBe('expiresInDays');
  });

  it('renders a printable page in the asked language with every text escaped', async () => {
    const c = await company();
    const evil = '<script>alert("x")</script>&<img src=x onerror=alert(1)>';
    await save(c, {
      version: 0,
      ...RECORD,
      currentBusiness: evil,
      items: [{ kind: 'pain_point', description: evil, priority: 'core' }],
    });
    const { link } = await confirm(c, 1, { confirmedByName: `"Boss" ${evil}`, summary: evil });

    const zh = await publicPage(link.token, '', { 'accept-language': 'zh-CN,zh;q=0.9' });
    expect(zh.statusCode).toBe(200);
    expect(zh.headers['content-type']).toContain('text/html');
    expect(zh.headers['cache-control']).toBe('no-store');
    const csp = String(zh.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/script-src 'nonce-[^']+'/);
    expect(zh.body).toContain('需求确认书');
    expect(zh.body).toContain('核心需求');
    expect(zh.body).toContain('@media print');
    expect(zh.body).toContain('云帆&lt;科技&gt;');
    expect(zh.body).not.toContain('<script>alert');
    expect(zh.body).not.toContain('<img src=x');
    expect(zh.body).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&lt;img src=x onerror=alert(1)&gt;',
    );
    expect(zh.body).toContain('&quot;Boss&quot;');
    // The only script is the nonce'd print button.
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1] ?? '';
    const scripts = zh.body.match(/<script[^>]*>/g) ?? [];
    expect(scripts).toEqual([`<script nonce="${nonce}">`]);

    const en = await publicPage(link.token, '?lang=en-US', { 'accept-language': 'zh-CN' });
    expect(en.body).toContain('Needs confirmation');
    expect(en.body).toContain('Core needs');
    expect(en.body).toContain('Print or save as PDF');
    expect(en.body).toContain('<html lang="en-US">');
    const byHeader = await publicPage(link.token, '', { 'accept-language': 'en-GB,en;q=0.8' });
    expect(byHeader.body).toContain('<html lang="en-US">');
  });

  it('answers the same 404 to wrong, malformed, cross-deal, expired and revoked links', async () => {
    const c = await company();
    await save(c, { version: 0, ...RECORD });
    const { link } = await confirm(c, 1, { expiresInDays: 2 });
    const [tenantId, dealId, secret] = link.token.split('.');
    const d = await company();
    await save(d, { version: 0, ...RECORD });
    const other = await confirm(d, 1);

    const wrong = [
      `${tenantId}.${dealId}.${randomBytes(32).toString('base64url')}`,
      `${tenantId}.${dealId}.${secret?.slice(0, -1)}${secret?.endsWith('A') ? 'B' : 'A'}`,
      `${tenantId}.${d.dealId}.${secret}`,
      `${d.tenantId}.${dealId}.${secret}`,
      `${tenantId}.${dealId}.${other.link.token.split('.')[2]}`,
      'not-a-token',
      `${tenantId}.${dealId}.${secret}!`,
    ];
    const reference = await publicJson(wrong[0] ?? '');
    expect(reference.statusCode).toBe(404);
    const refPage = await publicPage(wrong[0] ?? '', '?lang=en-US');
    expect(refPage.statusCode).toBe(404);
    expect(refPage.body).toContain('This page is not available');
    const same = async (token: string) => {
      const json = await publicJson(token);
      expect(json.statusCode, token).toBe(404);
      expect(problemOf(json)).toEqual(problemOf(reference));
      const html = await publicPage(token, '?lang=en-US');
      expect(html.statusCode, token).toBe(404);
      expect(pageOf(html)).toEqual(pageOf(refPage));
    };
    for (const token of wrong) await same(token);
    expect((await publicJson(link.token)).statusCode).toBe(200);

    // Expired: the link stops working, the confirmation stays.
    clock.advance(2 * DAY + 1);
    await same(link.token);
    const expired = await read(c);
    expect(expired.confirmation?.linkExpiresAt).toBeNull();
    expect(expired.confirmation?.confirmedByName).toBe('王总');

    // Revoked: the same, and revoking again is harmless.
    expect((await publicJson(other.link.token)).statusCode).toBe(200);
    const dCall = as(t, d.rep.session);
    const revoked = await dCall({ method: 'DELETE', url: `/api/v1/deals/${d.dealId}/needs/link` });
    expect(revoked.statusCode, revoked.body).toBe(204);
    await same(other.link.token);
    expect((await dCall({ method: 'DELETE', url: `/api/v1/deals/${d.dealId}/needs/link` })).statusCode).toBe(
      204,
    );
    const after = (await dCall({ method: 'GET', url: `/api/v1/deals/${d.dealId}/needs` })).json<DealNeeds>();
    expect(after.confirmation).toMatchObject({ confirmedByName: '王总', linkExpiresAt: null });
    expect(after.version).toBe(2);
    const actions = await withTenant(t.platform.db, d.tenantId, (tx) =>
      tx
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(and(eq(auditLog.entity, 'deal_need'), eq(auditLog.entityId, d.dealId))),
    );
    expect(actions.map((a) => a.action)).toEqual(['create', 'confirm', 'revoke_link']);
  });
});
