import {
  type ActivityKind,
  CALENDAR_MAX_DAYS,
  type CalendarEntry,
  SCHEDULED_KINDS,
} from '@contracts/activities.contract';
import type { Locale } from '@contracts/common';
import { and, asc, eq, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { writeAudit } from '../../../platform/audit';
import { NO_TENANT, safeEqual, sha256 } from '../../../platform/crypto';
import type { Tx } from '../../../platform/db/database';
import { tenants, users } from '../../../platform/db/identity.tables';
import { withTenant } from '../../../platform/db/tenancy';
import { AppError, invalidFields } from '../../../platform/http/errors';
import type { RateWindow } from '../../../platform/http/rate-limit';
import { translate } from '../../../platform/i18n/i18n';
import type { Platform } from '../../../platform/platform';
import { oversees } from '../activities.policy';
import { presentItems, userNames } from '../activities.queries';
import type { ActivityRow } from '../activities.service';
import { activities, calendarFeeds } from '../activities.tables';
import { type ActivityCaller, viewerOf } from '../manage-activities';
import { newFeedKey, parseFeedKey } from './feed-key';
import { buildCalendar, type IcsEvent } from './ics';

/**
 * A person's calendar: meetings and visits by their time, tasks at their due time. Read in the app for a
 * range, and as an ICS feed behind a secret URL for phone calendars.
 */

const DAY = 86_400_000;
const MAX_ENTRIES = 1000;
/** Meetings and visits longer than this are not looked for before a range starts (keeps the scan indexed). */
const LONGEST_EVENT_MS = 7 * DAY;
/** A task or meeting without an end shows as a block of this length in feeds. */
const POINT_MS = 30 * 60_000;

/** Meetings and visits overlapping [from, to) and tasks due in it, of one owner, up to `limit` of each. */
async function calendarRows(tx: Tx, tenantId: string, ownerId: string, from: Date, to: Date, limit: number) {
  const owned = and(eq(activities.tenantId, tenantId), eq(activities.ownerId, ownerId));
  const scheduled: SQL | undefined = and(
    owned,
    inArray(activities.kind, [...SCHEDULED_KINDS]),
    gte(activities.occurredAt, new Date(from.getTime() - LONGEST_EVENT_MS)),
    lt(activities.occurredAt, to),
    sql`coalesce(${activities.endsAt}, ${activities.occurredAt}) >= ${from}`,
  );
  const tasks = and(
    owned,
    eq(activities.kind, 'task'),
    gte(activities.dueAt, from),
    lt(activities.dueAt, to),
  );
  const [events, due] = await Promise.all([
    tx.select().from(activities).where(scheduled).orderBy(asc(activities.occurredAt)).limit(limit),
    tx.select().from(activities).where(tasks).orderBy(asc(activities.dueAt)).limit(limit),
  ]);
  return { rows: [...events, ...due], truncated: events.length === limit || due.length === limit };
}

const startOf = (row: ActivityRow) => (row.kind === 'task' ? (row.dueAt ?? row.occurredAt) : row.occurredAt);

export async function getCalendar(
  platform: Platform,
  caller: ActivityCaller,
  query: { from: string; to: string; userId?: string | undefined },
): Promise<{ items: CalendarEntry[]; truncated: boolean }> {
  const from = new Date(query.from);
  const to = new Date(query.to);
  if (to <= from) throw invalidFields({ path: 'to', code: 'ends_before_start' });
  if (to.getTime() - from.getTime() > CALENDAR_MAX_DAYS * DAY) {
    throw invalidFields({ path: 'to', code: 'range_too_long', vars: { days: CALENDAR_MAX_DAYS } });
  }
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    const ownerId = query.userId ?? viewer.userId;
    if (!oversees(viewer, ownerId)) throw new AppError('forbidden');
    if (!(await userNames(tx, tenantId, [ownerId])).has(ownerId)) throw new AppError('not_found');
    const { rows, truncated } = await calendarRows(tx, tenantId, ownerId, from, to, MAX_ENTRIES);
    rows.sort((a, b) => startOf(a).getTime() - startOf(b).getTime());
    const items = await presentItems(tx, tenantId, viewer, rows);
    return {
      items: items.map((activity, i) => {
        const row = rows[i];
        return {
          start: (row ? startOf(row) : from).toISOString(),
          end: row?.kind === 'task' ? null : (row?.endsAt?.toISOString() ?? null),
          activity,
        };
      }),
      truncated,
    };
  });
}

export async function getFeed(platform: Platform, caller: ActivityCaller) {
  const { tenantId, userId } = caller.actor;
  return withTenant(platform.db, tenantId, async (tx) => {
    const [row] = await tx
      .select({ createdAt: calendarFeeds.createdAt })
      .from(calendarFeeds)
      .where(and(eq(calendarFeeds.tenantId, tenantId), eq(calendarFeeds.userId, userId ?? '')));
    return { active: Boolean(row), createdAt: row?.createdAt.toISOString() ?? null };
  });
}

