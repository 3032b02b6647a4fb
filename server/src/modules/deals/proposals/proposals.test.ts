import type { MaterialDetail } from '@contracts/deal-materials.contract';
import type {
  ComparedVersion,
  Proposal,
  ProposalLine,
  ProposalSummary,
} from '@contracts/deal-proposals.contract';
import type { Notification } from '@contracts/notifications.contract';
import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { addUser, as, multipartFile, newTenant, type Session, useTestApp } from '../../../../test/helper';
import { systemActor } from '../../../platform/audit';
import { withTenant } from '../../../platform/db/tenancy';
import { activities } from '../../activities/activities.tables';
import { dealNeedItems } from '../deal-needs.tables';
import { closeDeal, createDeal } from '../deals.service';

const t = await useTestApp();

async function company() {
  const admin = await newTenant(t);
  const call = as(t, admin);
  const manager = await addUser(t, admin, 'manager', 'Mia Manager');
  const rep = await addUser(t, admin, 'rep', 'Ray Rep');
  const otherRep = await addUser(t, admin, 'rep', 'Olga Other');
  const team = (
    await call({ method: 'POST', url: '/api/v1/teams', payload: { name: 'East', region: '华东' } })
  ).json<{ id: string }>();
  await call({
    method: 'PUT',
    url: `/api/v1/teams/${team.id}/members`,
    payload: { members: [{ userId: manager.userId, isLead: true }, { userId: rep.userId }] },
  });
  const customer = (
    await call({ method: 'POST', url: '/api/v1/customers', payload: { name: 'Acme', ownerId: rep.userId } })
  ).json<{ id: string }>();
  const tenantId = admin.me.tenant.id;
  const deal = await withTenant(t.platform.db, tenantId, (tx) =>
    createDeal(tx, systemActor(tenantId), {
      name: 'Acme CRM rollout',
      customerId: customer.id,
      contactId: null,
      amountMinor: 5_000_000,
      currency: 'CNY',
      expectedCloseOn: null,
      source: null,
      campaignId: null,
      ownerId: rep.userId,
      teamId: team.id,
    }),
  );
  return { admin, call, tenantId, manager, rep, otherRep, team, dealId: deal.id };
}
type Company = Awaited<ReturnType<typeof company>>;

async function painPoints(c: Company, descriptions: string[]): Promise<string[]> {
  return withTenant(t.platform.db, c.tenantId, async (tx) => {
    const ids: string[] = [];
    for (const [position, description] of descriptions.entries()) {
      const id = uuidv7();
      await tx.insert(dealNeedItems).values({
        tenantId: c.tenantId,
        id,
        dealId: c.dealId,
        kind: 'pain_point',
        description,
        priority: 'core',
        position,
      });
      ids.push(id);
    }
    return ids;
  });
}

/** A line as the client sends it back: the total is the server's to compute. */
function lineInput(line: ProposalLine | undefined) {
  if (!line) throw new Error('no line');
  const { totalMinor: _total, ...input } = line;
  return input;
}

const base = (c: Company) => `/api/v1/deals/${c.dealId}/proposals`;

