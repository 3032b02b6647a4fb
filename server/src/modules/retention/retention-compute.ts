import type { Locale } from '@contracts/common';
import type { CustomerTier } from '@contracts/customers.contract';
import type { RetentionRules } from '@contracts/retention.contract';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { type Actor, systemActor } from '../../platform/audit';
import { queryRows, type Tx } from '../../platform/db/database';
import { tenants, users } from '../../platform/db/identity.tables';
import { auditLog } from '../../platform/db/platform.tables';
import { translate } from '../../platform/i18n/i18n';
import { activitySignalsSql, insertActivity } from '../activities';
import { careSignalsSql } from '../after-sales';
import { applyCustomerGrades, customerFactsSql } from '../customers';
import { dealSignalsSql } from '../deals';
import { type MailCopies, notifyMany } from '../notifications';
import { cashSignalsSql, overdueSignalsSql } from '../receivables';
import { managerDirectory } from '../teams';
import { customerRetention } from './retention.tables';
import { loadRules } from './retention-rules';

/**
 * The rules of DOMAIN.md §7 for every customer of a company (or one), set-based: one statement reads each
 * customer's facts, its deals', activities' and receivables' signals, scores recency, frequency and monetary
 * value (from contracts and payments when the customer has a signed contract, else from won deals), grades
 * the tier, finds the lifecycle stage and the health score with the signals behind it, and upserts the
 * result; a second copies tier, stage and health onto `customers`. JavaScript only handles what changed:
 * audit rows for tier and stage changes, alerts for customers newly at risk, and the tiers' follow-up tasks.
 */

const DAY = 86_400_000;
/** Follow-up tasks one run creates per owner at most: a first run on a neglected book must not bury anyone. */
const FOLLOW_UPS_PER_OWNER = 20;
const AUDIT_CHUNK = 2_000;

type ChangeRow = {
  customer_id: string;
  name: string;
  owner_id: string | null;
  team_id: string | null;
  known: boolean;
  old_tier: string | null;
  tier: string;
  old_stage: string | null;
  stage: string;
  was_at_risk: boolean | null;
  at_risk: boolean;
  health_score: number;
  follow_up_days: number | null;
  follow_up_rank: number | null;
};

export type RecomputeResult = {
  customers: number;
  /** Customers whose tier, stage, health or risk changed. */
  changed: number;
  tierChanges: number;
  stageChanges: number;
  newlyAtRisk: number;
  followUps: number;
};

const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;
const daysAgo = (now: Date, days: number) => at(new Date(now.getTime() - days * DAY));
const monthsAgo = (now: Date, months: number) => sql`${at(now)} - ${months} * interval '1 month'`;

/** 5 within the 1st cut-off, … 1 past the 4th (recency: smaller is better). */
function recencyScore(last: ReturnType<typeof sql>, now: Date, cut: readonly number[]) {
  const [c1, c2, c3, c4] = cut;
  return sql`CASE WHEN ${last} >= ${daysAgo(now, c1 ?? 0)} THEN 5 WHEN ${last} >= ${daysAgo(now, c2 ?? 0)} THEN 4
    WHEN ${last} >= ${daysAgo(now, c3 ?? 0)} THEN 3 WHEN ${last} >= ${daysAgo(now, c4 ?? 0)} THEN 2 ELSE 1 END`;
}

/** 5 from the 4th cut-off, … 1 below the 1st (frequency, monetary: larger is better). */
function amountScore(value: ReturnType<typeof sql>, cut: readonly number[]) {
  const [c1, c2, c3, c4] = cut;
  return sql`CASE WHEN ${value} >= ${c4} THEN 5 WHEN ${value} >= ${c3} THEN 4 WHEN ${value} >= ${c2} THEN 3
    WHEN ${value} >= ${c1} THEN 2 ELSE 1 END`;
}

const days = (since: ReturnType<typeof sql>, now: Date) =>
  sql`floor(extract(epoch FROM (${at(now)} - ${since})) / 86400)::int`;

