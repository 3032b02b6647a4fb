import { randomBytes } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { addUser, as, multipartFile, newTenant, useTestApp } from '../../../test/helper';
import { registerApprovalSubject, requestApproval } from '../../modules/approvals';
import { contracts } from '../../modules/contracts/contracts.tables';
import { withTenant } from '../db/tenancy';
import { sendMailJob } from '../mail/mail';

/**
 * Cross-tenant HTTP: tenant B's admin, holding every permission, aims at tenant A's records by id, by filter
 * and by cursor. Every answer is a 404 or B's own data; never A's data, never a 5xx. Routes are read from
 * the OpenAPI document, so a new route is covered (or must be listed here) automatically.
 */

const t = await useTestApp();
const a = await newTenant(t);
const b = await newTenant(t);
const callA = as(t, a);
const callB = as(t, b);

async function ok<T>(res: Promise<LightMyRequestResponse>, status = 200): Promise<T> {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json<T>();
}

// Tenant A: a rep, an invited manager, a team with both users, a file, an API token, mails, audit rows and a failed job.
const repA = await addUser(t, a, 'rep', 'Alice Rep');
const invitedA = await ok<{ user: { id: string } }>(
  callA({
    method: 'POST',
    url: '/api/v1/users/invitations',
    payload: { email: 'pending-a@example.com', name: 'Pending A', role: 'manager' },
  }),
  201,
);
const teamA = await ok<{ id: string; version: number }>(
  callA({ method: 'POST', url: '/api/v1/teams', payload: { name: 'A Team', region: 'North' } }),
  201,
);
await ok(
  callA({
    method: 'PUT',
    url: `/api/v1/teams/${teamA.id}/members`,
    payload: { members: [{ userId: repA.userId, isLead: true }] },
  }),
);
const fileA = await ok<{ id: string }>(
  callA({ method: 'POST', url: '/api/v1/files', ...multipartFile('a.txt', 'tenant A secret') }),
  201,
);
const tokenA = await ok<{ id: string }>(
  callA({ method: 'POST', url: '/api/v1/me/tokens', payload: { name: 'A token', scopes: ['read'] } }),
  201,
);
const failedJobA = await t.platform.jobs.send(
  sendMailJob,
  { tenantId: a.me.tenant.id, mailId: '0190f5b4-0000-7000-8000-0000000000aa' },
  { startAfter: new Date(Date.now() + 3600_000) },
);
await t.db.raw.query(`UPDATE pgboss.job SET state = 'failed', completed_on = now() WHERE id = $1`, [
  failedJobA,
]);

// Tenant A's leads area: two leads (one with an activity), a view, a campaign, a form, scoring and routing
// rules, a nurture track and an import.
const leadA = await ok<{ id: string; version: number }>(
  callA({
    method: 'POST',
    url: '/api/v1/leads',
    payload: { companyName: 'A Secret Co', email: 'ceo@a-secret.example', ownerId: repA.userId },
  }),
  201,
);
const leadA2 = await ok<{ id: string; version: number }>(
  callA({ method: 'POST', url: '/api/v1/leads', payload: { companyName: 'A Second Co' } }),
  201,
);
await ok(
  callA({
    method: 'POST',
    url: `/api/v1/leads/${leadA.id}/activities`,
    payload: { kind: 'call', subject: 'A call' },
  }),
  201,
);
const viewA = await ok<{ id: string; version: number }>(
  callA({ method: 'POST', url: '/api/v1/lead-views', payload: { name: 'A view', shared: true } }),
  201,
);
const campaignA = await ok<{ id: string; version: number }>(
  callA({ method: 'POST', url: '/api/v1/campaigns', payload: { name: 'A campaign', channel: 'event' } }),
  201,
);
const formA = await ok<{ id: string; key: string; version: number }>(
  callA({
    method: 'POST',
    url: '/api/v1/lead-forms',
    payload: {
      name: 'A form',
      fields: [{ field: 'companyName', label: { 'zh-CN': '公司', 'en-US': 'Company' }, required: true }],
      texts: {
        title: { 'zh-CN': '表单', 'en-US': 'Form' },
        intro: { 'zh-CN': '介绍', 'en-US': 'Intro' },
        submit: { 'zh-CN': '提交', 'en-US': 'Send' },
        thankYou: { 'zh-CN': '谢谢', 'en-US': 'Thanks' },
      },
    },
  }),
  201,
);
const scoreRuleA = await ok<{ id: string; version: number }>(
  callA({
    method: 'POST',
    url: '/api/v1/lead-scoring/rules',
    payload: { kind: 'attribute', name: 'A rule', field: 'grade', operator: 'eq', value: 'A', points: 5 },
  }),
  201,
);
const routingRuleA = await ok<{ id: string; version: number }>(
  callA({
    method: 'POST',
    url: '/api/v1/lead-routing/rules',
    payload: { name: 'A routing', teamId: teamA.id },
  }),
  201,
);
const trackA = await ok<{ id: string; version: number }>(
  callA({
    method: 'POST',
    url: '/api/v1/lead-routing/nurture-tracks',
    payload: { name: 'A track', steps: [{ kind: 'task', delayDays: 1, subject: 'Call again', body: '' }] },
  }),
  201,
);
const importA = await ok<{ id: string }>(
  callA({
    method: 'POST',
    url: '/api/v1/leads/import',
    ...multipartFile('a.csv', 'Company,Email\nA Import Co,import@a.example\n', 'text/csv'),
  }),
  201,
);
const customerImportA = await ok<{ id: string }>(
  callA({
    method: 'POST',
    url: '/api/v1/customers/import',
    ...multipartFile('c.csv', 'Customer name\nA Imported Customer\n', 'text/csv'),
  }),
  201,
);
const contactImportA = await ok<{ id: string }>(
  callA({
    method: 'POST',
    url: '/api/v1/contacts/import',
    ...multipartFile('p.csv', 'Customer,Contact name\nA Secret Customer,A Person\n', 'text/csv'),
  }),
  201,
);

// Tenant A's customers area: a customer with a contact, and a managed customer tag.
const customerA = await ok<{ id: string; version: number }>(
  callA({
    method: 'POST',
    url: '/api/v1/customers',
    payload: { name: 'A Secret Customer', phone: '13900000001', tags: ['A tag'] },
  }),
  201,
);
const contactA = await ok<{ id: string; version: number }>(
  callA({
    method: 'POST',
    url: '/api/v1/contacts',
    payload: { customerId: customerA.id, name: 'A Contact', email: 'contact@a-secret.example' },
  }),
  201,
);
const complaintA = await ok<{ id: string; version: number }>(
  callA({
    method: 'POST',
    url: '/api/v1/complaints',
    payload: { customerId: customerA.id, title: 'A complaint' },
  }),
  201,
);
const customerTagA = await ok<{ id: string; version: number }>(
  callA({ method: 'POST', url: '/api/v1/customer-tags', payload: { name: 'A tag' } }),
  201,
);
const customFieldA = await ok<{ id: string }>(
  callA({
    method: 'POST',
    url: '/api/v1/custom-fields',
    payload: { object: 'customer', key: 'a_secret', labelZh: 'A 机密', labelEn: 'A secret', type: 'text' },
  }),
  201,
);
const templateA = await ok<{ id: string }>(
  callA({
    method: 'POST',
    url: '/api/v1/email-templates',
    payload: { name: 'A template', subject: 'A secret', body: 'Hello {{contact.name}}' },
  }),
  201,
);
const segmentA = await ok<{ id: string }>(
  callA({
    method: 'POST',
    url: '/api/v1/customer-segments',
    payload: { name: 'A segment', filters: { tags: 'A tag' }, shared: true },
  }),
  201,
);

