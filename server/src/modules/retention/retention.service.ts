import type { CustomerTier, LifecycleStage } from '@contracts/customers.contract';
import {
  type ChurnReason,
  type CustomerRetention,
  type HealthSignal,
  LIFECYCLE_ACTIONS,
  type RetentionRules,
  type RetentionSettings,
} from '@contracts/retention.contract';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { type Actor, writeAudit } from '../../platform/audit';
import { queryRows, type Tx } from '../../platform/db/database';
import { tenants, users } from '../../platform/db/identity.tables';
import { withTenant } from '../../platform/db/tenancy';
import { AppError, invalidFields } from '../../platform/http/errors';
import { translate } from '../../platform/i18n/i18n';
import { dispatchMails, queueMail } from '../../platform/mail/mail';
import type { Platform } from '../../platform/platform';
import { insertActivity } from '../activities';
import { type CustomerCaller, getContact, readableCustomer, viewerOf, visibleCustomer } from '../customers';
import { dispatchMailCopies, type MailCopies, mailCopies } from '../notifications';
import { cashSignalsSql } from '../receivables';
import { requestRecompute } from './retention.jobs';
import { customerChurns, customerRetention, retentionSettings } from './retention.tables';
import { recomputeRetention } from './retention-compute';
import { DEFAULT_RULES, loadRules } from './retention-rules';

/**
 * Use cases on one customer's grades (read, refresh, lifecycle override and checklist, churn and
 * reactivation) and on the company's rules. Every change is audited in its transaction; a change that moves
 * the stage regrades the customer at once, so the answer shows its effect.
 */

const DAY = 86_400_000;
/** Win-back steps of a churn, in days from the churn: understand, offer, check in again. */
const WIN_BACK_DAYS = [7, 30, 90] as const;

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

type RetentionRow = typeof customerRetention.$inferSelect;

async function present(tx: Tx, tenantId: string, customerId: string): Promise<CustomerRetention> {
  const [[row], [churn], { rules }, [tenant]] = await Promise.all([
    tx
      .select()
      .from(customerRetention)
      .where(and(eq(customerRetention.tenantId, tenantId), eq(customerRetention.customerId, customerId))),
    tx
      .select()
      .from(customerChurns)
      .where(
        and(
          eq(customerChurns.tenantId, tenantId),
          eq(customerChurns.customerId, customerId),
          isNull(customerChurns.reactivatedAt),
        ),
      )
      .orderBy(desc(customerChurns.churnedAt))
      .limit(1),
    loadRules(tx, tenantId),
    tx.select({ currency: tenants.currency }).from(tenants).where(eq(tenants.tenantId, tenantId)),
  ]);
  const currency = tenant?.currency ?? 'CNY';
  const source = await rfmSource(tx, tenantId, customerId, row?.computedAt ?? null, currency);
  return presentRow(customerId, row, churn, rules, currency, source);
}

/**
 * Which inputs the stored scores came from: cash when the customer's first contract signed by both sides was
 * signed by the time they were computed (the grading's own rule), won deals otherwise.
 */
async function rfmSource(
  tx: Tx,
  tenantId: string,
  customerId: string,
  computedAt: Date | null,
  currency: string,
): Promise<CustomerRetention['rfm']['source']> {
  if (!computedAt) return 'wonDeals';
  const cash = cashSignalsSql({ tenantId, windowStart: computedAt, currency, customerId });
  const [row] = await queryRows<{ cash: boolean }>(
    tx,
    sql`SELECT c.first_signed_at <= ${computedAt.toISOString()}::timestamptz AS cash FROM ${cash} c`,
  );
  return row?.cash ? 'cash' : 'wonDeals';
}

