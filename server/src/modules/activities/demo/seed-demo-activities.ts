import type { ActivityKind, ActivityPriority } from '@contracts/activities.contract';
import { and, eq, isNotNull } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { type Actor, writeAudit } from '../../../platform/audit';
import type { DatabaseHandle, Tx } from '../../../platform/db/database';
import { teamMembers } from '../../../platform/db/identity.tables';
import { withTenant } from '../../../platform/db/tenancy';
import { type DemoAccount, demoAccounts, noteActivity } from '../../customers';
import { leads } from '../../leads';
import { activities, dailyLogs } from '../activities.tables';
import { type Author, authorsOf, doneOnDay, plannedForNextDay } from '../daily-logs/daily-log.queries';
import { draftLog } from '../daily-logs/log-draft';
import { addDays, localDay, startOfDay } from '../zoned-time';
import { PHRASES, type Phrases } from './demo-activity-data';

/**
 * Demo activities for the demo company: a year of calls, emails, meetings, visits, notes and tasks on every
 * owned customer, at a pace that follows its tier and lifecycle stage (a declining customer hears from us
 * less and less, a churned one not at all since it left); converted leads' customers from their conversion
 * on, linked to the converted contact and deal. Past tasks are mostly done, some overdue; coming meetings,
 * visits and tasks carry reminders. Then the reps' daily logs for the last ten working days, drafted from
 * those activities the way the app drafts them, most submitted and the older ones reviewed by the team's
 * manager. Written in the owner's language. Deterministic for a given seed and `now`.
 */

export type DemoCompany = {
  tenantId: string;
  users: readonly { key: string; id: string; role: string }[];
};

export type SeedDemoActivitiesOptions = { now?: Date; seed?: number };

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;
/** How far ahead meetings, visits and tasks are planned. */
const AHEAD_DAYS = 21;
const LOG_DAYS = 10;

function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const between = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return { next, pick, between };
}
type Rng = ReturnType<typeof random>;

type Account = DemoAccount & {
  tenantId: string;
  leadId: string | null;
  contactId: string | null;
  dealId: string | null;
  /** A converted lead's customer exists from its conversion on. */
  convertedAt: Date | null;
};
type NewRow = typeof activities.$inferInsert;

/** Average days between two touches, by tier; converted leads' new customers are followed up monthly. */
const PACE: Record<string, number> = { strategic: 6, growth: 9, potential: 14, dormant: 24 };
const CONVERTED_PACE = 20;

const isWeekend = (day: string) => {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
};

const workingDay = (day: string) => {
  let d = day;
  while (isWeekend(d)) d = addDays(d, 1);
  return d;
};

/** A local working-hours time on the working day at or after `at`. */
function officeTime(rng: Rng, at: Date, timeZone: string): Date {
  const day = workingDay(localDay(at, timeZone));
  return new Date(
    startOfDay(day, timeZone).getTime() + rng.between(9, 17) * HOUR + rng.pick([0, 30]) * MINUTE,
  );
}

const PAST_KINDS: readonly ActivityKind[] = [
  'call',
  'call',
  'call',
  'email',
  'email',
  'meeting',
  'visit',
  'note',
  'task',
  'task',
];