/** A new secret URL for the caller's feed; the previous one stops working. The URL is shown only now. */
export async function createFeed(platform: Platform, caller: ActivityCaller) {
  const { actor } = caller;
  const userId = actor.userId ?? '';
  const { key, secret } = newFeedKey(actor.tenantId, userId);
  const now = platform.clock.now();
  await withTenant(platform.db, actor.tenantId, async (tx) => {
    await tx
      .insert(calendarFeeds)
      .values({
        tenantId: actor.tenantId,
        userId,
        secretHash: sha256(secret),
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: [calendarFeeds.tenantId, calendarFeeds.userId],
        set: { secretHash: sha256(secret), createdAt: now, updatedAt: now },
      });
    await writeAudit(tx, actor, { entity: 'calendar_feed', entityId: userId, action: 'create' });
  });
  return { url: `${platform.config.publicUrl}/ical/${key}.ics`, createdAt: now.toISOString() };
}

export async function deleteFeed(platform: Platform, caller: ActivityCaller): Promise<void> {
  const { actor } = caller;
  const userId = actor.userId ?? '';
  await withTenant(platform.db, actor.tenantId, async (tx) => {
    const removed = await tx
      .delete(calendarFeeds)
      .where(and(eq(calendarFeeds.tenantId, actor.tenantId), eq(calendarFeeds.userId, userId)))
      .returning({ userId: calendarFeeds.userId });
    if (removed.length > 0) {
      await writeAudit(tx, actor, { entity: 'calendar_feed', entityId: userId, action: 'delete' });
    }
  });
}

/**
 * How often a feed may be fetched. Feeds are cached for five minutes, so one device polls at most 12 times an
 * hour; a key allows a few devices. Per address, an office behind one NAT address with dozens of subscribed
 * reps still fits, while a script walking keys or re-rendering a feed in a loop is stopped.
 */
export const FEED_KEY_WINDOW: RateWindow = { limit: 30, ms: 3_600_000 };
export const FEED_IP_WINDOW: RateWindow = { limit: 600, ms: 3_600_000 };

/** What a feed shows: the last month and the coming year. */
const FEED_PAST_MS = 31 * DAY;
const FEED_FUTURE_MS = 366 * DAY;
const FEED_MAX = 2000;

const isLocale = (value: string | null | undefined): value is Locale =>
  value === 'zh-CN' || value === 'en-US';

/** The ICS text of the feed a key names, or null when no active user's feed has that key. */
export async function renderFeed(platform: Platform, key: string): Promise<string | null> {
  // A malformed key is looked up too (in a tenant with no rows), so it answers as slowly as a wrong one.
  const { tenantId, userId, secret } = parseFeedKey(key) ?? {
    tenantId: NO_TENANT,
    userId: NO_TENANT,
    secret: '',
  };
  return withTenant(platform.db, tenantId, async (tx) => {
    const [feed] = await tx
      .select({ secretHash: calendarFeeds.secretHash, name: users.name, locale: users.locale })
      .from(calendarFeeds)
      .innerJoin(users, and(eq(users.tenantId, calendarFeeds.tenantId), eq(users.id, calendarFeeds.userId)))
      .where(
        and(
          eq(calendarFeeds.tenantId, tenantId),
          eq(calendarFeeds.userId, userId),
          eq(users.status, 'active'),
        ),
      );
    // The hash is compared in constant time, so the answer's timing says nothing about a near miss.
    if (!feed || !safeEqual(feed.secretHash, sha256(secret))) return null;
    const [tenant] = await tx
      .select({ locale: tenants.defaultLocale })
      .from(tenants)
      .where(eq(tenants.tenantId, tenantId));
    const locale: Locale = isLocale(feed.locale)
      ? feed.locale
      : isLocale(tenant?.locale)
        ? tenant.locale
        : 'zh-CN';
    const now = platform.clock.now();
    const { rows } = await calendarRows(
      tx,
      tenantId,
      userId,
      new Date(now.getTime() - FEED_PAST_MS),
      new Date(now.getTime() + FEED_FUTURE_MS),
      FEED_MAX,
    );
    const events: IcsEvent[] = rows.map((row) => {
      const start = startOf(row);
      const kindName = translate(locale, `activities.kind.${row.kind as ActivityKind}`);
      return {
        uid: `${row.id}@closeloop`,
        stamp: row.updatedAt,
        start,
        end: row.endsAt && row.endsAt > start ? row.endsAt : new Date(start.getTime() + POINT_MS),
        summary:
          row.kind === 'task' ? `${translate(locale, 'activities.feedTask')}: ${row.subject}` : row.subject,
        description: row.body,
        location: row.location,
        categories: [kindName],
        sequence: row.version,
        status: 'CONFIRMED',
        alarmAt: row.doneAt ? null : row.remindAt,
      };
    });
    return buildCalendar({
      name: translate(locale, 'activities.feedName', { name: feed.name }),
      prodId: '-//Closeloop//Closeloop CRM//EN',
      events,
    });
  });
}
