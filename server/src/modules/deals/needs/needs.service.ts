import type {
  ConfirmNeedsInput,
  DealNeeds,
  NeedItem,
  NeedsInput,
  NeedsShareLink,
  PublicNeeds,
} from '@contracts/deal-needs.contract';
import { and, asc, eq, gt, notInArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import { changesBetween, writeAudit } from '../../../platform/audit';
import { composeToken, NO_TENANT, newSecret, parseToken, safeEqual, sha256 } from '../../../platform/crypto';
import type { Tx } from '../../../platform/db/database';
import { tenants } from '../../../platform/db/identity.tables';
import { withTenant } from '../../../platform/db/tenancy';
import { AppError, invalidFields } from '../../../platform/http/errors';
import type { Platform } from '../../../platform/platform';
import { customerAndContactNames } from '../../customers';
import { type DealCaller, dealFor } from '../deal-access';
import { dealNeedItems, dealNeeds } from '../deal-needs.tables';
import { deals } from '../deals.tables';

/**
 * Needs analysis of a deal (DOMAIN.md §2). One record per deal, saved whole with its items (the guided form
 * sends everything it shows) under optimistic concurrency. Confirming it with the customer stamps who and
 * when, and issues a read-only link `<tenantId>.<dealId>.<secret>` whose SHA-256 alone is stored; a new
 * confirmation replaces the link, revoking switches it off. An edit after a confirmation keeps the
 * confirmation but marks it changed: `updated_at` then lies after `confirmed_at`.
 */

type NeedsRow = typeof dealNeeds.$inferSelect;
type ItemRow = typeof dealNeedItems.$inferSelect;
export type SaveInput = z.output<typeof NeedsInput>;
export type ConfirmInput = z.output<typeof ConfirmNeedsInput>;

const DAY_MS = 86_400_000;

/** Fields of the record the audit log compares (items are compared as a list). */
const AUDITED = [
  'currentBusiness',
  'currentTools',
  'expectedResults',
  'deadlineOn',
  'decisionProcess',
  'budgetMinMinor',
  'budgetMaxMinor',
  'budgetCurrency',
  'paymentPreference',
  'specialRequirements',
  'summary',
] as const satisfies readonly (keyof NeedsRow & keyof SaveInput)[];

export const linkPath = (token: string) => `/n/${encodeURIComponent(token)}`;

const changedSince = (row: NeedsRow): boolean =>
  row.confirmedAt !== null && row.updatedAt.getTime() > row.confirmedAt.getTime();

const liveLink = (row: NeedsRow, now: Date): Date | null =>
  row.shareTokenHash && row.shareExpiresAt && row.shareExpiresAt > now ? row.shareExpiresAt : null;

function itemOut(row: ItemRow): NeedItem {
  return {
    id: row.id,
    kind: row.kind as NeedItem['kind'],
    description: row.description,
    priority: row.priority as NeedItem['priority'],
    explicitness: row.explicitness as NeedItem['explicitness'],
    position: row.position,
  };
}

export function corePainPointCount(items: readonly { kind: string; priority: string }[]): number {
  return items.filter((i) => i.kind === 'pain_point' && i.priority === 'core').length;
}

function toDto(dealId: string, row: NeedsRow | null, items: ItemRow[], now: Date): DealNeeds {
  const out = items.map(itemOut);
  return {
    dealId,
    currentBusiness: row?.currentBusiness ?? '',
    currentTools: row?.currentTools ?? '',
    expectedResults: row?.expectedResults ?? '',
    deadlineOn: row?.deadlineOn ?? null,
    decisionProcess: row?.decisionProcess ?? '',
    budgetMinMinor: row?.budgetMinMinor ?? null,
    budgetMaxMinor: row?.budgetMaxMinor ?? null,
    budgetCurrency: row?.budgetCurrency ?? null,
    paymentPreference: row?.paymentPreference ?? '',
    specialRequirements: row?.specialRequirements ?? '',
    summary: row?.summary ?? '',
    items: out,
    corePainPoints: corePainPointCount(out),
    confirmation:
      row?.confirmedAt && row.confirmedByName !== null
        ? {
            confirmedAt: row.confirmedAt.toISOString(),
            confirmedByName: row.confirmedByName,
            changedSinceConfirmation: changedSince(row),
            linkExpiresAt: liveLink(row, now)?.toISOString() ?? null,
          }
        : null,
    version: row?.version ?? 0,
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}

async function loadRow(tx: Tx, tenantId: string, dealId: string, lock = false): Promise<NeedsRow | null> {
  const query = tx
    .select()
    .from(dealNeeds)
    .where(and(eq(dealNeeds.tenantId, tenantId), eq(dealNeeds.dealId, dealId)));
  const [row] = await (lock ? query.for('update') : query);
  return row ?? null;
}

function loadItems(tx: Tx, tenantId: string, dealId: string): Promise<ItemRow[]> {
  return tx
    .select()
    .from(dealNeedItems)
    .where(and(eq(dealNeedItems.tenantId, tenantId), eq(dealNeedItems.dealId, dealId)))
    .orderBy(asc(dealNeedItems.position), asc(dealNeedItems.id));
}

export async function getNeeds(platform: Platform, caller: DealCaller, dealId: string): Promise<DealNeeds> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    await dealFor(tx, caller, dealId, 'read');
    const row = await loadRow(tx, tenantId, dealId);
    return toDto(dealId, row, await loadItems(tx, tenantId, dealId), platform.clock.now());
  });
}

