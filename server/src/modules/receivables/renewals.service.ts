import type { Locale } from '@contracts/common';
import { formatMoney } from '@contracts/money';
import type { Renewal, RenewalOffer } from '@contracts/receivables.contract';
import { z } from 'zod';
import { type Actor, systemActor, writeAudit } from '../../platform/audit';
import type { Tx } from '../../platform/db/database';
import { tenants } from '../../platform/db/identity.tables';
import { withSystem, withTenant } from '../../platform/db/tenancy';
import { AppError } from '../../platform/http/errors';
import { translate } from '../../platform/i18n/i18n';
import { defineJob } from '../../platform/jobs/jobs';
import type { Platform } from '../../platform/platform';
import { getCustomer, namesOf } from '../customers';
import { createDeal, dealNames, defaultPipeline, ensurePipelines } from '../deals';
import { dispatchMailCopies, type MailCopies, mailCopies, notify } from '../notifications';
import {
  type CashContract,
  cashContract,
  liveContractsEnding,
  markRenewalReminded,
  visibleContractIds,
} from './contract-link';
import type { CashCaller } from './payment-plan.service';
import { companyToday } from './receivables.queries';
import { addDays, daysBetween } from './receivables-math';
import { loadReceivableRules } from './receivables-rules';

/**
 * Renewals (续约, DOMAIN.md §5): a live contract's owner is reminded at the customer tier's lead time before
 * the end (strategic 90 days, growth 60, potential and dormant 30) and a renewal deal opens in the
 * existing-customer pipeline's renewal-negotiation stage, once per contract (`contracts.renewal_reminded_at`,
 * `renewal_deal_id`). The tiered offers (2 years 10 % off, 3 years 15 % off) go with every renewal shown and,
 * by tier, into the renewal deal's next step and notes.
 */

type Tier = 'strategic' | 'growth' | 'potential' | 'dormant';
const TIERS: readonly string[] = ['strategic', 'growth', 'potential', 'dormant'];
const tierOf = (value: string | null | undefined): Tier | null =>
  value && TIERS.includes(value) ? (value as Tier) : null;

/** The longest lead time there is: contracts ending later are not due for anything yet. */
const MAX_LEAD_DAYS = 730;

async function present(
  tx: Tx,
  tenantId: string,
  contracts: readonly CashContract[],
  today: string,
): Promise<Renewal[]> {
  const { rules } = await loadReceivableRules(tx, tenantId);
  const customers = new Map<string, { name: string; tier: Tier | null }>();
  for (const id of new Set(contracts.map((c) => c.customerId))) {
    const row = await getCustomer(tx, tenantId, id);
    customers.set(id, { name: row?.name ?? '', tier: tierOf(row?.tier) });
  }
  const [owners, deals] = await Promise.all([
    namesOf(
      tx,
      tenantId,
      contracts.map((c) => c.ownerId),
    ),
    dealNames(
      tx,
      tenantId,
      contracts.map((c) => c.renewalDealId).filter((id): id is string => id !== null),
    ),
  ]);
  return contracts
    .filter((c): c is CashContract & { endsOn: string } => c.endsOn !== null)
    .map((c) => {
      const customer = customers.get(c.customerId);
      const tier = customer?.tier ?? null;
      return {
        contractId: c.id,
        contractNumber: c.number,
        title: c.title,
        customerId: c.customerId,
        customerName: customer?.name ?? '',
        tier,
        endsOn: c.endsOn,
        daysLeft: daysBetween(today, c.endsOn),
        leadDays: rules.renewalLeadDays[tier ?? 'potential'],
        amountMinor: c.amountMinor,
        currency: c.currency,
        offers: rules.renewalOffers,
        ownerId: c.ownerId,
        ownerName: c.ownerId ? (owners.users.get(c.ownerId) ?? null) : null,
        remindedAt: c.renewalRemindedAt?.toISOString() ?? null,
        renewalDealId: c.renewalDealId,
        renewalDealName: c.renewalDealId ? (deals.get(c.renewalDealId) ?? null) : null,
      };
    })
    .sort((a, b) => a.endsOn.localeCompare(b.endsOn));
}