/** Computes and stores the grades; returns what changed (for the side effects) and how many were graded. */
async function gradeCustomers(
  tx: Tx,
  tenantId: string,
  rules: RetentionRules,
  currency: string,
  now: Date,
  customerId: string | undefined,
): Promise<{ graded: number; changes: ChangeRow[] }> {
  const { rfm, tiers, lifecycle, health, followUpDays } = rules;
  const w = health.weights;
  const facts = customerFactsSql(tenantId, customerId);
  const dealSignals = dealSignalsSql({
    tenantId,
    windowStart: new Date(now.getTime() - rfm.windowDays * DAY),
    lossesSince: new Date(now.getTime() - health.lossDays * DAY),
    currency,
    customerId,
  });
  const activitySignals = activitySignalsSql({
    tenantId,
    now,
    windowDays: lifecycle.activityWindowDays,
    customerId,
  });
  // Receivables: instalments overdue past the company's warning days (DOMAIN.md §7's payment warning).
  const paymentSignals = overdueSignalsSql({ tenantId, now, customerId });
  // Quote to cash: a customer with a contract signed by both sides is graded on what it signed and paid (money
  // received in the window at each day's rate, contracts signed, the last payment or signing); one without any
  // keeps the won-deal inputs, since that is all there is to grade it on.
  const cashSignals = cashSignalsSql({
    tenantId,
    windowStart: new Date(now.getTime() - rfm.windowDays * DAY),
    currency,
    customerId,
  });
  // After-sales: open complaints and reported usage, last window against the one before.
  const careSignals = careSignalsSql({ tenantId, now, windowDays: health.usageWindowDays, customerId });
  const rfmSum = sql`(recency + frequency + monetary)`;
  const pts = (n: number) => sql`${n}::int`;
  const follow = (tier: CustomerTier) => sql`${followUpDays[tier]}::int`;
  const rows = await queryRows<ChangeRow & { total: number }>(
    tx,
    sql`WITH base AS (
        SELECT f.id, f.name, f.owner_id, f.team_id,
          greatest(coalesce(f.last_activity_at, '-infinity'::timestamptz), f.created_at) AS last_touch,
          coalesce(d.won_in_window, 0) AS won_in_window, coalesce(d.won_amount_in_window, 0) AS won_amount,
          coalesce(d.won_total, 0) AS won_total, d.first_won_at, d.last_won_at,
          cash.customer_id IS NOT NULL AS from_cash,
          CASE WHEN cash.customer_id IS NOT NULL THEN cash.contracts_in_window
            ELSE coalesce(d.won_in_window, 0) END AS rfm_count,
          CASE WHEN cash.customer_id IS NOT NULL THEN cash.received_minor
            ELSE coalesce(d.won_amount_in_window, 0) END AS rfm_amount,
          CASE WHEN cash.customer_id IS NOT NULL THEN cash.last_cash_at ELSE d.last_won_at END AS rfm_last,
          coalesce(d.last_deal_at, f.created_at) AS last_need, coalesce(d.recent_losses, 0) AS recent_losses,
          coalesce(a.recent_touches, 0) AS recent_touches, coalesce(a.previous_touches, 0) AS previous_touches,
          coalesce(a.open_tasks, 0) AS open_tasks, coalesce(a.overdue_tasks, 0) AS overdue_tasks,
          coalesce(o.overdue_instalments, 0) AS overdue_instalments, coalesce(o.overdue_days, 0) AS overdue_days,
          coalesce(care.open_complaints, 0) AS open_complaints,
          coalesce(care.recent_usage, 0) AS recent_usage, coalesce(care.previous_usage, 0) AS previous_usage,
          prev.customer_id IS NOT NULL AS known, prev.tier AS old_tier, prev.stage AS old_stage,
          prev.stage_since AS old_stage_since, prev.at_risk AS was_at_risk, prev.override_stage,
          coalesce(prev.checklist_done, '{}'::text[]) AS old_checklist
        FROM ${facts} f
        LEFT JOIN ${dealSignals} d ON d.customer_id = f.id
        LEFT JOIN ${activitySignals} a ON a.customer_id = f.id
        LEFT JOIN ${paymentSignals} o ON o.customer_id = f.id
        LEFT JOIN ${cashSignals} cash ON cash.customer_id = f.id
        LEFT JOIN ${careSignals} care ON care.customer_id = f.id
        LEFT JOIN ${customerRetention} prev ON prev.tenant_id = ${tenantId} AND prev.customer_id = f.id
      ), scored AS (
        SELECT base.*,
          (won_total > 0 OR from_cash) AS graded_rfm,
          CASE WHEN won_total = 0 AND NOT from_cash THEN 0
            ELSE ${recencyScore(sql`rfm_last`, now, rfm.recencyDays)} END AS recency,
          CASE WHEN won_total = 0 AND NOT from_cash THEN 0
            ELSE ${amountScore(sql`rfm_count`, rfm.frequency)} END AS frequency,
          CASE WHEN won_total = 0 AND NOT from_cash THEN 0
            ELSE ${amountScore(sql`rfm_amount`, rfm.monetaryMinor)} END AS monetary,
          (previous_touches >= 3 AND recent_touches * 100 < previous_touches * ${lifecycle.activityDropPercent})
            AS activity_falling,
          (previous_usage > 0 AND recent_usage * 100 <= previous_usage * ${100 - health.usageDropPercent})
            AS usage_falling,
          last_need < ${daysAgo(now, health.needDays)} AS no_new_need,
          last_touch < ${daysAgo(now, health.activityDays)} AS no_activity
        FROM base
      ), graded AS (
        SELECT scored.*,
          CASE WHEN NOT graded_rfm THEN
                 CASE WHEN last_touch >= ${daysAgo(now, tiers.dormantAfterDays)} THEN 'potential' ELSE 'dormant' END
               WHEN ${rfmSum} >= ${tiers.strategicMin} THEN 'strategic'
               WHEN ${rfmSum} >= ${tiers.growthMin} THEN 'growth'
               WHEN ${rfmSum} >= ${tiers.potentialMin} THEN 'potential'
               ELSE 'dormant' END AS tier,
          CASE WHEN won_total = 0 THEN 'potential'
               WHEN last_won_at < ${monthsAgo(now, lifecycle.declineMonths)} OR activity_falling THEN 'decline'
               WHEN won_total >= ${lifecycle.matureDeals}
                 OR (won_total >= 2 AND first_won_at < ${monthsAgo(now, lifecycle.matureMonths)}) THEN 'mature'
               ELSE 'growth' END AS lifecycle,
          array_remove(ARRAY[
            CASE WHEN won_total = 0 THEN 'noWonDeal' END,
            CASE WHEN won_total = 1 THEN 'firstWonDeal' END,
            CASE WHEN won_total >= ${lifecycle.matureDeals} THEN 'repeatDeals' END,
            CASE WHEN won_total >= 2 AND first_won_at < ${monthsAgo(now, lifecycle.matureMonths)}
              THEN 'longRelationship' END,
            CASE WHEN won_total > 0 AND last_won_at < ${monthsAgo(now, lifecycle.declineMonths)}
              THEN 'noRecentWin' END,
            CASE WHEN won_total > 0 AND activity_falling THEN 'activityDropped' END,
            CASE WHEN override_stage = 'churned' THEN 'churnedByUser' END
          ]::text[], NULL) AS lifecycle_reasons,
          (SELECT coalesce(jsonb_agg(s.signal ORDER BY s.n), '[]'::jsonb) FROM (VALUES
            (1, CASE WHEN no_new_need THEN jsonb_build_object('signal', 'noNewNeed', 'points', ${pts(w.noNewNeed)},
              'value', ${days(sql`last_need`, now)}) END),
            (2, CASE WHEN no_activity THEN jsonb_build_object('signal', 'noActivity', 'points', ${pts(w.noActivity)},
              'value', ${days(sql`last_touch`, now)}) END),
            (3, CASE WHEN activity_falling THEN jsonb_build_object('signal', 'activityFalling',
              'points', ${pts(w.activityFalling)}, 'value', recent_touches * 100 / previous_touches) END),
            (4, CASE WHEN overdue_tasks > 0 THEN jsonb_build_object('signal', 'overdueTasks',
              'points', ${pts(w.overdueTasks)}, 'value', overdue_tasks) END),
            (5, CASE WHEN recent_losses > 0 THEN jsonb_build_object('signal', 'recentLoss',
              'points', ${pts(w.recentLoss)}, 'value', recent_losses) END),
            (6, CASE WHEN overdue_instalments > 0 THEN jsonb_build_object('signal', 'paymentOverdue',
              'points', ${pts(w.paymentOverdue)}, 'value', overdue_days) END),
            (7, CASE WHEN open_complaints > 0 THEN jsonb_build_object('signal', 'openComplaints',
              'points', ${pts(w.openComplaints)}, 'value', open_complaints) END),
            (8, CASE WHEN usage_falling THEN jsonb_build_object('signal', 'usageFalling',
              'points', ${pts(w.usageFalling)},
              'value', round((previous_usage - recent_usage) * 100 / previous_usage)::int) END)
          ) AS s(n, signal) WHERE s.signal IS NOT NULL) AS health_signals,
          greatest(0, 100
            - CASE WHEN no_new_need THEN ${pts(w.noNewNeed)} ELSE 0 END
            - CASE WHEN no_activity THEN ${pts(w.noActivity)} ELSE 0 END
            - CASE WHEN activity_falling THEN ${pts(w.activityFalling)} ELSE 0 END
            - CASE WHEN overdue_tasks > 0 THEN ${pts(w.overdueTasks)} ELSE 0 END
            - CASE WHEN recent_losses > 0 THEN ${pts(w.recentLoss)} ELSE 0 END
            - CASE WHEN overdue_instalments > 0 THEN ${pts(w.paymentOverdue)} ELSE 0 END
            - CASE WHEN open_complaints > 0 THEN ${pts(w.openComplaints)} ELSE 0 END
            - CASE WHEN usage_falling THEN ${pts(w.usageFalling)} ELSE 0 END)::int AS health_score
        FROM scored
      ), final AS (
        SELECT graded.*, coalesce(override_stage, lifecycle) AS stage,
          (coalesce(override_stage, lifecycle) <> 'churned' AND health_score < ${health.threshold}) AS at_risk,
          (CASE tier WHEN 'strategic' THEN ${follow('strategic')} WHEN 'growth' THEN ${follow('growth')}
            WHEN 'potential' THEN ${follow('potential')} ELSE ${follow('dormant')} END) AS follow_up_days
        FROM graded
      ), upserted AS (
        INSERT INTO ${customerRetention} (tenant_id, customer_id, recency, frequency, monetary, won_deals,
          won_amount_minor, last_won_at, tier, lifecycle, lifecycle_reasons, stage, stage_since, checklist_done,
          health_score, health_signals, at_risk, computed_at)
        SELECT ${tenantId}::uuid, id, recency, frequency, monetary, rfm_count, rfm_amount, rfm_last, tier,
          lifecycle, lifecycle_reasons, stage,
          CASE WHEN old_stage IS DISTINCT FROM stage THEN ${at(now)} ELSE old_stage_since END,
          CASE WHEN old_stage IS DISTINCT FROM stage THEN '{}'::text[] ELSE old_checklist END,
          health_score, health_signals, at_risk, ${at(now)}
        FROM final
        ON CONFLICT (tenant_id, customer_id) DO UPDATE SET recency = excluded.recency,
          frequency = excluded.frequency, monetary = excluded.monetary, won_deals = excluded.won_deals,
          won_amount_minor = excluded.won_amount_minor, last_won_at = excluded.last_won_at, tier = excluded.tier,
          lifecycle = excluded.lifecycle, lifecycle_reasons = excluded.lifecycle_reasons, stage = excluded.stage,
          stage_since = excluded.stage_since, checklist_done = excluded.checklist_done,
          health_score = excluded.health_score, health_signals = excluded.health_signals,
          at_risk = excluded.at_risk, computed_at = excluded.computed_at
        RETURNING 1
      ), due AS (
        SELECT final.*, row_number() OVER (PARTITION BY owner_id ORDER BY
            CASE tier WHEN 'strategic' THEN 0 WHEN 'growth' THEN 1 WHEN 'potential' THEN 2 ELSE 3 END,
            last_touch) AS follow_up_rank
          FROM final
          WHERE owner_id IS NOT NULL AND open_tasks = 0 AND stage <> 'churned' AND follow_up_days IS NOT NULL
            AND last_touch < ${at(now)} - follow_up_days * interval '1 day'
      )
      SELECT final.id AS customer_id, final.name, final.owner_id, final.team_id, final.known, final.old_tier,
        final.tier, final.old_stage, final.stage, final.was_at_risk, final.at_risk, final.health_score,
        final.follow_up_days, due.follow_up_rank, (SELECT count(*)::int FROM upserted) AS total
      FROM final LEFT JOIN due ON due.id = final.id
      WHERE final.old_tier IS DISTINCT FROM final.tier OR final.old_stage IS DISTINCT FROM final.stage
        OR (final.at_risk AND NOT coalesce(final.was_at_risk, false))
        OR due.follow_up_rank <= ${FOLLOW_UPS_PER_OWNER}`,
  );
  const graded = rows[0]?.total ?? (await countGraded(tx, tenantId, customerId));
  return { graded, changes: rows };
}

