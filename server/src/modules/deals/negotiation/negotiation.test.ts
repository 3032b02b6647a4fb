import type {
  Competitor,
  CompetitorRecord,
  DealCompetitor,
  DealObjection,
  NegotiationMinutes,
  NegotiationSettings,
  ObjectionResponse,
  PriceFloor,
} from '@contracts/deal-negotiation.contract';
import type { Notification } from '@contracts/notifications.contract';
import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { addUser, as, newTenant, type Session, useTestApp } from '../../../../test/helper';
import { systemActor } from '../../../platform/audit';
import { auditLog } from '../../../platform/db/platform.tables';
import { withTenant } from '../../../platform/db/tenancy';
import { approvalRequests } from '../../approvals/approvals.tables';
import { createDeal } from '../deals.service';
import { dealSettings, deals } from '../deals.tables';
import { dealFacts } from '../gates';
import { proposals } from '../proposals.tables';
import { floorOf } from './price-floor';

/** Negotiation: playbook, objections, competitors with their record, minutes with sign-off and the price floor. */

const t = await useTestApp();

type Problem = { code: string; errors?: { path: string; code: string; detail: string }[] };

function expectStatus(res: LightMyRequestResponse, status: number) {
  expect(res.statusCode, res.body).toBe(status);
  return res;
}

/**
 * A company: a team "North" led by a manager with a rep in it, a director, a second rep outside the team, and
 * a deal of the rep (50,000.00 CNY) on a customer of theirs.
 */
async function company() {
  const admin = await newTenant(t);
  const call = as(t, admin);
  const rep = await addUser(t, admin, 'rep', 'Rep Rao');
  const manager = await addUser(t, admin, 'manager', 'Manager Ma');
  const director = await addUser(t, admin, 'director', 'Director Du');
  const outsider = await addUser(t, admin, 'rep', 'Rep Other');
  const otherManager = await addUser(t, admin, 'manager', 'Manager Else');
  const tenantId = admin.me.tenant.id;
  const team = expectStatus(
    await call({ method: 'POST', url: '/api/v1/teams', payload: { name: 'North', region: 'North' } }),
    201,
  ).json<{ id: string }>();
  expectStatus(
    await call({
      method: 'PUT',
      url: `/api/v1/teams/${team.id}/members`,
      payload: {
        members: [
          { userId: manager.userId, isLead: true },
          { userId: rep.userId, isLead: false },
        ],
      },
    }),
    200,
  );
  const newDeal = async (ownerId: string, amountMinor: number | null, name = 'CRM rollout') => {
    const customer = expectStatus(
      await call({
        method: 'POST',
        url: '/api/v1/customers',
        payload: { name: `${name} Co ${Math.random()}`, ownerId },
      }),
      201,
    ).json<{ id: string }>();
    const deal = await withTenant(t.platform.db, tenantId, (tx) =>
      createDeal(tx, systemActor(tenantId), {
        name,
        customerId: customer.id,
        contactId: null,
        amountMinor,
        currency: 'CNY',
        expectedCloseOn: null,
        source: null,
        campaignId: null,
        ownerId,
        teamId: ownerId === rep.userId ? team.id : null,
      }),
    );
    return deal.id;
  };
  const dealId = await newDeal(rep.userId, 50_000_00);
  return {
    admin,
    rep,
    manager,
    director,
    outsider,
    otherManager,
    tenantId,
    teamId: team.id,
    dealId,
    newDeal,
    call,
    asRep: as(t, rep.session),
    asManager: as(t, manager.session),
    asDirector: as(t, director.session),
    asOutsider: as(t, outsider.session),
    asOtherManager: as(t, otherManager.session),
  };
}
type Company = Awaited<ReturnType<typeof company>>;

async function notificationsOf(s: Session): Promise<Notification[]> {
  const res = expectStatus(await as(t, s)({ method: 'GET', url: '/api/v1/notifications?limit=200' }), 200);
  return res.json<{ items: Notification[] }>().items;
}

async function auditOf(c: Company, entity: string, entityId: string) {
  return withTenant(t.platform.db, c.tenantId, (tx) =>
    tx
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.tenantId, c.tenantId), eq(auditLog.entity, entity), eq(auditLog.entityId, entityId)),
      ),
  );
}

type InboxItem = {
  id: string;
  subjectId: string;
  subjectType: string;
  title: string;
  version: number;
  amountMinor: number | null;
};

async function inboxOf(s: Session): Promise<InboxItem[]> {
  const res = expectStatus(await as(t, s)({ method: 'GET', url: '/api/v1/approvals?box=inbox' }), 200);
  return res.json<{ items: InboxItem[] }>().items;
}

async function minutesOf(c: Company, id: string): Promise<NegotiationMinutes> {
  const res = expectStatus(await c.asRep({ method: 'GET', url: `/api/v1/deals/${c.dealId}/minutes` }), 200);
  const found = res.json<{ items: NegotiationMinutes[] }>().items.find((m) => m.id === id);
  if (!found) throw new Error(`minutes ${id} not listed`);
  return found;
}

async function setBelowFloorLevel(c: Company, level: 'manager' | 'director' | 'admin') {
  const current = expectStatus(await c.call({ method: 'GET', url: '/api/v1/approval-settings' }), 200).json<{
    rules: Record<string, unknown>;
    version: number;
  }>();
  expectStatus(
    await c.call({
      method: 'PUT',
      url: '/api/v1/approval-settings',
      payload: { rules: { ...current.rules, belowFloorLevel: level }, version: current.version },
    }),
    200,
  );
}

