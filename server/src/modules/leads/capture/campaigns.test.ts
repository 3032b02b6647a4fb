import type { Lead } from '@contracts/leads.contract';
import type { Campaign, CampaignStats } from '@contracts/marketing.contract';
import { describe, expect, it } from 'vitest';
import { addUser, as, movableClock, newTenant, type Session, useTestApp } from '../../../../test/helper';

/** Campaigns: CRUD with the marketing permission, and cost per lead / ROI per campaign and channel. */

const clock = movableClock(new Date('2025-03-10T04:00:00Z'));
const t = await useTestApp({}, { clock });

type Page = { items: Campaign[]; nextCursor: string | null };
type Problem = { code: string; detail: string; errors?: { path: string; code: string }[] };

async function createCampaign(s: Session, payload: Record<string, unknown>): Promise<Campaign> {
  const res = await as(t, s)({ method: 'POST', url: '/api/v1/campaigns', payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Campaign>();
}

async function createLead(s: Session, payload: Record<string, unknown>): Promise<Lead> {
  const res = await as(t, s)({ method: 'POST', url: '/api/v1/leads', payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Lead>();
}

describe('campaigns', () => {
  it('creates a campaign in the company currency and reads it back', async () => {
    const admin = await newTenant(t);
    const campaign = await createCampaign(admin, {
      name: '  2025 上海工博会  ',
      channel: 'event',
      costMinor: 12_000_000,
      utmCampaign: 'ciif-2025',
      startsOn: '2025-09-23',
      endsOn: '2025-09-27',
    });
    expect(campaign).toMatchObject({
      name: '2025 上海工博会',
      channel: 'event',
      costMinor: 12_000_000,
      currency: admin.me.tenant.currency,
      utmCampaign: 'ciif-2025',
      notes: '',
      active: true,
      version: 1,
    });
    const read = await as(t, admin)({ method: 'GET', url: `/api/v1/campaigns/${campaign.id}` });
    expect(read.json<Campaign>()).toEqual(campaign);
    const audit = await as(
      t,
      admin,
    )({
      method: 'GET',
      url: `/api/v1/audit-log?entity=campaign&entityId=${campaign.id}`,
    });
    expect(audit.json<{ items: { action: string }[] }>().items.map((i) => i.action)).toEqual(['create']);
  });

  it('refuses bad input naming the field: period, unknown field, taken name and UTM name', async () => {
    const admin = await newTenant(t);
    const call = as(t, admin);
    await createCampaign(admin, { name: 'Spring SEM', channel: 'online_ad', utmCampaign: 'spring-sem' });
    const cases: [Record<string, unknown>, number, string][] = [
      [{ name: 'X', channel: 'event', startsOn: '2025-05-02', endsOn: '2025-05-01' }, 400, 'endsOn'],
      [{ name: 'X', channel: 'event', budget: 10 }, 400, 'budget'],
      [{ name: 'X', channel: 'tv' }, 400, 'channel'],
      [{ name: 'X', channel: 'event', costMinor: 1.5 }, 400, 'costMinor'],
      [{ name: 'X', channel: 'event', currency: 'yuan' }, 400, 'currency'],
      [{ name: 'X', channel: 'event', utmCampaign: 'SPRING-sem' }, 400, 'utmCampaign'],
    ];
    for (const [payload, status, path] of cases) {
      const res = await call({ method: 'POST', url: '/api/v1/campaigns', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(res.json<Problem>().errors?.map((e) => e.path)).toEqual([path]);
    }
    const taken = await call({
      method: 'POST',
      url: '/api/v1/campaigns',
      payload: { name: 'spring sem', channel: 'event' },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json<Problem>().code).toBe('name_taken');
  });

  it('changes a campaign with the version it read, and refuses a stale version', async () => {
    const admin = await newTenant(t);
    const call = as(t, admin);
    const campaign = await createCampaign(admin, { name: 'Webinar Q2', channel: 'content', costMinor: 500 });
    const res = await call({
      method: 'PATCH',
      url: `/api/v1/campaigns/${campaign.id}`,
      payload: { version: 1, costMinor: 80_000, currency: 'USD', active: false, utmCampaign: '' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Campaign>()).toMatchObject({
      costMinor: 80_000,
      currency: 'USD',
      active: false,
      utmCampaign: null,
      version: 2,
    });
    const stale = await call({
      method: 'PATCH',
      url: `/api/v1/campaigns/${campaign.id}`,
      payload: { version: 1, costMinor: 1 },
    });
    expect(stale.statusCode).toBe(412);
    const badPeriod = await call({
      method: 'PATCH',
      url: `/api/v1/campaigns/${campaign.id}`,
      payload: { version: 2, startsOn: '2025-06-01' },
    });
    expect(badPeriod.statusCode).toBe(200);
    const before = await call({
      method: 'PATCH',
      url: `/api/v1/campaigns/${campaign.id}`,
      payload: { version: 3, endsOn: '2025-05-31' },
    });
    expect(before.statusCode).toBe(400);
    expect(before.json<Problem>().errors?.map((e) => e.path)).toEqual(['endsOn']);
  });

  it('lets anyone signed in read campaigns and only marketing managers change them', async () => {
    const admin = await newTenant(t);
    const rep = await addUser(t, admin, 'rep');
    const marketer = await addUser(t, admin, 'marketing');
    const campaign = await createCampaign(marketer.session, {
      name: 'Partner day',
      channel: 'partner_referral',
    });
    const list = await as(
      t,
      rep.session,
    )({ method: 'GET', url: '/api/v1/campaigns?channel=partner_referral' });
    expect(list.statusCode).toBe(200);
    expect(list.json<Page>().items.map((c) => c.id)).toEqual([campaign.id]);
    for (const request of [
      { method: 'POST' as const, url: '/api/v1/campaigns', payload: { name: 'Rogue', channel: 'other' } },
      {
        method: 'PATCH' as const,
        url: `/api/v1/campaigns/${campaign.id}`,
        payload: { version: 1, name: 'R' },
      },
      { method: 'DELETE' as const, url: `/api/v1/campaigns/${campaign.id}` },
    ]) {
      const res = await as(t, rep.session)(request);
      expect(res.statusCode, `${request.method} ${request.url}`).toBe(403);
    }
  });

  it('lists by name and pages with a cursor, filtered by text and activity', async () => {
    const admin = await newTenant(t);
    for (const name of ['Delta', 'Alpha', 'Charlie', 'Bravo']) {
      await createCampaign(admin, { name, channel: 'social', active: name !== 'Charlie' });
    }
    const call = as(t, admin);
    const first = (await call({ method: 'GET', url: '/api/v1/campaigns?sort=name&limit=2' })).json<Page>();
    expect(first.items.map((c) => c.name)).toEqual(['Alpha', 'Bravo']);
    const second = (
      await call({ method: 'GET', url: `/api/v1/campaigns?sort=name&limit=2&cursor=${first.nextCursor}` })
    ).json<Page>();
    expect(second.items.map((c) => c.name)).toEqual(['Charlie', 'Delta']);
    const active = (await call({ method: 'GET', url: '/api/v1/campaigns?active=false' })).json<Page>();
    expect(active.items.map((c) => c.name)).toEqual(['Charlie']);
    const q = (await call({ method: 'GET', url: '/api/v1/campaigns?q=lph' })).json<Page>();
    expect(q.items.map((c) => c.name)).toEqual(['Alpha']);
  });

  it('deletes an unused campaign, and refuses one that leads or forms still use (409)', async () => {
    const admin = await newTenant(t);
    const call = as(t, admin);
    const unused = await createCampaign(admin, { name: 'Unused', channel: 'other' });
    expect((await call({ method: 'DELETE', url: `/api/v1/campaigns/${unused.id}` })).statusCode).toBe(204);
    expect((await call({ method: 'GET', url: `/api/v1/campaigns/${unused.id}` })).statusCode).toBe(404);
    const used = await createCampaign(admin, { name: 'Used', channel: 'event' });
    await createLead(admin, { companyName: 'Acme', campaignId: used.id });
    await createLead(admin, { companyName: 'Beta', campaignId: used.id });
    const refused = await call({ method: 'DELETE', url: `/api/v1/campaigns/${used.id}` });
    expect(refused.statusCode).toBe(409);
    const problem = refused.json<Problem>();
    expect(problem.code).toBe('campaign_in_use');
    expect(problem.detail).toContain('2 leads');
    expect((await call({ method: 'GET', url: `/api/v1/campaigns/${used.id}` })).statusCode).toBe(200);
  });
});

describe('campaign stats', () => {
  it('computes leads, funnel, cost per lead and ROI per campaign and channel on a known data set', async () => {
    clock.set(new Date('2025-03-10T04:00:00Z'));
    const admin = await newTenant(t);
    const call = as(t, admin);
    const settings = await call({
      method: 'PATCH',
      url: '/api/v1/tenant/settings',
      payload: { version: 1, currency: 'CNY', timeZone: 'Asia/Shanghai' },
    });
    expect(settings.statusCode, settings.body).toBe(200);
    const expo = await createCampaign(admin, {
      name: 'Expo',
      channel: 'event',
      costMinor: 100_000,
      startsOn: '2025-03-01',
      endsOn: '2025-03-05',
    });
    const sem = await createCampaign(admin, { name: 'SEM', channel: 'online_ad', costMinor: 50_000 });
    const usd = await createCampaign(admin, {
      name: 'LinkedIn',
      channel: 'online_ad',
      costMinor: 2_000,
      currency: 'USD',
    });
    // Runs after the period and has no leads in it: not listed.
    await createCampaign(admin, {
      name: 'Later',
      channel: 'event',
      costMinor: 9_999,
      startsOn: '2025-05-01',
    });

    const expoLeads = [];
    for (const name of ['E1', 'E2', 'E3', 'E4']) {
      expoLeads.push(
        await createLead(admin, { companyName: name, contactName: `${name} Li`, campaignId: expo.id }),
      );
    }
    const [won, mqlOnly] = expoLeads as [Lead, Lead];
    const toSql = await call({
      method: 'PATCH',
      url: `/api/v1/leads/${won.id}`,
      payload: { version: won.version, status: 'sql' },
    });
    expect(toSql.statusCode, toSql.body).toBe(200);
    const converted = await call({
      method: 'POST',
      url: `/api/v1/leads/${won.id}/convert`,
      payload: {
        version: toSql.json<Lead>().version,
        customer: { mode: 'new' },
        contact: { mode: 'none' },
        deal: { name: 'E1 deal', amountMinor: 300_000 },
      },
    });
    expect(converted.statusCode, converted.body).toBe(200);
    const { dealId } = converted.json<{ dealId: string }>();
    await t.db.raw.query(`UPDATE deals SET status = 'won' WHERE id = $1`, [dealId]);
    await call({
      method: 'PATCH',
      url: `/api/v1/leads/${mqlOnly.id}`,
      payload: { version: mqlOnly.version, status: 'mql' },
    });
    await createLead(admin, { companyName: 'S1', campaignId: sem.id, source: 'online_ad' });
    await createLead(admin, { companyName: 'S2', campaignId: sem.id, source: 'website_form' });
    await createLead(admin, { companyName: 'U1', campaignId: usd.id });
    await createLead(admin, { companyName: 'W1', source: 'website_form' });
    // Outside the period (April in Shanghai): not counted.
    clock.set(new Date('2025-03-31T16:30:00Z'));
    await createLead(admin, { companyName: 'Late', campaignId: sem.id });

    const res = await call({ method: 'GET', url: '/api/v1/campaigns/stats?from=2025-03-01&to=2025-03-31' });
    expect(res.statusCode, res.body).toBe(200);
    const stats = res.json<CampaignStats>();
    expect(stats).toMatchObject({ currency: 'CNY', from: '2025-03-01', to: '2025-03-31' });
    expect(stats.campaigns.map((c) => c.name)).toEqual(['Expo', 'LinkedIn', 'SEM']);
    const byName = Object.fromEntries(stats.campaigns.map((c) => [c.name, c]));
    expect(byName.Expo).toMatchObject({
      leads: 4,
      mqls: 2,
      sqls: 1,
      converted: 1,
      costMinor: 100_000,
      revenueMinor: 300_000,
      wonDeals: 1,
      costPerLeadMinor: 25_000,
      costPerConvertedMinor: 100_000,
      roi: 2,
    });
    expect(byName.SEM).toMatchObject({
      leads: 2,
      converted: 0,
      costMinor: 50_000,
      revenueMinor: 0,
      costPerLeadMinor: 25_000,
      costPerConvertedMinor: null,
      roi: -1,
    });
    // Its cost is in dollars: no figure in yuan is invented for it.
    expect(byName.LinkedIn).toMatchObject({
      currency: 'USD',
      leads: 1,
      costMinor: null,
      costPerLeadMinor: null,
      roi: null,
    });
    const channels = Object.fromEntries(stats.channels.map((c) => [c.channel, c]));
    expect(Object.keys(channels).sort()).toEqual(['event', 'online_ad', 'website_form']);
    expect(channels.event).toMatchObject({ leads: 4, costMinor: 100_000, costPerLeadMinor: 25_000, roi: 2 });
    // Leads of a campaign count in the campaign's channel whatever their own source.
    expect(channels.online_ad).toMatchObject({
      leads: 3,
      costMinor: 50_000,
      excludedCampaigns: 1,
      costPerLeadMinor: 16_667,
      roi: -1,
    });
    expect(channels.website_form).toMatchObject({ leads: 1, costMinor: 0, costPerLeadMinor: 0, roi: null });

    const all = (await call({ method: 'GET', url: '/api/v1/campaigns/stats' })).json<CampaignStats>();
    expect(all.campaigns.find((c) => c.name === 'SEM')?.leads).toBe(3);
    expect(all.campaigns.map((c) => c.name)).toContain('Later');
    const bad = await call({ method: 'GET', url: '/api/v1/campaigns/stats?from=2025-13-01' });
    expect(bad.statusCode).toBe(400);
  });
});
