import type { Campaign, LeadForm, LeadFormSubmission } from '@contracts/marketing.contract';
import { describe, expect, it } from 'vitest';
import { addUser, as, newTenant, type Session, useTestApp } from '../../../../test/helper';
import { contactForm, label } from './form-fixtures';
import { tenantOfFormKey } from './form-key';

/** The form builder's API: definitions, public keys, permissions, deletion and the submissions list. */

const t = await useTestApp();

type Problem = { code: string; errors?: { path: string; code: string }[] };

async function createForm(s: Session, overrides: Record<string, unknown> = {}): Promise<LeadForm> {
  const res = await as(t, s)({ method: 'POST', url: '/api/v1/lead-forms', payload: contactForm(overrides) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<LeadForm>();
}

function submit(form: LeadForm, values: Record<string, string>) {
  return t.app.inject({
    method: 'POST',
    url: `/f/${form.key}`,
    payload: { submissionKey: `key-${Math.random().toString(36).slice(2)}`, consent: true, ...values },
  });
}

describe('lead forms', () => {
  it('creates a form with an unguessable public key that carries the tenant', async () => {
    const admin = await newTenant(t);
    const form = await createForm(admin);
    const other = await createForm(admin, { name: 'Second' });
    expect(form).toMatchObject({
      name: 'Contact us',
      source: 'website_form',
      consentRequired: true,
      redirectUrl: null,
      campaignId: null,
      formRatePerMinute: 60,
      ipRatePerHour: 10,
      active: true,
      submissions: 0,
      leadsCreated: 0,
      version: 1,
    });
    expect(form.fields.map((f) => f.field)).toEqual([
      'companyName',
      'contactName',
      'email',
      'phone',
      'companySize',
      'notes',
      'consent',
    ]);
    expect(form.key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(form.url).toBe(`http://localhost:3000/f/${form.key}`);
    expect(tenantOfFormKey(form.key)).toBe(admin.me.tenant.id);
    expect(other.key).not.toBe(form.key);
    expect(other.key.slice(0, 21)).toBe(form.key.slice(0, 21));
    const read = await as(t, admin)({ method: 'GET', url: `/api/v1/lead-forms/${form.id}` });
    expect(read.json<LeadForm>()).toEqual(form);
  });

  it('refuses a definition a lead could not come from, naming the field', async () => {
    const admin = await newTenant(t);
    const call = as(t, admin);
    const cases: [Record<string, unknown>, string[]][] = [
      [{ fields: [{ field: 'email', label: label('邮箱', 'Email'), required: true }] }, ['fields']],
      [
        {
          fields: [
            { field: 'companyName', label: label('公司', 'Company'), required: true },
            { field: 'companyName', label: label('公司', 'Company') },
          ],
        },
        ['fields.1.field'],
      ],
      [{ fields: [{ field: 'budget', label: label('预算', 'Budget') }] }, ['fields.0.field']],
      [
        { fields: [{ field: 'companyName', label: { 'zh-CN': '公司' }, required: true }] },
        ['fields.0.label.en-US'],
      ],
      [{ redirectUrl: 'javascript:alert(1)' }, ['redirectUrl']],
      [{ campaignId: '0190f5b4-0000-7000-8000-000000000000' }, ['campaignId']],
      [{ teamId: '0190f5b4-0000-7000-8000-000000000000' }, ['teamId']],
      [{ formRatePerMinute: 0 }, ['formRatePerMinute']],
      [{ key: 'mine' }, ['key']],
    ];
    for (const [overrides, paths] of cases) {
      const res = await call({ method: 'POST', url: '/api/v1/lead-forms', payload: contactForm(overrides) });
      expect(res.statusCode, JSON.stringify(overrides)).toBe(400);
      expect(res.json<Problem>().errors?.map((e) => e.path)).toEqual(paths);
    }
  });

  it('changes a form with the version it read and keeps its key', async () => {
    const admin = await newTenant(t);
    const call = as(t, admin);
    const campaign = (
      await call({ method: 'POST', url: '/api/v1/campaigns', payload: { name: 'Q3', channel: 'content' } })
    ).json<Campaign>();
    const form = await createForm(admin);
    const res = await call({
      method: 'PATCH',
      url: `/api/v1/lead-forms/${form.id}`,
      payload: {
        version: form.version,
        fields: [
          { field: 'contactName', label: label('姓名', 'Name'), required: true },
          { field: 'consent', label: label('同意', 'Agree') },
        ],
        campaignId: campaign.id,
        redirectUrl: 'https://example.com/thanks',
        active: false,
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<LeadForm>()).toMatchObject({
      key: form.key,
      consentRequired: false,
      campaignId: campaign.id,
      redirectUrl: 'https://example.com/thanks',
      active: false,
      version: 2,
    });
    const stale = await call({
      method: 'PATCH',
      url: `/api/v1/lead-forms/${form.id}`,
      payload: { version: 1, name: 'Stale' },
    });
    expect(stale.statusCode).toBe(412);
  });

  it('keeps forms to holders of marketing.manage', async () => {
    const admin = await newTenant(t);
    const form = await createForm(admin);
    const rep = await addUser(t, admin, 'rep');
    const marketer = await addUser(t, admin, 'marketing');
    for (const request of [
      { method: 'GET' as const, url: '/api/v1/lead-forms' },
      { method: 'GET' as const, url: `/api/v1/lead-forms/${form.id}/submissions` },
      { method: 'POST' as const, url: '/api/v1/lead-forms', payload: contactForm() },
      { method: 'DELETE' as const, url: `/api/v1/lead-forms/${form.id}` },
    ]) {
      const res = await as(t, rep.session)(request);
      expect(res.statusCode, `${request.method} ${request.url}`).toBe(403);
    }
    const list = await as(t, marketer.session)({ method: 'GET', url: '/api/v1/lead-forms' });
    expect(list.json<{ items: LeadForm[] }>().items.map((f) => f.id)).toEqual([form.id]);
  });

  it('lists submissions as the text the visitor typed, with the lead they created or joined', async () => {
    const admin = await newTenant(t);
    const form = await createForm(admin);
    const markup = '<img src=x onerror=alert(1)>';
    const first = await submit(form, {
      companyName: markup,
      contactName: 'Wang Fang',
      email: 'wf@example.cn',
    });
    expect(first.statusCode, first.body).toBe(200);
    const again = await submit(form, {
      companyName: 'Same person',
      contactName: 'Wang',
      email: 'WF@example.cn',
    });
    expect(again.statusCode, again.body).toBe(200);
    const res = await as(
      t,
      admin,
    )({ method: 'GET', url: `/api/v1/lead-forms/${form.id}/submissions?limit=1` });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<{ items: LeadFormSubmission[]; nextCursor: string | null }>();
    expect(page.items[0]).toMatchObject({ leadCreated: false, leadName: markup });
    const next = await as(
      t,
      admin,
    )({
      method: 'GET',
      url: `/api/v1/lead-forms/${form.id}/submissions?cursor=${page.nextCursor}`,
    });
    const older = next.json<{ items: LeadFormSubmission[] }>().items;
    expect(older).toHaveLength(1);
    expect(older[0]).toMatchObject({
      leadCreated: true,
      leadId: page.items[0]?.leadId,
      consent: true,
      values: { companyName: markup, contactName: 'Wang Fang', email: 'wf@example.cn' },
    });
    const counts = (
      await as(t, admin)({ method: 'GET', url: `/api/v1/lead-forms/${form.id}` })
    ).json<LeadForm>();
    expect(counts).toMatchObject({ submissions: 2, leadsCreated: 1, lastSubmissionAt: expect.any(String) });
  });

  it('deletes a form nobody submitted, and keeps one with submissions (409 form_in_use)', async () => {
    const admin = await newTenant(t);
    const call = as(t, admin);
    const unused = await createForm(admin);
    expect((await call({ method: 'DELETE', url: `/api/v1/lead-forms/${unused.id}` })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: `/f/${unused.key}` })).statusCode).toBe(404);
    const used = await createForm(admin, { name: 'Used' });
    expect((await submit(used, { companyName: 'Acme', contactName: 'Li Lei' })).statusCode).toBe(200);
    const refused = await call({ method: 'DELETE', url: `/api/v1/lead-forms/${used.id}` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<Problem>().code).toBe('form_in_use');
  });
});

describe('tenant isolation of forms and campaigns', () => {
  it('answers 404 to another tenant reading, changing or deleting them, and leaves them as they were', async () => {
    const a = await newTenant(t);
    const b = await newTenant(t);
    const form = await createForm(a);
    const campaign = (
      await as(
        t,
        a,
      )({ method: 'POST', url: '/api/v1/campaigns', payload: { name: 'A only', channel: 'event' } })
    ).json<Campaign>();
    const callB = as(t, b);
    for (const request of [
      { method: 'GET' as const, url: `/api/v1/lead-forms/${form.id}` },
      { method: 'GET' as const, url: `/api/v1/lead-forms/${form.id}/submissions` },
      {
        method: 'PATCH' as const,
        url: `/api/v1/lead-forms/${form.id}`,
        payload: { version: 1, active: false },
      },
      { method: 'DELETE' as const, url: `/api/v1/lead-forms/${form.id}` },
      { method: 'GET' as const, url: `/api/v1/campaigns/${campaign.id}` },
      {
        method: 'PATCH' as const,
        url: `/api/v1/campaigns/${campaign.id}`,
        payload: { version: 1, costMinor: 1 },
      },
      { method: 'DELETE' as const, url: `/api/v1/campaigns/${campaign.id}` },
    ]) {
      const res = await callB(request);
      expect(res.statusCode, `${request.method} ${request.url}`).toBe(404);
    }
    const borrowed = await callB({
      method: 'POST',
      url: '/api/v1/lead-forms',
      payload: contactForm({ campaignId: campaign.id }),
    });
    expect(borrowed.statusCode).toBe(400);
    expect(borrowed.json<Problem>().errors?.map((e) => e.path)).toEqual(['campaignId']);
    const listB = await callB({ method: 'GET', url: '/api/v1/lead-forms' });
    expect(listB.json<{ items: LeadForm[] }>().items).toEqual([]);
    const statsB = await callB({ method: 'GET', url: '/api/v1/campaigns/stats' });
    expect(statsB.body).not.toContain(campaign.id);
    const after = await as(t, a)({ method: 'GET', url: `/api/v1/lead-forms/${form.id}` });
    expect(after.json<LeadForm>()).toEqual(form);
  });
});
