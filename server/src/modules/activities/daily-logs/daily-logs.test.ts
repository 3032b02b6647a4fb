import type { DailyLog, DailyLogListItem, WeeklyReview } from '@contracts/activities.contract';
import type { Lead } from '@contracts/leads.contract';
import type { Notification } from '@contracts/notifications.contract';
import { describe, expect, it } from 'vitest';
import { as, movableClock, type Session, useTestApp } from '../../../../test/helper';
import { account, type Company, company, fieldsOf, logActivity } from '../activity-fixtures';

/** The daily sales log: its draft from the day's activities, saving, submitting, reviewing, the team views. */

// 10:00 in Shanghai on 3 June 2030.
const clock = movableClock(new Date('2030-06-03T02:00:00.000Z'));
const t = await useTestApp({}, { clock });
const DAY = '2030-06-03';

async function inShanghai(s: Session, locale: 'zh-CN' | 'en-US') {
  const res = await as(
    t,
    s,
  )({ method: 'PATCH', url: '/api/v1/me', payload: { timeZone: 'Asia/Shanghai', locale } });
  expect(res.statusCode, res.body).toBe(200);
}

/** The rep's day in Shanghai: two calls and a visit for 云帆, a done task for 华东, a note on a lead, and tomorrow. */
async function repDay(c: Company) {
  await inShanghai(c.rep.session, 'zh-CN');
  const yunfan = await account(c, '云帆科技', c.rep.userId);
  const huadong = await account(c, '华东精密', c.rep.userId);
  const s = c.rep.session;
  const lead = (
    await as(
      t,
      s,
    )({ method: 'POST', url: '/api/v1/leads', payload: { companyName: '线索公司', ownerId: c.rep.userId } })
  ).json<Lead>();
  // 01:00 local on the 3rd: counts. 00:30 local on the 4th: does not.
  await logActivity(t, s, {
    kind: 'call',
    subject: '早间电话',
    customerId: yunfan.customerId,
    occurredAt: '2030-06-02T17:00:00.000Z',
  });
  await logActivity(t, s, {
    kind: 'call',
    subject: '确认需求',
    customerId: yunfan.customerId,
    occurredAt: '2030-06-03T01:00:00.000Z',
  });
  await logActivity(t, s, {
    kind: 'visit',
    subject: '现场演示',
    location: '张江',
    customerId: yunfan.customerId,
    occurredAt: '2030-06-03T05:00:00.000Z',
  });
  await logActivity(t, s, {
    kind: 'note',
    subject: '明天的事',
    customerId: huadong.customerId,
    occurredAt: '2030-06-03T16:30:00.000Z',
  });
  await logActivity(t, s, {
    kind: 'note',
    subject: '线索备注',
    leadId: lead.id,
    occurredAt: '2030-06-03T06:00:00.000Z',
  });
  const task = await logActivity(t, s, {
    kind: 'task',
    subject: '发报价',
    dueAt: '2030-06-03T09:00:00.000Z',
    customerId: huadong.customerId,
  });
  const done = await as(
    t,
    s,
  )({ method: 'POST', url: `/api/v1/activities/${task.id}/complete`, payload: { version: 1 } });
  expect(done.statusCode).toBe(200);
  await logActivity(t, s, {
    kind: 'task',
    subject: '回访华东',
    dueAt: '2030-06-04T02:00:00.000Z',
    customerId: huadong.customerId,
  });
  await logActivity(t, s, {
    kind: 'meeting',
    subject: '方案评审',
    customerId: yunfan.customerId,
    occurredAt: '2030-06-04T06:30:00.000Z',
  });
  return { yunfan, huadong };
}

async function getLog(s: Session, day = DAY, userId?: string) {
  return as(t, s)({ method: 'GET', url: `/api/v1/daily-logs/${day}${userId ? `?userId=${userId}` : ''}` });
}

describe('the daily log draft', () => {
  it('is written from the day’s activities in the rep’s zone and language, grouped per customer', async () => {
    const c = await company(t);
    const { yunfan, huadong } = await repDay(c);
    const res = await getLog(c.rep.session);
    expect(res.statusCode, res.body).toBe(200);
    const log = res.json<DailyLog>();
    expect(log).toMatchObject({ id: null, stored: false, version: 0, day: DAY, userName: 'Rep Li' });
    expect(log.summary).toBe('共 5 项活动：电话 2 项，拜访 1 项，备注 1 项，任务 1 项。');
    expect(log.keyPoints).toEqual([
      {
        customerId: yunfan.customerId,
        customerName: '云帆科技',
        text: '电话：早间电话\n电话：确认需求\n拜访：现场演示',
      },
      { customerId: huadong.customerId, customerName: '华东精密', text: '已完成：发报价' },
      { customerId: null, customerName: null, text: '备注：线索备注' },
    ]);
    expect(log.plans).toBe('10:00 任务：回访华东\n14:30 会议：方案评审');
    expect(log.done.map((a) => a.subject)).toEqual([
      '早间电话',
      '确认需求',
      '发报价',
      '现场演示',
      '线索备注',
    ]);
    expect(log.planned.map((a) => a.subject).sort()).toEqual(['回访华东', '方案评审'].sort());
    expect(log.can).toEqual({ edit: true, submit: false, review: false });
  });

  it('says when nothing was logged', async () => {
    const c = await company(t);
    await inShanghai(c.otherRep.session, 'en-US');
    const log = (await getLog(c.otherRep.session)).json<DailyLog>();
    expect(log).toMatchObject({ summary: 'No activities logged on this day.', keyPoints: [], plans: '' });
  });
});