export async function listRenewals(
  platform: Platform,
  caller: CashCaller,
  within: number,
): Promise<{ items: Renewal[] }> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const { today } = await companyToday(tx, tenantId, platform.clock.now());
    const live = await liveContractsEnding(tx, tenantId, today, addDays(today, within));
    const visible = await visibleContractIds(
      tx,
      caller,
      live.map((c) => c.id),
    );
    return {
      items: await present(
        tx,
        tenantId,
        live.filter((c) => visible.has(c.id)),
        today,
      ),
    };
  });
}

/**
 * The existing-customer template's renewal-negotiation stage (deals' pipeline-templates.ts): stages carry no
 * system key, so it is known by what it asks before a deal leaves it, signed negotiation minutes, never by its
 * display name, which the company may rename or translate. The first such stage in pipeline order.
 */
const RENEWAL_STAGE_GATE = 'minutesSigned';

function renewalStageOf(stages: readonly { id: string; gates: unknown }[]): string | undefined {
  return stages.find(
    (s) =>
      Array.isArray(s.gates) &&
      s.gates.some((g: unknown) => (g as { kind?: unknown } | null)?.kind === RENEWAL_STAGE_GATE),
  )?.id;
}

/** What the renewal deal opens with: the contract, its value, the customer's tier and the tier's offer (§5). */
function renewalBrief(
  contract: CashContract,
  tier: Tier | null,
  offers: readonly RenewalOffer[],
  locale: Locale,
): { name: string; nextStep: string; notes: string } {
  const title = contract.title || contract.number;
  // The offers are alternatives: "2 years at 10 % off or 3 years at 15 % off" in the reader's language.
  const offerText =
    offers.length > 0
      ? new Intl.ListFormat(locale, { type: 'disjunction' }).format(
          offers.map((o) =>
            translate(locale, 'renewals.offer', { years: o.years, discount: o.discountPercent }),
          ),
        )
      : translate(locale, 'renewals.noOffers');
  const planTier = tier ?? 'potential';
  return {
    name: translate(locale, 'renewals.dealName', { title }).slice(0, 200),
    nextStep: translate(locale, `renewals.nextStep.${planTier}`, { offers: offerText }).slice(0, 500),
    notes: translate(locale, 'renewals.notes', {
      contract: contract.number,
      title,
      amount: formatMoney(contract.amountMinor, contract.currency, locale),
      endsOn: contract.endsOn ?? '',
      tier: translate(locale, `renewals.tier.${tier ?? 'none'}`),
      plan: translate(locale, `renewals.plan.${planTier}`, { offers: offerText }),
    }),
  };
}

/**
 * Opens the renewal deal of a contract in the existing-customer pipeline's renewal-negotiation stage (its first
 * stage when the company removed that one), carrying the contract value and the tier's offer.
 */
async function openDeal(tx: Tx, actor: Actor, contract: CashContract, options: { locale: Locale }) {
  await ensurePipelines(tx, actor.tenantId);
  const [pipeline, customer, { rules }] = await Promise.all([
    defaultPipeline(tx, actor.tenantId, 'existing_customer'),
    getCustomer(tx, actor.tenantId, contract.customerId),
    loadReceivableRules(tx, actor.tenantId),
  ]);
  const stageId =
    pipeline?.pipeline.kind === 'existing_customer' ? renewalStageOf(pipeline.stages) : undefined;
  const brief = renewalBrief(contract, tierOf(customer?.tier), rules.renewalOffers, options.locale);
  return createDeal(tx, actor, {
    name: brief.name,
    customerId: contract.customerId,
    contactId: null,
    amountMinor: contract.amountMinor,
    currency: contract.currency,
    expectedCloseOn: contract.endsOn,
    source: null,
    campaignId: null,
    ownerId: contract.ownerId,
    teamId: contract.teamId,
    nextStep: brief.nextStep,
    notes: brief.notes,
    ...(pipeline ? { pipelineId: pipeline.pipeline.id } : {}),
    ...(stageId ? { stageId } : {}),
  });
}