// Tenant A's activities area: a task on its customer, and a deal (from a converted lead) with a timeline.
const activityA = await ok<{ id: string; version: number }>(
  callA({
    method: 'POST',
    url: '/api/v1/activities',
    payload: {
      kind: 'task',
      subject: 'A secret task',
      dueAt: '2030-06-03T02:00:00.000Z',
      customerId: customerA.id,
    },
  }),
  201,
);
const leadA3 = await ok<{ id: string; version: number }>(
  callA({ method: 'POST', url: '/api/v1/leads', payload: { companyName: 'A Deal Co', status: 'contacted' } }),
  201,
);
const sqlA3 = await ok<{ version: number }>(
  callA({
    method: 'PATCH',
    url: `/api/v1/leads/${leadA3.id}`,
    payload: { version: leadA3.version, status: 'sql' },
  }),
);
const dealA = await ok<{ dealId: string }>(
  callA({
    method: 'POST',
    url: `/api/v1/leads/${leadA3.id}/convert`,
    payload: {
      version: sqlA3.version,
      customer: { mode: 'new' },
      contact: { mode: 'none' },
      deal: { name: 'A deal' },
    },
  }),
);
await ok(callA({ method: 'POST', url: '/api/v1/calendar/feed' }), 201);
// A's deal has a needs analysis, confirmed, with a live read-only link.
await ok(
  callA({
    method: 'PUT',
    url: `/api/v1/deals/${dealA.dealId}/needs`,
    payload: { version: 0, items: [{ kind: 'pain_point', description: 'A secret pain', priority: 'core' }] },
  }),
);
const needsLinkA = await ok<{ link: { token: string } }>(
  callA({
    method: 'POST',
    url: `/api/v1/deals/${dealA.dealId}/needs/confirm`,
    payload: { version: 1, confirmedByName: 'A buyer', summary: 'A secret summary' },
  }),
);

// A's pipelines (set up on first read) and loss reasons.
const pipelinesA = await ok<{ items: { id: string; stages: { id: string }[] }[] }>(
  callA({ method: 'GET', url: '/api/v1/pipelines' }),
);
const pipelineA = pipelinesA.items[0];
const lossReasonA = (
  await ok<{ items: { id: string }[] }>(callA({ method: 'GET', url: '/api/v1/deal-loss-reasons' }))
).items[0];
if (!pipelineA || !lossReasonA) throw new Error('A has no pipeline or loss reason');
const stageA = pipelineA.stages[1]?.id ?? '';

// A's deal has a contract drafted from a given amount, and the built-in clause templates.
const draftContractA = await ok<{ id: string; version: number }>(
  callA({
    method: 'POST',
    url: '/api/v1/contracts',
    payload: { dealId: dealA.dealId, amountMinor: 500_00, currency: 'CNY' },
  }),
  201,
);
const contractTemplateA = (
  await ok<{ items: { id: string; version: number }[] }>(
    callA({ method: 'GET', url: '/api/v1/contract-templates' }),
  )
).items[0] ?? { id: '', version: 1 };

// A's deal has a quote with a line, sent once (version 1 frozen).
const quoteA = await ok<{ id: string; version: number }>(
  callA({ method: 'POST', url: '/api/v1/quotes', payload: { dealId: dealA.dealId } }),
  201,
);
const quoteLinesA = await ok<{ version: number }>(
  callA({
    method: 'PUT',
    url: `/api/v1/quotes/${quoteA.id}/lines`,
    payload: {
      version: quoteA.version,
      lines: [{ name: 'A secret line', quantity: '1', unitPriceMinor: 100 }],
    },
  }),
);
await ok(
  callA({
    method: 'POST',
    url: `/api/v1/quotes/${quoteA.id}/send`,
    payload: { version: quoteLinesA.version },
  }),
);

// A's rep asks A's admin to approve a discount (a test subject: approvals serves whichever module registers).
registerApprovalSubject('isolation_subject', { decided: async () => {}, link: (id) => `/isolation/${id}` });
const approvalA = await withTenant(t.platform.db, a.me.tenant.id, (tx) =>
  requestApproval(
    tx,
    {
      actor: { tenantId: a.me.tenant.id, userId: repA.userId, kind: 'user', requestId: null, ip: null },
      role: 'rep',
    },
    {
      subjectType: 'isolation_subject',
      subjectId: dealA.dealId,
      subjectVersion: 1,
      title: 'A secret approval',
      facts: {},
      discountBp: 600,
      marginBp: null,
      amountMinor: 100,
      currency: 'CNY',
      categories: [],
      now: t.platform.clock.now(),
      reason: '',
    },
  ),
);

// A's deal has a proposal version with customer feedback and an attached material from A's library.
const proposalA = await ok<{ id: string; version: number }>(
  callA({
    method: 'POST',
    url: `/api/v1/deals/${dealA.dealId}/proposals`,
    payload: {
      title: 'A secret proposal',
      lines: [{ description: 'A line', quantity: 1, unitPriceMinor: 100 }],
    },
  }),
  201,
);
const feedbackA = await ok<{ id: string }>(
  callA({
    method: 'POST',
    url: `/api/v1/deals/${dealA.dealId}/proposals/${proposalA.id}/feedback`,
    payload: { kind: 'concern', body: 'A secret concern' },
  }),
  201,
);
const materialA = await ok<{ id: string }>(
  callA({ method: 'POST', url: '/api/v1/materials', payload: { title: 'A secret deck', fileId: fileA.id } }),
  201,
);
await ok(
  callA({
    method: 'PUT',
    url: `/api/v1/deals/${dealA.dealId}/proposals/${proposalA.id}/materials/${materialA.id}`,
  }),
);

// A's negotiation: a playbook answer, a competitor on the deal, an objection and minutes below the floor.
const responseA = await ok<{ id: string }>(
  callA({
    method: 'POST',
    url: '/api/v1/objection-responses',
    payload: { type: 'price', title: 'A secret answer', body: 'A secret body' },
  }),
  201,
);
const competitorA = await ok<{ id: string }>(
  callA({ method: 'POST', url: '/api/v1/competitors', payload: { name: 'A secret rival' } }),
  201,
);
await ok(
  callA({
    method: 'POST',
    url: `/api/v1/deals/${dealA.dealId}/competitors`,
    payload: { competitorId: competitorA.id },
  }),
  201,
);
const objectionA = await ok<{ id: string }>(
  callA({
    method: 'POST',
    url: `/api/v1/deals/${dealA.dealId}/objections`,
    payload: { type: 'price', description: 'A secret objection', responseId: responseA.id },
  }),
  201,
);
const minutesA = await ok<{ id: string }>(
  callA({
    method: 'POST',
    url: `/api/v1/deals/${dealA.dealId}/minutes`,
    payload: { heldOn: '2030-06-03', result: 'agreed', finalPriceMinor: 1, currency: 'CNY' },
  }),
  201,
);

// Tenant A's cash: a signed contract on its deal (stored as the contracts module stores one), its payment
// plan, a payment and an invoice.
const contractA = { id: '0190f5b4-0000-7000-8000-00000000c0a1' };
{
  const dealOfA = await ok<{ customerId: string }>(
    callA({ method: 'GET', url: `/api/v1/deals/${dealA.dealId}` }),
  );
  await withTenant(t.platform.db, a.me.tenant.id, (tx) =>
    tx.insert(contracts).values({
      tenantId: a.me.tenant.id,
      id: contractA.id,
      number: 'HT-A-SECRET',
      title: 'A secret contract',
      dealId: dealA.dealId,
      customerId: dealOfA.customerId,
      locale: 'zh-CN',
      currency: 'CNY',
      amountMinor: 100_00,
      status: 'signed',
      signedOn: '2030-06-01',
      endsOn: '2031-05-31',
      ownerId: a.me.user.id,
    }),
  );
}
await ok(
  callA({
    method: 'PUT',
    url: `/api/v1/payment-plans/${contractA.id}`,
    payload: { instalments: [{ title: 'A', dueOn: '2030-06-01', amountMinor: 100_00 }], version: 0 },
  }),
);
const paymentA = await ok<{ id: string }>(
  callA({
    method: 'POST',
    url: '/api/v1/payments',
    payload: { contractId: contractA.id, receivedOn: '2030-06-02', amountMinor: 10_00, method: 'cash' },
  }),
  201,
);
const invoiceA = await ok<{ id: string }>(
  callA({
    method: 'POST',
    url: '/api/v1/invoices',
    payload: { contractId: contractA.id, title: 'A secret title', amountMinor: 10_00 },
  }),
  201,
);