describe('saving, submitting and reviewing', () => {
  it('saves with the version read, locks on submit, and takes the manager’s comment', async () => {
    const c = await company(t);
    const { yunfan } = await repDay(c);
    const s = c.rep.session;
    const draft = (await getLog(s)).json<DailyLog>();
    const save = (body: Record<string, unknown>) =>
      as(t, s)({ method: 'PUT', url: `/api/v1/daily-logs/${DAY}`, payload: body });
    const content = {
      summary: draft.summary,
      keyPoints: [{ customerId: yunfan.customerId, text: '客户确认预算 50 万' }],
      plans: '准备方案评审',
    };
    const saved = await save({ version: 0, ...content });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<DailyLog>()).toMatchObject({
      stored: true,
      version: 1,
      plans: '准备方案评审',
      keyPoints: [{ customerId: yunfan.customerId, customerName: '云帆科技', text: '客户确认预算 50 万' }],
      can: { edit: true, submit: true, review: false },
    });
    expect((await save({ version: 0, ...content })).statusCode).toBe(412);
    const stranger = await account(c, 'Not yours', c.outsider.userId);
    const bad = await save({
      version: 1,
      ...content,
      keyPoints: [{ customerId: stranger.customerId, text: 'x' }],
    });
    expect(fieldsOf(bad.body)).toEqual([['keyPoints.0.customerId', 'unknown_record']]);
    expect(
      fieldsOf((await save({ version: 1, ...content, keyPoints: [{ customerId: null, text: '' }] })).body),
    ).toEqual([['keyPoints.0.text', 'too_small']]);

    const review = (r: Session, version: number) =>
      as(
        t,
        r,
      )({
        method: 'POST',
        url: `/api/v1/daily-logs/${DAY}/review`,
        payload: { userId: c.rep.userId, version, comment: '预算确认得好，评审前先和 IT 对齐' },
      });
    expect((await review(c.manager.session, 1)).statusCode).toBe(409);

    const submitted = await as(
      t,
      s,
    )({ method: 'POST', url: `/api/v1/daily-logs/${DAY}/submit`, payload: { version: 1 } });
    expect(submitted.json<DailyLog>()).toMatchObject({ version: 2, can: { edit: false, submit: false } });
    expect(submitted.json<DailyLog>().submittedAt).toBe(clock.now().toISOString());
    const late = await save({ version: 2, ...content });
    expect(late.statusCode).toBe(409);
    expect(late.json<{ code: string }>().code).toBe('daily_log_submitted');

    expect((await review(c.rep.session, 2)).statusCode).toBe(403);
    expect((await review(c.otherRep.session, 2)).statusCode).toBe(403);
    expect((await review(c.outsider.session, 2)).statusCode).toBe(403);
    const asManager = (await getLog(c.manager.session, DAY, c.rep.userId)).json<DailyLog>();
    expect(asManager.can).toEqual({ edit: false, submit: false, review: true });
    const reviewed = await review(c.manager.session, 2);
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    expect(reviewed.json<DailyLog>()).toMatchObject({
      reviewComment: '预算确认得好，评审前先和 IT 对齐',
      reviewedBy: c.manager.userId,
      reviewerName: 'Manager Ma',
      version: 3,
    });
    const inbox = await as(t, s)({ method: 'GET', url: '/api/v1/notifications' });
    expect(inbox.json<{ items: Notification[] }>().items).toContainEqual(
      expect.objectContaining({
        kind: 'daily_log_reviewed',
        params: expect.objectContaining({ day: DAY, reviewer: 'Manager Ma' }),
      }),
    );
    const audit = await c.call({
      method: 'GET',
      url: `/api/v1/audit-log?entity=daily_log&entityId=${reviewed.json<DailyLog>().id}`,
    });
    expect(
      audit
        .json<{ items: { action: string }[] }>()
        .items.map((i) => i.action)
        .reverse(),
    ).toEqual(['create', 'submit', 'review']);
  });

  it('shows a person’s log only to them and those who oversee them', async () => {
    const c = await company(t);
    expect((await getLog(c.manager.session, DAY, c.rep.userId)).statusCode).toBe(200);
    expect((await getLog(c.otherRep.session, DAY, c.rep.userId)).statusCode).toBe(403);
    expect((await getLog(c.outsider.session, DAY, c.rep.userId)).statusCode).toBe(403);
    expect(fieldsOf((await getLog(c.rep.session, '2030-13-01')).body)).toEqual([['day', 'invalid_format']]);
  });
});

