import type { LeadSource } from '@contracts/leads.contract';
import type { CampaignStats, FunnelStats } from '@contracts/marketing.contract';
import { eq, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/audit';
import { queryRows } from '../../../platform/db/database';
import { tenants } from '../../../platform/db/identity.tables';
import { withTenant } from '../../../platform/db/tenancy';
import type { Platform } from '../../../platform/platform';

/**
 * Cost per lead and ROI per campaign and per channel, computed by the database in one pass over the period's
 * leads. A lead's channel is its campaign's channel when it has a campaign (that is whose cost it carries),
 * otherwise its own source. Money is in the company currency only: nothing is converted; campaigns and won
 * deals in other currencies are counted as excluded so the screen can say so.
 */

type FunnelRow = {
  leads: number;
  mqls: number;
  sqls: number;
  converted: number;
  cost: string | number | null;
  revenue: string | number;
  won_deals: number;
  excluded_deals: number;
  cpl: string | number | null;
  cpc: string | number | null;
  roi: number | null;
};

const num = (v: string | number) => Number(v);
const numOrNull = (v: string | number | null) => (v === null ? null : Number(v));

function funnel(row: FunnelRow): FunnelStats {
  return {
    leads: row.leads,
    mqls: row.mqls,
    sqls: row.sqls,
    converted: row.converted,
    costMinor: numOrNull(row.cost),
    revenueMinor: num(row.revenue),
    wonDeals: row.won_deals,
    costPerLeadMinor: numOrNull(row.cpl),
    costPerConvertedMinor: numOrNull(row.cpc),
    roi: row.roi,
    excludedDeals: row.excluded_deals,
  };
}

/** Cost per lead, per converted lead and ROI from the counted columns of `base` (a subquery). */
const derived = sql`
  CASE WHEN cost IS NOT NULL AND leads > 0 THEN round(cost::numeric / leads)::int8 END AS cpl,
  CASE WHEN cost IS NOT NULL AND converted > 0 THEN round(cost::numeric / converted)::int8 END AS cpc,
  CASE WHEN cost > 0 THEN round((revenue - cost)::numeric / cost, 4)::float8 END AS roi`;

export async function campaignStats(
  platform: Platform,
  actor: Actor,
  period: { from?: string | undefined; to?: string | undefined },
): Promise<CampaignStats> {
  const tenantId = actor.tenantId;
  const from = period.from ?? null;
  const to = period.to ?? null;
  return withTenant(platform.db, tenantId, async (tx) => {
    const [tenant] = await tx
      .select({ currency: tenants.currency, timeZone: tenants.timeZone })
      .from(tenants)
      .where(eq(tenants.tenantId, tenantId));
    const currency = tenant?.currency ?? 'CNY';
    const tz = tenant?.timeZone ?? 'UTC';

    // Days are the company's: a period starts at its first midnight and ends after its last day.
    const inPeriod: SQL[] = [];
    if (from) inPeriod.push(sql`l.created_at >= (${from}::date)::timestamp AT TIME ZONE ${tz}`);
    if (to) inPeriod.push(sql`l.created_at < (${to}::date + 1)::timestamp AT TIME ZONE ${tz}`);
    const leadWhere = sql.join([sql`l.tenant_id = ${tenantId}`, ...inPeriod], sql` AND `);
    const runs = sql`(c.starts_on IS NULL OR ${to}::date IS NULL OR c.starts_on <= ${to}::date)
      AND (c.ends_on IS NULL OR ${from}::date IS NULL OR c.ends_on >= ${from}::date)`;

    const periodLeads = sql`
      SELECT l.tenant_id, l.campaign_id, coalesce(c.channel, l.source) AS channel,
             l.mql_at, l.sql_at, l.converted_at, d.amount_minor, d.currency AS deal_currency, d.id AS deal_id
        FROM leads l
        LEFT JOIN lead_campaigns c ON c.tenant_id = l.tenant_id AND c.id = l.campaign_id
        LEFT JOIN deals d ON d.tenant_id = l.tenant_id AND d.id = l.deal_id AND d.status = 'won'
       WHERE ${leadWhere}`;
    const counts = sql`
      count(*)::int AS leads,
      count(mql_at)::int AS mqls,
      count(sql_at)::int AS sqls,
      count(converted_at)::int AS converted,
      coalesce(sum(amount_minor) FILTER (WHERE deal_currency = ${currency}), 0)::int8 AS revenue,
      count(deal_id) FILTER (WHERE deal_currency = ${currency})::int AS won_deals,
      count(deal_id) FILTER (WHERE deal_currency <> ${currency})::int AS excluded_deals`;

    const campaignRows = await queryRows<
      FunnelRow & { id: string; name: string; channel: string; currency: string; active: boolean }
    >(
      tx,
      sql`
      WITH pl AS (${periodLeads}),
      per_campaign AS (
        SELECT tenant_id, campaign_id, ${counts} FROM pl WHERE campaign_id IS NOT NULL GROUP BY tenant_id, campaign_id
      ),
      base AS (
        SELECT c.id, c.name, c.channel, c.currency, c.active,
               coalesce(p.leads, 0) AS leads, coalesce(p.mqls, 0) AS mqls, coalesce(p.sqls, 0) AS sqls,
               coalesce(p.converted, 0) AS converted, coalesce(p.revenue, 0)::int8 AS revenue,
               coalesce(p.won_deals, 0) AS won_deals, coalesce(p.excluded_deals, 0) AS excluded_deals,
               CASE WHEN c.currency = ${currency} THEN (CASE WHEN ${runs} THEN c.cost_minor ELSE 0 END) END AS cost
          FROM lead_campaigns c
          LEFT JOIN per_campaign p ON p.tenant_id = c.tenant_id AND p.campaign_id = c.id
         WHERE c.tenant_id = ${tenantId} AND (${runs} OR p.leads IS NOT NULL)
      )
      SELECT base.*, ${derived} FROM base ORDER BY lower(name), id`,
    );

    const channelRows = await queryRows<FunnelRow & { channel: string; excluded_campaigns: number }>(
      tx,
      sql`
      WITH pl AS (${periodLeads}),
      per_channel AS (SELECT channel, ${counts} FROM pl GROUP BY channel),
      channel_cost AS (
        SELECT c.channel,
               coalesce(sum(c.cost_minor) FILTER (WHERE c.currency = ${currency}), 0)::int8 AS cost,
               count(*) FILTER (WHERE c.currency <> ${currency})::int AS excluded_campaigns
          FROM lead_campaigns c
         WHERE c.tenant_id = ${tenantId} AND ${runs}
         GROUP BY c.channel
      ),
      base AS (
        SELECT coalesce(p.channel, k.channel) AS channel,
               coalesce(p.leads, 0) AS leads, coalesce(p.mqls, 0) AS mqls, coalesce(p.sqls, 0) AS sqls,
               coalesce(p.converted, 0) AS converted, coalesce(p.revenue, 0)::int8 AS revenue,
               coalesce(p.won_deals, 0) AS won_deals, coalesce(p.excluded_deals, 0) AS excluded_deals,
               coalesce(k.cost, 0)::int8 AS cost, coalesce(k.excluded_campaigns, 0) AS excluded_campaigns
          FROM per_channel p FULL JOIN channel_cost k ON k.channel = p.channel
      )
      SELECT base.*, ${derived} FROM base ORDER BY channel`,
    );

    return {
      currency,
      from,
      to,
      campaigns: campaignRows.map((r) => ({
        campaignId: r.id,
        name: r.name,
        channel: r.channel as LeadSource,
        currency: r.currency,
        active: r.active,
        ...funnel(r),
      })),
      channels: channelRows.map((r) => ({
        channel: r.channel as LeadSource,
        excludedCampaigns: r.excluded_campaigns,
        ...funnel(r),
      })),
    };
  });
}
