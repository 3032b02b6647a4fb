import type { PoolEvent, PoolEventKind, PoolQuota } from '@contracts/customer-pool.contract';
import type { CustomerFilter, CustomerSort } from '@contracts/customers.contract';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { writeAudit } from '../../../platform/audit';
import type { Tx } from '../../../platform/db/database';
import { withTenant } from '../../../platform/db/tenancy';
import { AppError } from '../../../platform/http/errors';
import type { Platform } from '../../../platform/platform';
import { customerPoolEvents } from '../customer-pool.tables';
import {
  type CustomerCaller,
  readableCustomer,
  soleTeamOf,
  viewerOf,
  visibleCustomer,
} from '../customer-profile.service';
import { type CustomerViewer, canClaimFromPool, canReleaseCustomer } from '../customers.policy';
import { type CustomerRow, listCustomerSummaries, namesOf } from '../customers.queries';
import { customers } from '../customers.tables';
import { loadPoolSettings, type PoolSettingsRow } from './pool-settings';

/**
 * The public pool's use cases: list the customers without owner, claim one within the caller's limit,
 * release one with a reason, read a customer's claim/release history.
 */

const DAY = 86_400_000;

async function quotaOf(
  tx: Tx,
  tenantId: string,
  userId: string,
  settings: PoolSettingsRow,
  now: Date,
): Promise<PoolQuota> {
  const since = new Date(now.getTime() - settings.claimPeriodDays * DAY);
  const [claimed] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(customerPoolEvents)
    .where(
      and(
        eq(customerPoolEvents.tenantId, tenantId),
        eq(customerPoolEvents.userId, userId),
        eq(customerPoolEvents.kind, 'claim'),
        gt(customerPoolEvents.createdAt, since),
      ),
    );
  const [held] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), eq(customers.ownerId, userId)));
  const claimedInPeriod = claimed?.n ?? 0;
  const holding = held?.n ?? 0;
  const byClaims = settings.claimLimit - claimedInPeriod;
  const byHold = settings.holdLimit === null ? byClaims : settings.holdLimit - holding;
  return {
    claimLimit: settings.claimLimit,
    claimPeriodDays: settings.claimPeriodDays,
    claimedInPeriod,
    holdLimit: settings.holdLimit,
    held: holding,
    remaining: Math.max(0, Math.min(byClaims, byHold)),
  };
}

export type PoolListParams = Omit<CustomerFilter, 'ownerId'> & {
  limit: number;
  cursor?: string | undefined;
  sort: CustomerSort;
};

/** Customers without owner, for every sales user of the company, with the caller's claim quota. */
export async function listPool(platform: Platform, caller: CustomerCaller, params: PoolListParams) {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    const page = await listCustomerSummaries(
      tx,
      tenantId,
      viewer,
      { ...params, ownerId: 'none' },
      isNull(customers.ownerId),
    );
    const settings = await loadPoolSettings(tx, tenantId);
    const quota = await quotaOf(tx, tenantId, viewer.userId, settings, platform.clock.now());
    return { ...page, quota };
  });
}

/**
 * Makes a pool customer the caller's. The update only matches a customer still without owner, so of two
 * reps claiming at once one wins and the other gets customer_claimed; a per-user advisory lock makes two
 * claims of the same rep count their limit one after the other.
 */
