import type { LeadSource } from '@contracts/leads.contract';
import type { Campaign } from '@contracts/marketing.contract';
import { and, eq, ilike, ne, type SQL, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { type Actor, changesBetween, writeAudit } from '../../../platform/audit';
import { queryRows, type Tx } from '../../../platform/db/database';
import { tenants } from '../../../platform/db/identity.tables';
import { containsPattern } from '../../../platform/db/substring-search';
import { withTenant } from '../../../platform/db/tenancy';
import { AppError, invalidFields } from '../../../platform/http/errors';
import { afterCursor, encodeCursor, orderFor, pageFrom, parseSort } from '../../../platform/http/pagination';
import type { Platform } from '../../../platform/platform';
import { leadCampaigns, leadForms, leads } from '../leads.tables';

/** Marketing campaigns: a channel, a cost and a UTM name, so reports can compute cost per lead and ROI. */

type CampaignRow = typeof leadCampaigns.$inferSelect;

const AUDITED = [
  'name',
  'channel',
  'costMinor',
  'currency',
  'utmCampaign',
  'startsOn',
  'endsOn',
  'notes',
  'active',
] as const;

export function presentCampaign(row: CampaignRow): Campaign {
  return {
    id: row.id,
    name: row.name,
    channel: row.channel as LeadSource,
    costMinor: row.costMinor,
    currency: row.currency,
    utmCampaign: row.utmCampaign,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    notes: row.notes,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

async function load(tx: Tx, tenantId: string, id: string, lock = false): Promise<CampaignRow> {
  const q = tx
    .select()
    .from(leadCampaigns)
    .where(and(eq(leadCampaigns.tenantId, tenantId), eq(leadCampaigns.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('not_found');
  return row;
}

export async function tenantCurrency(tx: Tx, tenantId: string): Promise<string> {
  const [row] = await tx
    .select({ currency: tenants.currency })
    .from(tenants)
    .where(eq(tenants.tenantId, tenantId));
  return row?.currency ?? 'CNY';
}

/** Names are unique per tenant whatever their case; so are UTM names, or attribution would be a guess. */
async function assertUnique(
  tx: Tx,
  tenantId: string,
  input: { name?: string | undefined; utmCampaign?: string | null | undefined },
  exceptId: string | null,
): Promise<void> {
  const others = (column: SQL) =>
    and(eq(leadCampaigns.tenantId, tenantId), exceptId ? ne(leadCampaigns.id, exceptId) : undefined, column);
  if (input.name !== undefined) {
    const [taken] = await tx
      .select({ id: leadCampaigns.id })
      .from(leadCampaigns)
      .where(others(sql`lower(${leadCampaigns.name}) = lower(${input.name})`))
      .limit(1);
    if (taken) throw new AppError('name_taken');
  }
  if (input.utmCampaign) {
    const [taken] = await tx
      .select({ id: leadCampaigns.id })
      .from(leadCampaigns)
      .where(others(sql`lower(${leadCampaigns.utmCampaign}) = lower(${input.utmCampaign})`))
      .limit(1);
    if (taken) throw invalidFields({ path: 'utmCampaign', code: 'utm_campaign_taken' });
  }
}

function assertPeriod(startsOn: string | null, endsOn: string | null): void {
  if (startsOn && endsOn && endsOn < startsOn)
    throw invalidFields({ path: 'endsOn', code: 'ends_before_start' });
}

const blankToNull = (value: string | null | undefined) => (value?.trim() ? value.trim() : null);

const SORTABLE = { name: leadCampaigns.name, createdAt: leadCampaigns.createdAt };

export type ListCampaignsParams = {
  limit: number;
  cursor?: string | undefined;
  q?: string | undefined;
  channel?: LeadSource | undefined;
  active?: boolean | undefined;
  sort: string;
};

export async function listCampaigns(platform: Platform, actor: Actor, params: ListCampaignsParams) {
  const tenantId = actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const sort = parseSort(params.sort, SORTABLE);
    const rows = await tx
      .select()
      .from(leadCampaigns)
      .where(
        and(
          eq(leadCampaigns.tenantId, tenantId),
          params.q ? ilike(leadCampaigns.name, containsPattern(params.q)) : undefined,
          params.channel ? eq(leadCampaigns.channel, params.channel) : undefined,
          params.active !== undefined ? eq(leadCampaigns.active, params.active) : undefined,
          afterCursor(sort, leadCampaigns.id, params.cursor),
        ),
      )
      .orderBy(...orderFor(sort, leadCampaigns.id))
      .limit(params.limit + 1);
    const key = params.sort.replace('-', '') as keyof typeof SORTABLE;
    const page = pageFrom(rows, params.limit, (r) => encodeCursor(r[key], r.id));
    return { items: page.items.map(presentCampaign), nextCursor: page.nextCursor };
  });
}

export async function getCampaign(platform: Platform, actor: Actor, id: string): Promise<Campaign> {
  return withTenant(platform.db, actor.tenantId, async (tx) =>
    presentCampaign(await load(tx, actor.tenantId, id)),
  );
}

export type CreateCampaignInput = {
  name: string;
  channel: LeadSource;
  costMinor: number;
  currency?: string | undefined;
  utmCampaign: string | null;
  startsOn: string | null;
  endsOn: string | null;
  notes: string;
  active: boolean;
};

export async function createCampaign(
  platform: Platform,
  actor: Actor,
  input: CreateCampaignInput,
): Promise<Campaign> {
  const tenantId = actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const utmCampaign = blankToNull(input.utmCampaign);
    assertPeriod(input.startsOn, input.endsOn);
    await assertUnique(tx, tenantId, { name: input.name, utmCampaign }, null);
    const now = platform.clock.now();
    const [row] = await tx
      .insert(leadCampaigns)
      .values({
        tenantId,
        id: uuidv7(),
        name: input.name,
        channel: input.channel,
        costMinor: input.costMinor,
        currency: input.currency ?? (await tenantCurrency(tx, tenantId)),
        utmCampaign,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        notes: input.notes,
        active: input.active,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new AppError('internal');
    await writeAudit(tx, actor, {
      entity: 'campaign',
      entityId: row.id,
      action: 'create',
      changes: changesBetween(null, row, AUDITED),
    });
    return presentCampaign(row);
  });
}

export type UpdateCampaignInput = Partial<CreateCampaignInput>;

export async function updateCampaign(
  platform: Platform,
  actor: Actor,
  id: string,
  expectedVersion: number | null,
  input: UpdateCampaignInput,
): Promise<Campaign> {
  const tenantId = actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const before = await load(tx, tenantId, id, true);
    if (expectedVersion !== null && before.version !== expectedVersion)
      throw new AppError('version_conflict');
    const utmCampaign = input.utmCampaign !== undefined ? blankToNull(input.utmCampaign) : undefined;
    assertPeriod(
      input.startsOn !== undefined ? input.startsOn : before.startsOn,
      input.endsOn !== undefined ? input.endsOn : before.endsOn,
    );
    await assertUnique(tx, tenantId, { name: input.name, utmCampaign }, id);
    const set: Partial<typeof leadCampaigns.$inferInsert> = {};
    for (const field of AUDITED) {
      if (input[field] !== undefined) Object.assign(set, { [field]: input[field] });
    }
    if (utmCampaign !== undefined) set.utmCampaign = utmCampaign;
    const [after] = await tx
      .update(leadCampaigns)
      .set({ ...set, version: before.version + 1, updatedAt: platform.clock.now() })
      .where(and(eq(leadCampaigns.tenantId, tenantId), eq(leadCampaigns.id, id)))
      .returning();
    if (!after) throw new AppError('internal');
    await writeAudit(tx, actor, {
      entity: 'campaign',
      entityId: id,
      action: 'update',
      changes: changesBetween(before, after, AUDITED),
    });
    return presentCampaign(after);
  });
}

/** Refused while leads, forms or deals point at the campaign: its numbers would vanish from reports. */
export async function deleteCampaign(platform: Platform, actor: Actor, id: string): Promise<void> {
  const tenantId = actor.tenantId;
  await withTenant(platform.db, tenantId, async (tx) => {
    const before = await load(tx, tenantId, id, true);
    // Deals belong to another module; a plain count by table name keeps the module boundary.
    const [usage] = await queryRows<{ leads: number; forms: number; deals: number }>(
      tx,
      sql`SELECT
            (SELECT count(*)::int FROM ${leads} WHERE ${leads.tenantId} = ${tenantId} AND ${leads.campaignId} = ${id}) AS leads,
            (SELECT count(*)::int FROM ${leadForms} WHERE ${leadForms.tenantId} = ${tenantId} AND ${leadForms.campaignId} = ${id}) AS forms,
            (SELECT count(*)::int FROM deals WHERE deals.tenant_id = ${tenantId} AND deals.campaign_id = ${id}) AS deals`,
    );
    if (usage && usage.leads + usage.forms + usage.deals > 0) {
      throw new AppError('campaign_in_use', usage);
    }
    await tx.delete(leadCampaigns).where(and(eq(leadCampaigns.tenantId, tenantId), eq(leadCampaigns.id, id)));
    await writeAudit(tx, actor, {
      entity: 'campaign',
      entityId: id,
      action: 'delete',
      changes: changesBetween(before, null, AUDITED),
    });
  });
}

/**
 * The campaign a lead's `utm_campaign` names (case-insensitive), active ones first; null when none does.
 * Used where capture creates leads without a campaign of their own.
 */
export async function campaignIdForUtm(
  tx: Tx,
  tenantId: string,
  utmCampaign: string | null | undefined,
): Promise<string | null> {
  const value = utmCampaign?.trim();
  if (!value) return null;
  const [row] = await tx
    .select({ id: leadCampaigns.id })
    .from(leadCampaigns)
    .where(
      and(eq(leadCampaigns.tenantId, tenantId), sql`lower(${leadCampaigns.utmCampaign}) = lower(${value})`),
    )
    .orderBy(sql`${leadCampaigns.active} desc`, sql`${leadCampaigns.createdAt} desc`)
    .limit(1);
  return row?.id ?? null;
}