function activityAt(rng: Rng, account: Account, author: Author, at: Date, now: Date): NewRow {
  const { tenantId } = account;
  const words: Phrases = PHRASES[author.locale];
  const future = at > now;
  const kind: ActivityKind = future
    ? rng.pick(['meeting', 'visit', 'task', 'task'] as const)
    : rng.pick(PAST_KINDS);
  const person =
    account.contactId && rng.next() < 0.5
      ? (account.contacts.find((p) => p.id === account.contactId) ?? null)
      : account.contacts.length > 0 && rng.next() < 0.85
        ? rng.pick(account.contacts)
        : null;
  const topic = rng.pick(words.topics);
  const row: NewRow = {
    tenantId,
    id: uuidv7(),
    kind,
    subject: '',
    occurredAt: at,
    priority: 'normal',
    leadId: account.leadId,
    customerId: account.id,
    contactId: person?.id ?? null,
    dealId: account.dealId,
    ownerId: account.ownerId,
    createdBy: account.ownerId,
    createdAt: future ? new Date(now.getTime() - rng.between(1, 5) * DAY) : at,
    updatedAt: future ? new Date(now.getTime() - rng.between(0, 1) * DAY) : at,
  };
  const name = person?.name ?? null;
  switch (kind) {
    case 'call': {
      const inbound = rng.next() < 0.2;
      row.direction = inbound ? 'inbound' : 'outbound';
      row.subject = inbound ? words.inboundCall(topic, name) : words.call(topic, name);
      row.body = rng.pick(words.callBodies);
      break;
    }
    case 'email': {
      const inbound = rng.next() < 0.25;
      row.direction = inbound ? 'inbound' : 'outbound';
      row.subject = inbound ? words.inboundEmail(topic, name) : words.email(topic, name);
      break;
    }
    case 'meeting':
      row.subject = words.meeting(topic);
      row.body = rng.pick(words.meetingBodies);
      row.location = rng.pick(words.meetingPlaces);
      row.endsAt = new Date(at.getTime() + rng.pick([45, 60, 90]) * MINUTE);
      if (future && rng.next() < 0.8) row.remindAt = new Date(at.getTime() - 30 * MINUTE);
      break;
    case 'visit':
      row.subject = words.visit(account.name, topic);
      row.body = rng.pick(words.meetingBodies);
      row.location = account.address ?? account.name;
      row.endsAt = new Date(at.getTime() + rng.pick([90, 120, 180]) * MINUTE);
      if (future && rng.next() < 0.8) row.remindAt = new Date(at.getTime() - HOUR);
      break;
    case 'note':
      row.subject = words.note(topic);
      row.body = rng.pick(words.notes);
      break;
    case 'task': {
      row.subject = rng.pick(words.tasks);
      row.priority = rng.pick<ActivityPriority>(['low', 'normal', 'normal', 'high']);
      // A task is written down a few days before it is due; a future one was written recently.
      const due = at;
      const written = new Date(
        Math.max(
          account.convertedAt?.getTime() ?? 0,
          Math.min(now.getTime(), due.getTime()) - rng.between(1, 4) * DAY,
        ),
      );
      row.occurredAt = written;
      row.createdAt = written;
      row.dueAt = due;
      if (!future) {
        // Past tasks were mostly done around their due time; some, more of the recent ones, are overdue.
        const old = due.getTime() < now.getTime() - 30 * DAY;
        if (rng.next() < (old ? 0.95 : 0.7)) {
          const doneAt = new Date(Math.min(now.getTime(), due.getTime() - rng.between(0, 20) * HOUR));
          row.doneAt = doneAt;
          row.updatedAt = doneAt;
        }
      } else if (rng.next() < 0.7) {
        row.remindAt = new Date(due.getTime() - rng.pick([1, 2, 24]) * HOUR);
      }
      break;
    }
  }
  return row;
}

/** The history of one account: from a year ago (or its conversion) to three weeks ahead. */
function accountHistory(rng: Rng, account: Account, author: Author, now: Date): NewRow[] {
  const converted = account.convertedAt;
  const start = converted ?? new Date(now.getTime() - 365 * DAY);
  const end = new Date(now.getTime() + AHEAD_DAYS * DAY);
  const stage = account.lifecycleStage;
  // A churned customer left five months ago; nothing has happened with it since.
  const stop = stage === 'churned' ? new Date(now.getTime() - 150 * DAY) : end;
  const pace = converted ? CONVERTED_PACE : (PACE[account.tier ?? ''] ?? 14);
  const rows: NewRow[] = [];
  let at = new Date(start.getTime() + rng.next() * pace * DAY);
  while (at < stop) {
    rows.push(activityAt(rng, account, author, officeTime(rng, at, author.timeZone), now));
    // A declining customer is contacted less and less over the year.
    const progress = (at.getTime() - start.getTime()) / Math.max(DAY, now.getTime() - start.getTime());
    const slowdown = stage === 'decline' ? 1 + 2.5 * Math.min(1, progress) : 1;
    at = new Date(at.getTime() + (0.4 + rng.next() * 1.2) * pace * slowdown * DAY);
  }
  return rows;
}