async function create(c: Company, s: Session, payload: Record<string, unknown> = {}): Promise<Proposal> {
  const res = await as(t, s)({ method: 'POST', url: base(c), payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Proposal>();
}

async function inbox(s: Session, kind: string) {
  const res = await as(t, s)({ method: 'GET', url: '/api/v1/notifications' });
  return res.json<{ items: Notification[] }>().items.filter((n) => n.kind === kind);
}

describe('proposal versions', () => {
  it('computes line totals on the server, flags unanswered pain points and edits with the version read', async () => {
    const c = await company();
    const [slow, errors, silo] = await painPoints(c, [
      'Slow quoting',
      'Data entry errors',
      'Sales data silos',
    ]);
    const p = await create(c, c.rep.session, {
      title: 'CRM for Acme',
      lines: [
        { description: 'Licences', quantity: 25, unitPriceMinor: 120_000, discountPercent: 12.5 },
        { description: 'Training day', quantity: 1.5, unitPriceMinor: 333, discountPercent: 10 },
      ],
      milestones: [{ title: 'Kick-off', dueOn: '2026-12-01', owner: 'Ray' }],
      roi: { investmentMinor: 2_700_000, yearlyBenefitMinor: 1_200_000, yearlySavingMinor: 600_000 },
      answers: { [slow ?? '']: 'Quote templates cut quoting to minutes' },
    });
    expect(p).toMatchObject({ versionNo: 1, status: 'draft', currency: 'CNY', title: 'CRM for Acme' });
    // 25 × 1200.00 × 0.875 = 26250.00; 1.5 × 3.33 × 0.9 = 4.4955 → 4.50
    expect(p.lines.map((l) => l.totalMinor)).toEqual([2_625_000, 450]);
    expect(p.totalMinor).toBe(2_625_450);
    expect(p.roi).toMatchObject({ paybackMonths: 18, threeYearRoiPercent: 100 });
    expect(p.painPoints.map((x) => [x.needItemId, x.unanswered])).toEqual([
      [slow, false],
      [errors, true],
      [silo, true],
    ]);

    const stale = await c.call({
      method: 'PATCH',
      url: `${base(c)}/${p.id}`,
      payload: { version: p.version + 5, title: 'X' },
    });
    expect(stale.statusCode).toBe(412);
    const edited = await as(
      t,
      c.rep.session,
    )({
      method: 'PATCH',
      url: `${base(c)}/${p.id}`,
      payload: {
        version: p.version,
        answers: { [errors ?? '']: 'Validation rules on every field', [silo ?? '']: '  ' },
        lines: [{ ...lineInput(p.lines[0]), quantity: 30 }],
      },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const after = edited.json<Proposal>();
    expect(after.totalMinor).toBe(3_150_000);
    expect(after.lines[0]?.id).toBe(p.lines[0]?.id);
    expect(after.painPoints.filter((x) => x.unanswered).map((x) => x.needItemId)).toEqual([slow, silo]);

    const unknown = await as(
      t,
      c.rep.session,
    )({
      method: 'PATCH',
      url: `${base(c)}/${p.id}`,
      payload: { version: after.version, answers: { [uuidv7()]: 'Answers nothing of this deal' } },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<{ errors: { path: string }[] }>().errors[0]?.path).toMatch(/^answers\./);
    const badLine = await as(
      t,
      c.rep.session,
    )({
      method: 'PATCH',
      url: `${base(c)}/${p.id}`,
      payload: { version: after.version, lines: [{ description: 'X', quantity: 1, unitPriceMinor: 1.5 }] },
    });
    expect(badLine.statusCode).toBe(400);
    expect(badLine.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('lines.0.unitPriceMinor');
  });

  it('numbers new versions, copies one on request and supersedes the versions still being worked on', async () => {
    const c = await company();
    const [pain] = await painPoints(c, ['Slow quoting']);
    const v1 = await create(c, c.rep.session, {
      lines: [{ description: 'Licences', quantity: 10, unitPriceMinor: 100_000 }],
      answers: { [pain ?? '']: 'Templates' },
    });
    expect(v1.title).toBe('Acme CRM rollout V1');
    const v2 = await create(c, c.rep.session, { copyFrom: v1.id, title: 'Second take' });
    expect(v2).toMatchObject({ versionNo: 2, status: 'draft', title: 'Second take', totalMinor: 1_000_000 });
    expect(v2.lines.map((l) => l.id)).toEqual(v1.lines.map((l) => l.id));
    expect(v2.answers).toEqual(v1.answers);
    const list = (await c.call({ method: 'GET', url: base(c) })).json<{ items: ProposalSummary[] }>().items;
    expect(list.map((p) => [p.versionNo, p.status])).toEqual([
      [2, 'draft'],
      [1, 'superseded'],
    ]);
    const locked = await as(
      t,
      c.rep.session,
    )({ method: 'PATCH', url: `${base(c)}/${v1.id}`, payload: { version: 2, title: 'Late edit' } });
    expect(locked.statusCode).toBe(409);
    expect(locked.json<{ code: string }>().code).toBe('proposal_locked');
    const missing = await as(
      t,
      c.rep.session,
    )({ method: 'POST', url: base(c), payload: { copyFrom: uuidv7() } });
    expect(missing.statusCode).toBe(400);
    // Another rep does not see the deal at all.
    const hidden = await as(t, c.otherRep.session)({ method: 'GET', url: base(c) });
    expect(hidden.statusCode).toBe(404);
  });
});

describe('proposal review', () => {
  it("goes to the owner's team manager, who is notified; reps and authors cannot approve", async () => {
    const c = await company();
    const p = await create(c, c.rep.session, {
      lines: [{ description: 'A', quantity: 1, unitPriceMinor: 100 }],
    });
    const reviewers = await as(
      t,
      c.rep.session,
    )({ method: 'GET', url: `/api/v1/deals/${c.dealId}/proposal-reviewers` });
    const items = reviewers.json<{ items: { id: string; suggested: boolean }[] }>().items;
    expect(items[0]).toMatchObject({ id: c.manager.userId, suggested: true });
    expect(items.map((r) => r.id)).toContain(c.admin.me.user.id);

    const early = await c.call({
      method: 'POST',
      url: `${base(c)}/${p.id}/present`,
      payload: {},
    });
    expect(early.statusCode).toBe(409);
    expect(early.json<{ code: string }>().code).toBe('proposal_not_approved');

    const submitted = await as(
      t,
      c.rep.session,
    )({ method: 'POST', url: `${base(c)}/${p.id}/submit`, payload: {} });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json<Proposal>()).toMatchObject({ status: 'in_review', reviewerId: c.manager.userId });
    const asked = await inbox(c.manager.session, 'proposal_review_requested');
    expect(asked).toHaveLength(1);
    expect(asked[0]?.params).toMatchObject({ deal: 'Acme CRM rollout', versionNo: 1, author: 'Ray Rep' });

    const byRep = await as(
      t,
      c.rep.session,
    )({ method: 'POST', url: `${base(c)}/${p.id}/review`, payload: { decision: 'approved' } });
    expect(byRep.statusCode).toBe(403);
    const noComment = await as(
      t,
      c.manager.session,
    )({ method: 'POST', url: `${base(c)}/${p.id}/review`, payload: { decision: 'returned' } });
    expect(noComment.statusCode).toBe(400);
    const returned = await as(
      t,
      c.manager.session,
    )({
      method: 'POST',
      url: `${base(c)}/${p.id}/review`,
      payload: { decision: 'returned', comment: 'Price the training separately' },
    });
    expect(returned.statusCode, returned.body).toBe(200);
    const back = returned.json<Proposal>();
    expect(back.status).toBe('returned');
    expect(back.reviews).toMatchObject([
      { decision: 'returned', comment: 'Price the training separately', reviewerName: 'Mia Manager' },
    ]);
    expect(await inbox(c.rep.session, 'proposal_returned')).toHaveLength(1);
    const notInReview = await as(
      t,
      c.manager.session,
    )({ method: 'POST', url: `${base(c)}/${p.id}/review`, payload: { decision: 'approved' } });
    expect(notInReview.json<{ code: string }>().code).toBe('proposal_not_in_review');

    // Returned versions can be edited and submitted again, this time to a reviewer the rep picks.
    const fixed = await as(
      t,
      c.rep.session,
    )({
      method: 'PATCH',
      url: `${base(c)}/${p.id}`,
      payload: { version: back.version, pricingNote: 'Training: 2 days' },
    });
    expect(fixed.statusCode).toBe(200);
    const notApprover = await as(
      t,
      c.rep.session,
    )({ method: 'POST', url: `${base(c)}/${p.id}/submit`, payload: { reviewerId: c.otherRep.userId } });
    expect(notApprover.statusCode).toBe(400);
    const again = await as(
      t,
      c.rep.session,
    )({ method: 'POST', url: `${base(c)}/${p.id}/submit`, payload: { reviewerId: c.admin.me.user.id } });
    expect(again.json<Proposal>()).toMatchObject({ status: 'in_review', reviewerId: c.admin.me.user.id });
    const approved = await c.call({
      method: 'POST',
      url: `${base(c)}/${p.id}/review`,
      payload: { decision: 'approved', comment: 'Good to go' },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json<Proposal>()).toMatchObject({
      status: 'approved',
      can: { present: true, edit: false },
    });
    expect(await inbox(c.rep.session, 'proposal_approved')).toHaveLength(1);

    const audit = await c.call({ method: 'GET', url: `/api/v1/audit-log?entity=proposal&entityId=${p.id}` });
    expect(
      audit
        .json<{ items: { action: string }[] }>()
        .items.map((i) => i.action)
        .sort(),
    ).toEqual(['approve', 'create', 'return', 'submit', 'submit', 'update']);
  });

  it('refuses self-approval: a manager cannot approve a version they wrote', async () => {
    const c = await company();
    const p = await create(c, c.manager.session, { lines: [] });
    const submitted = await as(
      t,
      c.manager.session,
    )({ method: 'POST', url: `${base(c)}/${p.id}/submit`, payload: {} });
    expect(submitted.statusCode, submitted.body).toBe(200);
    // The author is never their own reviewer: the next approver is chosen.
    expect(submitted.json<Proposal>().reviewerId).toBe(c.admin.me.user.id);
    const self = await as(
      t,
      c.manager.session,
    )({ method: 'POST', url: `${base(c)}/${p.id}/review`, payload: { decision: 'approved' } });
    expect(self.statusCode).toBe(403);
    expect(self.json<{ code: string }>().code).toBe('own_proposal_review');
    const named = await as(
      t,
      c.manager.session,
    )({ method: 'POST', url: `${base(c)}/${p.id}/submit`, payload: { reviewerId: c.manager.userId } });
    expect(named.statusCode).toBe(409);
  });

  it('refuses to submit when nobody but the author could review', async () => {
    const c = await company();
    // The admin authors; the team's manager is the only other approver, and leaves.
    const left = await c.call({ method: 'POST', url: `/api/v1/users/${c.manager.userId}/deactivate` });
    expect(left.statusCode, left.body).toBe(200);
    const p = await create(c, c.admin);
    const res = await c.call({ method: 'POST', url: `${base(c)}/${p.id}/submit`, payload: {} });
    expect(res.statusCode).toBe(409);
    expect(res.json<{ code: string }>().code).toBe('no_proposal_reviewer');
  });

  it('presents only an approved version and logs the presentation meeting on the deal', async () => {
    const c = await company();
    const p = await create(c, c.rep.session);
    await as(t, c.rep.session)({ method: 'POST', url: `${base(c)}/${p.id}/submit`, payload: {} });
    await as(
      t,
      c.manager.session,
    )({ method: 'POST', url: `${base(c)}/${p.id}/review`, payload: { decision: 'approved' } });
    const presented = await as(
      t,
      c.rep.session,
    )({
      method: 'POST',
      url: `${base(c)}/${p.id}/present`,
      payload: {
        meeting: { occurredAt: '2026-11-20T06:00:00.000Z', location: 'Acme HQ', notes: 'Q&A on pricing' },
      },
    });
    expect(presented.statusCode, presented.body).toBe(200);
    const shown = presented.json<Proposal>();
    expect(shown.status).toBe('presented');
    expect(shown.presentationActivityId).not.toBeNull();
    const [meeting] = await withTenant(t.platform.db, c.tenantId, (tx) =>
      tx
        .select()
        .from(activities)
        .where(
          and(eq(activities.tenantId, c.tenantId), eq(activities.id, shown.presentationActivityId ?? '')),
        ),
    );
    expect(meeting).toMatchObject({
      kind: 'meeting',
      dealId: c.dealId,
      location: 'Acme HQ',
      ownerId: c.rep.userId,
    });
    const twice = await as(
      t,
      c.rep.session,
    )({ method: 'POST', url: `${base(c)}/${p.id}/present`, payload: {} });
    expect(twice.statusCode).toBe(409);
    // A presented version stays presented when a newer one is started; a default title follows the number.
    const next = await create(c, c.rep.session, { copyFrom: p.id });
    expect(next.title).toBe('Acme CRM rollout V2');
    const list = (await c.call({ method: 'GET', url: base(c) })).json<{ items: ProposalSummary[] }>().items;
    expect(list.map((x) => x.status)).toEqual(['draft', 'presented']);
    // A closed deal keeps its proposals as they were.
    await withTenant(t.platform.db, c.tenantId, (tx) =>
      closeDeal(tx, systemActor(c.tenantId), c.dealId, { status: 'lost', closedAt: new Date() }),
    );
    const closed = await as(t, c.rep.session)({ method: 'POST', url: base(c), payload: {} });
    expect(closed.statusCode).toBe(409);
    expect(closed.json<{ code: string }>().code).toBe('deal_closed');
    const frozen = await as(
      t,
      c.rep.session,
    )({ method: 'PATCH', url: `${base(c)}/${next.id}`, payload: { version: next.version, title: 'Late' } });
    expect(frozen.json<{ code: string }>().code).toBe('deal_closed');
  });
});

describe('feedback and comparison', () => {
  it('compares versions: totals, lines added, removed and changed, feedback and review comments', async () => {
    const c = await company();
    const v1 = await create(c, c.rep.session, {
      lines: [
        { description: 'Licences', quantity: 10, unitPriceMinor: 100_000 },
        { description: 'Support', quantity: 1, unitPriceMinor: 50_000 },
      ],
    });
    const feedback = await as(
      t,
      c.rep.session,
    )({
      method: 'POST',
      url: `${base(c)}/${v1.id}/feedback`,
      payload: { kind: 'change_request', body: 'Drop support, add data migration' },
    });
    expect(feedback.statusCode, feedback.body).toBe(201);
    const fb = feedback.json<{ id: string; status: string }>();
    expect(fb.status).toBe('open');
    const v2 = await create(c, c.rep.session, { copyFrom: v1.id });
    const licences = v2.lines[0];
    const edited = await as(
      t,
      c.rep.session,
    )({
      method: 'PATCH',
      url: `${base(c)}/${v2.id}`,
      payload: {
        version: v2.version,
        lines: [
          { ...lineInput(licences), discountPercent: 10 },
          { description: 'Data migration', quantity: 1, unitPriceMinor: 80_000 },
        ],
      },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const addressed = await as(
      t,
      c.rep.session,
    )({ method: 'PATCH', url: `${base(c)}/${v1.id}/feedback/${fb.id}`, payload: { status: 'addressed' } });
    expect(addressed.json<{ status: string }>().status).toBe('addressed');

    const res = await c.call({ method: 'GET', url: `${base(c)}/compare?ids=${v2.id},${v1.id}` });
    expect(res.statusCode, res.body).toBe(200);
    const [first, second] = res.json<{ items: ComparedVersion[] }>().items;
    expect(first).toMatchObject({ versionNo: 1, status: 'superseded', totalMinor: 1_050_000, changes: null });
    expect(first?.feedback).toMatchObject([{ kind: 'change_request', status: 'addressed' }]);
    expect(second).toMatchObject({
      versionNo: 2,
      status: 'draft',
      totalMinor: 980_000,
      totalChangeMinor: -70_000,
    });
    expect(second?.changes?.added.map((l) => l.description)).toEqual(['Data migration']);
    expect(second?.changes?.removed.map((l) => l.description)).toEqual(['Support']);
    expect(second?.changes?.changed).toMatchObject([{ fields: ['discountPercent'] }]);
    // Without ids the whole history is compared; ids of other records are simply not there.
    const all = await c.call({ method: 'GET', url: `${base(c)}/compare` });
    expect(all.json<{ items: unknown[] }>().items).toHaveLength(2);
    const bad = await c.call({ method: 'GET', url: `${base(c)}/compare?ids=nope` });
    expect(bad.statusCode).toBe(400);
  });
});

describe('materials library', () => {
  async function upload(s: Session, name: string, content: string): Promise<string> {
    const res = await as(t, s)({ method: 'POST', url: '/api/v1/files', ...multipartFile(name, content) });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  }

  it('keeps numbered versions with the latest first, filters by tag and search, attaches to proposals', async () => {
    const c = await company();
    const deckV1 = await upload(c.rep.session, 'deck-v1.pdf', 'deck one');
    const created = await as(
      t,
      c.rep.session,
    )({
      method: 'POST',
      url: '/api/v1/materials',
      payload: { title: 'Company deck', kind: 'deck', tags: ['intro', 'manufacturing'], fileId: deckV1 },
    });
    expect(created.statusCode, created.body).toBe(201);
    const deck = created.json<MaterialDetail>();
    expect(deck).toMatchObject({ latestVersionNo: 1, latestFile: { id: deckV1, name: 'deck-v1.pdf' } });
    await as(
      t,
      c.rep.session,
    )({
      method: 'POST',
      url: '/api/v1/materials',
      payload: { title: 'Case study: Beta Steel', kind: 'case_study', tags: ['case'], fileId: deckV1 },
    });
    const deckV2 = await upload(c.rep.session, 'deck-v2.pdf', 'deck two');
    const added = await as(
      t,
      c.rep.session,
    )({
      method: 'POST',
      url: `/api/v1/materials/${deck.id}/versions`,
      payload: { fileId: deckV2, note: 'Q4 prices' },
    });
    expect(added.statusCode, added.body).toBe(201);
    const detail = added.json<MaterialDetail>();
    expect(detail.latestVersionNo).toBe(2);
    expect(detail.versions.map((v) => [v.versionNo, v.file.name, v.note])).toEqual([
      [2, 'deck-v2.pdf', 'Q4 prices'],
      [1, 'deck-v1.pdf', ''],
    ]);

    const byTag = await c.call({ method: 'GET', url: '/api/v1/materials?tag=manufacturing' });
    expect(byTag.json<{ items: { id: string }[] }>().items.map((m) => m.id)).toEqual([deck.id]);
    const bySearch = await c.call({ method: 'GET', url: '/api/v1/materials?q=steel' });
    expect(bySearch.json<{ items: { title: string }[]; tags: string[] }>()).toMatchObject({
      items: [{ title: 'Case study: Beta Steel' }],
      tags: ['case', 'intro', 'manufacturing'],
    });
    const foreignFile = await as(
      t,
      c.rep.session,
    )({ method: 'POST', url: '/api/v1/materials', payload: { title: 'X', fileId: uuidv7() } });
    expect(foreignFile.statusCode).toBe(400);
    // Only the author or a configurer changes a material.
    const notMine = await as(
      t,
      c.otherRep.session,
    )({ method: 'POST', url: `/api/v1/materials/${deck.id}/versions`, payload: { fileId: deckV2 } });
    expect(notMine.statusCode).toBe(403);

    const p = await create(c, c.rep.session);
    const attached = await as(
      t,
      c.rep.session,
    )({ method: 'PUT', url: `${base(c)}/${p.id}/materials/${deck.id}` });
    expect(attached.statusCode, attached.body).toBe(200);
    expect(attached.json<{ items: { id: string }[] }>().items.map((m) => m.id)).toEqual([deck.id]);
    const copy = await create(c, c.rep.session, { copyFrom: p.id });
    expect(copy.materials.map((m) => m.latestVersionNo)).toEqual([2]);
    const detached = await as(
      t,
      c.rep.session,
    )({ method: 'DELETE', url: `${base(c)}/${copy.id}/materials/${deck.id}` });
    expect(detached.json<{ items: unknown[] }>().items).toEqual([]);

    const removed = await c.call({ method: 'DELETE', url: `/api/v1/materials/${deck.id}` });
    expect(removed.statusCode).toBe(204);
    expect((await c.call({ method: 'GET', url: `/api/v1/materials/${deck.id}` })).statusCode).toBe(404);
    const audit = await c.call({
      method: 'GET',
      url: `/api/v1/audit-log?entity=material&entityId=${deck.id}`,
    });
    expect(
      audit
        .json<{ items: { action: string }[] }>()
        .items.map((i) => i.action)
        .sort(),
    ).toEqual(['add_version', 'create', 'delete']);
  });
});