describe('the team’s logs and the weekly review', () => {
  it('lists each person and day with their log and activity count, for up to a week', async () => {
    const c = await company(t);
    await repDay(c);
    const s = c.rep.session;
    await as(
      t,
      s,
    )({
      method: 'PUT',
      url: `/api/v1/daily-logs/${DAY}`,
      payload: { version: 0, summary: 'Busy day', keyPoints: [], plans: '' },
    });
    const list = (r: Session, q: string) => as(t, r)({ method: 'GET', url: `/api/v1/daily-logs?${q}` });
    const res = await list(c.manager.session, 'from=2030-06-03&to=2030-06-04');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json<{ items: DailyLogListItem[] }>().items;
    expect(items.map((i) => `${i.day} ${i.userName}`)).toEqual([
      '2030-06-03 Manager Ma',
      '2030-06-03 Rep Li',
      '2030-06-03 Rep Zhao',
      '2030-06-04 Manager Ma',
      '2030-06-04 Rep Li',
      '2030-06-04 Rep Zhao',
    ]);
    const repToday = items.find((i) => i.userId === c.rep.userId && i.day === DAY);
    expect(repToday).toMatchObject({ summary: 'Busy day', submittedAt: null, activityCount: 5 });
    expect(repToday?.logId).not.toBeNull();
    // The note logged at 00:30 Shanghai time on the 4th counts there, with the meeting of that day.
    expect(items.find((i) => i.userId === c.rep.userId && i.day === '2030-06-04')?.activityCount).toBe(2);
    const own = (await list(s, 'from=2030-06-03&to=2030-06-03')).json<{ items: DailyLogListItem[] }>().items;
    expect(own.map((i) => i.userId)).toEqual([c.rep.userId]);
    expect((await list(s, `from=2030-06-03&to=2030-06-03&teamId=${c.teamId}`)).statusCode).toBe(403);
    expect(
      (await list(c.manager.session, `from=2030-06-03&to=2030-06-03&userId=${c.outsider.userId}`)).statusCode,
    ).toBe(403);
    const byTeam = await list(c.admin, `from=2030-06-03&to=2030-06-03&teamId=${c.teamId}`);
    expect(byTeam.json<{ items: DailyLogListItem[] }>().items).toHaveLength(3);
    expect(fieldsOf((await list(c.manager.session, 'from=2030-06-01&to=2030-06-08')).body)).toEqual([
      ['to', 'range_too_long'],
    ]);
  });

  it('reviews a rep’s week: seven days with their logs and activity counts', async () => {
    const c = await company(t);
    await repDay(c);
    await as(
      t,
      c.rep.session,
    )({
      method: 'PUT',
      url: `/api/v1/daily-logs/${DAY}`,
      payload: { version: 0, summary: 'Busy day', keyPoints: [], plans: 'Prepare the review' },
    });
    const res = await as(
      t,
      c.manager.session,
    )({
      method: 'GET',
      url: `/api/v1/daily-logs/weekly-review?weekStart=2030-06-03&userId=${c.rep.userId}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const week = res.json<WeeklyReview>();
    expect(week.days.map((d) => d.day)).toEqual([
      '2030-06-03',
      '2030-06-04',
      '2030-06-05',
      '2030-06-06',
      '2030-06-07',
      '2030-06-08',
      '2030-06-09',
    ]);
    expect(week.days[0]?.counts).toEqual({ call: 2, email: 0, meeting: 0, visit: 1, note: 1, task: 1 });
    expect(week.days[0]?.log).toMatchObject({ summary: 'Busy day', plans: 'Prepare the review' });
    expect(week.days[1]?.counts.note).toBe(1);
    expect(week.days[1]?.log).toBeNull();
    expect(week.totals).toEqual({ call: 2, email: 0, meeting: 1, visit: 1, note: 2, task: 1 });
    const denied = await as(
      t,
      c.otherRep.session,
    )({
      method: 'GET',
      url: `/api/v1/daily-logs/weekly-review?weekStart=2030-06-03&userId=${c.rep.userId}`,
    });
    expect(denied.statusCode).toBe(403);
  });
});