// Tenant A's catalogue: a product inside a bundle, a price book with an entry, an exchange rate.
const productA = await ok<{ id: string }>(
  callA({
    method: 'POST',
    url: '/api/v1/products',
    payload: {
      code: 'A-SECRET',
      nameZh: 'A 秘密',
      nameEn: 'A secret',
      unit: '台',
      listPriceMinor: 100,
      currency: 'CNY',
    },
  }),
  201,
);
const bundleA = await ok<{ id: string }>(
  callA({
    method: 'POST',
    url: '/api/v1/products',
    payload: {
      code: 'A-KIT',
      kind: 'bundle',
      nameZh: 'A 套装',
      nameEn: 'A kit',
      unit: '套',
      listPriceMinor: 100,
      currency: 'CNY',
    },
  }),
  201,
);
await ok(
  callA({
    method: 'PUT',
    url: `/api/v1/products/${bundleA.id}/items`,
    payload: { items: [{ itemId: productA.id }] },
  }),
);
const priceBookA = await ok<{ id: string }>(
  callA({ method: 'POST', url: '/api/v1/price-books', payload: { name: 'A secret book', currency: 'CNY' } }),
  201,
);
await ok(
  callA({
    method: 'PUT',
    url: `/api/v1/price-books/${priceBookA.id}/entries`,
    payload: { entries: [{ productId: productA.id, unitPriceMinor: 90 }] },
  }),
);
await ok(
  callA({
    method: 'PUT',
    url: '/api/v1/exchange-rates',
    payload: { rates: [{ currency: 'EUR', effectiveOn: '2026-01-01', rate: '1.08' }] },
  }),
);

// Tenant B: a team of its own, so B's lists are not trivially empty.
const teamB = await ok<{ id: string }>(
  callB({ method: 'POST', url: '/api/v1/teams', payload: { name: 'B Team', region: 'South' } }),
  201,
);

type Page = { items: { id: string }[]; nextCursor: string | null };
const mailsA = await ok<Page>(callA({ method: 'GET', url: '/api/v1/admin/outbox?limit=200' }));
const auditA = await ok<Page>(callA({ method: 'GET', url: '/api/v1/audit-log?limit=200' }));

/** Every id of tenant A that must never appear in an answer to tenant B. */
const idsOfA = [
  a.me.tenant.id,
  a.me.user.id,
  repA.userId,
  invitedA.user.id,
  teamA.id,
  fileA.id,
  tokenA.id,
  failedJobA,
  ...mailsA.items.map((m) => m.id),
  ...auditA.items.map((e) => e.id),
  leadA.id,
  leadA2.id,
  viewA.id,
  campaignA.id,
  formA.id,
  scoreRuleA.id,
  routingRuleA.id,
  trackA.id,
  importA.id,
  customerA.id,
  contactA.id,
  customerTagA.id,
  customFieldA.id,
  segmentA.id,
  templateA.id,
  activityA.id,
  leadA3.id,
  dealA.dealId,
  responseA.id,
  competitorA.id,
  objectionA.id,
  minutesA.id,
  productA.id,
  bundleA.id,
  priceBookA.id,
  contractA.id,
  paymentA.id,
  invoiceA.id,
];

function leaked(body: string): string[] {
  return idsOfA.filter((id) => body.includes(id));
}

type OpenApi = { openapi: string; paths: Record<string, Record<string, unknown>> };
const openapi = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<OpenApi>();