const facts = (c: Company, dealId = c.dealId) =>
  withTenant(t.platform.db, c.tenantId, (tx) => dealFacts(tx, c.tenantId, dealId, new Date()));

describe('objection playbook', () => {
  it('is read by everyone, edited only with deals.configure, filtered by type, inactive ones hidden', async () => {
    const c = await company();
    const body = {
      type: 'price',
      title: 'Break the price down',
      method: 'value_breakdown',
      body: 'Show the cost per user per day.',
    };
    const refused = await c.asRep({ method: 'POST', url: '/api/v1/objection-responses', payload: body });
    expect(expectStatus(refused, 403).json<Problem>().code).toBe('forbidden');
    const price = expectStatus(
      await c.asManager({ method: 'POST', url: '/api/v1/objection-responses', payload: body }),
      201,
    ).json<ObjectionResponse>();
    expect(price).toMatchObject({ ...body, active: true, version: 1 });
    const delivery = expectStatus(
      await c.call({
        method: 'POST',
        url: '/api/v1/objection-responses',
        payload: { type: 'delivery', title: 'Phased rollout', body: 'Go live with sales first.' },
      }),
      201,
    ).json<ObjectionResponse>();
    expect(delivery.method).toBe('other');

    const bad = await c.call({
      method: 'POST',
      url: '/api/v1/objection-responses',
      payload: { type: 'weather', title: '', body: 'x' },
    });
    expect(
      expectStatus(bad, 400)
        .json<Problem>()
        .errors?.map((e) => e.path)
        .sort(),
    ).toEqual(['title', 'type']);

    const all = expectStatus(await c.asRep({ method: 'GET', url: '/api/v1/objection-responses' }), 200).json<{
      items: ObjectionResponse[];
    }>();
    expect(all.items.map((i) => i.id).sort()).toEqual([price.id, delivery.id].sort());
    const onlyPrice = expectStatus(
      await c.asRep({ method: 'GET', url: '/api/v1/objection-responses?type=price' }),
      200,
    ).json<{ items: ObjectionResponse[] }>();
    expect(onlyPrice.items.map((i) => i.id)).toEqual([price.id]);

    const noVersion = await c.call({
      method: 'PATCH',
      url: `/api/v1/objection-responses/${delivery.id}`,
      payload: { active: false },
    });
    expect(expectStatus(noVersion, 428).json<Problem>().code).toBe('version_required');
    expectStatus(
      await c.call({
        method: 'PATCH',
        url: `/api/v1/objection-responses/${delivery.id}`,
        payload: { version: 1, active: false },
      }),
      200,
    );
    const active = expectStatus(
      await c.asRep({ method: 'GET', url: '/api/v1/objection-responses' }),
      200,
    ).json<{
      items: ObjectionResponse[];
    }>();
    expect(active.items.map((i) => i.id)).toEqual([price.id]);
    const withInactive = expectStatus(
      await c.asRep({ method: 'GET', url: '/api/v1/objection-responses?includeInactive=true' }),
      200,
    ).json<{ items: ObjectionResponse[] }>();
    expect(withInactive.items).toHaveLength(2);
    expect((await auditOf(c, 'objection_response', delivery.id)).map((a) => a.action).sort()).toEqual([
      'create',
      'update',
    ]);
  });
});

async function playbookEntry(c: Company, type = 'price', text = 'Show the cost per user per day.') {
  return expectStatus(
    await c.call({
      method: 'POST',
      url: '/api/v1/objection-responses',
      payload: { type, title: `Answer ${Math.random()}`, body: text },
    }),
    201,
  ).json<ObjectionResponse>();
}

