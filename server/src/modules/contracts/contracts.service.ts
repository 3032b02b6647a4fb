import type { Locale } from '@contracts/common';
import type {
  Contract,
  ContractFilter,
  ContractStatus,
  ContractSummary,
  CreateContractInput,
} from '@contracts/contracts.contract';
import { formatMoney } from '@contracts/money';
import type { Quote } from '@contracts/quotes.contract';
import { and, asc, desc, eq, gte, inArray, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import { can } from '../../platform/access';
import { changesBetween, writeAudit } from '../../platform/audit';
import { dayIn } from '../../platform/calendar';
import type { Tx } from '../../platform/db/database';
import { tenants, users } from '../../platform/db/identity.tables';
import { withTenant } from '../../platform/db/tenancy';
import { AppError, invalidFields } from '../../platform/http/errors';
import { encodeCursor, keyset, pageFrom } from '../../platform/http/pagination';
import { takeNumber } from '../../platform/numbering';
import type { Platform } from '../../platform/platform';
import { customerAndContactNames } from '../customers';
import { dealFor, deals, negotiationMinutes } from '../deals';
import { quoteForContract } from '../quotes';
import {
  type ContractCaller,
  type ContractRow,
  contractFor,
  contractScopeSql,
  seesDeal,
} from './contract-access';
import { loadContractSettings } from './contract-settings';
import { clausesOf, ensureTemplates, fillClauses, templateRow } from './contract-templates';
import {
  contractReviews,
  contractSignatures,
  contracts,
  contractTemplates,
  contractVersions,
  signingRequests,
} from './contracts.tables';

/** Drafting, reading, the header's dates and the progress table. */

export type VersionRow = typeof contractVersions.$inferSelect;

export async function tenantFacts(tx: Tx, tenantId: string) {
  const [row] = await tx
    .select({ name: tenants.name, timeZone: tenants.timeZone, defaultLocale: tenants.defaultLocale })
    .from(tenants)
    .where(eq(tenants.tenantId, tenantId));
  if (!row) throw new AppError('not_found');
  return row;
}

export async function versionRow(
  tx: Tx,
  tenantId: string,
  contractId: string,
  no: number,
): Promise<VersionRow | null> {
  const [row] = await tx
    .select()
    .from(contractVersions)
    .where(
      and(
        eq(contractVersions.tenantId, tenantId),
        eq(contractVersions.contractId, contractId),
        eq(contractVersions.versionNo, no),
      ),
    );
  return row ?? null;
}

export const localeOf = (value: string): Locale => (value === 'en-US' ? 'en-US' : 'zh-CN');

async function userNames(
  tx: Tx,
  tenantId: string,
  ids: readonly (string | null)[],
): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  if (unique.length === 0) return new Map();
  const rows = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), inArray(users.id, unique)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