/** A valid request for each route with a path parameter, aimed at tenant A's record. */
const byId: Record<string, InjectOptions[]> = {
  '/api/v1/users/{id}': [
    { method: 'GET', url: `/api/v1/users/${repA.userId}` },
    { method: 'PATCH', url: `/api/v1/users/${repA.userId}`, payload: { version: 1, role: 'admin' } },
    {
      method: 'PATCH',
      url: `/api/v1/users/${repA.userId}`,
      headers: { 'if-match': '"1"' },
      payload: { name: 'Taken over' },
    },
  ],
  '/api/v1/users/{id}/deactivate': [{ method: 'POST', url: `/api/v1/users/${repA.userId}/deactivate` }],
  '/api/v1/users/{id}/reactivate': [{ method: 'POST', url: `/api/v1/users/${repA.userId}/reactivate` }],
  '/api/v1/users/{id}/password-reset': [
    { method: 'POST', url: `/api/v1/users/${repA.userId}/password-reset` },
  ],
  '/api/v1/teams/{id}': [
    { method: 'GET', url: `/api/v1/teams/${teamA.id}` },
    {
      method: 'PATCH',
      url: `/api/v1/teams/${teamA.id}`,
      payload: { version: teamA.version, name: 'Mine now' },
    },
    { method: 'DELETE', url: `/api/v1/teams/${teamA.id}` },
  ],
  '/api/v1/teams/{id}/members': [
    { method: 'PUT', url: `/api/v1/teams/${teamA.id}/members`, payload: { members: [] } },
    {
      method: 'PUT',
      url: `/api/v1/teams/${teamA.id}/members`,
      payload: { members: [{ userId: b.me.user.id, isLead: true }] },
    },
  ],
  '/api/v1/files/{id}': [{ method: 'GET', url: `/api/v1/files/${fileA.id}` }],
  '/api/v1/files/{id}/content': [{ method: 'GET', url: `/api/v1/files/${fileA.id}/content` }],
  '/api/v1/me/tokens/{id}': [{ method: 'DELETE', url: `/api/v1/me/tokens/${tokenA.id}` }],
  '/api/v1/admin/jobs/{id}/retry': [{ method: 'POST', url: `/api/v1/admin/jobs/${failedJobA}/retry` }],
  '/api/v1/leads/{id}': [
    { method: 'GET', url: `/api/v1/leads/${leadA.id}` },
    { method: 'PATCH', url: `/api/v1/leads/${leadA.id}`, payload: { version: 2, notes: 'mine' } },
    { method: 'DELETE', url: `/api/v1/leads/${leadA.id}` },
  ],
  '/api/v1/leads/{id}/merge': [
    {
      method: 'POST',
      url: `/api/v1/leads/${leadA.id}/merge`,
      payload: { otherId: leadA2.id, version: 2, otherVersion: leadA2.version },
    },
  ],
  '/api/v1/leads/{id}/convert': [
    {
      method: 'POST',
      url: `/api/v1/leads/${leadA.id}/convert`,
      payload: { version: 2, customer: { mode: 'new' }, contact: { mode: 'none' }, deal: null },
    },
  ],
  '/api/v1/leads/{id}/activities': [
    { method: 'POST', url: `/api/v1/leads/${leadA.id}/activities`, payload: { kind: 'note', subject: 'x' } },
  ],
  '/api/v1/leads/{id}/timeline': [{ method: 'GET', url: `/api/v1/leads/${leadA.id}/timeline` }],
  '/api/v1/leads/{id}/events': [{ method: 'GET', url: `/api/v1/leads/${leadA.id}/events` }],
  '/api/v1/leads/{id}/nurture': [
    { method: 'POST', url: `/api/v1/leads/${leadA.id}/nurture`, payload: { trackId: null } },
  ],
  '/api/v1/lead-views/{id}': [
    { method: 'GET', url: `/api/v1/lead-views/${viewA.id}` },
    {
      method: 'PATCH',
      url: `/api/v1/lead-views/${viewA.id}`,
      payload: { version: viewA.version, name: 'B' },
    },
    { method: 'DELETE', url: `/api/v1/lead-views/${viewA.id}` },
  ],
  '/api/v1/campaigns/{id}': [
    { method: 'GET', url: `/api/v1/campaigns/${campaignA.id}` },
    { method: 'PATCH', url: `/api/v1/campaigns/${campaignA.id}`, payload: { version: 1, costMinor: 1 } },
    { method: 'DELETE', url: `/api/v1/campaigns/${campaignA.id}` },
  ],
  '/api/v1/lead-forms/{id}': [
    { method: 'GET', url: `/api/v1/lead-forms/${formA.id}` },
    { method: 'PATCH', url: `/api/v1/lead-forms/${formA.id}`, payload: { version: 1, active: false } },
    { method: 'DELETE', url: `/api/v1/lead-forms/${formA.id}` },
  ],
  '/api/v1/lead-forms/{id}/submissions': [
    { method: 'GET', url: `/api/v1/lead-forms/${formA.id}/submissions` },
  ],
  '/api/v1/lead-scoring/rules/{id}': [
    {
      method: 'PUT',
      url: `/api/v1/lead-scoring/rules/${scoreRuleA.id}`,
      payload: {
        version: scoreRuleA.version,
        kind: 'attribute',
        name: 'B rule',
        field: 'grade',
        operator: 'eq',
        value: 'B',
        points: 1,
      },
    },
    { method: 'DELETE', url: `/api/v1/lead-scoring/rules/${scoreRuleA.id}` },
  ],
  '/api/v1/lead-routing/rules/{id}': [
    {
      method: 'PATCH',
      url: `/api/v1/lead-routing/rules/${routingRuleA.id}`,
      payload: { version: routingRuleA.version, name: 'B routing' },
    },
    { method: 'DELETE', url: `/api/v1/lead-routing/rules/${routingRuleA.id}` },
  ],
  '/api/v1/lead-routing/reps/{userId}': [
    {
      method: 'PUT',
      url: `/api/v1/lead-routing/reps/${repA.userId}`,
      payload: { version: 0, capacity: 1, seniority: 'senior', awayFrom: null, awayUntil: null },
    },
  ],
  '/api/v1/lead-routing/nurture-tracks/{id}': [
    { method: 'GET', url: `/api/v1/lead-routing/nurture-tracks/${trackA.id}` },
    {
      method: 'PATCH',
      url: `/api/v1/lead-routing/nurture-tracks/${trackA.id}`,
      payload: { version: trackA.version, name: 'B track' },
    },
    { method: 'DELETE', url: `/api/v1/lead-routing/nurture-tracks/${trackA.id}` },
  ],
  '/api/v1/leads/import/{id}': [{ method: 'GET', url: `/api/v1/leads/import/${importA.id}` }],
  '/api/v1/leads/import/{id}/start': [
    {
      method: 'POST',
      url: `/api/v1/leads/import/${importA.id}/start`,
      payload: { mapping: { '0': 'companyName', '1': 'email' } },
    },
  ],
  '/api/v1/leads/import/{id}/cancel': [{ method: 'POST', url: `/api/v1/leads/import/${importA.id}/cancel` }],
  '/api/v1/leads/import/{id}/issues': [{ method: 'GET', url: `/api/v1/leads/import/${importA.id}/issues` }],
  '/api/v1/leads/import/{id}/report.csv': [
    { method: 'GET', url: `/api/v1/leads/import/${importA.id}/report.csv` },
  ],
};
Object.assign(
  byId,
  Object.fromEntries(
    (
      [
        ['customers', customerImportA.id, { '0': 'name' }],
        ['contacts', contactImportA.id, { '0': 'customer', '1': 'name' }],
      ] as const
    ).flatMap(([object, id, mapping]) => [
      [`/api/v1/${object}/import/{id}`, [{ method: 'GET', url: `/api/v1/${object}/import/${id}` }]],
      [
        `/api/v1/${object}/import/{id}/start`,
        [{ method: 'POST', url: `/api/v1/${object}/import/${id}/start`, payload: { mapping } }],
      ],
      [
        `/api/v1/${object}/import/{id}/cancel`,
        [{ method: 'POST', url: `/api/v1/${object}/import/${id}/cancel` }],
      ],
      [
        `/api/v1/${object}/import/{id}/issues`,
        [{ method: 'GET', url: `/api/v1/${object}/import/${id}/issues` }],
      ],
      [
        `/api/v1/${object}/import/{id}/report.csv`,
        [{ method: 'GET', url: `/api/v1/${object}/import/${id}/report.csv` }],
      ],
    ]),
  ),
);
Object.assign(byId, {
  '/api/v1/customers/{id}': [
    { method: 'GET', url: `/api/v1/customers/${customerA.id}` },
    { method: 'PATCH', url: `/api/v1/customers/${customerA.id}`, payload: { version: 1, name: 'Mine' } },
    { method: 'DELETE', url: `/api/v1/customers/${customerA.id}` },
  ],
  '/api/v1/customers/{id}/contacts': [{ method: 'GET', url: `/api/v1/customers/${customerA.id}/contacts` }],
  '/api/v1/customers/{id}/deals': [{ method: 'GET', url: `/api/v1/customers/${customerA.id}/deals` }],
  '/api/v1/customers/{id}/release': [
    { method: 'POST', url: `/api/v1/customers/${customerA.id}/release`, payload: { reason: 'B' } },
  ],
  '/api/v1/customers/{id}/pool-history': [
    { method: 'GET', url: `/api/v1/customers/${customerA.id}/pool-history` },
  ],
  '/api/v1/pool/{id}/claim': [{ method: 'POST', url: `/api/v1/pool/${customerA.id}/claim` }],
  '/api/v1/customers/{id}/merge': [
    {
      method: 'POST',
      url: `/api/v1/customers/${customerA.id}/merge`,
      payload: { sourceId: repA.userId, version: 1, sourceVersion: 1 },
    },
  ],
  '/api/v1/contacts/{id}/merge': [
    {
      method: 'POST',
      url: `/api/v1/contacts/${contactA.id}/merge`,
      payload: { sourceId: repA.userId, version: 1, sourceVersion: 1 },
    },
  ],
  '/api/v1/contacts/{id}': [
    { method: 'GET', url: `/api/v1/contacts/${contactA.id}` },
    {
      method: 'PATCH',
      url: `/api/v1/contacts/${contactA.id}`,
      payload: { version: 1, attitude: 'opponent' },
    },
    { method: 'DELETE', url: `/api/v1/contacts/${contactA.id}` },
  ],
  '/api/v1/activities/{id}': [
    { method: 'GET', url: `/api/v1/activities/${activityA.id}` },
    { method: 'PATCH', url: `/api/v1/activities/${activityA.id}`, payload: { version: 1, subject: 'Mine' } },
    { method: 'DELETE', url: `/api/v1/activities/${activityA.id}` },
  ],
  '/api/v1/activities/{id}/complete': [
    { method: 'POST', url: `/api/v1/activities/${activityA.id}/complete`, payload: { version: 1 } },
  ],
  '/api/v1/activities/{id}/reopen': [
    { method: 'POST', url: `/api/v1/activities/${activityA.id}/reopen`, payload: { version: 1 } },
  ],
  '/api/v1/customers/{id}/timeline': [{ method: 'GET', url: `/api/v1/customers/${customerA.id}/timeline` }],
  '/api/v1/contacts/{id}/timeline': [{ method: 'GET', url: `/api/v1/contacts/${contactA.id}/timeline` }],
  '/api/v1/deals/{id}/timeline': [{ method: 'GET', url: `/api/v1/deals/${dealA.dealId}/timeline` }],
  '/api/v1/daily-logs/{day}/review': [
    {
      method: 'POST',
      url: '/api/v1/daily-logs/2030-06-03/review',
      payload: { userId: repA.userId, version: 1, comment: 'Reviewing A' },
    },
  ],
  '/api/v1/custom-fields/{id}': [
    {
      method: 'PATCH',
      url: `/api/v1/custom-fields/${customFieldA.id}`,
      payload: { version: 1, labelEn: 'Mine' },
    },
  ],
  '/api/v1/email-templates/{id}': [
    {
      method: 'PATCH',
      url: `/api/v1/email-templates/${templateA.id}`,
      payload: { version: 1, name: 'Mine' },
    },
    { method: 'DELETE', url: `/api/v1/email-templates/${templateA.id}` },
  ],
  '/api/v1/customer-segments/{id}': [
    { method: 'GET', url: `/api/v1/customer-segments/${segmentA.id}` },
    {
      method: 'PATCH',
      url: `/api/v1/customer-segments/${segmentA.id}`,
      payload: { version: 1, name: 'Mine' },
    },
    { method: 'DELETE', url: `/api/v1/customer-segments/${segmentA.id}` },
  ],
  '/api/v1/customers/{id}/retention': [{ method: 'GET', url: `/api/v1/customers/${customerA.id}/retention` }],
  '/api/v1/customers/{id}/usage': [{ method: 'GET', url: `/api/v1/customers/${customerA.id}/usage` }],
  '/api/v1/complaints/{id}': [
    { method: 'GET', url: `/api/v1/complaints/${complaintA.id}` },
    {
      method: 'PATCH',
      url: `/api/v1/complaints/${complaintA.id}`,
      payload: { version: complaintA.version, status: 'resolved', resolution: 'B closed it' },
    },
  ],
  '/api/v1/customers/{id}/retention/refresh': [
    { method: 'POST', url: `/api/v1/customers/${customerA.id}/retention/refresh` },
  ],
  '/api/v1/customers/{id}/lifecycle': [
    {
      method: 'PUT',
      url: `/api/v1/customers/${customerA.id}/lifecycle`,
      payload: { stage: 'mature', reason: 'B says so' },
    },
  ],
  '/api/v1/customers/{id}/lifecycle/checklist': [
    {
      method: 'PUT',
      url: `/api/v1/customers/${customerA.id}/lifecycle/checklist`,
      payload: { action: 'qualifyNeeds', done: true },
    },
  ],
  '/api/v1/customers/{id}/churn': [
    { method: 'POST', url: `/api/v1/customers/${customerA.id}/churn`, payload: { reason: 'cost' } },
  ],
  '/api/v1/customers/{id}/reactivate': [
    { method: 'POST', url: `/api/v1/customers/${customerA.id}/reactivate`, payload: { reason: 'B' } },
  ],
  '/api/v1/customer-tags/{id}': [
    { method: 'PATCH', url: `/api/v1/customer-tags/${customerTagA.id}`, payload: { version: 1, name: 'B' } },
    { method: 'DELETE', url: `/api/v1/customer-tags/${customerTagA.id}` },
  ],
  '/api/v1/deals/{id}/needs': [
    { method: 'GET', url: `/api/v1/deals/${dealA.dealId}/needs` },
    { method: 'PUT', url: `/api/v1/deals/${dealA.dealId}/needs`, payload: { version: 2, summary: 'B' } },
  ],
  '/api/v1/deals/{id}/needs/confirm': [
    {
      method: 'POST',
      url: `/api/v1/deals/${dealA.dealId}/needs/confirm`,
      payload: { version: 2, confirmedByName: 'B', summary: 'B' },
    },
  ],
  '/api/v1/deals/{id}/needs/link': [
    { method: 'POST', url: `/api/v1/deals/${dealA.dealId}/needs/link`, payload: {} },
    { method: 'DELETE', url: `/api/v1/deals/${dealA.dealId}/needs/link` },
  ],
  '/api/v1/deals/{id}': [
    { method: 'GET', url: `/api/v1/deals/${dealA.dealId}` },
    { method: 'PATCH', url: `/api/v1/deals/${dealA.dealId}`, payload: { version: 1, name: 'B' } },
    { method: 'DELETE', url: `/api/v1/deals/${dealA.dealId}` },
  ],
  '/api/v1/deals/{id}/stage': [
    { method: 'POST', url: `/api/v1/deals/${dealA.dealId}/stage`, payload: { stageId: stageA } },
  ],
  '/api/v1/deals/{id}/gates': [{ method: 'GET', url: `/api/v1/deals/${dealA.dealId}/gates` }],
  '/api/v1/deals/{id}/win': [
    { method: 'POST', url: `/api/v1/deals/${dealA.dealId}/win`, payload: { amountMinor: 1 } },
  ],
  '/api/v1/deals/{id}/lose': [
    { method: 'POST', url: `/api/v1/deals/${dealA.dealId}/lose`, payload: { lossReasonId: lossReasonA.id } },
  ],
  '/api/v1/deals/{id}/reopen': [
    { method: 'POST', url: `/api/v1/deals/${dealA.dealId}/reopen`, payload: { reason: 'B' } },
  ],
  '/api/v1/deals/{id}/contacts': [
    { method: 'PUT', url: `/api/v1/deals/${dealA.dealId}/contacts`, payload: { contacts: [] } },
  ],
  '/api/v1/deals/{id}/stage-history': [{ method: 'GET', url: `/api/v1/deals/${dealA.dealId}/stage-history` }],
  '/api/v1/pipelines/{id}': [
    { method: 'GET', url: `/api/v1/pipelines/${pipelineA.id}` },
    {
      method: 'PUT',
      url: `/api/v1/pipelines/${pipelineA.id}`,
      payload: { name: 'B', isDefault: false, stages: [{ name: 'B', probability: 1 }] },
    },
    { method: 'DELETE', url: `/api/v1/pipelines/${pipelineA.id}` },
  ],
  '/api/v1/pipelines/{id}/board': [{ method: 'GET', url: `/api/v1/pipelines/${pipelineA.id}/board` }],
  '/api/v1/deal-loss-reasons/{id}': [
    { method: 'PATCH', url: `/api/v1/deal-loss-reasons/${lossReasonA.id}`, payload: { name: 'B' } },
  ],
  '/api/v1/approvals/{id}': [{ method: 'GET', url: `/api/v1/approvals/${approvalA.id}` }],
  '/api/v1/approvals/{id}/approve': [
    { method: 'POST', url: `/api/v1/approvals/${approvalA.id}/approve`, payload: { version: 1 } },
  ],
  '/api/v1/approvals/{id}/return': [
    {
      method: 'POST',
      url: `/api/v1/approvals/${approvalA.id}/return`,
      payload: { version: 1, comment: 'B' },
    },
  ],
  '/api/v1/approvals/{id}/cancel': [
    { method: 'POST', url: `/api/v1/approvals/${approvalA.id}/cancel`, payload: { version: 1 } },
  ],
  '/api/v1/quotes/{id}': [
    { method: 'GET', url: `/api/v1/quotes/${quoteA.id}` },
    { method: 'PATCH', url: `/api/v1/quotes/${quoteA.id}`, payload: { version: 3, title: 'B' } },
  ],
  '/api/v1/quotes/{id}/lines': [
    { method: 'PUT', url: `/api/v1/quotes/${quoteA.id}/lines`, payload: { version: 3, lines: [] } },
  ],
  '/api/v1/quotes/{id}/submit': [
    { method: 'POST', url: `/api/v1/quotes/${quoteA.id}/submit`, payload: { version: 3 } },
  ],
  '/api/v1/quotes/{id}/send': [
    { method: 'POST', url: `/api/v1/quotes/${quoteA.id}/send`, payload: { version: 3 } },
  ],
  '/api/v1/quotes/{id}/revise': [
    { method: 'POST', url: `/api/v1/quotes/${quoteA.id}/revise`, payload: { version: 3 } },
  ],
  '/api/v1/quotes/{id}/withdraw': [
    { method: 'POST', url: `/api/v1/quotes/${quoteA.id}/withdraw`, payload: { version: 3 } },
  ],
  '/api/v1/quotes/{id}/versions': [{ method: 'GET', url: `/api/v1/quotes/${quoteA.id}/versions` }],
  '/api/v1/quotes/{id}/versions/{no}': [{ method: 'GET', url: `/api/v1/quotes/${quoteA.id}/versions/1` }],
  '/api/v1/quotes/{id}/compare': [{ method: 'GET', url: `/api/v1/quotes/${quoteA.id}/compare?from=1&to=1` }],
  '/api/v1/quotes/{id}/pdf': [{ method: 'GET', url: `/api/v1/quotes/${quoteA.id}/pdf` }],
  '/api/v1/contracts/{id}': [
    { method: 'GET', url: `/api/v1/contracts/${draftContractA.id}` },
    {
      method: 'PATCH',
      url: `/api/v1/contracts/${draftContractA.id}`,
      payload: { version: draftContractA.version, title: 'B' },
    },
  ],
  '/api/v1/contracts/{id}/clauses': [
    {
      method: 'PUT',
      url: `/api/v1/contracts/${draftContractA.id}/clauses`,
      payload: { clauses: [{ key: 'b', title: 'B', body: 'B' }] },
    },
  ],
  '/api/v1/contracts/{id}/customer-revision': [
    {
      method: 'POST',
      url: `/api/v1/contracts/${draftContractA.id}/customer-revision`,
      payload: { clauses: [{ key: 'b', title: 'B', body: 'B' }] },
    },
  ],
  '/api/v1/contracts/{id}/versions': [
    { method: 'GET', url: `/api/v1/contracts/${draftContractA.id}/versions` },
  ],
  '/api/v1/contracts/{id}/diff': [
    { method: 'GET', url: `/api/v1/contracts/${draftContractA.id}/diff?from=1&to=1` },
  ],
  '/api/v1/contracts/{id}/submit': [
    {
      method: 'POST',
      url: `/api/v1/contracts/${draftContractA.id}/submit`,
      payload: { version: draftContractA.version },
    },
  ],
  '/api/v1/contracts/{id}/review': [
    {
      method: 'POST',
      url: `/api/v1/contracts/${draftContractA.id}/review`,
      payload: { kind: 'comment', body: 'B', versionNo: 1 },
    },
  ],
  '/api/v1/contracts/{id}/send-for-signature': [
    {
      method: 'POST',
      url: `/api/v1/contracts/${draftContractA.id}/send-for-signature`,
      payload: { signerName: 'B', signerEmail: 'b@example.com' },
    },
  ],
  '/api/v1/contracts/{id}/countersign': [
    {
      method: 'POST',
      url: `/api/v1/contracts/${draftContractA.id}/countersign`,
      payload: { version: draftContractA.version },
    },
  ],
  '/api/v1/contracts/{id}/paper-signing': [
    {
      method: 'POST',
      url: `/api/v1/contracts/${draftContractA.id}/paper-signing?version=${draftContractA.version}&signerName=B&signedOn=2026-01-01`,
      ...multipartFile('scan.pdf', '%PDF-1.4 B', 'application/pdf'),
    },
  ],
  '/api/v1/contracts/{id}/terminate': [
    { method: 'POST', url: `/api/v1/contracts/${draftContractA.id}/terminate`, payload: { reason: 'B' } },
  ],
  '/api/v1/contracts/{id}/complete': [
    {
      method: 'POST',
      url: `/api/v1/contracts/${draftContractA.id}/complete`,
      payload: { version: draftContractA.version },
    },
  ],
  '/api/v1/contracts/{id}/handover': [
    { method: 'GET', url: `/api/v1/contracts/${draftContractA.id}/handover` },
    {
      method: 'PUT',
      url: `/api/v1/contracts/${draftContractA.id}/handover`,
      payload: { deliveryOwnerId: b.me.user.id },
    },
    { method: 'PATCH', url: `/api/v1/contracts/${draftContractA.id}/handover`, payload: { version: 1 } },
  ],
  '/api/v1/contracts/{id}/pdf': [{ method: 'GET', url: `/api/v1/contracts/${draftContractA.id}/pdf` }],
  '/api/v1/contract-templates/{id}': [
    {
      method: 'PATCH',
      url: `/api/v1/contract-templates/${contractTemplateA.id}`,
      payload: { version: contractTemplateA.version, name: 'B' },
    },
  ],
  '/api/v1/deals/{id}/proposals': [
    { method: 'GET', url: `/api/v1/deals/${dealA.dealId}/proposals` },
    { method: 'POST', url: `/api/v1/deals/${dealA.dealId}/proposals`, payload: { copyFrom: proposalA.id } },
  ],
  '/api/v1/deals/{id}/proposals/compare': [
    { method: 'GET', url: `/api/v1/deals/${dealA.dealId}/proposals/compare?ids=${proposalA.id}` },
  ],
  '/api/v1/deals/{id}/proposal-reviewers': [
    { method: 'GET', url: `/api/v1/deals/${dealA.dealId}/proposal-reviewers` },
  ],
  '/api/v1/deals/{id}/proposals/{proposalId}': [
    { method: 'GET', url: `/api/v1/deals/${dealA.dealId}/proposals/${proposalA.id}` },
    {
      method: 'PATCH',
      url: `/api/v1/deals/${dealA.dealId}/proposals/${proposalA.id}`,
      payload: { version: proposalA.version, title: 'B' },
    },
  ],
  '/api/v1/deals/{id}/proposals/{proposalId}/submit': [
    { method: 'POST', url: `/api/v1/deals/${dealA.dealId}/proposals/${proposalA.id}/submit`, payload: {} },
  ],
  '/api/v1/deals/{id}/proposals/{proposalId}/review': [
    {
      method: 'POST',
      url: `/api/v1/deals/${dealA.dealId}/proposals/${proposalA.id}/review`,
      payload: { decision: 'approved' },
    },
  ],
  '/api/v1/deals/{id}/proposals/{proposalId}/present': [
    { method: 'POST', url: `/api/v1/deals/${dealA.dealId}/proposals/${proposalA.id}/present`, payload: {} },
  ],
  '/api/v1/deals/{id}/proposals/{proposalId}/feedback': [
    {
      method: 'POST',
      url: `/api/v1/deals/${dealA.dealId}/proposals/${proposalA.id}/feedback`,
      payload: { kind: 'praise', body: 'B' },
    },
  ],
  '/api/v1/deals/{id}/proposals/{proposalId}/feedback/{feedbackId}': [
    {
      method: 'PATCH',
      url: `/api/v1/deals/${dealA.dealId}/proposals/${proposalA.id}/feedback/${feedbackA.id}`,
      payload: { status: 'addressed' },
    },
  ],
  '/api/v1/deals/{id}/proposals/{proposalId}/materials/{materialId}': [
    {
      method: 'PUT',
      url: `/api/v1/deals/${dealA.dealId}/proposals/${proposalA.id}/materials/${materialA.id}`,
    },
    {
      method: 'DELETE',
      url: `/api/v1/deals/${dealA.dealId}/proposals/${proposalA.id}/materials/${materialA.id}`,
    },
  ],
  '/api/v1/materials/{id}': [
    { method: 'GET', url: `/api/v1/materials/${materialA.id}` },
    { method: 'PATCH', url: `/api/v1/materials/${materialA.id}`, payload: { version: 1, title: 'B' } },
    { method: 'DELETE', url: `/api/v1/materials/${materialA.id}` },
  ],
  '/api/v1/materials/{id}/versions': [
    { method: 'POST', url: `/api/v1/materials/${materialA.id}/versions`, payload: { fileId: fileA.id } },
  ],
  '/api/v1/objection-responses/{id}': [
    {
      method: 'PATCH',
      url: `/api/v1/objection-responses/${responseA.id}`,
      payload: { version: 1, title: 'B' },
    },
    { method: 'DELETE', url: `/api/v1/objection-responses/${responseA.id}` },
  ],
  '/api/v1/competitors/{id}': [
    { method: 'GET', url: `/api/v1/competitors/${competitorA.id}` },
    { method: 'PATCH', url: `/api/v1/competitors/${competitorA.id}`, payload: { version: 1, name: 'B' } },
    { method: 'DELETE', url: `/api/v1/competitors/${competitorA.id}` },
  ],
  '/api/v1/competitors/{id}/record': [{ method: 'GET', url: `/api/v1/competitors/${competitorA.id}/record` }],
  '/api/v1/deals/{id}/objections': [
    { method: 'GET', url: `/api/v1/deals/${dealA.dealId}/objections` },
    {
      method: 'POST',
      url: `/api/v1/deals/${dealA.dealId}/objections`,
      payload: { type: 'price', description: 'B' },
    },
  ],
  '/api/v1/deals/{id}/objections/{objectionId}': [
    {
      method: 'PATCH',
      url: `/api/v1/deals/${dealA.dealId}/objections/${objectionA.id}`,
      payload: { version: 1, status: 'resolved' },
    },
    { method: 'DELETE', url: `/api/v1/deals/${dealA.dealId}/objections/${objectionA.id}` },
  ],
  '/api/v1/deals/{id}/competitors': [
    { method: 'GET', url: `/api/v1/deals/${dealA.dealId}/competitors` },
    {
      method: 'POST',
      url: `/api/v1/deals/${dealA.dealId}/competitors`,
      payload: { competitorId: competitorA.id },
    },
  ],
  '/api/v1/deals/{id}/competitors/{competitorId}': [
    {
      method: 'PATCH',
      url: `/api/v1/deals/${dealA.dealId}/competitors/${competitorA.id}`,
      payload: { note: 'B' },
    },
    { method: 'DELETE', url: `/api/v1/deals/${dealA.dealId}/competitors/${competitorA.id}` },
  ],
  '/api/v1/deals/{id}/minutes': [
    { method: 'GET', url: `/api/v1/deals/${dealA.dealId}/minutes` },
    {
      method: 'POST',
      url: `/api/v1/deals/${dealA.dealId}/minutes`,
      payload: { heldOn: '2030-06-03', result: 'agreed', finalPriceMinor: 1 },
    },
  ],
  '/api/v1/deals/{id}/minutes/{minutesId}': [
    {
      method: 'PATCH',
      url: `/api/v1/deals/${dealA.dealId}/minutes/${minutesA.id}`,
      payload: { version: 1, nextSteps: 'B' },
    },
    { method: 'DELETE', url: `/api/v1/deals/${dealA.dealId}/minutes/${minutesA.id}` },
  ],
  '/api/v1/deals/{id}/minutes/{minutesId}/sign-off': [
    {
      method: 'POST',
      url: `/api/v1/deals/${dealA.dealId}/minutes/${minutesA.id}/sign-off`,
      payload: { signedByName: 'B', signedOn: '2030-06-04' },
    },
  ],
  '/api/v1/deals/{id}/minutes/{minutesId}/floor-decision': [
    {
      method: 'POST',
      url: `/api/v1/deals/${dealA.dealId}/minutes/${minutesA.id}/floor-decision`,
      payload: { decision: 'approved', comment: 'B' },
    },
  ],
} satisfies Record<string, InjectOptions[]>);
Object.assign(byId, {
  '/api/v1/payment-plans/{id}': [
    { method: 'GET', url: `/api/v1/payment-plans/${contractA.id}` },
    {
      method: 'PUT',
      url: `/api/v1/payment-plans/${contractA.id}`,
      payload: { instalments: [{ title: 'B', dueOn: '2030-06-01', amountMinor: 100_00 }], version: 1 },
    },
  ],
  '/api/v1/payments/{id}': [{ method: 'DELETE', url: `/api/v1/payments/${paymentA.id}` }],
  '/api/v1/invoices/{id}': [
    { method: 'GET', url: `/api/v1/invoices/${invoiceA.id}` },
    { method: 'PATCH', url: `/api/v1/invoices/${invoiceA.id}`, payload: { status: 'sent', version: 1 } },
  ],
  '/api/v1/renewals/{id}/open-deal': [{ method: 'POST', url: `/api/v1/renewals/${contractA.id}/open-deal` }],
  '/api/v1/customers/{id}/transactions': [
    { method: 'GET', url: `/api/v1/customers/${customerA.id}/transactions` },
  ],
} satisfies Record<string, InjectOptions[]>);
Object.assign(byId, {
  '/api/v1/products/{id}': [
    { method: 'GET', url: `/api/v1/products/${productA.id}` },
    {
      method: 'PATCH',
      url: `/api/v1/products/${productA.id}`,
      payload: { version: 1, nameEn: 'B was here' },
    },
    { method: 'DELETE', url: `/api/v1/products/${productA.id}` },
  ],
  '/api/v1/products/{id}/archive': [{ method: 'POST', url: `/api/v1/products/${productA.id}/archive` }],
  '/api/v1/products/{id}/items': [
    { method: 'PUT', url: `/api/v1/products/${bundleA.id}/items`, payload: { items: [] } },
  ],
  '/api/v1/products/{id}/price': [{ method: 'GET', url: `/api/v1/products/${productA.id}/price` }],
  '/api/v1/price-books/{id}': [
    { method: 'GET', url: `/api/v1/price-books/${priceBookA.id}` },
    { method: 'PATCH', url: `/api/v1/price-books/${priceBookA.id}`, payload: { version: 1, priority: 99 } },
    { method: 'DELETE', url: `/api/v1/price-books/${priceBookA.id}` },
  ],
  '/api/v1/price-books/{id}/entries': [
    { method: 'PUT', url: `/api/v1/price-books/${priceBookA.id}/entries`, payload: { entries: [] } },
  ],
  '/api/v1/exchange-rates/{currency}/{effectiveOn}': [
    { method: 'DELETE', url: '/api/v1/exchange-rates/EUR/2026-01-01' },
  ],
} satisfies Record<string, InjectOptions[]>);
/** Path-parameter routes that are not about a tenant's record, with the reason. */
const notTenantRecords: Record<string, string> = {
  '/api/v1/auth/invitations/{token}': 'public lookup; the signed link itself is the credential',
  '/f/{formKey}': 'public form submission; the key carries its tenant and is looked up only inside it',
  '/t/o/{token}': 'mail open pixel; the token carries its tenant and is looked up only inside it',
  '/t/c/{token}': 'tracked link; the token carries its tenant and is looked up only inside it',
  '/api/v1/public/needs/{token}':
    'read-only needs link; the token carries its tenant and is looked up only inside it',
  '/api/v1/daily-logs/{day}':
    'a day of the caller’s own log; another person is named by userId (checked below), the day is no record',
  '/api/v1/daily-logs/{day}/submit': 'submits the caller’s own log of a day',
};