describe('objections of a deal', () => {
  it('copy the chosen playbook text, resolve with a timestamp, and block the gate while open', async () => {
    const c = await company();
    const answer = await playbookEntry(c);
    const url = `/api/v1/deals/${c.dealId}/objections`;
    const fromPlaybook = expectStatus(
      await c.asRep({
        method: 'POST',
        url,
        payload: { type: 'price', description: 'Too expensive vs. Excel', responseId: answer.id },
      }),
      201,
    ).json<DealObjection>();
    expect(fromPlaybook).toMatchObject({
      status: 'open',
      resolvedAt: null,
      responseId: answer.id,
      responseTitle: answer.title,
      responseStrategy: answer.body,
      createdBy: c.rep.userId,
    });
    const own = expectStatus(
      await c.asRep({
        method: 'POST',
        url,
        payload: { type: 'delivery', description: 'Go-live too late', responseStrategy: 'Phase it' },
      }),
      201,
    ).json<DealObjection>();
    expect(own).toMatchObject({ responseId: null, responseStrategy: 'Phase it' });
    expect((await facts(c)).openObjections).toBe(2);

    const unknown = await c.asRep({
      method: 'POST',
      url,
      payload: { type: 'price', description: 'x', responseId: c.dealId },
    });
    expect(expectStatus(unknown, 400).json<Problem>().errors).toEqual([
      expect.objectContaining({ path: 'responseId', code: 'unknown_objection_response' }),
    ]);

    const resolved = expectStatus(
      await c.asRep({
        method: 'PATCH',
        url: `${url}/${fromPlaybook.id}`,
        payload: {
          version: 1,
          status: 'resolved',
          outcome: 'Accepted the 3-year price',
          responseStrategy: 'Edited',
        },
      }),
      200,
    ).json<DealObjection>();
    expect(resolved.status).toBe('resolved');
    expect(resolved.resolvedAt).not.toBeNull();
    expect(resolved.responseStrategy).toBe('Edited');
    const stale = await c.asRep({
      method: 'PATCH',
      url: `${url}/${fromPlaybook.id}`,
      payload: { version: 1, outcome: 'late' },
    });
    expect(expectStatus(stale, 412).json<Problem>().code).toBe('version_conflict');
    expectStatus(
      await c.asRep({
        method: 'PATCH',
        url: `${url}/${own.id}`,
        payload: { version: 1, status: 'unresolved' },
      }),
      200,
    );
    expect((await facts(c)).openObjections).toBe(0);

    const reopened = expectStatus(
      await c.asRep({ method: 'PATCH', url: `${url}/${own.id}`, payload: { version: 2, status: 'open' } }),
      200,
    ).json<DealObjection>();
    expect(reopened.resolvedAt).toBeNull();
    const list = expectStatus(await c.asManager({ method: 'GET', url }), 200).json<{
      items: DealObjection[];
    }>();
    expect(list.items.map((o) => [o.id, o.status])).toEqual([
      [own.id, 'open'],
      [fromPlaybook.id, 'resolved'],
    ]);
    expect((await auditOf(c, 'deal_objection', fromPlaybook.id)).map((a) => a.action).sort()).toEqual([
      'create',
      'status_resolved',
    ]);

    // Removing the playbook entry keeps the copied text on the objection.
    expectStatus(await c.call({ method: 'DELETE', url: `/api/v1/objection-responses/${answer.id}` }), 204);
    const after = expectStatus(await c.asRep({ method: 'GET', url }), 200).json<{ items: DealObjection[] }>();
    expect(after.items.find((o) => o.id === fromPlaybook.id)).toMatchObject({
      responseId: null,
      responseStrategy: 'Edited',
    });

    expectStatus(await c.asRep({ method: 'DELETE', url: `${url}/${own.id}` }), 204);
    expect((await facts(c)).openObjections).toBe(0);
  });

  it('are hidden from users who do not see the deal and cannot be reached through another deal', async () => {
    const c = await company();
    const url = `/api/v1/deals/${c.dealId}/objections`;
    const created = expectStatus(
      await c.asRep({ method: 'POST', url, payload: { type: 'terms', description: 'Liability cap' } }),
      201,
    ).json<DealObjection>();
    expect(expectStatus(await c.asOutsider({ method: 'GET', url }), 404).json<Problem>().code).toBe(
      'not_found',
    );
    expectStatus(
      await c.asOtherManager({
        method: 'POST',
        url,
        payload: { type: 'terms', description: 'x' },
      }),
      404,
    );
    const otherDeal = await c.newDeal(c.rep.userId, 1000, 'Other');
    expectStatus(
      await c.asRep({
        method: 'PATCH',
        url: `/api/v1/deals/${otherDeal}/objections/${created.id}`,
        payload: { version: 1, status: 'resolved' },
      }),
      404,
    );
  });
});

