import type { DailyLog } from '@contracts/activities.contract';
import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { changesBetween, writeAudit } from '../../../platform/audit';
import type { Tx } from '../../../platform/db/database';
import { withTenant } from '../../../platform/db/tenancy';
import { AppError, invalidFields } from '../../../platform/http/errors';
import type { Platform } from '../../../platform/platform';
import { dispatchMailCopies, mailCopies, notify } from '../../notifications';
import { type ActivityViewer, canReviewLog, oversees } from '../activities.policy';
import { presentItems, userNames } from '../activities.queries';
import { dailyLogs } from '../activities.tables';
import { canSeeRecord, linkNames } from '../linked-records';
import { type ActivityCaller, viewerOf } from '../manage-activities';
import {
  type Author,
  authorsOf,
  type DailyLogRow,
  doneOnDay,
  getLogRow,
  plannedForNextDay,
} from './daily-log.queries';
import { draftLog } from './log-draft';

/**
 * The daily sales log (销售日报): a rep's day generated from their activities, edited and saved, submitted,
 * and commented on by their manager. A log is the author's to write until submitted; reviewers only comment.
 */

async function authorFor(tx: Tx, viewer: ActivityViewer, tenantId: string, userId: string): Promise<Author> {
  if (!oversees(viewer, userId)) throw new AppError('forbidden');
  const author = (await authorsOf(tx, tenantId, [userId])).get(userId);
  if (!author) throw new AppError('not_found');
  return author;
}

/** The log as the API shows it: stored, or the draft when none is stored; with the day's activities. */
async function presentLog(
  tx: Tx,
  tenantId: string,
  viewer: ActivityViewer,
  author: Author,
  day: string,
  stored: DailyLogRow | undefined,
): Promise<DailyLog> {
  const [done, planned] = await Promise.all([
    doneOnDay(tx, tenantId, author, day),
    plannedForNextDay(tx, tenantId, author, day),
  ]);
  const content = stored ?? draftLog(done, planned, author);
  const [doneItems, plannedItems, customers, reviewer] = await Promise.all([
    presentItems(tx, tenantId, viewer, done),
    presentItems(tx, tenantId, viewer, planned),
    linkNames(
      tx,
      tenantId,
      content.keyPoints.map((k) => ({ customerId: k.customerId, contactId: null, dealId: null })),
    ),
    stored?.reviewedBy ? userNames(tx, tenantId, [stored.reviewedBy]) : new Map<string, string>(),
  ]);
  const mine = author.id === viewer.userId;
  const submitted = Boolean(stored?.submittedAt);
  return {
    id: stored?.id ?? null,
    userId: author.id,
    userName: author.name,
    day,
    stored: Boolean(stored),
    summary: content.summary,
    keyPoints: content.keyPoints.map((k) => ({
      customerId: k.customerId,
      customerName: k.customerId ? (customers.customers.get(k.customerId) ?? null) : null,
      text: k.text,
    })),
    plans: content.plans,
    submittedAt: stored?.submittedAt?.toISOString() ?? null,
    reviewComment: stored?.reviewComment ?? null,
    reviewedBy: stored?.reviewedBy ?? null,
    reviewerName: stored?.reviewedBy ? (reviewer.get(stored.reviewedBy) ?? null) : null,
    reviewedAt: stored?.reviewedAt?.toISOString() ?? null,
    version: stored?.version ?? 0,
    done: doneItems,
    planned: plannedItems,
    can: {
      edit: mine && !submitted,
      submit: mine && Boolean(stored) && !submitted,
      review: submitted && canReviewLog(viewer, author.id),
    },
  };
}

export async function getDailyLog(
  platform: Platform,
  caller: ActivityCaller,
  day: string,
  userId: string | undefined,
): Promise<DailyLog> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    const author = await authorFor(tx, viewer, tenantId, userId ?? viewer.userId);
    return presentLog(tx, tenantId, viewer, author, day, await getLogRow(tx, tenantId, author.id, day));
  });
}

export type SaveLogInput = {
  version: number;
  summary: string;
  keyPoints: { customerId: string | null; text: string }[];
  plans: string;
};

const AUDITED = ['summary', 'keyPoints', 'plans', 'submittedAt', 'reviewComment'] as const;