describe('tenant B aiming at tenant A’s records by id', () => {
  it('has a cross-tenant case for every route with a path parameter', () => {
    const parameterised = Object.keys(openapi.paths).filter((p) => p.includes('{'));
    expect(parameterised.length).toBeGreaterThan(5);
    const uncovered = parameterised.filter((p) => !(p in byId) && !(p in notTenantRecords));
    expect(uncovered).toEqual([]);
    for (const [path, requests] of Object.entries(byId)) {
      const methods = Object.keys(openapi.paths[path] ?? {}).map((m) => m.toUpperCase());
      expect(methods.length, path).toBeGreaterThan(0);
      for (const method of methods) {
        expect(
          requests.some((r) => r.method === method),
          `${method} ${path}`,
        ).toBe(true);
      }
    }
  });

  it('answers 404 to every read and write, and leaves A’s records as they were', async () => {
    const before = {
      rep: await ok(callA({ method: 'GET', url: `/api/v1/users/${repA.userId}` })),
      team: await ok(callA({ method: 'GET', url: `/api/v1/teams/${teamA.id}` })),
      file: await ok(callA({ method: 'GET', url: `/api/v1/files/${fileA.id}` })),
    };
    for (const requests of Object.values(byId)) {
      for (const request of requests) {
        const res = await callB(request);
        expect(res.statusCode, `${request.method} ${request.url}: ${res.body}`).toBe(404);
        expect(res.json<{ code: string }>().code).toBe('not_found');
      }
    }
    expect(await ok(callA({ method: 'GET', url: `/api/v1/users/${repA.userId}` }))).toEqual(before.rep);
    expect(await ok(callA({ method: 'GET', url: `/api/v1/teams/${teamA.id}` }))).toEqual(before.team);
    expect(await ok(callA({ method: 'GET', url: `/api/v1/files/${fileA.id}` }))).toEqual(before.file);
    const content = await callA({ method: 'GET', url: `/api/v1/files/${fileA.id}/content` });
    expect(content.body).toBe('tenant A secret');
    const tokens = await ok<{ items: { id: string; revokedAt: string | null }[] }>(
      callA({ method: 'GET', url: '/api/v1/me/tokens' }),
    );
    expect(tokens.items.find((i) => i.id === tokenA.id)?.revokedAt).toBeNull();
    const failed = await ok<{ items: { id: string }[] }>(
      callA({ method: 'GET', url: '/api/v1/admin/jobs/failed' }),
    );
    expect(failed.items.map((j) => j.id)).toContain(failedJobA);
  });

  it('cannot open the calendar, daily log or week of A’s people, nor A’s calendar feed', async () => {
    const urls = [
      `/api/v1/daily-logs/2030-06-03?userId=${repA.userId}`,
      `/api/v1/daily-logs/weekly-review?weekStart=2030-06-03&userId=${a.me.user.id}`,
      `/api/v1/calendar?from=2030-06-01T00:00:00Z&to=2030-06-08T00:00:00Z&userId=${a.me.user.id}`,
    ];
    for (const url of urls) {
      const res = await callB({ method: 'GET', url });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(404);
    }
    // A feed key names A's tenant and admin with a secret B made up: there is no such feed.
    const uuid = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');
    const feedA = Buffer.concat([uuid(a.me.tenant.id), uuid(a.me.user.id), randomBytes(32)]).toString(
      'base64url',
    );
    expect((await t.app.inject({ method: 'GET', url: `/ical/${feedA}.ics` })).statusCode).toBe(404);
  });

  it('cannot pull A’s users or teams into B’s records', async () => {
    const invite = await callB({
      method: 'POST',
      url: '/api/v1/users/invitations',
      payload: { email: 'cross@example.com', name: 'Cross', role: 'rep', teamIds: [teamA.id] },
    });
    expect(invite.statusCode).toBe(404);
    const members = await callB({
      method: 'PUT',
      url: `/api/v1/teams/${teamB.id}/members`,
      payload: { members: [{ userId: repA.userId, isLead: false }] },
    });
    expect(members.statusCode).toBe(404);
    const team = await ok<{ members: unknown[] }>(callB({ method: 'GET', url: `/api/v1/teams/${teamB.id}` }));
    expect(team.members).toEqual([]);
  });
});