/** Business rules the contract cannot express: a budget range that runs forward and names its currency. */
function checkInput(input: SaveInput, existing: ItemRow[]): void {
  const problems: Parameters<typeof invalidFields> = [];
  const { budgetMinMinor: min, budgetMaxMinor: max } = input;
  if (min !== null && max !== null && min > max) {
    problems.push({ path: 'budgetMaxMinor', code: 'budget_range_inverted' });
  }
  if ((min !== null || max !== null) && input.budgetCurrency === null) {
    problems.push({ path: 'budgetCurrency', code: 'budget_currency_required' });
  }
  const known = new Set(existing.map((i) => i.id));
  const seen = new Set<string>();
  input.items.forEach((item, i) => {
    if (item.id === undefined) return;
    if (!known.has(item.id) || seen.has(item.id)) {
      problems.push({ path: `items.${i}.id`, code: 'unknown_need_item' });
    }
    seen.add(item.id);
  });
  if (problems.length > 0) throw invalidFields(...problems);
}

const itemKey = (i: { kind: string; description: string; priority: string; explicitness: string }) =>
  `${i.kind}|${i.priority}|${i.explicitness}|${i.description}`;

export async function saveNeeds(
  platform: Platform,
  caller: DealCaller,
  dealId: string,
  input: SaveInput,
): Promise<DealNeeds> {
  const { actor } = caller;
  const tenantId = actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    await dealFor(tx, caller, dealId, 'edit', { lock: true });
    const before = await loadRow(tx, tenantId, dealId, true);
    if ((before?.version ?? 0) !== input.version) throw new AppError('version_conflict');
    const beforeItems = await loadItems(tx, tenantId, dealId);
    checkInput(input, beforeItems);

    let now = platform.clock.now();
    // An edit must read as later than the confirmation even on a coarse or stopped clock.
    if (before?.confirmedAt && now.getTime() <= before.confirmedAt.getTime()) {
      now = new Date(before.confirmedAt.getTime() + 1);
    }
    const { version: _v, items, ...fields } = input;
    const values = { ...fields, updatedAt: now };
    const [row] = before
      ? await tx
          .update(dealNeeds)
          .set({ ...values, version: before.version + 1 })
          .where(and(eq(dealNeeds.tenantId, tenantId), eq(dealNeeds.dealId, dealId)))
          .returning()
      : await tx
          .insert(dealNeeds)
          .values({ tenantId, dealId, ...values, createdAt: now })
          .returning();
    if (!row) throw new Error('deal_needs write returned nothing');

    const keep = items.flatMap((i) => (i.id ? [i.id] : []));
    await tx
      .delete(dealNeedItems)
      .where(
        and(
          eq(dealNeedItems.tenantId, tenantId),
          eq(dealNeedItems.dealId, dealId),
          ...(keep.length > 0 ? [notInArray(dealNeedItems.id, keep)] : []),
        ),
      );
    const beforeById = new Map(beforeItems.map((i) => [i.id, i]));
    const inserts: (typeof dealNeedItems.$inferInsert)[] = [];
    for (const [position, item] of items.entries()) {
      const data = {
        kind: item.kind,
        description: item.description,
        priority: item.priority,
        explicitness: item.explicitness,
        position,
      };
      const old = item.id ? beforeById.get(item.id) : undefined;
      if (!old) {
        inserts.push({ tenantId, id: uuidv7(), dealId, ...data, createdAt: now, updatedAt: now });
      } else if (itemKey(old) !== itemKey(data) || old.position !== position) {
        await tx
          .update(dealNeedItems)
          .set({ ...data, updatedAt: now })
          .where(and(eq(dealNeedItems.tenantId, tenantId), eq(dealNeedItems.id, old.id)));
      }
    }
    if (inserts.length > 0) await tx.insert(dealNeedItems).values(inserts);
    const afterItems = await loadItems(tx, tenantId, dealId);

    const changes = changesBetween(before, row, AUDITED);
    const listBefore = beforeItems.map(itemKey);
    const listAfter = afterItems.map(itemKey);
    if (JSON.stringify(listBefore) !== JSON.stringify(listAfter)) {
      changes.items = { from: listBefore, to: listAfter };
    }
    if (before?.confirmedAt && !changedSince(before)) {
      changes.changedSinceConfirmation = { from: false, to: true };
    }
    await writeAudit(tx, actor, {
      entity: 'deal_need',
      entityId: dealId,
      action: before ? 'update' : 'create',
      changes,
    });
    return toDto(dealId, row, afterItems, platform.clock.now());
  });
}

