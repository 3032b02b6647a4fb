import { LEAD_STATUSES } from '@contracts/leads.contract';
import { describe, expect, it } from 'vitest';
import {
  canSeeLead,
  canSetOwner,
  checkTransition,
  type LeadViewer,
  leadAbilities,
  leadScope,
} from './leads.policy';

const me = 'u-me';
const mate = 'u-mate';
const stranger = 'u-stranger';
const viewer = (role: LeadViewer['role'], teams: string[] = []): LeadViewer => ({
  userId: me,
  role,
  teamIds: teams,
  teammateIds: teams.length ? [me, mate] : [me],
});
const lead = (over: Partial<Parameters<typeof canSeeLead>[1]> = {}) => ({
  ownerId: stranger,
  teamId: null,
  sharedWith: [] as string[],
  status: 'new' as const,
  ...over,
});

describe('who sees a lead', () => {
  it('shows reps their own leads and those shared with them, nothing else', () => {
    const rep = viewer('rep', ['t1']);
    expect(leadScope(rep)).toEqual({ kind: 'own', userId: me });
    expect(canSeeLead(rep, lead({ ownerId: me }))).toBe(true);
    expect(canSeeLead(rep, lead({ sharedWith: [me] }))).toBe(true);
    expect(canSeeLead(rep, lead({ ownerId: mate, teamId: 't1' }))).toBe(false);
    expect(canSeeLead(rep, lead({ ownerId: null }))).toBe(false);
  });

  it("shows managers their teams' leads, by team or by owner, and unassigned ones", () => {
    const manager = viewer('manager', ['t1']);
    expect(canSeeLead(manager, lead({ teamId: 't1' }))).toBe(true);
    expect(canSeeLead(manager, lead({ ownerId: mate }))).toBe(true);
    expect(canSeeLead(manager, lead({ ownerId: null, teamId: null }))).toBe(true);
    expect(canSeeLead(manager, lead({ ownerId: stranger, teamId: 't2' }))).toBe(false);
    expect(canSeeLead(manager, lead({ ownerId: null, teamId: 't2' }))).toBe(false);
  });

  it('shows directors, admins and marketing every lead', () => {
    for (const role of ['director', 'admin', 'marketing'] as const) {
      expect(leadScope(viewer(role)).kind, role).toBe('all');
      expect(canSeeLead(viewer(role), lead()), role).toBe(true);
    }
  });

  it('keeps delivery, service and legal to their own leads', () => {
    for (const role of ['delivery', 'service', 'legal'] as const) {
      expect(canSeeLead(viewer(role), lead()), role).toBe(false);
    }
  });
});

describe('what a viewer may do with a lead', () => {
  it('lets reps edit their leads but not assign or delete them', () => {
    expect(leadAbilities(viewer('rep'), lead({ ownerId: me }))).toEqual({
      edit: true,
      assign: false,
      delete: false,
      convert: false,
    });
  });

  it('lets managers assign and delete their teams’ leads', () => {
    expect(leadAbilities(viewer('manager', ['t1']), lead({ teamId: 't1' }))).toMatchObject({
      assign: true,
      delete: true,
    });
  });

  it('offers conversion only for an SQL, and nothing but viewing once converted', () => {
    expect(leadAbilities(viewer('rep'), lead({ ownerId: me, status: 'sql' })).convert).toBe(true);
    expect(leadAbilities(viewer('admin'), lead({ status: 'converted' }))).toEqual({
      edit: false,
      assign: false,
      delete: false,
      convert: false,
    });
  });

  it('lets a rep name only themselves as owner', () => {
    expect(canSetOwner(viewer('rep'), me)).toBe(true);
    expect(canSetOwner(viewer('rep'), mate)).toBe(false);
    expect(canSetOwner(viewer('manager'), mate)).toBe(true);
  });
});

describe('status moves', () => {
  it('follows the flow and allows skipping forward', () => {
    expect(checkTransition('new', 'contacted', null)).toEqual({ ok: true });
    expect(checkTransition('new', 'sql', null)).toEqual({ ok: true });
    expect(checkTransition('mql', 'nurturing', null)).toEqual({ ok: true });
  });

  it('needs a reason to disqualify or archive', () => {
    expect(checkTransition('contacted', 'disqualified', ' ')).toEqual({
      ok: false,
      reason: 'reason_required',
    });
    expect(checkTransition('contacted', 'archived', 'Next year')).toEqual({ ok: true });
  });

  it('never leaves converted, and never reaches it by a move', () => {
    for (const to of LEAD_STATUSES.filter((s) => s !== 'converted')) {
      expect(checkTransition('converted', to, 'x'), to).toEqual({ ok: false, reason: 'not_allowed' });
    }
    for (const from of LEAD_STATUSES.filter((s) => s !== 'converted')) {
      expect(checkTransition(from, 'converted', null), from).toEqual({ ok: false, reason: 'not_allowed' });
    }
  });

  it('reopens a disqualified lead only as new or nurturing', () => {
    expect(checkTransition('disqualified', 'new', null)).toEqual({ ok: true });
    expect(checkTransition('disqualified', 'sql', null)).toEqual({ ok: false, reason: 'not_allowed' });
  });
});
