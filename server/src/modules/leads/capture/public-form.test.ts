import type { Lead } from '@contracts/leads.contract';
import type { Campaign, LeadEvent, LeadForm, LeadFormSubmission } from '@contracts/marketing.contract';
import type { InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { addUser, as, movableClock, newTenant, type Session, useTestApp } from '../../../../test/helper';
import { contactForm, label } from './form-fixtures';
import { newFormKey } from './form-key';

/** The public side of web forms: hosted page, plain and JSON submissions, bots, replays and rate limits. */

const clock = movableClock(new Date('2025-06-02T02:00:00Z'));
const t = await useTestApp({}, { clock });

type Page<T> = { items: T[]; nextCursor: string | null };
type Problem = { code: string; errors?: { path: string; code: string }[] };

async function setup(overrides: Record<string, unknown> = {}) {
  const admin = await newTenant(t);
  const res = await as(
    t,
    admin,
  )({ method: 'POST', url: '/api/v1/lead-forms', payload: contactForm(overrides) });
  expect(res.statusCode, res.body).toBe(201);
  return { admin, call: as(t, admin), form: res.json<LeadForm>() };
}

let keys = 0;
const submissionKey = () => `test-submission-${++keys}`;

/** A plain HTML form post, as the hosted page sends it. */
function post(form: LeadForm, fields: Record<string, string>, options: Partial<InjectOptions> = {}) {
  return t.app.inject({
    method: 'POST',
    url: `/f/${form.key}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(options.headers ?? {}) },
    payload: new URLSearchParams({ submissionKey: submissionKey(), ...fields }).toString(),
    ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
  });
}

/** What an embed script sends. */
function postJson(form: LeadForm, body: Record<string, unknown>, remoteAddress?: string) {
  return t.app.inject({
    method: 'POST',
    url: `/f/${form.key}`,
    payload: { submissionKey: submissionKey(), ...body },
    ...(remoteAddress ? { remoteAddress } : {}),
  });
}

async function submissions(call: ReturnType<typeof as>, form: LeadForm) {
  const res = await call({ method: 'GET', url: `/api/v1/lead-forms/${form.id}/submissions` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Page<LeadFormSubmission>>().items;
}

async function leadCount(s: Session) {
  const res = await as(t, s)({ method: 'GET', url: '/api/v1/leads/count' });
  return res.json<{ count: number }>().count;
}

const valid = { companyName: '杭州云栖数据有限公司', contactName: '陈静', consent: 'on', lang: 'zh-CN' };

/** A page without its per-response nonce, to compare two answers. */
const withoutNonce = (html: string) => html.replace(/nonce[-="]+[A-Za-z0-9+/=]+/g, 'nonce');

describe('hosted page', () => {
  it('escapes every text, may be framed by any site, and runs only its own script (per-response nonce)', async () => {
    const xss = '<script>alert(1)</script>';
    const { form } = await setup({
      texts: {
        title: label(xss, xss),
        intro: label('"><img src=x onerror=alert(2)>', 'intro'),
        submit: label('提交', 'Send'),
        thankYou: label('谢谢', 'Thanks'),
      },
      fields: [
        { field: 'companyName', label: label('<b>公司</b>', '<b>Company</b>'), required: true },
        { field: 'companySize', label: label('规模', 'Size') },
      ],
    });
    const res = await t.app.inject({
      method: 'GET',
      url: `/f/${form.key}?lang=zh-CN&utm_source=baidu&utm_campaign=%22%3E%3Cx%3E`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const html = res.body;
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;b&gt;公司&lt;/b&gt;');
    expect(html).toContain('name="utm_source" value="baidu"');
    expect(html).toContain('name="utm_campaign" value="&quot;&gt;&lt;x&gt;"');
    expect(html).toMatch(/name="submissionKey" value="[A-Za-z0-9_-]{20,}"/);
    expect(html).toContain('name="website"');
    expect(html).toContain('<html lang="zh-CN">');
    const csp = String(res.headers['content-security-policy']);
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('frame-ancestors *');
    expect(res.headers['x-frame-options']).toBeUndefined();
    // Every script on the page carries the nonce: nothing injected could run.
    expect(html.match(/<script/g)).toHaveLength(1);
    const again = await t.app.inject({ method: 'GET', url: `/f/${form.key}` });
    expect(again.headers['content-security-policy']).not.toContain(nonce);
    // The rest of the app still refuses to be framed.
    const app = await t.app.inject({ method: 'GET', url: '/api/v1/auth/setup' });
    expect(app.headers['x-frame-options']).toBe('DENY');
    expect(app.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('speaks the language asked for, else the browser’s', async () => {
    const { form } = await setup();
    const en = await t.app.inject({ method: 'GET', url: `/f/${form.key}?lang=en-US` });
    expect(en.body).toContain('<h1>Contact us</h1>');
    const zh = await t.app.inject({
      method: 'GET',
      url: `/f/${form.key}`,
      headers: { 'accept-language': 'zh-CN,zh;q=0.9' },
    });
    expect(zh.body).toContain('<h1>联系我们</h1>');
    expect(zh.body).toContain('我同意接收产品资讯');
  });

  it('answers an unknown, forged or switched-off form with a 404 page', async () => {
    const { form, call } = await setup();
    const other = await newTenant(t);
    // Same tenant, one character of the random half changed (always to a different character).
    const forged = `${form.key.slice(0, 30)}${form.key[30] === 'Q' ? 'R' : 'Q'}${form.key.slice(31)}`;
    for (const key of ['nope', newFormKey(other.me.tenant.id), forged]) {
      const res = await t.app.inject({ method: 'GET', url: `/f/${key}` });
      expect(res.statusCode, key).toBe(404);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
    }
    await call({
      method: 'PATCH',
      url: `/api/v1/lead-forms/${form.id}`,
      payload: { version: 1, active: false },
    });
    expect((await t.app.inject({ method: 'GET', url: `/f/${form.key}` })).statusCode).toBe(404);
    const json = await postJson(form, valid);
    expect(json.statusCode).toBe(404);
    expect(json.json<Problem>().code).toBe('not_found');
  });

  it('serves an embed script and answers the CORS preflight of embedding pages', async () => {
    const { form } = await setup();
    const js = await t.app.inject({ method: 'GET', url: `/f/${form.key}/embed.js` });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/^application\/javascript/);
    expect(js.body).toContain(JSON.stringify(form.url));
    const preflight = await t.app.inject({ method: 'OPTIONS', url: `/f/${form.key}` });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(preflight.headers['access-control-allow-methods']).toBe('POST');
  });
});

describe('submitting a form', () => {
  it('creates a lead with UTM, referrer, consent and the form’s campaign by UTM, and stores the submission', async () => {
    const { form, call, admin } = await setup();
    const campaign = (
      await call({
        method: 'POST',
        url: '/api/v1/campaigns',
        payload: { name: 'Summer SEM', channel: 'online_ad', utmCampaign: 'summer-sem' },
      })
    ).json<Campaign>();
    const res = await post(
      form,
      {
        ...valid,
        email: 'chen.jing@yunqi.cn',
        phone: '138 0013 8000',
        companySize: '100-499',
        notes: '想了解<私有化部署>',
        utm_source: 'baidu',
        utm_medium: 'cpc',
        utm_campaign: 'SUMMER-SEM',
        referrer: 'https://www.baidu.com/s?wd=crm',
        pageUrl: 'https://www.example.cn/contact',
        lang: 'zh-CN',
      },
      { headers: { 'user-agent': 'Mozilla/5.0 test' }, remoteAddress: '198.51.100.7' },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('谢谢！我们会尽快联系您。');

    const [submission] = await submissions(call, form);
    expect(submission).toMatchObject({
      leadCreated: true,
      consent: true,
      utm: { source: 'baidu', medium: 'cpc', campaign: 'SUMMER-SEM' },
      referrer: 'https://www.baidu.com/s?wd=crm',
      pageUrl: 'https://www.example.cn/contact',
      ip: '198.51.100.7',
      userAgent: 'Mozilla/5.0 test',
      values: { notes: '想了解<私有化部署>', companySize: '100-499' },
    });
    const lead = (await call({ method: 'GET', url: `/api/v1/leads/${submission?.leadId}` })).json<Lead>();
    expect(lead).toMatchObject({
      companyName: '杭州云栖数据有限公司',
      contactName: '陈静',
      email: 'chen.jing@yunqi.cn',
      companySize: '100-499',
      notes: '想了解<私有化部署>',
      source: 'website_form',
      campaignId: campaign.id,
      utm: { source: 'baidu', medium: 'cpc', campaign: 'SUMMER-SEM' },
      referrer: 'https://www.baidu.com/s?wd=crm',
      consent: true,
      consentAt: clock.now().toISOString(),
      formId: form.id,
    });
    const events = (await call({ method: 'GET', url: `/api/v1/leads/${lead.id}/events` })).json<
      Page<LeadEvent>
    >();
    expect(events.items).toMatchObject([
      { kind: 'form_submit', origin: 'form', url: 'https://www.example.cn/contact' },
    ]);
    const audit = await call({ method: 'GET', url: `/api/v1/audit-log?entity=lead&entityId=${lead.id}` });
    expect(audit.json<{ items: { action: string; actorKind: string }[] }>().items).toEqual([
      expect.objectContaining({ action: 'create', actorKind: 'system' }),
    ]);
    expect(await leadCount(admin)).toBe(1);
  });

  it('answers an embed script in JSON, and redirects a plain post when the form has a redirect', async () => {
    const { form, call } = await setup({ redirectUrl: 'https://www.example.cn/thanks?from=form' });
    const json = await postJson(form, { ...valid, consent: true, lang: 'en-US' });
    expect(json.statusCode, json.body).toBe(200);
    expect(json.headers['access-control-allow-origin']).toBe('*');
    expect(json.json()).toEqual({
      status: 'accepted',
      message: 'Thank you! We will be in touch.',
      redirectUrl: 'https://www.example.cn/thanks?from=form',
    });
    const plain = await post(form, { ...valid, companyName: 'Other Co', contactName: 'Zhou' });
    expect(plain.statusCode).toBe(303);
    expect(plain.headers.location).toBe('https://www.example.cn/thanks?from=form');
    const page = await t.app.inject({ method: 'GET', url: `/f/${form.key}` });
    expect(page.headers['content-security-policy']).toContain("form-action 'self' https://www.example.cn");
    expect(await submissions(call, form)).toHaveLength(2);
  });

  it('refuses missing, unreadable and unasked values with field errors, storing nothing', async () => {
    const { form, call, admin } = await setup();
    const html = await post(form, {
      companyName: '<i>Acme</i>',
      email: 'not-an-email',
      phone: '12',
      lang: 'en-US',
    });
    expect(html.statusCode).toBe(400);
    expect(html.body).toContain('Please check the highlighted fields.');
    expect(html.body).toContain('value="&lt;i&gt;Acme&lt;/i&gt;"');
    expect(html.body).toContain('id="e-contactName"');
    expect(html.body).toContain('id="e-email"');
    expect(html.body).toContain('id="e-phone"');
    expect(html.body).toContain('id="e-consent"');
    const json = await postJson(form, {
      companyName: 'Acme',
      contactName: 'Li',
      title: 'CTO',
      consent: false,
    });
    expect(json.statusCode).toBe(400);
    expect(
      json
        .json<Problem>()
        .errors?.map((e) => `${e.path}:${e.code}`)
        .sort(),
    ).toEqual(['consent:consent_required', 'title:unrecognized_key']);
    const unknown = await postJson(form, { ...valid, budget: '1m' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<Problem>().errors?.map((e) => e.path)).toEqual(['budget']);
    expect(await submissions(call, form)).toEqual([]);
    expect(await leadCount(admin)).toBe(0);
  });

  it('adds a submission from a known email to the open lead that has it, instead of a new lead', async () => {
    const { form, call, admin } = await setup();
    const existing = (
      await call({
        method: 'POST',
        url: '/api/v1/leads',
        payload: { companyName: '宁波海曙机械', contactName: '周强', email: 'zhou.qiang@hsjx.cn' },
      })
    ).json<Lead>();
    const res = await post(form, { ...valid, contactName: '周强', email: 'Zhou.Qiang@HSJX.cn' });
    expect(res.statusCode, res.body).toBe(200);
    expect(await leadCount(admin)).toBe(1);
    const [submission] = await submissions(call, form);
    expect(submission).toMatchObject({ leadId: existing.id, leadCreated: false });
    const lead = (await call({ method: 'GET', url: `/api/v1/leads/${existing.id}` })).json<Lead>();
    expect(lead).toMatchObject({
      companyName: '宁波海曙机械',
      consent: true,
      lastEventAt: expect.any(String),
    });
    const events = (await call({ method: 'GET', url: `/api/v1/leads/${existing.id}/events` })).json<
      Page<LeadEvent>
    >();
    expect(events.items.map((e) => e.kind)).toEqual(['form_submit']);
  });

  it('gives the form’s leads to its owner, and to the assignment rules once that owner is deactivated', async () => {
    const admin = await newTenant(t);
    const call = as(t, admin);
    const rep = await addUser(t, admin, 'rep', 'Rep Form');
    const created = await call({
      method: 'POST',
      url: '/api/v1/lead-forms',
      payload: contactForm({ ownerId: rep.userId }),
    });
    expect(created.statusCode, created.body).toBe(201);
    const form = created.json<LeadForm>();
    expect((await post(form, { ...valid, contactName: 'First' })).statusCode).toBe(200);
    expect((await call({ method: 'POST', url: `/api/v1/users/${rep.userId}/deactivate` })).statusCode).toBe(
      200,
    );
    expect((await post(form, { ...valid, companyName: 'Second Co', contactName: 'Second' })).statusCode).toBe(
      200,
    );
    const owners = [];
    for (const s of await submissions(call, form)) {
      owners.push((await call({ method: 'GET', url: `/api/v1/leads/${s.leadId}` })).json<Lead>().ownerId);
    }
    expect(owners).toEqual([null, rep.userId]);
  });

  it('answers a bot that fills the honeypot as if accepted, and stores nothing', async () => {
    const { form, call, admin } = await setup();
    const html = await post(form, { ...valid, website: 'http://spam.example' });
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('谢谢！我们会尽快联系您。');
    const json = await postJson(form, { ...valid, website: 'x' });
    expect(json.json<{ status: string }>().status).toBe('accepted');
    expect(await submissions(call, form)).toEqual([]);
    expect(await leadCount(admin)).toBe(0);
  });

  it('stores a double submit once and gives the repeat the first answer', async () => {
    const { form, call, admin } = await setup();
    const body = new URLSearchParams({ ...valid, submissionKey: 'double-click-1' }).toString();
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: `/f/${form.key}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: body,
      });
    const [first, second] = await Promise.all([send(), send()]);
    const third = await send();
    expect(first?.body).toContain('谢谢！我们会尽快联系您。');
    for (const res of [first, second, third]) {
      expect(res?.statusCode).toBe(200);
      expect(withoutNonce(res?.body ?? '')).toBe(withoutNonce(first?.body ?? ''));
    }
    expect(await submissions(call, form)).toHaveLength(1);
    expect(await leadCount(admin)).toBe(1);
  });
});