/** Every rep's last working days are full, so the daily logs and "my day" have something to show. */
function recentWork(rng: Rng, accounts: readonly Account[], author: Author, now: Date): NewRow[] {
  // Reps spend their days on the customers that are going somewhere, unless they have no others.
  const growing = accounts.filter((a) => a.lifecycleStage !== 'churned' && a.lifecycleStage !== 'decline');
  const live = growing.length > 0 ? growing : accounts.filter((a) => a.lifecycleStage !== 'churned');
  if (live.length === 0) return [];
  const today = localDay(now, author.timeZone);
  const rows: NewRow[] = [];
  for (let offset = -(LOG_DAYS + 6); offset <= 5; offset += 1) {
    const day = addDays(today, offset);
    if (isWeekend(day)) continue;
    const count = offset < 0 ? rng.between(2, 4) : offset === 0 ? 1 : rng.between(0, 1);
    for (let i = 0; i < count; i += 1) {
      const at = new Date(
        startOfDay(day, author.timeZone).getTime() + rng.between(9, 17) * HOUR + rng.pick([0, 30]) * MINUTE,
      );
      // Today's work is what is already behind us.
      const when = offset === 0 && at > now ? new Date(now.getTime() - rng.between(1, 3) * HOUR) : at;
      const started = live.filter((a) => (a.convertedAt ?? when) <= when);
      if (started.length > 0) rows.push(activityAt(rng, rng.pick(started), author, when, now));
    }
  }
  return rows;
}

async function insertHistory(tx: Tx, tenantId: string, rows: NewRow[], now: Date): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await tx.insert(activities).values(rows.slice(i, i + 500));
  }
  for (const row of rows) {
    const actor: Actor = { tenantId, userId: row.ownerId, kind: 'user', requestId: null, ip: null };
    await writeAudit(tx, actor, {
      entity: 'activity',
      entityId: row.id ?? null,
      action: 'create',
      changes: {
        kind: { from: null, to: row.kind },
        subject: { from: null, to: row.subject },
        customerId: { from: null, to: row.customerId ?? null },
      },
    });
  }
  // The customers' and contacts' "last activity" are what the pool and health rules read.
  const latest = new Map<string, { customerId: string | null; contactId: string | null; at: Date }>();
  for (const row of rows) {
    const at = row.kind === 'task' ? (row.doneAt ?? null) : (row.occurredAt ?? null);
    if (!at || at > now) continue;
    for (const key of [row.customerId, row.contactId]) {
      if (!key) continue;
      const seen = latest.get(key);
      if (!seen || seen.at < at) {
        latest.set(key, {
          customerId: key === row.customerId ? key : null,
          contactId: key === row.contactId ? key : null,
          at,
        });
      }
    }
  }
  for (const { customerId, contactId, at } of latest.values()) {
    await noteActivity(tx, tenantId, { customerId, contactId }, at);
  }
}

/** Team leads of each user (their managers), by user id. */
async function managersOf(tx: Tx, tenantId: string): Promise<Map<string, string>> {
  const rows = await tx
    .select({ teamId: teamMembers.teamId, userId: teamMembers.userId, isLead: teamMembers.isLead })
    .from(teamMembers)
    .where(eq(teamMembers.tenantId, tenantId));
  const leadOf = new Map(rows.filter((r) => r.isLead).map((r) => [r.teamId, r.userId]));
  const result = new Map<string, string>();
  for (const r of rows) {
    const manager = leadOf.get(r.teamId);
    if (!r.isLead && manager) result.set(r.userId, manager);
  }
  return result;
}

