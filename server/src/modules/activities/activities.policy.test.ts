import { describe, expect, it } from 'vitest';
import {
  type ActivityViewer,
  activityAbilities,
  canAssignActivity,
  canReviewLog,
  oversees,
  peopleScope,
} from './activities.policy';
import { type KindFields, kindFieldProblems } from './activity-fields';

const rep: ActivityViewer = { userId: 'rep', role: 'rep', teamIds: [], teammateIds: ['rep'] };
const manager: ActivityViewer = {
  userId: 'mgr',
  role: 'manager',
  teamIds: ['east'],
  teammateIds: ['mgr', 'rep', 'rep2'],
};
const admin: ActivityViewer = { userId: 'adm', role: 'admin', teamIds: [], teammateIds: ['adm'] };

describe('activity access', () => {
  it('scopes reps to themselves, managers to their teams and admins to everyone', () => {
    expect(peopleScope(rep)).toEqual({ kind: 'own', userId: 'rep' });
    expect(peopleScope(manager).kind).toBe('team');
    expect(peopleScope(admin)).toEqual({ kind: 'all' });
    expect(oversees(rep, 'rep')).toBe(true);
    expect(oversees(rep, 'rep2')).toBe(false);
    expect(oversees(manager, 'rep2')).toBe(true);
    expect(oversees(manager, 'stranger')).toBe(false);
    expect(oversees(admin, 'stranger')).toBe(true);
  });

  it('lets the assignee or the creator manage an activity, and their managers', () => {
    expect(activityAbilities(rep, { ownerId: 'rep', createdBy: 'mgr' })).toEqual({
      edit: true,
      delete: true,
    });
    expect(activityAbilities(rep, { ownerId: 'rep2', createdBy: 'rep' })).toEqual({
      edit: true,
      delete: true,
    });
    expect(activityAbilities(rep, { ownerId: 'rep2', createdBy: 'mgr' })).toEqual({
      edit: false,
      delete: false,
    });
    expect(activityAbilities(manager, { ownerId: 'rep2', createdBy: null }).edit).toBe(true);
    expect(activityAbilities(manager, { ownerId: 'stranger', createdBy: 'stranger' }).edit).toBe(false);
    expect(activityAbilities(admin, { ownerId: 'stranger', createdBy: null }).delete).toBe(true);
  });

  it('assigns within the people one oversees', () => {
    expect(canAssignActivity(rep, 'rep')).toBe(true);
    expect(canAssignActivity(rep, 'rep2')).toBe(false);
    expect(canAssignActivity(manager, 'rep2')).toBe(true);
    expect(canAssignActivity(manager, 'stranger')).toBe(false);
  });

  it('has managers review their team’s logs but never their own, and reps no one’s', () => {
    expect(canReviewLog(manager, 'rep')).toBe(true);
    expect(canReviewLog(manager, 'mgr')).toBe(false);
    expect(canReviewLog(manager, 'stranger')).toBe(false);
    expect(canReviewLog(rep, 'rep')).toBe(false);
    expect(canReviewLog(admin, 'stranger')).toBe(true);
  });
});

const base: KindFields = {
  direction: null,
  occurredAt: new Date('2030-06-03T02:00:00Z'),
  endsAt: null,
  location: null,
  dueAt: null,
  priority: 'normal',
  remindAt: null,
};

describe('fields per kind of activity', () => {
  it('takes a direction on calls and emails only', () => {
    expect(kindFieldProblems('call', { ...base, direction: 'inbound' })).toEqual([]);
    expect(kindFieldProblems('meeting', { ...base, direction: 'inbound' })).toEqual([
      { path: 'direction', code: 'not_for_kind', vars: { kind: 'meeting' } },
    ]);
  });

  it('needs a place for a visit, and an end after the start for meetings and visits', () => {
    expect(kindFieldProblems('visit', base).map((p) => p.code)).toEqual(['location_required']);
    expect(kindFieldProblems('visit', { ...base, location: '  ' }).map((p) => p.code)).toEqual([
      'location_required',
    ]);
    expect(kindFieldProblems('visit', { ...base, location: 'HQ', endsAt: base.occurredAt })).toEqual([]);
    expect(
      kindFieldProblems('meeting', { ...base, endsAt: new Date('2030-06-03T01:59:00Z') }).map((p) => p.code),
    ).toEqual(['ends_before_start']);
    expect(kindFieldProblems('call', { ...base, location: 'HQ' }).map((p) => p.path)).toEqual(['location']);
  });

  it('needs a due date on a task, and keeps due dates and priorities to tasks', () => {
    expect(kindFieldProblems('task', base).map((p) => p.code)).toEqual(['due_required']);
    expect(kindFieldProblems('task', { ...base, dueAt: base.occurredAt, priority: 'high' })).toEqual([]);
    expect(
      kindFieldProblems('note', { ...base, dueAt: base.occurredAt, priority: 'low' }).map((p) => p.path),
    ).toEqual(['dueAt', 'priority']);
  });

  it('reminds of tasks, meetings and visits only', () => {
    const remindAt = new Date('2030-06-03T01:00:00Z');
    expect(kindFieldProblems('meeting', { ...base, remindAt })).toEqual([]);
    expect(kindFieldProblems('email', { ...base, remindAt }).map((p) => p.path)).toEqual(['remindAt']);
  });
});