export async function saveDailyLog(
  platform: Platform,
  caller: ActivityCaller,
  day: string,
  input: SaveLogInput,
): Promise<DailyLog> {
  const { actor } = caller;
  const tenantId = actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    const author = await authorFor(tx, viewer, tenantId, viewer.userId);
    const before = await getLogRow(tx, tenantId, author.id, day, true);
    if (before?.submittedAt) throw new AppError('daily_log_submitted');
    if ((before?.version ?? 0) !== input.version) throw new AppError('version_conflict');
    const unknown: { path: string; code: 'unknown_record' }[] = [];
    for (const [i, point] of input.keyPoints.entries()) {
      if (point.customerId && !(await canSeeRecord(tx, viewer, tenantId, 'customer', point.customerId))) {
        unknown.push({ path: `keyPoints.${i}.customerId`, code: 'unknown_record' });
      }
    }
    if (unknown.length > 0) throw invalidFields(...unknown);
    const now = platform.clock.now();
    const content = { summary: input.summary, keyPoints: input.keyPoints, plans: input.plans };
    const [after] = before
      ? await tx
          .update(dailyLogs)
          .set({ ...content, version: before.version + 1, updatedAt: now })
          .where(and(eq(dailyLogs.tenantId, tenantId), eq(dailyLogs.id, before.id)))
          .returning()
      : await tx
          .insert(dailyLogs)
          .values({
            tenantId,
            id: uuidv7(),
            userId: author.id,
            day,
            ...content,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
    if (!after) throw new AppError('not_found');
    await writeAudit(tx, actor, {
      entity: 'daily_log',
      entityId: after.id,
      action: before ? 'update' : 'create',
      changes: changesBetween(before ?? null, after, AUDITED),
    });
    return presentLog(tx, tenantId, viewer, author, day, after);
  });
}

export async function submitDailyLog(
  platform: Platform,
  caller: ActivityCaller,
  day: string,
  version: number,
): Promise<DailyLog> {
  const { actor } = caller;
  const tenantId = actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    const author = await authorFor(tx, viewer, tenantId, viewer.userId);
    const before = await getLogRow(tx, tenantId, author.id, day, true);
    if (!before) throw new AppError('not_found');
    if (before.submittedAt) throw new AppError('daily_log_submitted');
    if (before.version !== version) throw new AppError('version_conflict');
    const now = platform.clock.now();
    const [after] = await tx
      .update(dailyLogs)
      .set({ submittedAt: now, version: before.version + 1, updatedAt: now })
      .where(and(eq(dailyLogs.tenantId, tenantId), eq(dailyLogs.id, before.id)))
      .returning();
    if (!after) throw new AppError('not_found');
    await writeAudit(tx, actor, {
      entity: 'daily_log',
      entityId: after.id,
      action: 'submit',
      changes: changesBetween(before, after, ['submittedAt']),
    });
    return presentLog(tx, tenantId, viewer, author, day, after);
  });
}

export async function reviewDailyLog(
  platform: Platform,
  caller: ActivityCaller,
  day: string,
  input: { userId: string; version: number; comment: string },
): Promise<DailyLog> {
  const { actor } = caller;
  const tenantId = actor.tenantId;
  const copies = mailCopies(platform.config);
  const log = await withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    if (!canReviewLog(viewer, input.userId)) throw new AppError('forbidden');
    const author = await authorFor(tx, viewer, tenantId, input.userId);
    const before = await getLogRow(tx, tenantId, author.id, day, true);
    if (!before) throw new AppError('not_found');
    if (!before.submittedAt) throw new AppError('daily_log_not_submitted');
    if (before.version !== input.version) throw new AppError('version_conflict');
    const now = platform.clock.now();
    const [after] = await tx
      .update(dailyLogs)
      .set({
        reviewComment: input.comment,
        reviewedBy: viewer.userId,
        reviewedAt: now,
        version: before.version + 1,
        updatedAt: now,
      })
      .where(and(eq(dailyLogs.tenantId, tenantId), eq(dailyLogs.id, before.id)))
      .returning();
    if (!after) throw new AppError('not_found');
    await writeAudit(tx, actor, {
      entity: 'daily_log',
      entityId: after.id,
      action: 'review',
      changes: changesBetween(before, after, ['reviewComment']),
    });
    const reviewer = (await userNames(tx, tenantId, [viewer.userId])).get(viewer.userId) ?? '';
    await notify(tx, {
      tenantId,
      userIds: [author.id],
      kind: 'daily_log_reviewed',
      entity: 'daily_log',
      entityId: after.id,
      params: { day, reviewer, comment: input.comment.slice(0, 500) },
      dedupeKey: `daily_log_review:${after.id}:${after.version}`,
      mail: copies,
    });
    return presentLog(tx, tenantId, viewer, author, day, after);
  });
  await dispatchMailCopies(platform, tenantId, copies);
  return log;
}
