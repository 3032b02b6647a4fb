import type { Approval, ApprovalSettings, ApprovalSummary } from '@contracts/approvals.contract';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { addUser, as, movableClock, newTenant, type Session, useTestApp } from '../../../test/helper';
import type { Actor } from '../../platform/audit';
import { withTenant } from '../../platform/db/tenancy';
import { notifications } from '../notifications/notifications.tables';
import {
  type ApprovalDecision,
  approvalStateOf,
  cancelApprovals,
  registerApprovalSubject,
  requestApproval,
  sweepApprovals,
} from './index';

/**
 * Requests through the exported functions (as quotes opens them), decisions and the inbox through HTTP. A test
 * subject records what its `decided` hook hears.
 */

const clock = movableClock();
const t = await useTestApp({}, { clock });
const HOUR = 3_600_000;
const SUBJECT = 'test_subject';
const decisions: ApprovalDecision[] = [];
registerApprovalSubject(SUBJECT, {
  async decided(_tx, decision) {
    decisions.push(decision);
  },
  link: (id) => `/test/${id}`,
});

type User = { session: Session; userId: string };
let admin: Session;
let tenantId: string;
let manager: User;
let director: User;
let rep: User;
let colleague: User;
let loner: User;

const actorOf = (userId: string): Actor => ({ tenantId, userId, kind: 'user', requestId: null, ip: null });

async function open(
  by: User,
  role: 'rep' | 'manager',
  discountBp: number,
  extra: { subjectId?: string; subjectVersion?: number; marginBp?: number | null } = {},
) {
  const subjectId = extra.subjectId ?? crypto.randomUUID();
  const subjectVersion = extra.subjectVersion ?? 1;
  const request = await withTenant(t.platform.db, tenantId, (tx) =>
    requestApproval(
      tx,
      { actor: actorOf(by.userId), role },
      {
        subjectType: SUBJECT,
        subjectId,
        subjectVersion,
        title: `Quote for ${discountBp}`,
        facts: { number: 'BJ-2026-0001' },
        discountBp,
        marginBp: extra.marginBp ?? null,
        amountMinor: 1_000_000,
        currency: 'CNY',
        categories: [],
        reason: 'Strategic customer',
        now: t.platform.clock.now(),
      },
    ),
  );
  return { id: request.id, subjectId, subjectVersion };
}

const read = async (who: Session, id: string) =>
  as(t, who)({ method: 'GET', url: `/api/v1/approvals/${id}` });
const decide = (who: Session, id: string, action: 'approve' | 'return' | 'cancel', payload: object) =>
  as(t, who)({ method: 'POST', url: `/api/v1/approvals/${id}/${action}`, payload });
const versionOf = async (id: string) => (await read(admin, id)).json<Approval>().version;
const stateOf = (subjectId: string, v = 1) =>
  withTenant(t.platform.db, tenantId, (tx) => approvalStateOf(tx, tenantId, SUBJECT, subjectId, v));
const notified = async (userId: string, kind: string) =>
  withTenant(t.platform.db, tenantId, (tx) =>
    tx
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.tenantId, tenantId),
          eq(notifications.userId, userId),
          eq(notifications.kind, kind),
        ),
      ),
  );

beforeAll(async () => {
  admin = await newTenant(t);
  tenantId = admin.me.tenant.id;
  manager = await addUser(t, admin, 'manager', 'Mia Manager');
  director = await addUser(t, admin, 'director', 'Dan Director');
  rep = await addUser(t, admin, 'rep', 'Ray Rep');
  colleague = await addUser(t, admin, 'rep', 'Cole Colleague');
  loner = await addUser(t, admin, 'rep', 'Lone Rep');
  const team = await as(
    t,
    admin,
  )({ method: 'POST', url: '/api/v1/teams', payload: { name: 'East', region: 'East' } });
  expect(team.statusCode).toBe(201);
  const members = await as(
    t,
    admin,
  )({
    method: 'PUT',
    url: `/api/v1/teams/${team.json<{ id: string }>().id}/members`,
    payload: {
      members: [
        { userId: manager.userId, isLead: true },
        { userId: rep.userId },
        { userId: colleague.userId },
      ],
    },
  });
  expect(members.statusCode).toBe(200);
});