describe('competitors', () => {
  it('are edited with deals.configure, searched by name, unique by name, and kept while deals name them', async () => {
    const c = await company();
    const refused = await c.asRep({
      method: 'POST',
      url: '/api/v1/competitors',
      payload: { name: 'Acme CRM' },
    });
    expectStatus(refused, 403);
    const acme = expectStatus(
      await c.asManager({
        method: 'POST',
        url: '/api/v1/competitors',
        payload: {
          name: 'Acme CRM',
          strengths: 'Cheap',
          weaknesses: 'No on-prem',
          differentiation: 'On-prem',
        },
      }),
      201,
    ).json<Competitor>();
    const dup = await c.call({ method: 'POST', url: '/api/v1/competitors', payload: { name: 'acme crm' } });
    expect(expectStatus(dup, 409).json<Problem>().code).toBe('name_taken');
    const beta = expectStatus(
      await c.call({ method: 'POST', url: '/api/v1/competitors', payload: { name: 'Beta Sales' } }),
      201,
    ).json<Competitor>();
    const found = expectStatus(
      await c.asRep({ method: 'GET', url: '/api/v1/competitors?q=ACME' }),
      200,
    ).json<{
      items: Competitor[];
    }>();
    expect(found.items.map((i) => i.id)).toEqual([acme.id]);
    expect(
      expectStatus(
        await c.asRep({ method: 'GET', url: `/api/v1/competitors/${beta.id}` }),
        200,
      ).json<Competitor>().name,
    ).toBe('Beta Sales');

    const dealUrl = `/api/v1/deals/${c.dealId}/competitors`;
    const added = expectStatus(
      await c.asRep({
        method: 'POST',
        url: dealUrl,
        payload: { competitorId: acme.id, differentiation: 'Our data stays on site', priceMinor: 39_000_00 },
      }),
      201,
    ).json<DealCompetitor>();
    expect(added).toMatchObject({
      name: 'Acme CRM',
      weaknesses: 'No on-prem',
      priceMinor: 39_000_00,
      currency: 'CNY',
    });
    const again = await c.asRep({ method: 'POST', url: dealUrl, payload: { competitorId: acme.id } });
    expect(expectStatus(again, 409).json<Problem>().code).toBe('conflict');
    const unknown = await c.asRep({ method: 'POST', url: dealUrl, payload: { competitorId: c.dealId } });
    expect(expectStatus(unknown, 400).json<Problem>().errors?.[0]).toMatchObject({
      path: 'competitorId',
      code: 'unknown_competitor',
    });
    const edited = expectStatus(
      await c.asRep({
        method: 'PATCH',
        url: `${dealUrl}/${acme.id}`,
        payload: { priceMinor: null, note: 'Dropped' },
      }),
      200,
    ).json<DealCompetitor>();
    expect(edited).toMatchObject({
      priceMinor: null,
      note: 'Dropped',
      differentiation: 'Our data stays on site',
    });
    expect(
      expectStatus(await c.asRep({ method: 'GET', url: dealUrl }), 200).json<{ items: DealCompetitor[] }>()
        .items,
    ).toEqual([edited]);

    const inUse = await c.call({ method: 'DELETE', url: `/api/v1/competitors/${acme.id}` });
    expect(expectStatus(inUse, 409).json<Problem>().code).toBe('in_use');
    expectStatus(await c.call({ method: 'DELETE', url: `/api/v1/competitors/${beta.id}` }), 204);
    expectStatus(await c.asRep({ method: 'DELETE', url: `${dealUrl}/${acme.id}` }), 204);
    expectStatus(await c.asRep({ method: 'DELETE', url: `${dealUrl}/${acme.id}` }), 404);
    expect((await auditOf(c, 'deal_competitor', c.dealId)).map((a) => a.action).sort()).toEqual([
      'create',
      'delete',
      'update',
    ]);
  });

  it('record: deals won and lost against a competitor with amounts and win rate, over the deals the caller sees', async () => {
    const c = await company();
    const acme = expectStatus(
      await c.call({ method: 'POST', url: '/api/v1/competitors', payload: { name: 'Acme CRM' } }),
      201,
    ).json<Competitor>();
    const other = expectStatus(
      await c.call({ method: 'POST', url: '/api/v1/competitors', payload: { name: 'Other CRM' } }),
      201,
    ).json<Competitor>();
    const empty = expectStatus(
      await c.asRep({ method: 'GET', url: `/api/v1/competitors/${acme.id}/record` }),
      200,
    ).json<CompetitorRecord>();
    expect(empty).toMatchObject({
      deals: 0,
      won: 0,
      lost: 0,
      winRate: null,
      wonAmounts: [],
      lostAmounts: [],
    });

    const won1 = c.dealId; // 50,000.00, rep's
    const won2 = await c.newDeal(c.rep.userId, 20_000_00, 'Won 2');
    const lostTo = await c.newDeal(c.rep.userId, 30_000_00, 'Lost to Acme');
    const lostOther = await c.newDeal(c.rep.userId, 7_000_00, 'Lost to other');
    const open = await c.newDeal(c.rep.userId, 1_000_00, 'Open');
    const outsiders = await c.newDeal(c.outsider.userId, 99_000_00, 'Outsider won');
    for (const dealId of [won1, won2, lostOther, open, outsiders]) {
      const call = dealId === outsiders ? c.asOutsider : c.asRep;
      expectStatus(
        await call({
          method: 'POST',
          url: `/api/v1/deals/${dealId}/competitors`,
          payload: { competitorId: acme.id },
        }),
        201,
      );
    }
    await withTenant(t.platform.db, c.tenantId, async (tx) => {
      const close = (id: string, status: string, competitorId: string | null) =>
        tx
          .update(deals)
          .set({ status, competitorId, closedAt: new Date() })
          .where(and(eq(deals.tenantId, c.tenantId), eq(deals.id, id)));
      await close(won1, 'won', acme.id);
      await close(won2, 'won', null);
      // Lost to Acme without it being listed on the deal: still against it, and lost to it.
      await close(lostTo, 'lost', acme.id);
      // Acme was in, but another competitor won.
      await close(lostOther, 'lost', other.id);
      await close(outsiders, 'won', acme.id);
    });

    const mine = expectStatus(
      await c.asRep({ method: 'GET', url: `/api/v1/competitors/${acme.id}/record` }),
      200,
    ).json<CompetitorRecord>();
    expect(mine).toEqual({
      competitorId: acme.id,
      deals: 5,
      open: 1,
      won: 2,
      lost: 2,
      lostTo: 1,
      winRate: 50,
      wonAmounts: [{ currency: 'CNY', amountMinor: 70_000_00 }],
      lostAmounts: [{ currency: 'CNY', amountMinor: 37_000_00 }],
    });
    const all = expectStatus(
      await c.asDirector({ method: 'GET', url: `/api/v1/competitors/${acme.id}/record` }),
      200,
    ).json<CompetitorRecord>();
    expect(all).toMatchObject({ deals: 6, won: 3, lost: 2, lostTo: 1, winRate: 60 });
    expect(all.wonAmounts).toEqual([{ currency: 'CNY', amountMinor: 169_000_00 }]);
    // The team's manager sees the rep's deals, not the outsider's.
    const team = expectStatus(
      await c.asManager({ method: 'GET', url: `/api/v1/competitors/${acme.id}/record` }),
      200,
    ).json<CompetitorRecord>();
    expect(team.deals).toBe(5);
  });
});