async function remind(
  tx: Tx,
  actor: Actor,
  contract: CashContract,
  options: { now: Date; today: string; locale: 'zh-CN' | 'en-US'; copies?: MailCopies },
): Promise<string> {
  const dealId = contract.renewalDealId ?? (await openDeal(tx, actor, contract, options)).id;
  await markRenewalReminded(tx, actor.tenantId, contract.id, { at: options.now, dealId });
  if (contract.ownerId) {
    await notify(tx, {
      tenantId: actor.tenantId,
      userIds: [contract.ownerId],
      kind: 'renewal_due',
      entity: 'deal',
      entityId: dealId,
      params: {
        contract: contract.number,
        name: contract.title,
        endsOn: contract.endsOn,
        days: contract.endsOn ? daysBetween(options.today, contract.endsOn) : null,
      },
      dedupeKey: `renewal-due:${contract.id}:${contract.endsOn ?? ''}`,
      ...(options.copies ? { mail: options.copies } : {}),
    });
  }
  await writeAudit(tx, actor, {
    entity: 'contract',
    entityId: contract.id,
    action: 'renewal_opened',
    changes: { renewalDealId: { from: contract.renewalDealId, to: dealId } },
  });
  return dealId;
}

export async function openRenewalDeal(
  platform: Platform,
  caller: CashCaller,
  contractId: string,
): Promise<Renewal> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const contract = await cashContract(tx, caller, contractId);
    if (!['signed', 'active'].includes(contract.status) || !contract.endsOn) {
      throw new AppError('contract_not_live');
    }
    if (contract.renewalDealId) throw new AppError('renewal_deal_open');
    const now = platform.clock.now();
    const { today } = await companyToday(tx, tenantId, now);
    await remind(tx, caller.actor, contract, { now, today, locale: caller.locale });
    const [renewal] = await present(tx, tenantId, [await cashContract(tx, caller, contractId)], today);
    if (!renewal) throw new AppError('contract_not_live');
    return renewal;
  });
}

/** Reminds and opens the renewal deals due at `now` in one company; returns how many contracts were reminded. */
export async function sweepRenewals(
  platform: Platform,
  tenantId: string,
  now: Date,
  locale: 'zh-CN' | 'en-US' = 'zh-CN',
): Promise<number> {
  const copies = mailCopies(platform.config);
  const count = await withTenant(platform.db, tenantId, async (tx) => {
    const [{ rules }, { today }] = await Promise.all([
      loadReceivableRules(tx, tenantId),
      companyToday(tx, tenantId, now),
    ]);
    const lead = Math.min(MAX_LEAD_DAYS, Math.max(...Object.values(rules.renewalLeadDays)));
    const live = await liveContractsEnding(tx, tenantId, today, addDays(today, lead));
    const actor = systemActor(tenantId);
    let reminded = 0;
    for (const contract of live) {
      if (contract.renewalRemindedAt || !contract.endsOn) continue;
      const customer = await getCustomer(tx, tenantId, contract.customerId);
      const tier = tierOf(customer?.tier) ?? 'potential';
      if (daysBetween(today, contract.endsOn) > rules.renewalLeadDays[tier]) continue;
      await remind(tx, actor, contract, { now, today, locale, copies });
      reminded += 1;
    }
    return reminded;
  });
  await dispatchMailCopies(platform, tenantId, copies);
  return count;
}

async function tenantsToSweep(
  platform: Platform,
): Promise<{ tenantId: string; locale: 'zh-CN' | 'en-US' }[]> {
  // Every company: a renewal needs no receivables row to be due, so walk the companies themselves.
  const rows = await withSystem(platform.db, (tx) =>
    tx.select({ tenantId: tenants.tenantId, locale: tenants.defaultLocale }).from(tenants),
  );
  return rows.map((r) => ({ tenantId: r.tenantId, locale: r.locale === 'en-US' ? 'en-US' : 'zh-CN' }));
}

export const renewalSweepJob = defineJob({
  name: 'receivables.renewal-sweep',
  payload: z.object({}).passthrough(),
  cron: '40 22 * * *',
  async handler(_payload, { platform }) {
    const now = platform.clock.now();
    for (const { tenantId, locale } of await tenantsToSweep(platform)) {
      await sweepRenewals(platform, tenantId, now, locale);
    }
  },
});