function summaryOf(
  row: ContractRow,
  customers: Map<string, string>,
  owners: Map<string, string>,
): ContractSummary {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    dealId: row.dealId,
    customerId: row.customerId,
    customerName: customers.get(row.customerId) ?? '',
    ownerId: row.ownerId,
    ownerName: row.ownerId ? (owners.get(row.ownerId) ?? null) : null,
    currency: row.currency,
    amountMinor: row.amountMinor,
    status: row.status as ContractStatus,
    signedOn: row.signedOn,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    deliveryDueOn: row.deliveryDueOn,
    deliveryStatus: row.deliveryStatus,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The full contract as its page shows it, with what the caller may do now. */
export async function presentContract(tx: Tx, caller: ContractCaller, row: ContractRow): Promise<Contract> {
  const tenantId = row.tenantId;
  const where = (t: { tenantId: AnyPgColumn; contractId: AnyPgColumn }) =>
    and(eq(t.tenantId, tenantId), eq(t.contractId, row.id));
  const [version, reviews, requests, signatures, names] = await Promise.all([
    versionRow(tx, tenantId, row.id, row.currentVersionNo),
    tx.select().from(contractReviews).where(where(contractReviews)).orderBy(asc(contractReviews.createdAt)),
    tx.select().from(signingRequests).where(where(signingRequests)).orderBy(asc(signingRequests.createdAt)),
    tx
      .select()
      .from(contractSignatures)
      .where(where(contractSignatures))
      // At the same instant (a test clock) the customer's signature still comes first, as it does in time.
      .orderBy(asc(contractSignatures.signedAt), desc(contractSignatures.side)),
    customerAndContactNames(tx, tenantId, { customerIds: [row.customerId], contactIds: [] }),
  ]);
  const people = await userNames(tx, tenantId, [row.ownerId, ...reviews.map((r) => r.authorId)]);
  const owner = await seesDeal(tx, caller, row.dealId);
  const status = row.status as ContractStatus;
  return {
    ...summaryOf(row, names.customers, people),
    locale: localeOf(row.locale),
    quoteId: row.quoteId,
    minutesId: row.minutesId,
    templateId: row.templateId,
    contactId: row.contactId,
    currentVersionNo: row.currentVersionNo,
    approvedVersionNo: row.approvedVersionNo,
    signedVersionNo: row.signedVersionNo,
    terminatedReason: row.terminatedReason,
    signedSha256: row.signedSha256,
    hasFinalPdf: row.signedFileId !== null,
    clauses: version ? clausesOf(version.clauses) : [],
    reviews: reviews.map((r) => ({
      id: r.id,
      versionNo: r.versionNo,
      authorId: r.authorId,
      authorName: people.get(r.authorId) ?? '',
      kind: r.kind as 'comment' | 'approve' | 'return',
      clauseKey: r.clauseKey,
      body: r.body,
      createdAt: r.createdAt.toISOString(),
    })),
    signingRequests: requests.map((s) => ({
      id: s.id,
      versionNo: s.versionNo,
      signerName: s.signerName,
      signerEmail: s.signerEmail,
      // An empty hash marks a link that asks for a code none has been issued for yet.
      requireCode: s.codeHash !== null,
      status: s.status as 'pending' | 'signed' | 'declined' | 'expired' | 'revoked',
      expiresAt: s.expiresAt.toISOString(),
      usedAt: s.usedAt?.toISOString() ?? null,
      declineReason: s.declineReason,
      createdAt: s.createdAt.toISOString(),
    })),
    signatures: signatures.map((s) => ({
      id: s.id,
      versionNo: s.versionNo,
      side: s.side as 'customer' | 'company',
      signerName: s.signerName,
      signerEmail: s.signerEmail,
      documentSha256: s.documentSha256,
      ip: s.ip,
      userAgent: s.userAgent,
      signedAt: s.signedAt.toISOString(),
    })),
    can: {
      edit: owner && status === 'draft',
      review: can(caller.role, 'contracts.review') && status === 'in_review',
      send: owner && (status === 'approved' || status === 'sent'),
      countersign:
        can(caller.role, 'contracts.sign') &&
        status === 'signed' &&
        row.signedFileId === null &&
        signatures.some((s) => s.side === 'customer' && s.versionNo === row.signedVersionNo),
      editTerm: owner && !CLOSED.includes(status),
      complete: owner && status === 'active' && row.signedFileId !== null,
      terminate: owner && (status === 'signed' || status === 'active') && row.signedFileId !== null,
      paperSign:
        can(caller.role, 'contracts.sign') &&
        (status === 'approved' || status === 'sent') &&
        row.approvedVersionNo !== null &&
        row.signedFileId === null,
    },
    version: row.version,
  };
}

type Minutes = typeof negotiationMinutes.$inferSelect;

/** The deal's agreed minutes: the given ones (checked), else the latest agreed ones, else none. */
async function agreedMinutes(
  tx: Tx,
  tenantId: string,
  dealId: string,
  minutesId: string | null,
): Promise<Minutes | null> {
  const rows = await tx
    .select()
    .from(negotiationMinutes)
    .where(
      and(
        eq(negotiationMinutes.tenantId, tenantId),
        eq(negotiationMinutes.dealId, dealId),
        eq(negotiationMinutes.result, 'agreed'),
        minutesId ? eq(negotiationMinutes.id, minutesId) : undefined,
      ),
    )
    .orderBy(desc(negotiationMinutes.heldOn), desc(negotiationMinutes.createdAt))
    .limit(1);
  const row = rows[0] ?? null;
  if (minutesId && !row) throw invalidFields({ path: 'minutesId', code: 'unknown_minutes' });
  return row;
}

function quoteLinesText(quote: Quote, locale: Locale): string {
  return quote.lines
    .map(
      (l, i) =>
        `${i + 1}. ${l.name}${l.code ? ` (${l.code})` : ''} × ${l.quantity} ${l.unit}: ${formatMoney(l.totalMinor, quote.currency, locale)}`,
    )
    .join('\n');
}

/**
 * Drafts a contract: amount and currency from the accepted quote, else the agreed minutes' final price, else
 * the given amount; clauses from the template filled with the deal's facts; a gap-free number taken in this
 * transaction (a failed draft gives its number back); version 1, status draft.
 */
export async function createContract(
  platform: Platform,
  caller: ContractCaller,
  input: z.output<typeof CreateContractInput>,
): Promise<Contract> {
  const tenantId = caller.actor.tenantId;
  const row = await withTenant(platform.db, tenantId, async (tx) => {
    const { deal } = await dealFor(tx, caller, input.dealId, 'read').catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'not_found') {
        throw invalidFields({ path: 'dealId', code: 'unknown_deal' });
      }
      throw error;
    });
    const quote = input.quoteId ? await quoteForContract(tx, caller, input.quoteId) : null;
    if (quote && quote.dealId !== deal.id) throw invalidFields({ path: 'quoteId', code: 'unknown_quote' });
    const minutes = await agreedMinutes(tx, tenantId, deal.id, input.minutesId);
    const amount = quote
      ? { amountMinor: quote.totals.totalMinor, currency: quote.currency }
      : minutes?.finalPriceMinor != null && minutes.currency
        ? { amountMinor: minutes.finalPriceMinor, currency: minutes.currency }
        : input.amountMinor !== undefined && input.currency
          ? { amountMinor: input.amountMinor, currency: input.currency }
          : null;
    if (!amount) throw invalidFields({ path: 'amountMinor', code: 'amount_required' });

    await ensureTemplates(tx, tenantId);
    const template = input.templateId
      ? await templateRow(tx, tenantId, input.templateId)
      : ((
          await tx
            .select()
            .from(contractTemplates)
            .where(and(eq(contractTemplates.tenantId, tenantId), eq(contractTemplates.active, true)))
            .orderBy(asc(contractTemplates.customProject), asc(contractTemplates.createdAt))
            .limit(1)
        )[0] ?? null);
    if (!template?.active) throw invalidFields({ path: 'templateId', code: 'unknown_template' });

    const [facts, settings] = await Promise.all([
      tenantFacts(tx, tenantId),
      loadContractSettings(tx, tenantId),
    ]);
    const now = platform.clock.now();
    const locale = localeOf(template.locale);
    const names = await customerAndContactNames(tx, tenantId, {
      customerIds: [deal.customerId],
      contactIds: [],
    });
    // The number last: concurrent drafts queue on the counter row until this transaction ends, so everything
    // that can be read before it is.
    const number = await takeNumber(tx, tenantId, 'contract', {
      pattern: settings.numberPattern,
      at: now,
      timeZone: facts.timeZone,
    });
    const clauses = fillClauses(clausesOf(template.clauses), {
      'customer.name': names.customers.get(deal.customerId) ?? '',
      'company.name': facts.name,
      'contract.number': number,
      'contract.date': dayIn(now, facts.timeZone),
      'contract.amount': formatMoney(amount.amountMinor, amount.currency, locale),
      'contract.currency': amount.currency,
      'deal.name': deal.name,
      'quote.lines': quote ? quoteLinesText(quote, locale) : '',
      'quote.paymentTerms': quote?.paymentTerms ?? '',
      'quote.number': quote?.number ?? '',
      'minutes.deliveryTime': minutes?.deliveryTime ?? '',
      'minutes.paymentTerms': minutes?.paymentTerms ?? '',
      'minutes.liability': minutes?.liability ?? '',
      'minutes.otherTerms': minutes?.otherTerms ?? '',
    });
    const id = uuidv7();
    const [row] = await tx
      .insert(contracts)
      .values({
        tenantId,
        id,
        number,
        title: input.title ?? deal.name,
        dealId: deal.id,
        customerId: deal.customerId,
        contactId: quote?.contactId ?? deal.contactId ?? null,
        quoteId: quote?.id ?? null,
        minutesId: minutes?.id ?? null,
        templateId: template.id,
        locale,
        currency: amount.currency,
        amountMinor: amount.amountMinor,
        ownerId: deal.ownerId,
        teamId: deal.teamId,
        createdBy: caller.actor.userId,
      })
      .returning();
    if (!row) throw new Error('contract insert returned nothing');
    await tx.insert(contractVersions).values({
      tenantId,
      contractId: id,
      versionNo: 1,
      source: 'draft',
      clauses,
      createdBy: caller.actor.userId,
    });
    await writeAudit(tx, caller.actor, {
      entity: 'contract',
      entityId: id,
      action: 'create',
      changes: {
        number: { from: null, to: number },
        amountMinor: { from: null, to: amount.amountMinor },
        quoteId: { from: null, to: row.quoteId },
        minutesId: { from: null, to: row.minutesId },
      },
    });
    await writeAudit(tx, caller.actor, {
      entity: 'deal',
      entityId: deal.id,
      action: 'contract_drafted',
      changes: { contract: { from: null, to: number } },
    });
    return row;
  });
  // Presented after the commit, so the counter row is not held while the page's details are read.
  return withTenant(platform.db, tenantId, (tx) => presentContract(tx, caller, row));
}