async function seedDailyLogs(
  tx: Tx,
  rng: Rng,
  tenantId: string,
  author: Author,
  managerId: string | null,
  now: Date,
): Promise<number> {
  const today = localDay(now, author.timeZone);
  const days: string[] = [];
  for (let d = addDays(today, -1); days.length < LOG_DAYS; d = addDays(d, -1)) {
    if (!isWeekend(d)) days.push(d);
  }
  const authorActor: Actor = { tenantId, userId: author.id, kind: 'user', requestId: null, ip: null };
  let count = 0;
  for (const [index, day] of days.entries()) {
    const done = await doneOnDay(tx, tenantId, author, day);
    if (done.length === 0) continue;
    const planned = await plannedForNextDay(tx, tenantId, author, day);
    const draft = draftLog(done, planned, author);
    const evening = new Date(
      startOfDay(day, author.timeZone).getTime() + 18 * HOUR + rng.between(0, 90) * MINUTE,
    );
    // Yesterday's log is still open for some reps; older ones were all handed in.
    const submitted = index > 0 || rng.next() < 0.5;
    const reviewed = submitted && managerId !== null && index >= 2 && rng.next() < 0.75;
    const reviewedAt = new Date(
      startOfDay(workingDay(addDays(day, 1)), author.timeZone).getTime() + rng.between(9, 11) * HOUR,
    );
    const row: typeof dailyLogs.$inferInsert = {
      tenantId,
      id: uuidv7(),
      userId: author.id,
      day,
      summary: draft.summary,
      keyPoints: draft.keyPoints,
      plans: draft.plans,
      submittedAt: submitted ? evening : null,
      reviewComment: reviewed ? rng.pick(PHRASES[author.locale].reviews) : null,
      reviewedBy: reviewed ? managerId : null,
      reviewedAt: reviewed ? reviewedAt : null,
      version: 1 + (submitted ? 1 : 0) + (reviewed ? 1 : 0),
      createdAt: evening,
      updatedAt: reviewed ? reviewedAt : evening,
    };
    await tx.insert(dailyLogs).values(row);
    count += 1;
    await writeAudit(tx, authorActor, {
      entity: 'daily_log',
      entityId: row.id ?? null,
      action: 'create',
      changes: { day: { from: null, to: day } },
    });
    if (submitted) {
      await writeAudit(tx, authorActor, {
        entity: 'daily_log',
        entityId: row.id ?? null,
        action: 'submit',
        changes: { submittedAt: { from: null, to: evening.toISOString() } },
      });
    }
    if (reviewed && managerId) {
      await writeAudit(
        tx,
        { ...authorActor, userId: managerId },
        {
          entity: 'daily_log',
          entityId: row.id ?? null,
          action: 'review',
          changes: { reviewComment: { from: null, to: row.reviewComment ?? null } },
        },
      );
    }
  }
  return count;
}

/** Adds the demo activities and daily logs; returns how many of each. */
export async function seedDemoActivities(
  handle: DatabaseHandle,
  company: DemoCompany,
  options: SeedDemoActivitiesOptions = {},
): Promise<{ activities: number; dailyLogs: number }> {
  const now = options.now ?? new Date();
  const rng = random(options.seed ?? 20_261_124);
  const { tenantId } = company;
  const { accounts, authors, managers } = await withTenant(handle, tenantId, async (tx) => {
    const list = await demoAccounts(tx, tenantId);
    const conversions = await tx
      .select({
        id: leads.id,
        customerId: leads.customerId,
        contactId: leads.contactId,
        dealId: leads.dealId,
        convertedAt: leads.convertedAt,
      })
      .from(leads)
      .where(and(eq(leads.tenantId, tenantId), isNotNull(leads.customerId), isNotNull(leads.convertedAt)));
    const byCustomer = new Map(conversions.map((c) => [c.customerId, c]));
    const reps = company.users.filter((u) => u.role === 'rep').map((u) => u.id);
    const owners = [...new Set([...list.map((a) => a.ownerId), ...reps])];
    return {
      accounts: list.map((a): Account => {
        const lead = byCustomer.get(a.id);
        return {
          ...a,
          tenantId,
          leadId: lead?.id ?? null,
          contactId: lead?.contactId ?? null,
          dealId: lead?.dealId ?? null,
          convertedAt: lead?.convertedAt ?? null,
        };
      }),
      authors: await authorsOf(tx, tenantId, owners),
      managers: await managersOf(tx, tenantId),
    };
  });

  let activityCount = 0;
  // One transaction per account: its whole history and the customer's last-activity time.
  for (const account of accounts) {
    const author = authors.get(account.ownerId);
    if (!author) continue;
    const rows = accountHistory(rng, account, author, now);
    if (rows.length === 0) continue;
    await withTenant(handle, tenantId, (tx) => insertHistory(tx, tenantId, rows, now));
    activityCount += rows.length;
  }

  let logCount = 0;
  const repIds = company.users.filter((u) => u.role === 'rep').map((u) => u.id);
  for (const repId of repIds) {
    const author = authors.get(repId);
    if (!author) continue;
    const rows = recentWork(
      rng,
      accounts.filter((a) => a.ownerId === repId),
      author,
      now,
    );
    await withTenant(handle, tenantId, async (tx) => {
      if (rows.length > 0) await insertHistory(tx, tenantId, rows, now);
      logCount += await seedDailyLogs(tx, rng, tenantId, author, managers.get(repId) ?? null, now);
    });
    activityCount += rows.length;
  }
  return { activities: activityCount, dailyLogs: logCount };
}