describe('negotiation settings', () => {
  it('default to a 10 % buffer, accept 0–50 from deals.configure, and keep the other deal rules', async () => {
    const c = await company();
    const url = '/api/v1/deal-settings/negotiation';
    expect(expectStatus(await c.asRep({ method: 'GET', url }), 200).json<NegotiationSettings>()).toEqual({
      priceBufferPercent: 10,
      version: 0,
    });
    expectStatus(await c.asRep({ method: 'PUT', url, payload: { priceBufferPercent: 5 } }), 403);
    const tooBig = await c.call({ method: 'PUT', url, payload: { priceBufferPercent: 51 } });
    expect(expectStatus(tooBig, 400).json<Problem>().errors?.[0]?.path).toBe('priceBufferPercent');
    const negative = await c.call({ method: 'PUT', url, payload: { priceBufferPercent: -1 } });
    expectStatus(negative, 400);
    await withTenant(t.platform.db, c.tenantId, (tx) =>
      tx.insert(dealSettings).values({
        tenantId: c.tenantId,
        rules: { pipeline: { keep: true } },
        createdAt: new Date(),
        updatedAt: new Date(),
      }),
    );
    const saved = expectStatus(
      await c.call({ method: 'PUT', url, payload: { priceBufferPercent: 20, version: 1 } }),
      200,
    ).json<NegotiationSettings>();
    expect(saved).toEqual({ priceBufferPercent: 20, version: 2 });
    const stale = await c.call({ method: 'PUT', url, payload: { priceBufferPercent: 30, version: 1 } });
    expectStatus(stale, 412);
    const [row] = await withTenant(t.platform.db, c.tenantId, (tx) =>
      tx.select().from(dealSettings).where(eq(dealSettings.tenantId, c.tenantId)),
    );
    expect(row?.rules).toEqual({ pipeline: { keep: true }, negotiation: { priceBufferPercent: 20 } });
    expect((await auditOf(c, 'deal_settings', c.tenantId)).at(-1)?.changes).toEqual({
      priceBufferPercent: { from: 10, to: 20 },
    });
  });
});

describe('price floor', () => {
  it('rounds the reference less the buffer up to the minor unit', () => {
    expect(floorOf(50_000_00, 10)).toBe(45_000_00);
    expect(floorOf(333, 10)).toBe(300); // 299.7 → 300
    expect(floorOf(1, 50)).toBe(1); // 0.5 → 1
    expect(floorOf(999, 0)).toBe(999);
    expect(floorOf(1e15, 7)).toBe(930_000_000_000_000);
  });

  it('uses the latest approved or presented proposal, else the deal amount', async () => {
    const c = await company();
    const floorOfDeal = async () =>
      expectStatus(await c.asRep({ method: 'GET', url: `/api/v1/deals/${c.dealId}/minutes` }), 200).json<{
        floor: PriceFloor;
      }>().floor;
    expect(await floorOfDeal()).toEqual({
      source: 'deal_amount',
      referenceMinor: 50_000_00,
      currency: 'CNY',
      bufferPercent: 10,
      floorMinor: 45_000_00,
    });
    const now = new Date();
    await withTenant(t.platform.db, c.tenantId, (tx) =>
      tx.insert(proposals).values(
        [
          { versionNo: 1, status: 'presented', totalMinor: 60_000_00 },
          { versionNo: 2, status: 'approved', totalMinor: 40_000_01 },
          { versionNo: 3, status: 'draft', totalMinor: 10_00 },
        ].map((p) => ({
          tenantId: c.tenantId,
          id: crypto.randomUUID(),
          dealId: c.dealId,
          title: `V${p.versionNo}`,
          currency: 'CNY',
          createdAt: now,
          updatedAt: now,
          ...p,
        })),
      ),
    );
    // 40,000.01 × 0.9 = 36,000.009 → 36,000.01
    expect(await floorOfDeal()).toMatchObject({
      source: 'proposal',
      referenceMinor: 40_000_01,
      floorMinor: 36_000_01,
    });
    const noAmount = await c.newDeal(c.rep.userId, null, 'No amount');
    const res = expectStatus(await c.asRep({ method: 'GET', url: `/api/v1/deals/${noAmount}/minutes` }), 200);
    expect(res.json<{ floor: PriceFloor }>().floor).toMatchObject({ source: 'none', floorMinor: null });
  });
});

const AGREED = {
  heldOn: '2031-03-01',
  attendees: '王总, 李工; Rep Rao',
  result: 'agreed',
  deliveryTime: '8 weeks',
  paymentTerms: '50/50',
  liability: 'Capped at contract value',
  otherTerms: '',
  nextSteps: 'Send contract',
};