export async function getContract(platform: Platform, caller: ContractCaller, id: string): Promise<Contract> {
  return withTenant(platform.db, caller.actor.tenantId, async (tx) =>
    presentContract(tx, caller, await contractFor(tx, caller, id, 'read')),
  );
}

const CLOSED = ['completed', 'terminated', 'expired'];

/** Title and dates; the term and delivery date stay changeable until the contract is closed. */
export async function patchContract(
  platform: Platform,
  caller: ContractCaller,
  id: string,
  input: {
    version: number;
    title?: string | undefined;
    startsOn?: string | null | undefined;
    endsOn?: string | null | undefined;
    deliveryDueOn?: string | null | undefined;
  },
): Promise<Contract> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const before = await contractFor(tx, caller, id, 'edit', { lock: true });
    if (before.version !== input.version) throw new AppError('version_conflict');
    if (CLOSED.includes(before.status)) {
      throw new AppError('transition_not_allowed', { from: before.status, to: before.status });
    }
    const { version: _v, ...changes } = input;
    if (input.title !== undefined && before.status !== 'draft') {
      throw new AppError('transition_not_allowed', { from: before.status, to: 'draft' });
    }
    const startsOn = changes.startsOn === undefined ? before.startsOn : changes.startsOn;
    const endsOn = changes.endsOn === undefined ? before.endsOn : changes.endsOn;
    if (startsOn && endsOn && endsOn < startsOn) throw invalidFields({ path: 'endsOn', code: 'invalid' });
    const [row] = await tx
      .update(contracts)
      .set({ ...changes, version: before.version + 1, updatedAt: platform.clock.now() })
      .where(and(eq(contracts.tenantId, tenantId), eq(contracts.id, id)))
      .returning();
    if (!row) throw new Error('contract update returned nothing');
    await writeAudit(tx, caller.actor, {
      entity: 'contract',
      entityId: id,
      action: 'update',
      changes: changesBetween(before, row, ['title', 'startsOn', 'endsOn', 'deliveryDueOn']),
    });
    return presentContract(tx, caller, row);
  });
}