function presentRow(
  customerId: string,
  row: RetentionRow | undefined,
  churn: typeof customerChurns.$inferSelect | undefined,
  rules: RetentionRules,
  currency: string,
  source: CustomerRetention['rfm']['source'],
): CustomerRetention {
  const stage = (row?.stage ?? null) as LifecycleStage | null;
  const done = new Set(row?.checklistDone ?? []);
  return {
    customerId,
    computedAt: iso(row?.computedAt),
    tier: (row?.tier ?? null) as CustomerTier | null,
    rfm: {
      recency: row?.recency ?? 0,
      frequency: row?.frequency ?? 0,
      monetary: row?.monetary ?? 0,
      score: (row?.recency ?? 0) + (row?.frequency ?? 0) + (row?.monetary ?? 0),
      source,
      wonDeals: row?.wonDeals ?? 0,
      wonAmountMinor: row?.wonAmountMinor ?? 0,
      currency,
      lastWonAt: iso(row?.lastWonAt),
    },
    lifecycle: {
      stage,
      computed: (row?.lifecycle ?? null) as LifecycleStage | null,
      reasons: (row?.lifecycleReasons ?? []) as CustomerRetention['lifecycle']['reasons'],
      override:
        row?.overrideStage && row.overrideAt
          ? {
              stage: row.overrideStage as LifecycleStage,
              reason: row.overrideReason ?? '',
              by: row.overrideBy,
              at: row.overrideAt.toISOString(),
            }
          : null,
      since: iso(row?.stageSince),
      checklist: stage ? LIFECYCLE_ACTIONS[stage].map((action) => ({ action, done: done.has(action) })) : [],
    },
    health: {
      score: row?.healthScore ?? null,
      atRisk: row?.atRisk ?? false,
      threshold: rules.health.threshold,
      signals: (row?.healthSignals ?? []) as { signal: HealthSignal; points: number; value: number | null }[],
    },
    churn: churn
      ? {
          reason: churn.reason as ChurnReason,
          competitor: churn.competitor,
          note: churn.note,
          at: churn.churnedAt.toISOString(),
          by: churn.churnedBy,
          winBackTasks: churn.winBackTasks,
          surveySentTo: churn.surveySentTo,
        }
      : null,
  };
}

/** Runs `work` on a customer the caller may see (locked), then regrades it and answers its grades. */
async function onVisibleCustomer(
  platform: Platform,
  caller: CustomerCaller,
  customerId: string,
  work: (
    tx: Tx,
    customer: { id: string; name: string; ownerId: string | null },
    copies: MailCopies,
  ) => Promise<void>,
): Promise<CustomerRetention> {
  const tenantId = caller.actor.tenantId;
  const copies = mailCopies(platform.config);
  const answer = await withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    const customer = await visibleCustomer(tx, viewer, tenantId, customerId, true);
    await work(tx, customer, copies);
    await recomputeRetention(tx, {
      tenantId,
      now: platform.clock.now(),
      customerId,
      actor: caller.actor,
      copies,
    });
    return present(tx, tenantId, customerId);
  });
  await dispatchMailCopies(platform, tenantId, copies);
  return answer;
}

export async function getCustomerRetention(
  platform: Platform,
  caller: CustomerCaller,
  customerId: string,
): Promise<CustomerRetention> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    await readableCustomer(tx, await viewerOf(tx, caller), tenantId, customerId);
    return present(tx, tenantId, customerId);
  });
}

export function refreshCustomerRetention(platform: Platform, caller: CustomerCaller, customerId: string) {
  return onVisibleCustomer(platform, caller, customerId, async () => {});
}

async function retentionRow(tx: Tx, tenantId: string, customerId: string): Promise<RetentionRow | undefined> {
  const [row] = await tx
    .select()
    .from(customerRetention)
    .where(and(eq(customerRetention.tenantId, tenantId), eq(customerRetention.customerId, customerId)))
    .for('update');
  return row;
}

/** The row for a customer the rules have not graded yet: the override or churn goes on it first. */
async function ensureRow(tx: Tx, tenantId: string, customerId: string): Promise<RetentionRow> {
  await tx.insert(customerRetention).values({ tenantId, customerId }).onConflictDoNothing();
  const row = await retentionRow(tx, tenantId, customerId);
  if (!row) throw new AppError('internal');
  return row;
}

async function setOverride(
  tx: Tx,
  actor: Actor,
  customerId: string,
  override: { stage: LifecycleStage; reason: string } | null,
  now: Date,
): Promise<void> {
  const before = await ensureRow(tx, actor.tenantId, customerId);
  await tx
    .update(customerRetention)
    .set({
      overrideStage: override?.stage ?? null,
      overrideReason: override?.reason ?? null,
      overrideBy: override ? actor.userId : null,
      overrideAt: override ? now : null,
    })
    .where(and(eq(customerRetention.tenantId, actor.tenantId), eq(customerRetention.customerId, customerId)));
  await writeAudit(tx, actor, {
    entity: 'customer',
    entityId: customerId,
    action: override ? 'lifecycle_override' : 'lifecycle_override_cleared',
    changes: {
      lifecycleOverride: { from: before.overrideStage, to: override?.stage ?? null },
      ...(override ? { reason: { from: null, to: override.reason } } : {}),
    },
  });
}