/** With nothing changed the statement returns no row to carry the count. */
async function countGraded(tx: Tx, tenantId: string, customerId: string | undefined): Promise<number> {
  if (customerId) return 1;
  const [row] = await queryRows<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM ${customerRetention} WHERE tenant_id = ${tenantId}`,
  );
  return row?.n ?? 0;
}

const asLocale = (value: string | null | undefined): Locale | null =>
  value === 'zh-CN' || value === 'en-US' ? value : null;

/**
 * Grades a company's customers (or one) at `now`, in the caller's transaction, and acts on what changed.
 * `copies` collects the e-mail copies of the alerts, dispatched by the caller after commit.
 */
export async function recomputeRetention(
  tx: Tx,
  options: { tenantId: string; now: Date; customerId?: string; actor?: Actor; copies: MailCopies },
): Promise<RecomputeResult> {
  const { tenantId, now, customerId, copies } = options;
  const actor = options.actor ?? systemActor(tenantId);
  const [{ rules }, [tenant]] = await Promise.all([
    loadRules(tx, tenantId),
    tx
      .select({ currency: tenants.currency, locale: tenants.defaultLocale })
      .from(tenants)
      .where(eq(tenants.tenantId, tenantId)),
  ]);
  const { graded, changes } = await gradeCustomers(
    tx,
    tenantId,
    rules,
    tenant?.currency ?? 'CNY',
    now,
    customerId,
  );
  await applyCustomerGrades(
    tx,
    tenantId,
    sql`(SELECT customer_id, tier, stage, health_score, at_risk FROM ${customerRetention}
      WHERE tenant_id = ${tenantId} ${customerId ? sql`AND customer_id = ${customerId}` : sql``})`,
  );

  // A customer's first grading is not a change worth an audit row; later ones are.
  const audits = changes.flatMap((c) => {
    if (!c.known) return [];
    const out: (typeof auditLog.$inferInsert)[] = [];
    const base = {
      tenantId,
      actorId: actor.userId,
      actorKind: actor.kind,
      entity: 'customer',
      entityId: c.customer_id,
      requestId: actor.requestId,
      ip: actor.ip,
      at: now,
    };
    if (c.old_tier !== c.tier) {
      out.push({
        ...base,
        id: uuidv7(),
        action: 'tier_change',
        changes: { tier: { from: c.old_tier, to: c.tier } },
      });
    }
    if (c.old_stage !== c.stage) {
      out.push({
        ...base,
        id: uuidv7(),
        action: 'lifecycle_change',
        changes: { lifecycleStage: { from: c.old_stage, to: c.stage } },
      });
    }
    return out;
  });
  for (let i = 0; i < audits.length; i += AUDIT_CHUNK) {
    await tx.insert(auditLog).values(audits.slice(i, i + AUDIT_CHUNK));
  }

  const atRisk = changes.filter((c) => c.at_risk && !c.was_at_risk && c.owner_id);
  if (atRisk.length > 0) {
    const managersOf = await managerDirectory(tx, tenantId);
    // One INSERT per thousand alerts: a first run on a large, long-neglected book alerts most of it.
    await notifyMany(
      tx,
      atRisk.map((c) => ({
        tenantId,
        userIds: c.owner_id ? [c.owner_id, ...managersOf(c.owner_id, c.team_id)] : [],
        kind: 'customer_at_risk' as const,
        params: { name: c.name, score: c.health_score, threshold: rules.health.threshold },
        entity: 'customer',
        entityId: c.customer_id,
        dedupeKey: `at-risk:${c.customer_id}:${now.toISOString().slice(0, 10)}`,
        mail: copies,
      })),
    );
  }

  const due = changes.filter(
    (c) => c.owner_id && c.follow_up_rank !== null && c.follow_up_rank <= FOLLOW_UPS_PER_OWNER,
  );
  if (due.length > 0) {
    const ownerIds = [...new Set(due.map((c) => c.owner_id ?? ''))];
    const locales = new Map(
      (
        await tx
          .select({ id: users.id, locale: users.locale })
          .from(users)
          .where(and(eq(users.tenantId, tenantId), inArray(users.id, ownerIds)))
      ).map((u) => [u.id, asLocale(u.locale)]),
    );
    for (const c of due) {
      if (!c.owner_id) continue;
      const locale = locales.get(c.owner_id) ?? asLocale(tenant?.locale) ?? 'zh-CN';
      const days = c.follow_up_days ?? 0;
      const task = await insertActivity(tx, {
        tenantId,
        kind: 'task',
        subject: translate(locale, 'tasks.follow_up_subject', {
          name: c.name,
          tier: translate(locale, `tasks.tier.${c.tier as CustomerTier}`),
          days,
        }).slice(0, 200),
        body: translate(locale, 'tasks.follow_up_body', { days }),
        occurredAt: now,
        dueAt: now,
        customerId: c.customer_id,
        ownerId: c.owner_id,
        createdBy: null,
      });
      await tx
        .update(customerRetention)
        .set({ followUpTaskId: task.id })
        .where(
          and(eq(customerRetention.tenantId, tenantId), eq(customerRetention.customerId, c.customer_id)),
        );
    }
  }

  return {
    customers: graded,
    changed: changes.length,
    tierChanges: changes.filter((c) => c.known && c.old_tier !== c.tier).length,
    stageChanges: changes.filter((c) => c.known && c.old_stage !== c.stage).length,
    newlyAtRisk: atRisk.length,
    followUps: due.length,
  };
}
