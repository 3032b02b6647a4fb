import type { Notification, NotificationKind } from '@contracts/notifications.contract';
import { and, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../platform/audit';
import type { Tx } from '../../platform/db/database';
import { withTenant } from '../../platform/db/tenancy';
import { decodeCursor, encodeCursor, pageFrom } from '../../platform/http/pagination';
import type { Platform } from '../../platform/platform';
import { type MailCopies, queueMailCopies } from './notification-mail';
import { notifications } from './notifications.tables';

/** In-app notifications: written in the caller's transaction, read and marked read by their recipient. */

export type NotifyInput = {
  tenantId: string;
  userIds: readonly string[];
  kind: NotificationKind;
  params?: Record<string, string | number | null>;
  entity?: string;
  entityId?: string;
  /** Same key for the same user lands once (a retried job notifies once). */
  dedupeKey?: string;
  /** From callers that know the configuration: an e-mail copy is queued too when SMTP is set up. */
  mail?: MailCopies;
};

/** Notifies each user once; returns how many notifications were created. */
export async function notify(tx: Tx, input: NotifyInput): Promise<number> {
  const userIds = [...new Set(input.userIds)];
  if (userIds.length === 0) return 0;
  const rows = await tx
    .insert(notifications)
    .values(
      userIds.map((userId) => ({
        tenantId: input.tenantId,
        id: uuidv7(),
        userId,
        kind: input.kind,
        params: input.params ?? {},
        entity: input.entity ?? null,
        entityId: input.entityId ?? null,
        dedupeKey: input.dedupeKey ?? null,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: notifications.id, userId: notifications.userId });
  if (input.mail?.enabled && rows.length > 0) {
    await queueMailCopies(
      tx,
      input,
      input.mail,
      rows.map((r) => r.userId),
    );
  }
  return rows.length;
}

/** Rows per INSERT of notifyMany: large batches, well below the protocol's parameter limit. */
const MANY_CHUNK = 1_000;

/**
 * Many notifications in a few statements (a nightly sweep that alerts thousands of owners at once): the same
 * rows, dedupe and mail copies as `notify` for each input. Returns how many were created.
 */
export async function notifyMany(tx: Tx, inputs: readonly NotifyInput[]): Promise<number> {
  const rows = inputs.flatMap((input, index) =>
    [...new Set(input.userIds)].map((userId) => ({
      index,
      userId,
      value: {
        tenantId: input.tenantId,
        id: uuidv7(),
        userId,
        kind: input.kind,
        params: input.params ?? {},
        entity: input.entity ?? null,
        entityId: input.entityId ?? null,
        dedupeKey: input.dedupeKey ?? null,
      },
    })),
  );
  const created = new Set<string>();
  for (let i = 0; i < rows.length; i += MANY_CHUNK) {
    const inserted = await tx
      .insert(notifications)
      .values(rows.slice(i, i + MANY_CHUNK).map((r) => r.value))
      .onConflictDoNothing()
      .returning({ id: notifications.id });
    for (const r of inserted) created.add(r.id);
  }
  const createdFor = new Map<number, string[]>();
  for (const r of rows) {
    if (created.has(r.value.id)) createdFor.set(r.index, [...(createdFor.get(r.index) ?? []), r.userId]);
  }
  for (const [index, userIds] of createdFor) {
    const input = inputs[index];
    if (input?.mail?.enabled) await queueMailCopies(tx, input, input.mail, userIds);
  }
  return created.size;
}

type Row = typeof notifications.$inferSelect;

function present(row: Row): Notification {
  return {
    id: row.id,
    kind: row.kind as NotificationKind,
    params: row.params,
    entity: row.entity,
    entityId: row.entityId,
    readAt: row.readAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

async function unreadCount(tx: Tx, tenantId: string, userId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(
      and(
        eq(notifications.tenantId, tenantId),
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
      ),
    );
  return row?.n ?? 0;
}

export async function listMine(
  platform: Platform,
  actor: Actor,
  query: { limit: number; cursor?: string | undefined; unread?: 'true' | 'false' | undefined },
) {
  const userId = actor.userId ?? '';
  return withTenant(platform.db, actor.tenantId, async (tx) => {
    const cursor = query.cursor ? decodeCursor(query.cursor) : null;
    const where: (SQL | undefined)[] = [
      eq(notifications.tenantId, actor.tenantId),
      eq(notifications.userId, userId),
      query.unread === 'true' ? isNull(notifications.readAt) : undefined,
      cursor
        ? sql`(${notifications.createdAt}, ${notifications.id}) < (${new Date(String(cursor.value))}, ${cursor.id}::uuid)`
        : undefined,
    ];
    const rows = await tx
      .select()
      .from(notifications)
      .where(and(...where))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(query.limit + 1);
    const page = pageFrom(rows, query.limit, (r) => encodeCursor(r.createdAt, r.id));
    return {
      items: page.items.map(present),
      nextCursor: page.nextCursor,
      unreadCount: await unreadCount(tx, actor.tenantId, userId),
    };
  });
}

export async function markRead(
  platform: Platform,
  actor: Actor,
  which: { ids: string[] } | { all: true },
): Promise<{ unreadCount: number }> {
  const userId = actor.userId ?? '';
  return withTenant(platform.db, actor.tenantId, async (tx) => {
    await tx
      .update(notifications)
      .set({ readAt: platform.clock.now() })
      .where(
        and(
          eq(notifications.tenantId, actor.tenantId),
          eq(notifications.userId, userId),
          isNull(notifications.readAt),
          'ids' in which ? inArray(notifications.id, which.ids) : undefined,
        ),
      );
    return { unreadCount: await unreadCount(tx, actor.tenantId, userId) };
  });
}