/** Sets the stage by hand with a reason, or clears the override. Churn has its own flow (reason, win-back). */
export function overrideLifecycle(
  platform: Platform,
  caller: CustomerCaller,
  customerId: string,
  input: { stage: Exclude<LifecycleStage, 'churned'> | null; reason: string },
): Promise<CustomerRetention> {
  return onVisibleCustomer(platform, caller, customerId, async (tx) => {
    const row = await ensureRow(tx, caller.actor.tenantId, customerId);
    if (row.overrideStage === 'churned') throw new AppError('customer_churned');
    if (input.stage && input.reason === '') throw invalidFields({ path: 'reason', code: 'reason_required' });
    await setOverride(
      tx,
      caller.actor,
      customerId,
      input.stage ? { stage: input.stage, reason: input.reason } : null,
      platform.clock.now(),
    );
  });
}

/** Ticks or unticks one recommended action of the customer's current stage. */
export function checkLifecycleAction(
  platform: Platform,
  caller: CustomerCaller,
  customerId: string,
  input: { action: string; done: boolean },
): Promise<CustomerRetention> {
  return onVisibleCustomer(platform, caller, customerId, async (tx, _customer, copies) => {
    const tenantId = caller.actor.tenantId;
    let row = await ensureRow(tx, tenantId, customerId);
    if (!row.computedAt) {
      // Never graded yet: grade it first, so the checklist is the one of its stage.
      await recomputeRetention(tx, { tenantId, now: platform.clock.now(), customerId, copies });
      row = await ensureRow(tx, tenantId, customerId);
    }
    const stage = row.stage as LifecycleStage | null;
    const actions: readonly string[] = stage ? LIFECYCLE_ACTIONS[stage] : [];
    if (!actions.includes(input.action)) throw invalidFields({ path: 'action', code: 'unknown_action' });
    const done = new Set(row.checklistDone);
    if (input.done) done.add(input.action);
    else done.delete(input.action);
    await tx
      .update(customerRetention)
      .set({ checklistDone: actions.filter((a) => done.has(a)) })
      .where(
        and(
          eq(customerRetention.tenantId, caller.actor.tenantId),
          eq(customerRetention.customerId, customerId),
        ),
      );
    await writeAudit(tx, caller.actor, {
      entity: 'customer',
      entityId: customerId,
      action: input.done ? 'lifecycle_action_done' : 'lifecycle_action_undone',
      changes: { action: { from: null, to: input.action }, stage: { from: null, to: stage } },
    });
  });
}

export type ChurnInput = {
  reason: ChurnReason;
  competitor?: string | null | undefined;
  note: string;
  surveyContactId?: string | null | undefined;
  winBack?: boolean | undefined;
};

/**
 * Marks the customer churned (DOMAIN.md §7): the reason is kept, a survey on the reason may go to a contact,
 * and unless the customer went to a competitor (or the caller says no) the owner gets a win-back plan: tasks
 * at 7, 30 and 90 days.
 */
export async function churnCustomer(
  platform: Platform,
  caller: CustomerCaller,
  customerId: string,
  input: ChurnInput,
): Promise<CustomerRetention> {
  const competitor = input.competitor?.trim() || null;
  if (input.reason === 'competitor' && !competitor) {
    throw invalidFields({ path: 'competitor', code: 'competitor_required' });
  }
  const tenantId = caller.actor.tenantId;
  const mails: string[] = [];
  const answer = await onVisibleCustomer(platform, caller, customerId, async (tx, customer) => {
    const row = await ensureRow(tx, tenantId, customerId);
    if (row.overrideStage === 'churned') throw new AppError('customer_churned');
    const now = platform.clock.now();
    let surveySentTo: string | null = null;
    if (input.surveyContactId) {
      const contact = await getContact(tx, tenantId, input.surveyContactId);
      if (!contact || contact.customerId !== customerId) {
        throw invalidFields({ path: 'surveyContactId', code: 'contact_other_customer' });
      }
      if (!contact.email) throw invalidFields({ path: 'surveyContactId', code: 'contact_without_email' });
      const [[tenant], [sender]] = await Promise.all([
        tx.select().from(tenants).where(eq(tenants.tenantId, tenantId)),
        tx
          .select({ name: users.name })
          .from(users)
          .where(and(eq(users.tenantId, tenantId), eq(users.id, caller.actor.userId ?? ''))),
      ]);
      const locale = tenant?.defaultLocale === 'en-US' ? 'en-US' : 'zh-CN';
      const vars = { name: contact.name, company: tenant?.name ?? '', sender: sender?.name ?? '' };
      mails.push(
        await queueMail(tx, tenantId, {
          to: contact.email,
          subject: translate(locale, 'mail.churn_survey_subject', vars),
          text: translate(locale, 'mail.churn_survey_text', vars),
        }),
      );
      surveySentTo = contact.email;
    }
    const winBack = input.winBack ?? input.reason !== 'competitor';
    let tasks = 0;
    const ownerId = customer.ownerId ?? caller.actor.userId;
    if (winBack && ownerId) {
      const [owner] = await tx
        .select({ locale: users.locale })
        .from(users)
        .where(and(eq(users.tenantId, tenantId), eq(users.id, ownerId)));
      const locale = owner?.locale === 'en-US' ? 'en-US' : 'zh-CN';
      const steps = translate(locale, 'tasks.win_back_steps').split('|');
      for (const [i, offset] of WIN_BACK_DAYS.entries()) {
        await insertActivity(tx, {
          tenantId,
          kind: 'task',
          subject: translate(locale, 'tasks.win_back_subject', {
            name: customer.name,
            step: steps[i] ?? '',
          }).slice(0, 200),
          body: input.note,
          occurredAt: now,
          dueAt: new Date(now.getTime() + offset * DAY),
          customerId,
          ownerId,
          createdBy: caller.actor.userId,
        });
        tasks += 1;
      }
    }
    await tx.insert(customerChurns).values({
      tenantId,
      id: uuidv7(),
      customerId,
      reason: input.reason,
      competitor,
      note: input.note,
      winBackTasks: tasks,
      surveySentTo,
      churnedBy: caller.actor.userId,
      churnedAt: now,
    });
    await setOverride(tx, caller.actor, customerId, { stage: 'churned', reason: input.reason }, now);
    await writeAudit(tx, caller.actor, {
      entity: 'customer',
      entityId: customerId,
      action: 'churn',
      changes: {
        churnReason: { from: null, to: input.reason },
        competitor: { from: null, to: competitor },
        winBackTasks: { from: null, to: tasks },
      },
    });
  });
  if (mails.length > 0) await dispatchMails(platform, tenantId, mails);
  return answer;
}