describe('approval settings', () => {
  it('reads the defaults and lets only approvals.configure change them, versioned', async () => {
    const res = await as(t, rep.session)({ method: 'GET', url: '/api/v1/approval-settings' });
    expect(res.statusCode).toBe(200);
    const settings = res.json<ApprovalSettings>();
    expect(settings.version).toBe(0);
    expect(settings.rules.roleLimits).toEqual({ rep: 500, manager: 1500, director: 10_000, admin: 10_000 });
    expect(settings.rules.reminderHours).toBe(8);
    expect(settings.rules.escalateHours).toBe(24);

    const put = (who: Session, payload: object) =>
      as(t, who)({ method: 'PUT', url: '/api/v1/approval-settings', payload });
    expect((await put(rep.session, { rules: settings.rules, version: 0 })).statusCode).toBe(403);
    expect((await put(manager.session, { rules: settings.rules, version: 0 })).statusCode).toBe(403);
    const changed = await put(director.session, {
      rules: { ...settings.rules, marginFloorBp: 1000 },
      version: 0,
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json<ApprovalSettings>()).toMatchObject({ version: 1, rules: { marginFloorBp: 1000 } });
    expect((await put(admin, { rules: settings.rules, version: 0 })).statusCode).toBe(412);
    const bad = await put(admin, { rules: { ...settings.rules, reminderHours: 0 }, version: 1 });
    expect(bad.statusCode).toBe(400);
    // Back to the defaults for the rest of the file.
    expect((await put(admin, { rules: settings.rules, version: 1 })).statusCode).toBe(200);
  });
});

describe('requesting approval', () => {
  it('refuses a request within authority and a second open request for the same version', async () => {
    await expect(open(rep, 'rep', 500)).rejects.toMatchObject({ code: 'approval_not_required' });
    const first = await open(rep, 'rep', 600);
    await expect(open(rep, 'rep', 700, { subjectId: first.subjectId })).rejects.toMatchObject({
      code: 'approval_pending',
    });
    // Another version of the same subject is another request.
    await open(rep, 'rep', 700, { subjectId: first.subjectId, subjectVersion: 2 });
  });

  it('derives the steps from the matrix and notifies the first level only', async () => {
    const { id, subjectId } = await open(rep, 'rep', 1600);
    const res = await read(rep.session, id);
    expect(res.statusCode).toBe(200);
    const approval = res.json<Approval>();
    expect(approval).toMatchObject({
      status: 'pending',
      currentStep: 1,
      waitingFor: 'manager',
      subjectLink: `/test/${subjectId}`,
      discountBp: 1600,
      requestedBy: { id: rep.userId, name: 'Ray Rep' },
      can: { approve: false, return: false, cancel: true },
    });
    expect(approval.facts).toMatchObject({
      number: 'BJ-2026-0001',
      reasons: ['approvals.reasons.discount_over_limit'],
    });
    expect(approval.steps.map((s) => [s.approverRole, s.status, s.approvers.map((a) => a.id)])).toEqual([
      ['manager', 'pending', [manager.userId]],
      ['director', 'waiting', [director.userId]],
    ]);
    expect((await notified(manager.userId, 'approval_requested')).some((n) => n.entityId === id)).toBe(true);
    expect((await notified(director.userId, 'approval_requested')).some((n) => n.entityId === id)).toBe(
      false,
    );
    expect(await stateOf(subjectId)).toBe('pending');
  });

  it('falls through a level with nobody to the next', async () => {
    const { id } = await open(loner, 'rep', 600);
    const approval = (await read(loner.session, id)).json<Approval>();
    expect(approval.steps.map((s) => [s.approverRole, s.status])).toEqual([
      ['manager', 'skipped'],
      ['director', 'pending'],
    ]);
    expect(approval.currentStep).toBe(2);
  });
});

describe('deciding', () => {
  it('enforces who decides and in which order, then approves and tells the subject', async () => {
    const { id, subjectId } = await open(rep, 'rep', 1600);
    let version = await versionOf(id);
    // The requester, even a manager-level one, never decides their own request.
    expect((await decide(rep.session, id, 'approve', { version })).json()).toMatchObject({
      code: 'own_approval',
    });
    expect((await decide(rep.session, id, 'approve', { version })).statusCode).toBe(403);
    // A colleague who is not on the request does not even see it.
    expect((await decide(colleague.session, id, 'approve', { version })).statusCode).toBe(404);
    expect((await read(colleague.session, id)).statusCode).toBe(404);
    // The director's step is not current yet; an admin without a step is not an approver.
    const early = await decide(director.session, id, 'approve', { version });
    expect(early.statusCode).toBe(403);
    expect(early.json()).toMatchObject({ code: 'not_your_approval_step' });
    expect((await decide(admin, id, 'approve', { version })).statusCode).toBe(403);
    expect((await decide(manager.session, id, 'approve', {})).statusCode).toBe(428);
    expect((await decide(manager.session, id, 'approve', { version: version + 5 })).statusCode).toBe(412);

    const step1 = await decide(manager.session, id, 'approve', { version, comment: 'ok from me' });
    expect(step1.statusCode).toBe(200);
    expect(step1.json<Approval>()).toMatchObject({
      status: 'pending',
      currentStep: 2,
      waitingFor: 'director',
    });
    expect(decisions.some((d) => d.subjectId === subjectId)).toBe(false);
    expect((await notified(director.userId, 'approval_requested')).some((n) => n.entityId === id)).toBe(true);
    version = step1.json<Approval>().version;
    // The manager's turn is over.
    expect((await decide(manager.session, id, 'approve', { version })).statusCode).toBe(403);

    const inbox = await as(t, director.session)({ method: 'GET', url: '/api/v1/approvals?box=inbox' });
    expect(inbox.json<{ items: ApprovalSummary[] }>().items.map((i) => i.id)).toContain(id);
    const count = await as(t, director.session)({ method: 'GET', url: '/api/v1/approvals/inbox-count' });
    expect(count.json<{ count: number }>().count).toBeGreaterThanOrEqual(1);

    const step2 = await decide(director.session, id, 'approve', { version, comment: 'fine' });
    expect(step2.statusCode).toBe(200);
    const done = step2.json<Approval>();
    expect(done.status).toBe('approved');
    expect(done.steps.map((s) => [s.status, s.decidedBy?.id, s.comment])).toEqual([
      ['approved', manager.userId, 'ok from me'],
      ['approved', director.userId, 'fine'],
    ]);
    expect(decisions.filter((d) => d.subjectId === subjectId)).toEqual([
      expect.objectContaining({ outcome: 'approved', subjectVersion: 1, comment: 'fine', tenantId }),
    ]);
    expect(await stateOf(subjectId)).toBe('approved');
    expect((await notified(rep.userId, 'approval_approved')).some((n) => n.entityId === id)).toBe(true);

    // A replay of the last approval is refused, with the old or the new version.
    expect((await decide(director.session, id, 'approve', { version })).statusCode).toBe(412);
    const replay = await decide(director.session, id, 'approve', { version: done.version });
    expect(replay.statusCode).toBe(409);
    expect(replay.json()).toMatchObject({ code: 'approval_decided' });
    expect(decisions.filter((d) => d.subjectId === subjectId)).toHaveLength(1);
  });

  it('ends the request on a return, which needs a comment', async () => {
    const { id, subjectId } = await open(rep, 'rep', 1600);
    const version = await versionOf(id);
    const noComment = await decide(manager.session, id, 'return', { version, comment: ' ' });
    expect(noComment.statusCode).toBe(400);
    const res = await decide(manager.session, id, 'return', { version, comment: 'Too deep for this deal' });
    expect(res.statusCode).toBe(200);
    expect(res.json<Approval>().steps.map((s) => s.status)).toEqual(['returned', 'cancelled']);
    expect(await stateOf(subjectId)).toBe('returned');
    expect(decisions.filter((d) => d.subjectId === subjectId)).toEqual([
      expect.objectContaining({ outcome: 'returned', comment: 'Too deep for this deal' }),
    ]);
    const later = await decide(director.session, id, 'approve', { version: version + 1 });
    expect(later.statusCode).toBe(409);
    // A new request about the same version may follow.
    await open(rep, 'rep', 1600, { subjectId });
    expect(await stateOf(subjectId)).toBe('pending');
  });

  it('lets only the requester withdraw, and the exported cancel withdraws every version', async () => {
    const { id, subjectId } = await open(rep, 'rep', 600);
    const version = await versionOf(id);
    expect((await decide(manager.session, id, 'cancel', { version })).statusCode).toBe(403);
    const res = await decide(rep.session, id, 'cancel', { version });
    expect(res.statusCode).toBe(200);
    expect(res.json<Approval>().status).toBe('cancelled');
    expect(await stateOf(subjectId)).toBe('none');
    // Nobody judged it: the subject hears "withdrawn", never "returned".
    expect(decisions.filter((d) => d.subjectId === subjectId)).toEqual([
      expect.objectContaining({ outcome: 'withdrawn', comment: null }),
    ]);

    const a = await open(rep, 'rep', 600);
    await open(rep, 'rep', 600, { subjectId: a.subjectId, subjectVersion: 2 });
    const cancelled = await withTenant(t.platform.db, tenantId, (tx) =>
      cancelApprovals(tx, tenantId, SUBJECT, a.subjectId, t.platform.clock.now()),
    );
    expect(cancelled).toBe(2);
    expect(await stateOf(a.subjectId, 1)).toBe('none');
    expect(await stateOf(a.subjectId, 2)).toBe('none');
  });
});

describe('lists and visibility', () => {
  it('shows my requests, my inbox, and everything only to approvals.configure', async () => {
    const { id } = await open(colleague, 'rep', 600);
    const mine = await as(t, colleague.session)({ method: 'GET', url: '/api/v1/approvals?box=mine' });
    expect(mine.json<{ items: ApprovalSummary[] }>().items.map((i) => i.id)).toEqual([id]);
    const repInbox = await as(t, rep.session)({ method: 'GET', url: '/api/v1/approvals?box=inbox' });
    expect(repInbox.json<{ items: ApprovalSummary[] }>().items).toEqual([]);
    expect((await as(t, rep.session)({ method: 'GET', url: '/api/v1/approvals?box=all' })).statusCode).toBe(
      403,
    );
    const all = await as(
      t,
      admin,
    )({ method: 'GET', url: '/api/v1/approvals?box=all&status=pending&limit=2' });
    expect(all.statusCode).toBe(200);
    const page = all.json<{ items: ApprovalSummary[]; nextCursor: string | null }>();
    expect(page.items).toHaveLength(2);
    expect(page.items.every((i) => i.status === 'pending')).toBe(true);
    expect(page.nextCursor).not.toBeNull();
    const next = await as(
      t,
      admin,
    )({
      method: 'GET',
      url: `/api/v1/approvals?box=all&status=pending&limit=2&cursor=${page.nextCursor}`,
    });
    expect(next.json<{ items: ApprovalSummary[] }>().items[0]?.id).not.toBe(page.items[0]?.id);
    expect((await read(admin, id)).statusCode).toBe(200);
    expect((await read(rep.session, id)).statusCode).toBe(404);
  });

  it('hides requests of another company', async () => {
    const { id } = await open(rep, 'rep', 600);
    const other = await newTenant(t);
    expect((await read(other, id)).statusCode).toBe(404);
    expect((await decide(other, id, 'approve', { version: 1 })).statusCode).toBe(404);
  });
});

describe('business time', () => {
  it('opens, decides and withdraws requests at the platform clock, not the machine clock', async () => {
    // Ten days back: far enough from the machine clock that a stray new Date() shows.
    const at = new Date(Date.now() - 240 * HOUR);
    clock.set(at);
    const { id, subjectId } = await open(rep, 'rep', 600);
    let approval = (await read(admin, id)).json<Approval>();
    expect(approval.createdAt).toBe(at.toISOString());
    expect(approval.steps[0]?.startedAt).toBe(at.toISOString());
    clock.advance(HOUR);
    const res = await decide(manager.session, id, 'approve', { version: approval.version });
    expect(res.json<Approval>().decidedAt).toBe(new Date(at.getTime() + HOUR).toISOString());
    expect(decisions.find((d) => d.subjectId === subjectId)?.at.toISOString()).toBe(
      new Date(at.getTime() + HOUR).toISOString(),
    );

    const other = await open(rep, 'rep', 600);
    clock.advance(HOUR);
    await withTenant(t.platform.db, tenantId, (tx) =>
      cancelApprovals(tx, tenantId, SUBJECT, other.subjectId, clock.now()),
    );
    approval = (await read(admin, other.id)).json<Approval>();
    expect(approval.decidedAt).toBe(new Date(at.getTime() + 2 * HOUR).toISOString());
  });
});

describe('reminders and escalation', () => {
  it('reminds once after reminderHours and brings in the next level after escalateHours', async () => {
    clock.set(new Date());
    const { id } = await open(rep, 'rep', 600);
    const sweep = () => sweepApprovals(t.platform, tenantId, clock.now());
    const reminders = async () =>
      (await notified(manager.userId, 'approval_reminder')).filter((n) => n.entityId === id).length;

    clock.advance(7 * HOUR);
    await sweep();
    expect(await reminders()).toBe(0);

    clock.advance(2 * HOUR);
    await sweep();
    expect(await reminders()).toBe(1);
    await sweep();
    expect(await reminders()).toBe(1);
    let approval = (await read(admin, id)).json<Approval>();
    expect(approval.steps[0]?.remindedAt).not.toBeNull();
    expect(approval.steps[0]?.escalatedAt).toBeNull();
    // The director is not on the step yet.
    expect((await decide(director.session, id, 'approve', { version: approval.version })).statusCode).toBe(
      403,
    );

    clock.advance(16 * HOUR);
    await sweep();
    approval = (await read(admin, id)).json<Approval>();
    expect(approval.steps[0]?.escalatedAt).not.toBeNull();
    expect(approval.steps[0]?.approvers.map((a) => a.id)).toEqual([manager.userId, director.userId]);
    expect((await notified(director.userId, 'approval_escalated')).some((n) => n.entityId === id)).toBe(true);
    await sweep();
    expect(
      (await notified(director.userId, 'approval_escalated')).filter((n) => n.entityId === id),
    ).toHaveLength(1);

    // Escalated: the director may decide the step now.
    const res = await decide(director.session, id, 'approve', { version: approval.version });
    expect(res.statusCode).toBe(200);
    expect(res.json<Approval>().status).toBe('approved');
  });
});