describe('negotiation minutes', () => {
  it('within the floor: counts as signed once the customer signs; edits of the price clear the sign-off', async () => {
    const c = await company();
    const url = `/api/v1/deals/${c.dealId}/minutes`;
    const noPrice = await c.asRep({ method: 'POST', url, payload: AGREED });
    expect(
      expectStatus(noPrice, 400)
        .json<Problem>()
        .errors?.map((e) => e.path),
    ).toEqual(['finalPriceMinor']);
    const wrongCurrency = await c.asRep({
      method: 'POST',
      url,
      payload: { ...AGREED, finalPriceMinor: 46_000_00, currency: 'USD' },
    });
    expect(expectStatus(wrongCurrency, 400).json<Problem>().errors?.[0]).toMatchObject({
      path: 'currency',
      code: 'minutes_currency_mismatch',
    });

    const m = expectStatus(
      await c.asRep({ method: 'POST', url, payload: { ...AGREED, finalPriceMinor: 45_000_00 } }),
      201,
    ).json<NegotiationMinutes>();
    expect(m).toMatchObject({
      currency: 'CNY',
      floorMinor: 45_000_00,
      floorApproval: 'not_needed',
      signedByName: null,
      countsAsSigned: false,
      createdByName: 'Rep Rao',
    });
    expect((await facts(c)).signedMinutes).toBe(0);
    const signed = expectStatus(
      await c.asRep({
        method: 'POST',
        url: `${url}/${m.id}/sign-off`,
        payload: { signedByName: '王总', signedOn: '2031-03-02' },
      }),
      200,
    ).json<NegotiationMinutes>();
    expect(signed).toMatchObject({ signedByName: '王总', signedOn: '2031-03-02', countsAsSigned: true });
    expect((await facts(c)).signedMinutes).toBe(1);

    const terms = expectStatus(
      await c.asRep({
        method: 'PATCH',
        url: `${url}/${m.id}`,
        payload: { version: signed.version, nextSteps: 'Legal' },
      }),
      200,
    ).json<NegotiationMinutes>();
    expect(terms).toMatchObject({ nextSteps: 'Legal', countsAsSigned: true });
    const repriced = expectStatus(
      await c.asRep({
        method: 'PATCH',
        url: `${url}/${m.id}`,
        payload: { version: terms.version, finalPriceMinor: 47_000_00 },
      }),
      200,
    ).json<NegotiationMinutes>();
    expect(repriced).toMatchObject({
      signedByName: null,
      countsAsSigned: false,
      floorApproval: 'not_needed',
    });
    expect((await facts(c)).signedMinutes).toBe(0);
    expect((await auditOf(c, 'negotiation_minutes', m.id)).map((a) => a.action).sort()).toEqual([
      'create',
      'sign_off',
      'update',
      'update',
    ]);
  });

  it("below the floor: the author's own authority covers it (a manager by default), else it waits in the approvals inbox for belowFloorLevel", async () => {
    const c = await company();
    const url = `/api/v1/deals/${c.dealId}/minutes`;
    // The manager writes the minutes: a manager is at the default belowFloorLevel, so nobody else is asked.
    const own = expectStatus(
      await c.asManager({ method: 'POST', url, payload: { ...AGREED, finalPriceMinor: 44_999_99 } }),
      201,
    ).json<NegotiationMinutes>();
    expect(own).toMatchObject({ floorMinor: 45_000_00, floorApproval: 'not_needed', floorRequest: null });

    await setBelowFloorLevel(c, 'director');
    const m = expectStatus(
      await c.asManager({ method: 'POST', url, payload: { ...AGREED, finalPriceMinor: 44_999_99 } }),
      201,
    ).json<NegotiationMinutes>();
    expect(m).toMatchObject({
      floorApproval: 'pending',
      countsAsSigned: false,
      floorRequest: {
        status: 'pending',
        waitingFor: 'director',
        levels: ['director'],
        reasons: ['approvals.reasons.below_price_floor'],
      },
    });
    const signed = expectStatus(
      await c.asRep({
        method: 'POST',
        url: `${url}/${m.id}/sign-off`,
        payload: { signedByName: '王总', signedOn: '2031-03-02' },
      }),
      200,
    ).json<NegotiationMinutes>();
    expect(signed.countsAsSigned).toBe(false);
    expect((await facts(c)).signedMinutes).toBe(0);

    // The director finds it in the approvals inbox, linked to the deal's negotiation tab.
    const inbox = await inboxOf(c.director.session);
    expect(inbox.find((i) => i.subjectId === m.id)).toMatchObject({
      id: m.floorRequest?.id,
      subjectType: 'minutes',
      subjectLink: `/deals/${c.dealId}?tab=negotiation`,
      amountMinor: 44_999_99,
      currency: 'CNY',
    });
    expect((await notificationsOf(c.director.session)).map((n) => n.kind)).toContain('approval_requested');
    expect((await inboxOf(c.manager.session)).some((i) => i.subjectId === m.id)).toBe(false);

    // The kept floor-decision path decides the request's step for the caller, under the matrix's rules.
    const decide = (call: typeof c.asRep, payload: Record<string, unknown>) =>
      call({ method: 'POST', url: `${url}/${m.id}/floor-decision`, payload });
    expect(expectStatus(await decide(c.asRep, { decision: 'approved' }), 403).json<Problem>().code).toBe(
      'not_your_approval_step',
    );
    expect(expectStatus(await decide(c.asManager, { decision: 'approved' }), 403).json<Problem>().code).toBe(
      'own_minutes_approval',
    );
    expectStatus(await decide(c.asOtherManager, { decision: 'approved' }), 404);
    const noComment = await decide(c.asDirector, { decision: 'rejected' });
    expect(expectStatus(noComment, 400).json<Problem>().errors?.[0]?.path).toBe('comment');

    const approved = expectStatus(
      await decide(c.asDirector, { decision: 'approved', comment: 'Strategic logo' }),
      200,
    ).json<NegotiationMinutes>();
    expect(approved).toMatchObject({
      floorApproval: 'approved',
      floorApprovedBy: c.director.userId,
      floorApprovedByName: 'Director Du',
      floorComment: 'Strategic logo',
      countsAsSigned: true,
      floorRequest: { status: 'approved', waitingFor: null },
    });
    expect((await facts(c)).signedMinutes).toBe(1);
    const twice = await decide(c.asDirector, { decision: 'rejected', comment: 'No' });
    expect(expectStatus(twice, 409).json<Problem>().code).toBe('floor_not_pending');
    expect((await notificationsOf(c.manager.session)).map((n) => n.kind)).toContain('approval_approved');
    const audit = await auditOf(c, 'negotiation_minutes', m.id);
    expect(audit.find((a) => a.action === 'floor_approve')?.actorId).toBe(c.director.userId);
  });

  it("a rep's price below the floor goes to the team's manager in the inbox; the rep cannot approve it; a return sends it back, saving asks again", async () => {
    const c = await company();
    const url = `/api/v1/deals/${c.dealId}/minutes`;
    const m = expectStatus(
      await c.asRep({ method: 'POST', url, payload: { ...AGREED, finalPriceMinor: 40_000_00 } }),
      201,
    ).json<NegotiationMinutes>();
    expect(m).toMatchObject({ floorApproval: 'pending', floorRequest: { waitingFor: 'manager' } });
    const request = (await inboxOf(c.manager.session)).find((i) => i.subjectId === m.id);
    expect(request?.title).toBe('CRM rollout · 2031-03-01');
    expect((await inboxOf(c.otherManager.session)).some((i) => i.subjectId === m.id)).toBe(false);
    expect((await inboxOf(c.director.session)).some((i) => i.subjectId === m.id)).toBe(false);

    // A rep can never approve their own request, through the inbox or the minutes.
    const own = await c.asRep({
      method: 'POST',
      url: `/api/v1/approvals/${request?.id}/approve`,
      payload: { version: request?.version },
    });
    expect(expectStatus(own, 403).json<Problem>().code).toBe('own_approval');
    const ownMinutes = await c.asRep({
      method: 'POST',
      url: `${url}/${m.id}/floor-decision`,
      payload: { decision: 'approved' },
    });
    expect(expectStatus(ownMinutes, 403).json<Problem>().code).toBe('own_minutes_approval');

    expectStatus(
      await c.asManager({
        method: 'POST',
        url: `/api/v1/approvals/${request?.id}/return`,
        payload: { version: request?.version, comment: 'Hold at 45k' },
      }),
      200,
    );
    const returned = await minutesOf(c, m.id);
    expect(returned).toMatchObject({
      floorApproval: 'rejected',
      floorComment: 'Hold at 45k',
      floorApprovedBy: c.manager.userId,
      floorRequest: { status: 'returned' },
    });
    const signed = expectStatus(
      await c.asRep({
        method: 'POST',
        url: `${url}/${m.id}/sign-off`,
        payload: { signedByName: '王总', signedOn: '2031-03-02' },
      }),
      200,
    ).json<NegotiationMinutes>();
    expect(signed.countsAsSigned).toBe(false);
    expect((await facts(c)).signedMinutes).toBe(0);
    expect((await notificationsOf(c.rep.session)).map((n) => n.kind)).toContain('approval_returned');

    // Back to draft: saving the returned minutes asks again; this time the manager approves in the inbox.
    const resubmitted = expectStatus(
      await c.asRep({
        method: 'PATCH',
        url: `${url}/${m.id}`,
        payload: { version: signed.version, otherTerms: 'Three-year term' },
      }),
      200,
    ).json<NegotiationMinutes>();
    expect(resubmitted).toMatchObject({ floorApproval: 'pending', floorComment: '', signedByName: '王总' });
    expect(resubmitted.floorRequest?.id).not.toBe(request?.id);
    const second = (await inboxOf(c.manager.session)).find((i) => i.subjectId === m.id);
    expectStatus(
      await c.asManager({
        method: 'POST',
        url: `/api/v1/approvals/${second?.id}/approve`,
        payload: { version: second?.version },
      }),
      200,
    );
    expect(await minutesOf(c, m.id)).toMatchObject({ floorApproval: 'approved', countsAsSigned: true });
    expect((await facts(c)).signedMinutes).toBe(1);

    // A new price above the floor clears the approval.
    const repriced = expectStatus(
      await c.asRep({
        method: 'PATCH',
        url: `${url}/${m.id}`,
        payload: { version: (await minutesOf(c, m.id)).version, finalPriceMinor: 45_500_00 },
      }),
      200,
    ).json<NegotiationMinutes>();
    expect(repriced).toMatchObject({ floorApproval: 'not_needed', floorApprovedBy: null, floorComment: '' });
  });

  it('a withdrawn request leaves the minutes withdrawn, not returned; a new price or deleting them withdraws an open request', async () => {
    const c = await company();
    const url = `/api/v1/deals/${c.dealId}/minutes`;
    const m = expectStatus(
      await c.asRep({ method: 'POST', url, payload: { ...AGREED, finalPriceMinor: 40_000_00 } }),
      201,
    ).json<NegotiationMinutes>();
    const request = (await inboxOf(c.manager.session)).find((i) => i.subjectId === m.id);
    expectStatus(
      await c.asRep({
        method: 'POST',
        url: `/api/v1/approvals/${request?.id}/cancel`,
        payload: { version: request?.version },
      }),
      200,
    );
    const withdrawn = await minutesOf(c, m.id);
    expect(withdrawn).toMatchObject({ floorApproval: 'withdrawn', floorApprovedBy: null, floorComment: '' });
    const actions = (await auditOf(c, 'negotiation_minutes', m.id)).map((a) => a.action);
    expect(actions).toContain('floor_withdraw');
    expect(actions).not.toContain('floor_reject');
    expect((await notificationsOf(c.rep.session)).map((n) => n.kind)).not.toContain('approval_returned');

    // Asked again, then re-priced (still below the floor): the first open request is withdrawn, a new one opens.
    const asked = expectStatus(
      await c.asRep({ method: 'PATCH', url: `${url}/${m.id}`, payload: { version: withdrawn.version } }),
      200,
    ).json<NegotiationMinutes>();
    expect(asked.floorApproval).toBe('pending');
    const repriced = expectStatus(
      await c.asRep({
        method: 'PATCH',
        url: `${url}/${m.id}`,
        payload: { version: asked.version, finalPriceMinor: 41_000_00 },
      }),
      200,
    ).json<NegotiationMinutes>();
    expect(repriced.floorApproval).toBe('pending');
    const open = (await inboxOf(c.manager.session)).filter((i) => i.subjectId === m.id);
    expect(open.map((i) => i.id)).toEqual([repriced.floorRequest?.id]);
    expect(open[0]?.amountMinor).toBe(41_000_00);

    expectStatus(await c.asRep({ method: 'DELETE', url: `${url}/${m.id}` }), 204);
    expect((await inboxOf(c.manager.session)).some((i) => i.subjectId === m.id)).toBe(false);
  });

  it('minutes left pending without a request (written before the matrix decided, or seeded) ask again when saved', async () => {
    const c = await company();
    const url = `/api/v1/deals/${c.dealId}/minutes`;
    const m = expectStatus(
      await c.asRep({ method: 'POST', url, payload: { ...AGREED, finalPriceMinor: 40_000_00 } }),
      201,
    ).json<NegotiationMinutes>();
    // As an older release left them: pending, but no request in anyone's inbox.
    await withTenant(t.platform.db, c.tenantId, (tx) =>
      tx
        .delete(approvalRequests)
        .where(and(eq(approvalRequests.tenantId, c.tenantId), eq(approvalRequests.subjectId, m.id))),
    );
    const stranded = await minutesOf(c, m.id);
    expect(stranded).toMatchObject({ floorApproval: 'pending', floorRequest: null });
    const saved = expectStatus(
      await c.asRep({ method: 'PATCH', url: `${url}/${m.id}`, payload: { version: stranded.version } }),
      200,
    ).json<NegotiationMinutes>();
    expect(saved).toMatchObject({
      floorApproval: 'pending',
      floorRequest: { status: 'pending', waitingFor: 'manager' },
    });
    expect((await inboxOf(c.manager.session)).some((i) => i.subjectId === m.id)).toBe(true);
  });

  it('no agreement needs the next meeting and a strategy, and tells the owner’s team lead', async () => {
    const c = await company();
    const url = `/api/v1/deals/${c.dealId}/minutes`;
    const base = { heldOn: '2031-03-01', result: 'no_agreement' };
    const missing = await c.asRep({ method: 'POST', url, payload: base });
    expect(
      expectStatus(missing, 400)
        .json<Problem>()
        .errors?.map((e) => [e.path, e.code]),
    ).toEqual([
      ['nextMeetingOn', 'required'],
      ['strategyNote', 'required'],
    ]);
    const m = expectStatus(
      await c.asRep({
        method: 'POST',
        url,
        payload: {
          ...base,
          nextMeetingOn: '2031-03-10',
          strategyNote: 'Bring the CFO; offer phased payment',
        },
      }),
      201,
    ).json<NegotiationMinutes>();
    expect(m).toMatchObject({ result: 'no_agreement', floorApproval: 'not_needed', countsAsSigned: false });
    const told = (await notificationsOf(c.manager.session)).filter(
      (n) => n.kind === 'negotiation_no_agreement',
    );
    expect(told).toHaveLength(1);
    expect(told[0]?.params).toMatchObject({
      deal: 'CRM rollout',
      owner: 'Rep Rao',
      nextMeetingOn: '2031-03-10',
    });
    expect(told[0]?.entityId).toBe(c.dealId);
    for (const s of [c.director.session, c.otherManager.session, c.rep.session]) {
      expect((await notificationsOf(s)).some((n) => n.kind === 'negotiation_no_agreement')).toBe(false);
    }
    const signOff = await c.asRep({
      method: 'POST',
      url: `${url}/${m.id}/sign-off`,
      payload: { signedByName: '王总', signedOn: '2031-03-02' },
    });
    expect(expectStatus(signOff, 409).json<Problem>().code).toBe('minutes_not_agreed');
    // A closed deal keeps its negotiation as it was.
    const setStatus = (status: string) =>
      withTenant(t.platform.db, c.tenantId, (tx) =>
        tx
          .update(deals)
          .set({ status })
          .where(and(eq(deals.tenantId, c.tenantId), eq(deals.id, c.dealId))),
      );
    await setStatus('lost');
    const closed = await c.asRep({ method: 'POST', url, payload: { ...AGREED, finalPriceMinor: 50_000_00 } });
    expect(expectStatus(closed, 409).json<Problem>().code).toBe('deal_closed');
    const closedObjection = await c.asRep({
      method: 'POST',
      url: `/api/v1/deals/${c.dealId}/objections`,
      payload: { type: 'price', description: 'Late' },
    });
    expect(expectStatus(closedObjection, 409).json<Problem>().code).toBe('deal_closed');
    await setStatus('open');
    const list = expectStatus(await c.asManager({ method: 'GET', url }), 200).json<{
      items: NegotiationMinutes[];
    }>();
    expect(list.items.map((i) => i.id)).toEqual([m.id]);
    expectStatus(await c.asOutsider({ method: 'GET', url }), 404);
    expectStatus(await c.asRep({ method: 'DELETE', url: `${url}/${m.id}` }), 204);
    expect(
      expectStatus(await c.asRep({ method: 'GET', url }), 200).json<{ items: unknown[] }>().items,
    ).toEqual([]);
  });
});