/** Takes a churned customer back: the churn is closed with the reason and the computed stage applies again. */
export function reactivateCustomer(
  platform: Platform,
  caller: CustomerCaller,
  customerId: string,
  reason: string,
): Promise<CustomerRetention> {
  const tenantId = caller.actor.tenantId;
  return onVisibleCustomer(platform, caller, customerId, async (tx) => {
    const row = await ensureRow(tx, tenantId, customerId);
    if (row.overrideStage !== 'churned') throw new AppError('customer_not_churned');
    const now = platform.clock.now();
    await tx
      .update(customerChurns)
      .set({ reactivatedAt: now, reactivationReason: reason })
      .where(
        and(
          eq(customerChurns.tenantId, tenantId),
          eq(customerChurns.customerId, customerId),
          isNull(customerChurns.reactivatedAt),
        ),
      );
    await setOverride(tx, caller.actor, customerId, null, now);
    await writeAudit(tx, caller.actor, {
      entity: 'customer',
      entityId: customerId,
      action: 'reactivate',
      changes: { reason: { from: null, to: reason } },
    });
  });
}

export async function getRetentionSettings(platform: Platform, actor: Actor): Promise<RetentionSettings> {
  return withTenant(platform.db, actor.tenantId, (tx) => loadRules(tx, actor.tenantId));
}

/** Replaces the rules (the row is created on the first save) and queues a regrading of every customer. */
export async function replaceRetentionSettings(
  platform: Platform,
  actor: Actor,
  expectedVersion: number,
  rules: RetentionRules,
): Promise<RetentionSettings> {
  const { tiers } = rules;
  if (!(tiers.strategicMin > tiers.growthMin && tiers.growthMin > tiers.potentialMin)) {
    throw invalidFields({ path: 'rules.tiers.strategicMin', code: 'tier_minimums_order' });
  }
  const saved = await withTenant(platform.db, actor.tenantId, async (tx) => {
    const [locked] = await tx
      .select({ version: retentionSettings.version })
      .from(retentionSettings)
      .where(eq(retentionSettings.tenantId, actor.tenantId))
      .for('update');
    const before = locked ? await loadRules(tx, actor.tenantId) : { rules: DEFAULT_RULES, version: 0 };
    if (before.version !== expectedVersion) throw new AppError('version_conflict');
    const now = platform.clock.now();
    const version = before.version + 1;
    await tx
      .insert(retentionSettings)
      .values({ tenantId: actor.tenantId, rules, version, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: retentionSettings.tenantId, set: { rules, version, updatedAt: now } });
    await writeAudit(tx, actor, {
      entity: 'retention_settings',
      entityId: null,
      action: 'update',
      changes: { rules: { from: before.rules, to: rules } },
    });
    return { rules, version };
  });
  await requestRecompute(platform, actor.tenantId);
  return saved;
}

export async function queueRecompute(platform: Platform, actor: Actor): Promise<{ queued: true }> {
  await requestRecompute(platform, actor.tenantId);
  return { queued: true };
}