describe('needs links across tenants', () => {
  it('open A’s needs only with A’s exact token, and B’s calls never switch it off', async () => {
    const [, dealId, secret] = needsLinkA.link.token.split('.');
    const forged = `${b.me.tenant.id}.${dealId}.${secret}`;
    const json = await t.app.inject({ method: 'GET', url: `/api/v1/public/needs/${forged}` });
    expect(json.statusCode).toBe(404);
    // The problem's `instance` echoes the path B sent; nothing of A's record is in it.
    expect(json.body).not.toContain('A secret');
    expect((await t.app.inject({ method: 'GET', url: `/n/${forged}` })).statusCode).toBe(404);
    const live = await t.app.inject({ method: 'GET', url: `/api/v1/public/needs/${needsLinkA.link.token}` });
    expect(live.statusCode).toBe(200);
    expect(live.json<{ summary: string }>().summary).toBe('A secret summary');
  });
});

describe('tenant B’s lists', () => {
  it('never contain A’s ids, whatever A-derived filter or cursor B sends', async () => {
    const cursorOf = async (url: string) => (await ok<Page>(callA({ method: 'GET', url }))).nextCursor ?? '';
    const usersCursor = await cursorOf('/api/v1/users?limit=1');
    const teamsCursor = await cursorOf('/api/v1/teams?limit=1&sort=-name');
    const auditCursor = await cursorOf('/api/v1/audit-log?limit=1');
    const outboxCursor = await cursorOf('/api/v1/admin/outbox?limit=1');
    expect([usersCursor, auditCursor, outboxCursor].every((c) => c.length > 0)).toBe(true);
    const urls = [
      `/api/v1/users?teamId=${teamA.id}`,
      `/api/v1/users?q=Alice`,
      `/api/v1/users?cursor=${usersCursor}`,
      `/api/v1/teams?cursor=${teamsCursor}&sort=-name`,
      `/api/v1/audit-log?entityId=${teamA.id}`,
      `/api/v1/audit-log?actorId=${a.me.user.id}`,
      `/api/v1/audit-log?cursor=${auditCursor}`,
      `/api/v1/admin/outbox?cursor=${outboxCursor}`,
      '/api/v1/customers?q=A%20Secret',
      `/api/v1/customers?cursor=${await cursorOf('/api/v1/customers?limit=1&sort=name')}&sort=name`,
      `/api/v1/customers?parentId=${customerA.id}`,
      `/api/v1/contacts?customerId=${customerA.id}`,
      '/api/v1/contacts?q=contact%40a-secret',
      `/api/v1/activities?customerId=${customerA.id}`,
      `/api/v1/activities?ownerId=${a.me.user.id}&kind=task`,
      `/api/v1/activities?cursor=${await cursorOf('/api/v1/activities?limit=1')}`,
      `/api/v1/daily-logs?from=2030-06-03&to=2030-06-03&userId=${a.me.user.id}`,
    ];
    for (const url of urls) {
      const res = await callB({ method: 'GET', url });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
      expect(leaked(res.body), url).toEqual([]);
    }
    // A's segment and custom field do not exist for B: a 400 naming the filter, nothing of A's.
    for (const url of [
      `/api/v1/customers?segment=${segmentA.id}`,
      `/api/v1/customers/count?segment=${segmentA.id}`,
      `/api/v1/customers?custom=${encodeURIComponent('{"a_secret":"x"}')}`,
    ]) {
      const res = await callB({ method: 'GET', url });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
      expect(leaked(res.body), url).toEqual([]);
    }
    expect((await ok<Page>(callB({ method: 'GET', url: `/api/v1/users?teamId=${teamA.id}` }))).items).toEqual(
      [],
    );
    expect(
      (await ok<Page>(callB({ method: 'GET', url: `/api/v1/audit-log?actorId=${a.me.user.id}` }))).items,
    ).toEqual([]);
  });

  it('cover every list route of the OpenAPI document without leaking A’s ids', async () => {
    const lists = Object.entries(openapi.paths)
      .filter(([path, ops]) => path.startsWith('/api/v1/') && !path.includes('{') && 'get' in ops)
      .map(([path]) => path);
    expect(lists).toEqual(expect.arrayContaining(['/api/v1/users', '/api/v1/teams', '/api/v1/audit-log']));
    const seenByA: string[] = [];
    for (const url of lists) {
      const res = await callB({ method: 'GET', url });
      expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(500);
      expect(leaked(res.body), url).toEqual([]);
      if (leaked((await callA({ method: 'GET', url })).body).length > 0) seenByA.push(url);
    }
    // The search is meaningful: the same routes do show A's ids to A.
    expect(seenByA).toEqual(
      expect.arrayContaining([
        '/api/v1/users',
        '/api/v1/teams',
        '/api/v1/audit-log',
        '/api/v1/admin/outbox',
        '/api/v1/admin/jobs/failed',
        '/api/v1/me/tokens',
        '/api/v1/me',
      ]),
    );
  });

  it('B’s session and tokens do not work as A by swapping the tenant in the cookie', async () => {
    const forged = b.cookie.replace(b.me.tenant.id, a.me.tenant.id);
    expect(forged).not.toBe(b.cookie);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: forged } });
    expect(res.statusCode).toBe(401);
  });
});