/**
 * The progress table: contracts of deals the caller may see, plus (for reviewers) contracts from review on and
 * (for delivery owners) contracts handed over to them. Newest first, keyset-paged.
 */
export async function listContracts(
  platform: Platform,
  caller: ContractCaller,
  filter: z.output<typeof ContractFilter>,
): Promise<{ items: ContractSummary[]; nextCursor: string | null }> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const visible = await contractScopeSql(tx, caller);
    const where: (SQL | undefined)[] = [eq(contracts.tenantId, tenantId), visible];
    if (filter.status) where.push(eq(contracts.status, filter.status));
    if (filter.customerId) where.push(eq(contracts.customerId, filter.customerId));
    if (filter.ownerId) where.push(eq(contracts.ownerId, filter.ownerId));
    if (filter.signedFrom) where.push(gte(contracts.signedOn, filter.signedFrom));
    if (filter.signedTo) where.push(lte(contracts.signedOn, filter.signedTo));
    if (filter.endingBefore) where.push(lt(contracts.endsOn, filter.endingBefore));
    const page = keyset(
      { expr: sql`${contracts.createdAt}`, kind: 'time' },
      sql`${contracts.id}`,
      true,
      filter.cursor,
    );
    const rows = await tx
      .select({ contract: contracts })
      .from(contracts)
      .innerJoin(deals, and(eq(deals.tenantId, contracts.tenantId), eq(deals.id, contracts.dealId)))
      .where(and(...where, page.after))
      .orderBy(...page.order)
      .limit(filter.limit + 1);
    const { items, nextCursor } = pageFrom(rows, filter.limit, (r) =>
      encodeCursor(r.contract.createdAt, r.contract.id),
    );
    const list = items.map((r) => r.contract);
    const names = await customerAndContactNames(tx, tenantId, {
      customerIds: list.map((c) => c.customerId),
      contactIds: [],
    });
    const owners = await userNames(
      tx,
      tenantId,
      list.map((c) => c.ownerId),
    );
    return { items: list.map((c) => summaryOf(c, names.customers, owners)), nextCursor };
  });
}