describe('rate limits', () => {
  it('answers past the per-form rate with 429 and Retry-After, until the minute has passed', async () => {
    clock.set(new Date('2025-06-02T02:00:00Z'));
    const { form, call } = await setup({ formRatePerMinute: 2, ipRatePerHour: 100 });
    expect((await postJson(form, { ...valid, contactName: 'A' }, '192.0.2.1')).statusCode).toBe(200);
    clock.advance(10_000);
    expect((await postJson(form, { ...valid, contactName: 'B' }, '192.0.2.2')).statusCode).toBe(200);
    clock.advance(5_000);
    const limited = await postJson(form, { ...valid, contactName: 'C' }, '192.0.2.3');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('45');
    expect(limited.json<Problem>().code).toBe('rate_limited');
    const html = await post(form, { ...valid, contactName: 'D' }, { remoteAddress: '192.0.2.4' });
    expect(html.statusCode).toBe(429);
    expect(html.headers['retry-after']).toBe('45');
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    clock.advance(46_000);
    expect((await postJson(form, { ...valid, contactName: 'E' }, '192.0.2.5')).statusCode).toBe(200);
    expect(await submissions(call, form)).toHaveLength(3);
  });

  it('answers past the per-IP rate with 429 for that address only', async () => {
    clock.set(new Date('2025-06-02T05:00:00Z'));
    const { form, call } = await setup({ formRatePerMinute: 100, ipRatePerHour: 2 });
    expect((await postJson(form, { ...valid, contactName: 'A' }, '203.0.113.9')).statusCode).toBe(200);
    clock.advance(60_000);
    expect((await postJson(form, { ...valid, contactName: 'B' }, '203.0.113.9')).statusCode).toBe(200);
    const limited = await postJson(form, { ...valid, contactName: 'C' }, '203.0.113.9');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('3540');
    expect((await postJson(form, { ...valid, contactName: 'D' }, '203.0.113.10')).statusCode).toBe(200);
    clock.advance(3_541_000);
    expect((await postJson(form, { ...valid, contactName: 'E' }, '203.0.113.9')).statusCode).toBe(200);
    expect(await submissions(call, form)).toHaveLength(4);
  });
});
