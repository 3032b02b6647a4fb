import type { ActivityItem } from '@contracts/activities.contract';
import type { Notification } from '@contracts/notifications.contract';
import { describe, expect, it } from 'vitest';
import {
  as,
  movableClock,
  type Session,
  useSmtpReceiver,
  useTestApp,
  waitFor,
} from '../../../../test/helper';
import { account, company, logActivity } from '../activity-fixtures';
import { reminderSweepJob, sweepTenantReminders, tenantsWithDueReminders } from './reminder-sweep';

/** Reminders: sent at their time and not a minute before, once, to the owner, with a mail copy. */

const clock = movableClock(new Date('2030-06-03T01:00:00.000Z'));
const smtp = await useSmtpReceiver();
const t = await useTestApp({ smtpUrl: smtp.smtpUrl }, { clock });
const MINUTE = 60_000;

const iso = (ms: number) => new Date(ms).toISOString();

async function inbox(s: Session): Promise<Notification[]> {
  const res = await as(t, s)({ method: 'GET', url: '/api/v1/notifications?limit=200' });
  return res.json<{ items: Notification[] }>().items.filter((n) => n.kind === 'activity_reminder');
}

async function read(s: Session, id: string): Promise<ActivityItem> {
  return (await as(t, s)({ method: 'GET', url: `/api/v1/activities/${id}` })).json<ActivityItem>();
}

describe('the reminder sweep', () => {
  it('reminds the owner at the reminder time, not a minute before, once, with a mail copy', async () => {
    const c = await company(t);
    const acct = await account(c, '云帆科技', c.rep.userId);
    const zone = await as(
      t,
      c.rep.session,
    )({
      method: 'PATCH',
      url: '/api/v1/me',
      payload: { timeZone: 'Asia/Shanghai' },
    });
    expect(zone.statusCode, zone.body).toBe(200);
    const start = clock.now().getTime();
    const task = await logActivity(t, c.manager.session, {
      kind: 'task',
      subject: '发送报价单',
      dueAt: iso(start + 120 * MINUTE),
      remindAt: iso(start + 90 * MINUTE),
      ownerId: c.rep.userId,
      customerId: acct.customerId,
    });

    clock.set(new Date(start + 89 * MINUTE));
    expect(await sweepTenantReminders(t.platform, c.tenantId, clock.now())).toEqual({ reminded: 0 });
    expect(await inbox(c.rep.session)).toEqual([]);

    clock.set(new Date(start + 90 * MINUTE));
    expect(await tenantsWithDueReminders(t.platform, clock.now())).toContain(c.tenantId);
    expect(await sweepTenantReminders(t.platform, c.tenantId, clock.now())).toEqual({ reminded: 1 });
    const [notice] = await inbox(c.rep.session);
    expect(notice).toMatchObject({
      entity: 'activity',
      entityId: task.id,
      params: {
        subject: '发送报价单',
        kind: 'task',
        at: iso(start + 120 * MINUTE),
        // In the owner's zone: 03:00 UTC is 11:00 in Shanghai.
        time: '2030-06-03 11:00',
        timeZone: 'Asia/Shanghai',
      },
    });
    expect(await inbox(c.manager.session)).toEqual([]);
    expect((await read(c.rep.session, task.id)).remindedAt).toBe(clock.now().toISOString());

    clock.advance(5 * MINUTE);
    expect(await sweepTenantReminders(t.platform, c.tenantId, clock.now())).toEqual({ reminded: 0 });
    expect(await inbox(c.rep.session)).toHaveLength(1);

    const mail = await waitFor(
      async () => smtp.received.find((m) => m.to.includes(c.rep.email) && m.raw.includes('2030-06-03 11:00')),
      'reminder mail',
    );
    expect(mail.raw).toMatch(/my-day/);
  });

  it('reminds again when the reminder moves, and never for a task already done', async () => {
    const c = await company(t);
    const acct = await account(c, 'Moved Co', c.rep.userId);
    const start = clock.now().getTime();
    const meeting = await logActivity(t, c.rep.session, {
      kind: 'meeting',
      subject: 'Kick-off',
      occurredAt: iso(start + 60 * MINUTE),
      remindAt: iso(start + 30 * MINUTE),
      customerId: acct.customerId,
    });
    const done = await logActivity(t, c.rep.session, {
      kind: 'task',
      subject: 'Already done',
      dueAt: iso(start + 60 * MINUTE),
      remindAt: iso(start + 30 * MINUTE),
      customerId: acct.customerId,
    });
    await as(
      t,
      c.rep.session,
    )({ method: 'POST', url: `/api/v1/activities/${done.id}/complete`, payload: { version: 1 } });

    clock.set(new Date(start + 30 * MINUTE));
    expect(await sweepTenantReminders(t.platform, c.tenantId, clock.now())).toEqual({ reminded: 1 });
    const moved = await as(
      t,
      c.rep.session,
    )({
      method: 'PATCH',
      url: `/api/v1/activities/${meeting.id}`,
      payload: { version: 1, remindAt: iso(start + 50 * MINUTE) },
    });
    expect(moved.json<ActivityItem>().remindedAt).toBeNull();
    clock.set(new Date(start + 50 * MINUTE));
    expect(await sweepTenantReminders(t.platform, c.tenantId, clock.now())).toEqual({ reminded: 1 });
    const notices = await inbox(c.rep.session);
    expect(notices.map((n) => n.entityId)).toEqual([meeting.id, meeting.id]);
    expect((await read(c.rep.session, done.id)).remindedAt).toBeNull();
  });

  it('runs as a cron job every minute over every tenant with due reminders', async () => {
    expect(reminderSweepJob.cron).toBe('* * * * *');
    const c = await company(t);
    const acct = await account(c, 'Cron Co', c.rep.userId);
    const start = clock.now().getTime();
    const task = await logActivity(t, c.rep.session, {
      kind: 'task',
      subject: 'Via the job',
      dueAt: iso(start + 10 * MINUTE),
      remindAt: iso(start + 5 * MINUTE),
      customerId: acct.customerId,
    });
    clock.set(new Date(start + 5 * MINUTE));
    await t.platform.jobs.send(reminderSweepJob, {});
    await waitFor(async () => ((await read(c.rep.session, task.id)).remindedAt ? true : undefined), 'job');
    expect(await inbox(c.rep.session)).toHaveLength(1);
  });
});