export async function confirmNeeds(
  platform: Platform,
  caller: DealCaller,
  dealId: string,
  input: ConfirmInput,
): Promise<{ needs: DealNeeds; link: NeedsShareLink }> {
  const { actor } = caller;
  const tenantId = actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    await dealFor(tx, caller, dealId, 'edit', { lock: true });
    const before = await loadRow(tx, tenantId, dealId, true);
    if (!before || before.version !== input.version) throw new AppError('version_conflict');
    const items = await loadItems(tx, tenantId, dealId);
    if (items.length === 0) throw new AppError('needs_empty');

    const now = platform.clock.now();
    const issued = newLink(platform, tenantId, dealId, now, input.expiresInDays);
    const [row] = await tx
      .update(dealNeeds)
      .set({
        summary: input.summary,
        confirmedAt: now,
        confirmedByName: input.confirmedByName,
        shareTokenHash: issued.hash,
        shareExpiresAt: issued.expiresAt,
        version: before.version + 1,
        updatedAt: now,
      })
      .where(and(eq(dealNeeds.tenantId, tenantId), eq(dealNeeds.dealId, dealId)))
      .returning();
    if (!row) throw new Error('deal_needs confirm returned nothing');
    await writeAudit(tx, actor, {
      entity: 'deal_need',
      entityId: dealId,
      action: 'confirm',
      changes: {
        ...changesBetween(before, row, ['summary', 'confirmedByName', 'confirmedAt', 'shareExpiresAt']),
      },
    });
    return { needs: toDto(dealId, row, items, now), link: issued.link };
  });
}

function newLink(platform: Platform, tenantId: string, dealId: string, now: Date, days: number) {
  const secret = newSecret();
  const expiresAt = new Date(now.getTime() + days * DAY_MS);
  const token = composeToken(tenantId, dealId, secret);
  return {
    hash: sha256(secret),
    expiresAt,
    link: {
      token,
      url: `${platform.config.publicUrl}${linkPath(token)}`,
      expiresAt: expiresAt.toISOString(),
    },
  };
}

/** A fresh link to a confirmed record, replacing the previous one (e.g. the first was lost or expired). */
export async function issueLink(
  platform: Platform,
  caller: DealCaller,
  dealId: string,
  expiresInDays: number,
): Promise<NeedsShareLink> {
  const { actor } = caller;
  const tenantId = actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    await dealFor(tx, caller, dealId, 'edit', { lock: true });
    const before = await loadRow(tx, tenantId, dealId, true);
    if (!before?.confirmedAt) throw new AppError('needs_not_confirmed');
    const issued = newLink(platform, tenantId, dealId, platform.clock.now(), expiresInDays);
    // Like revoking, the link is not part of what the customer confirmed: version and edit time stay.
    await tx
      .update(dealNeeds)
      .set({ shareTokenHash: issued.hash, shareExpiresAt: issued.expiresAt })
      .where(and(eq(dealNeeds.tenantId, tenantId), eq(dealNeeds.dealId, dealId)));
    await writeAudit(tx, actor, {
      entity: 'deal_need',
      entityId: dealId,
      action: 'issue_link',
      changes: { shareExpiresAt: { from: before.shareExpiresAt, to: issued.expiresAt } },
    });
    return issued.link;
  });
}