export async function claimCustomer(platform: Platform, caller: CustomerCaller, id: string) {
  const tenantId = caller.actor.tenantId;
  const userId = caller.actor.userId;
  if (!userId || !canClaimFromPool(caller.role)) throw new AppError('forbidden');
  return withTenant(platform.db, tenantId, async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`pool:${tenantId}:${userId}`}, 0))`);
    const now = platform.clock.now();
    const settings = await loadPoolSettings(tx, tenantId);
    const quota = await quotaOf(tx, tenantId, userId, settings, now);
    const teamId = await soleTeamOf(tx, tenantId, userId);
    const [claimed] = await tx
      .update(customers)
      .set({
        ownerId: userId,
        ownerSince: now,
        teamId,
        version: sql`${customers.version} + 1`,
        updatedAt: now,
      })
      .where(and(eq(customers.tenantId, tenantId), eq(customers.id, id), isNull(customers.ownerId)))
      .returning({ id: customers.id, version: customers.version, teamId: customers.teamId });
    if (!claimed) {
      const [exists] = await tx
        .select({ id: customers.id })
        .from(customers)
        .where(and(eq(customers.tenantId, tenantId), eq(customers.id, id)));
      throw new AppError(exists ? 'customer_claimed' : 'not_found');
    }
    // Checked after the update so a lost race reads customer_claimed, not the limit; the throw rolls it back.
    if (quota.remaining <= 0) throw new AppError('claim_limit_reached');
    await tx.insert(customerPoolEvents).values({
      tenantId,
      id: uuidv7(),
      customerId: id,
      kind: 'claim',
      userId,
      actorId: userId,
      createdAt: now,
    });
    await writeAudit(tx, caller.actor, {
      entity: 'customer',
      entityId: id,
      action: 'claim',
      changes: {
        ownerId: { from: null, to: userId },
        ...(teamId ? { teamId: { from: null, to: teamId } } : {}),
      },
    });
    return {
      id,
      ownerId: userId,
      version: claimed.version,
      quota: {
        ...quota,
        claimedInPeriod: quota.claimedInPeriod + 1,
        held: quota.held + 1,
        remaining: quota.remaining - 1,
      },
    };
  });
}

/** Puts a customer back into the pool: its owner, or a manager or admin who sees it. */
export async function releaseCustomer(
  platform: Platform,
  caller: CustomerCaller,
  id: string,
  reason: string,
) {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    const before = await visibleCustomer(tx, viewer, tenantId, id, true);
    const after = await applyRelease(tx, platform, caller, viewer, before, reason);
    return { id: after.id, version: after.version };
  });
}

/**
 * Releases a customer the caller sees (`before`, read with its lock): no owner and no team, a pool event with
 * the reason, an audit entry; the release route and the bulk action. Throws a translatable error.
 */
export async function applyRelease(
  tx: Tx,
  platform: Platform,
  caller: CustomerCaller,
  viewer: CustomerViewer,
  before: CustomerRow,
  reason: string,
): Promise<CustomerRow> {
  const { tenantId, id } = before;
  if (before.ownerId === null) throw new AppError('customer_in_pool');
  if (!canReleaseCustomer(viewer, before)) throw new AppError('forbidden');
  const now = platform.clock.now();
  const [after] = await tx
    .update(customers)
    .set({ ownerId: null, ownerSince: null, teamId: null, version: before.version + 1, updatedAt: now })
    .where(and(eq(customers.tenantId, tenantId), eq(customers.id, id)))
    .returning();
  if (!after) throw new AppError('not_found');
  await tx.insert(customerPoolEvents).values({
    tenantId,
    id: uuidv7(),
    customerId: id,
    kind: 'release',
    userId: before.ownerId,
    actorId: caller.actor.userId,
    reason,
    createdAt: now,
  });
  await writeAudit(tx, caller.actor, {
    entity: 'customer',
    entityId: id,
    action: 'release',
    changes: {
      ownerId: { from: before.ownerId, to: null },
      ...(before.teamId ? { teamId: { from: before.teamId, to: null } } : {}),
      reason: { from: null, to: reason },
    },
  });
  return after;
}

/** A customer's claims, releases and returns, newest first, for whoever sees the customer. */
export async function poolHistory(
  platform: Platform,
  caller: CustomerCaller,
  id: string,
): Promise<{ items: PoolEvent[] }> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    await readableCustomer(tx, viewer, tenantId, id);
    const rows = await tx
      .select()
      .from(customerPoolEvents)
      .where(and(eq(customerPoolEvents.tenantId, tenantId), eq(customerPoolEvents.customerId, id)))
      .orderBy(desc(customerPoolEvents.createdAt), desc(customerPoolEvents.id))
      .limit(200);
    const names = await namesOf(tx, tenantId, [...rows.map((r) => r.userId), ...rows.map((r) => r.actorId)]);
    const nameOf = (userId: string | null) => (userId ? (names.users.get(userId) ?? null) : null);
    return {
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind as PoolEventKind,
        userId: r.userId,
        userName: nameOf(r.userId),
        actorId: r.actorId,
        actorName: nameOf(r.actorId),
        auto: r.auto,
        reason: r.reason,
        createdAt: r.createdAt.toISOString(),
      })),
    };
  });
}
