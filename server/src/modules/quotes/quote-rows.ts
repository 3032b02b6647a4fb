import type { Locale } from '@contracts/common';
import { ratioBp } from '@contracts/quote-math';
import {
  PriceSource,
  type Quote,
  type QuoteLine,
  type QuoteStatus,
  type QuoteSummary,
  type QuoteTotals,
} from '@contracts/quotes.contract';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { AppError } from '../../platform/http/errors';
import { customerAndContactNames, namesOf } from '../customers';
import { type DealCaller, dealFor } from '../deals';
import { quoteLines, quotes } from './quotes.tables';

/** Reading quotes: the access door (through the deal), lines, and the shapes the API returns. */

export type QuoteRow = typeof quotes.$inferSelect;
export type LineRow = typeof quoteLines.$inferSelect;
export type DealRow = Awaited<ReturnType<typeof dealFor>>['deal'];

export type ApprovalInfo = Quote['approval'];

/**
 * The quote if the caller may see its deal (a quote is visible to whoever may see its deal), else not_found.
 * Seeing a deal and working on it are one rule in deals, so the same door serves reads and edits.
 */
export async function quoteFor(
  tx: Tx,
  caller: DealCaller,
  quoteId: string,
  options: { lock?: boolean } = {},
): Promise<{ quote: QuoteRow; deal: DealRow }> {
  const tenantId = caller.actor.tenantId;
  const query = tx
    .select()
    .from(quotes)
    .where(and(eq(quotes.tenantId, tenantId), eq(quotes.id, quoteId)));
  const [quote] = await (options.lock ? query.for('update') : query);
  if (!quote) throw new AppError('not_found');
  const { deal } = await dealFor(tx, caller, quote.dealId, 'read');
  return { quote, deal };
}

export function loadLines(tx: Tx, tenantId: string, quoteId: string): Promise<LineRow[]> {
  return tx
    .select()
    .from(quoteLines)
    .where(and(eq(quoteLines.tenantId, tenantId), eq(quoteLines.quoteId, quoteId)))
    .orderBy(asc(quoteLines.position));
}

export function lineOut(row: LineRow): QuoteLine {
  const source = PriceSource.safeParse(row.priceSource);
  return {
    id: row.id,
    position: row.position,
    productId: row.productId,
    code: row.code,
    name: row.name,
    description: row.description,
    category: row.category,
    unit: row.unit,
    quantity: row.quantity.includes('.') ? row.quantity.replace(/\.?0+$/, '') : row.quantity,
    listPriceMinor: row.listPriceMinor,
    priceSource: source.success ? source.data : null,
    unitPriceMinor: row.unitPriceMinor,
    discountBp: row.discountBp,
    taxRateBp: row.taxRateBp,
    unitCostMinor: row.unitCostMinor,
    netMinor: row.netMinor,
    taxMinor: row.taxMinor,
    totalMinor: row.totalMinor,
  };
}

export function totalsOf(row: QuoteRow): QuoteTotals {
  const marginMinor = row.costMinor === null ? null : row.netMinor - row.costMinor;
  return {
    listMinor: row.listMinor,
    netMinor: row.netMinor,
    taxMinor: row.taxMinor,
    totalMinor: row.totalMinor,
    costMinor: row.costMinor,
    marginMinor,
    marginBp: marginMinor === null || row.netMinor <= 0 ? null : ratioBp(marginMinor, row.netMinor),
    maxDiscountBp: row.maxDiscountBp,
  };
}

export type Names = {
  deals: Map<string, string>;
  customers: Map<string, string>;
  contacts: Map<string, string>;
  users: Map<string, string>;
};

export async function namesFor(
  tx: Tx,
  tenantId: string,
  rows: readonly QuoteRow[],
  dealNames: Map<string, string>,
): Promise<Names> {
  const [cc, people] = await Promise.all([
    customerAndContactNames(tx, tenantId, {
      customerIds: rows.map((r) => r.customerId),
      contactIds: rows.flatMap((r) => (r.contactId ? [r.contactId] : [])),
    }),
    namesOf(
      tx,
      tenantId,
      rows.map((r) => r.ownerId),
    ),
  ]);
  return { deals: dealNames, customers: cc.customers, contacts: cc.contacts, users: people.users };
}

export function summaryOf(row: QuoteRow, names: Names): QuoteSummary {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    dealId: row.dealId,
    dealName: names.deals.get(row.dealId) ?? '',
    customerId: row.customerId,
    customerName: names.customers.get(row.customerId) ?? '',
    status: row.status as QuoteStatus,
    currency: row.currency,
    totalMinor: row.totalMinor,
    maxDiscountBp: row.maxDiscountBp,
    currentVersionNo: row.currentVersionNo,
    validUntil: row.validUntil,
    ownerId: row.ownerId,
    ownerName: row.ownerId ? (names.users.get(row.ownerId) ?? null) : null,
    viewCount: row.viewCount,
    sentAt: row.sentAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function presentQuote(
  tx: Tx,
  tenantId: string,
  row: QuoteRow,
  deal: { id: string; name: string },
  lines: readonly LineRow[],
  approval: ApprovalInfo,
): Promise<Quote> {
  const names = await namesFor(tx, tenantId, [row], new Map([[deal.id, deal.name]]));
  return {
    ...summaryOf(row, names),
    contactId: row.contactId,
    contactName: row.contactId ? (names.contacts.get(row.contactId) ?? null) : null,
    proposalId: row.proposalId,
    locale: row.locale as Locale,
    discountBp: row.discountBp,
    paymentTerms: row.paymentTerms,
    notes: row.notes,
    template: row.template,
    lines: lines.map(lineOut),
    totals: totalsOf(row),
    approval,
    firstViewedAt: row.firstViewedAt?.toISOString() ?? null,
    lastViewedAt: row.lastViewedAt?.toISOString() ?? null,
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
    acceptedByName: row.acceptedByName,
    declinedAt: row.declinedAt?.toISOString() ?? null,
    declineReason: row.declineReason,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Names of quotes by id (number and title), for other modules' lists. */
export async function quoteNames(
  tx: Tx,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, { number: string; title: string }>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await tx
    .select({ id: quotes.id, number: quotes.number, title: quotes.title })
    .from(quotes)
    .where(and(eq(quotes.tenantId, tenantId), inArray(quotes.id, unique)));
  return new Map(rows.map((r) => [r.id, { number: r.number, title: r.title }]));
}