export async function revokeLink(platform: Platform, caller: DealCaller, dealId: string): Promise<void> {
  const { actor } = caller;
  const tenantId = actor.tenantId;
  await withTenant(platform.db, tenantId, async (tx) => {
    await dealFor(tx, caller, dealId, 'edit', { lock: true });
    const before = await loadRow(tx, tenantId, dealId, true);
    if (!before?.shareTokenHash) return;
    // The link is not part of what the customer confirmed: revoking keeps the version and the edit time.
    await tx
      .update(dealNeeds)
      .set({ shareTokenHash: null, shareExpiresAt: null })
      .where(and(eq(dealNeeds.tenantId, tenantId), eq(dealNeeds.dealId, dealId)));
    await writeAudit(tx, actor, {
      entity: 'deal_need',
      entityId: dealId,
      action: 'revoke_link',
      changes: { shareExpiresAt: { from: before.shareExpiresAt, to: null } },
    });
  });
}

/**
 * The record a read-only link shows, or null. A wrong, revoked, expired or malformed token takes the same
 * path (one indexed lookup, a constant-time hash comparison; a malformed one in a tenant with no rows), so
 * neither the answer nor its timing tells them apart.
 */
export async function readPublicNeeds(platform: Platform, token: string): Promise<PublicNeeds | null> {
  const parsed = parseToken(token) ?? { tenantId: NO_TENANT, id: NO_TENANT, secret: '' };
  const now = platform.clock.now();
  return withTenant(platform.db, parsed.tenantId, async (tx) => {
    const [found] = await tx
      .select({
        needs: dealNeeds,
        customerId: deals.customerId,
        companyName: tenants.name,
        defaultLocale: tenants.defaultLocale,
        timeZone: tenants.timeZone,
      })
      .from(dealNeeds)
      .innerJoin(deals, and(eq(deals.tenantId, dealNeeds.tenantId), eq(deals.id, dealNeeds.dealId)))
      .innerJoin(tenants, eq(tenants.tenantId, dealNeeds.tenantId))
      .where(
        and(
          eq(dealNeeds.tenantId, parsed.tenantId),
          eq(dealNeeds.dealId, parsed.id),
          gt(dealNeeds.shareExpiresAt, now),
        ),
      );
    const row = found?.needs;
    if (!found || !row?.shareTokenHash || !safeEqual(row.shareTokenHash, sha256(parsed.secret))) return null;
    if (!row.confirmedAt || row.confirmedByName === null || !row.shareExpiresAt) return null;
    const items = await loadItems(tx, parsed.tenantId, parsed.id);
    const names = await customerAndContactNames(tx, parsed.tenantId, {
      customerIds: [found.customerId],
      contactIds: [],
    });
    return {
      companyName: found.companyName,
      customerName: names.customers.get(found.customerId) ?? '',
      defaultLocale: found.defaultLocale,
      timeZone: found.timeZone,
      currentBusiness: row.currentBusiness,
      currentTools: row.currentTools,
      expectedResults: row.expectedResults,
      deadlineOn: row.deadlineOn,
      decisionProcess: row.decisionProcess,
      budgetMinMinor: row.budgetMinMinor,
      budgetMaxMinor: row.budgetMaxMinor,
      budgetCurrency: row.budgetCurrency,
      paymentPreference: row.paymentPreference,
      specialRequirements: row.specialRequirements,
      summary: row.summary,
      items: items.map((i) => {
        const { kind, description, priority, explicitness } = itemOut(i);
        return { kind, description, priority, explicitness };
      }),
      confirmedAt: row.confirmedAt.toISOString(),
      confirmedByName: row.confirmedByName,
      changedSinceConfirmation: changedSince(row),
      expiresAt: row.shareExpiresAt.toISOString(),
    };
  });
}
