import {
  DAILY_LOG_LIST_MAX_DAYS,
  type DailyLogListItem,
  type WeeklyReview,
} from '@contracts/activities.contract';
import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database';
import { teamMembers } from '../../../platform/db/identity.tables';
import { withTenant } from '../../../platform/db/tenancy';
import { AppError, invalidFields } from '../../../platform/http/errors';
import type { Platform } from '../../../platform/platform';
import { type ActivityViewer, oversees, peopleScope } from '../activities.policy';
import { overseenPeople } from '../activities.queries';
import { dailyLogs } from '../activities.tables';
import { linkNames } from '../linked-records';
import { type ActivityCaller, viewerOf } from '../manage-activities';
import { addDays, daysBetween } from '../zoned-time';
import { type Author, authorsOf, countsPerDay, type KindCounts, zeroCounts } from './daily-log.queries';

/** Managers' views of daily logs: the team's logs per person and day, and one person's weekly review. */

/** Whose logs a list shows: one person, one team's members, or everyone the viewer oversees. */
async function peopleFor(
  tx: Tx,
  tenantId: string,
  viewer: ActivityViewer,
  filter: { teamId?: string | undefined; userId?: string | undefined },
): Promise<string[]> {
  if (filter.userId) {
    if (!oversees(viewer, filter.userId)) throw new AppError('forbidden');
    return [filter.userId];
  }
  const overseen = (await overseenPeople(tx, tenantId, viewer)).map((p) => p.id);
  if (!filter.teamId) return overseen;
  const scope = peopleScope(viewer);
  if (scope.kind === 'own' || (scope.kind === 'team' && !viewer.teamIds.includes(filter.teamId))) {
    throw new AppError('forbidden');
  }
  const members = await tx
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .where(and(eq(teamMembers.tenantId, tenantId), eq(teamMembers.teamId, filter.teamId)));
  const inTeam = new Set(members.map((m) => m.userId));
  return overseen.filter((id) => inTeam.has(id));
}

const sum = (counts: KindCounts) => Object.values(counts).reduce((a, b) => a + b, 0);

export async function listDailyLogs(
  platform: Platform,
  caller: ActivityCaller,
  query: { from: string; to: string; teamId?: string | undefined; userId?: string | undefined },
): Promise<{ items: DailyLogListItem[] }> {
  const span = daysBetween(query.from, query.to);
  if (span < 0) throw invalidFields({ path: 'to', code: 'ends_before_start' });
  if (span >= DAILY_LOG_LIST_MAX_DAYS) {
    throw invalidFields({ path: 'to', code: 'range_too_long', vars: { days: DAILY_LOG_LIST_MAX_DAYS } });
  }
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    const ids = await peopleFor(tx, tenantId, viewer, query);
    const authors = await authorsOf(tx, tenantId, ids);
    const people = ids.map((id) => authors.get(id)).filter((a): a is Author => a !== undefined);
    const [logs, counts] = await Promise.all([
      ids.length === 0
        ? []
        : tx
            .select()
            .from(dailyLogs)
            .where(
              and(
                eq(dailyLogs.tenantId, tenantId),
                inArray(dailyLogs.userId, ids),
                gte(dailyLogs.day, query.from),
                lte(dailyLogs.day, query.to),
              ),
            ),
      countsPerDay(tx, tenantId, people, query.from, query.to),
    ]);
    const byKey = new Map(logs.map((l) => [`${l.userId}|${l.day}`, l]));
    const items: DailyLogListItem[] = [];
    for (let i = 0; i <= span; i++) {
      const day = addDays(query.from, i);
      for (const person of people) {
        const log = byKey.get(`${person.id}|${day}`);
        items.push({
          userId: person.id,
          userName: person.name,
          day,
          logId: log?.id ?? null,
          summary: log?.summary ?? null,
          submittedAt: log?.submittedAt?.toISOString() ?? null,
          reviewedAt: log?.reviewedAt?.toISOString() ?? null,
          activityCount: sum(counts.get(`${person.id}|${day}`) ?? zeroCounts()),
        });
      }
    }
    return { items };
  });
}

export async function weeklyReview(
  platform: Platform,
  caller: ActivityCaller,
  query: { weekStart: string; userId?: string | undefined },
): Promise<WeeklyReview> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    const userId = query.userId ?? viewer.userId;
    if (!oversees(viewer, userId)) throw new AppError('forbidden');
    const author = (await authorsOf(tx, tenantId, [userId])).get(userId);
    if (!author) throw new AppError('not_found');
    const last = addDays(query.weekStart, 6);
    const [logs, counts] = await Promise.all([
      tx
        .select()
        .from(dailyLogs)
        .where(
          and(
            eq(dailyLogs.tenantId, tenantId),
            eq(dailyLogs.userId, userId),
            gte(dailyLogs.day, query.weekStart),
            lte(dailyLogs.day, last),
          ),
        ),
      countsPerDay(tx, tenantId, [author], query.weekStart, last),
    ]);
    const names = await linkNames(
      tx,
      tenantId,
      logs.flatMap((l) =>
        l.keyPoints.map((k) => ({ customerId: k.customerId, contactId: null, dealId: null })),
      ),
    );
    const byDay = new Map(logs.map((l) => [l.day, l]));
    const totals = zeroCounts();
    const days = Array.from({ length: 7 }, (_, i) => {
      const day = addDays(query.weekStart, i);
      const dayCounts = counts.get(`${userId}|${day}`) ?? zeroCounts();
      for (const [kind, n] of Object.entries(dayCounts)) totals[kind as keyof KindCounts] += n;
      const log = byDay.get(day);
      return {
        day,
        log: log
          ? {
              logId: log.id,
              summary: log.summary,
              keyPoints: log.keyPoints.map((k) => ({
                ...k,
                customerName: k.customerId ? (names.customers.get(k.customerId) ?? null) : null,
              })),
              plans: log.plans,
              submittedAt: log.submittedAt?.toISOString() ?? null,
              reviewedAt: log.reviewedAt?.toISOString() ?? null,
              reviewComment: log.reviewComment,
            }
          : null,
        counts: dayCounts,
      };
    });
    return { userId, userName: author.name, weekStart: query.weekStart, days, totals };
  });
}
