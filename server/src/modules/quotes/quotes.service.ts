import type { Locale } from '@contracts/common';
import { ProposalLine } from '@contracts/deal-proposals.contract';
import type {
  CreateQuoteInput,
  PatchQuoteInput,
  Quote,
  QuoteFilter,
  QuoteLineInput,
  QuotePage,
} from '@contracts/quotes.contract';
import { and, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import { changesBetween, writeAudit } from '../../platform/audit';
import { dayIn } from '../../platform/calendar';
import type { Tx } from '../../platform/db/database';
import { tenants } from '../../platform/db/identity.tables';
import { containsPattern } from '../../platform/db/substring-search';
import { withTenant } from '../../platform/db/tenancy';
import { AppError, invalidFields } from '../../platform/http/errors';
import { encodeCursor, keyset, pageFrom } from '../../platform/http/pagination';
import { takeNumber } from '../../platform/numbering';
import type { Platform } from '../../platform/platform';
import { cancelApprovals } from '../approvals';
import { homeAmountSql } from '../catalog';
import { contactCards, viewerOf } from '../customers';
import { type DealCaller, dealFor, dealScopeSql, deals, proposals } from '../deals';
import { approvalInfo, SUBJECT } from './quote-approval';
import {
  type LineInput,
  mathOf,
  priceLines,
  storedAsPriced,
  totalsColumns,
  writeLines,
} from './quote-pricing';
import {
  type DealRow,
  type LineRow,
  loadLines,
  namesFor,
  presentQuote,
  type QuoteRow,
  quoteFor,
  summaryOf,
} from './quote-rows';
import { loadQuoteSettings } from './quote-settings';
import { quotes } from './quotes.tables';

/**
 * Quotes: create from a deal, edit header and lines, and the status machine (DOMAIN.md §5).
 *   draft → (submit) pending_approval → approved | draft (returned) ;  draft | approved → (send) sent
 *   sent → accepted | declined | expired (customer / job) ;  any open status → withdrawn
 * A change to a sent or approved quote opens the next version as a draft (sent versions stay frozen in
 * quote_versions); declined and expired quotes come back only through "revise", which does the same.
 */

export type CreateInput = z.output<typeof CreateQuoteInput>;
export type PatchInput = z.output<typeof PatchQuoteInput>;
export type ListFilter = z.output<typeof QuoteFilter>;

const DAY_MS = 86_400_000;

const HEADER_FIELDS = [
  'title',
  'contactId',
  'discountBp',
  'paymentTerms',
  'validUntil',
  'notes',
  'template',
  'locale',
] as const satisfies readonly (keyof QuoteRow & keyof PatchInput)[];

export async function tenantFacts(tx: Tx, tenantId: string) {
  const [row] = await tx
    .select({ name: tenants.name, timeZone: tenants.timeZone, defaultLocale: tenants.defaultLocale })
    .from(tenants)
    .where(eq(tenants.tenantId, tenantId));
  if (!row) throw new AppError('not_found');
  return row;
}

export async function present(
  tx: Tx,
  caller: DealCaller,
  quote: QuoteRow,
  deal: DealRow,
  written?: readonly LineRow[],
): Promise<Quote> {
  // Lines just written (in position order) need no second read.
  const lines = written ?? (await loadLines(tx, quote.tenantId, quote.id));
  const approval = await approvalInfo(tx, quote, lines, caller.role);
  return presentQuote(tx, quote.tenantId, quote, deal, lines, approval);
}

export async function getQuote(platform: Platform, caller: DealCaller, quoteId: string): Promise<Quote> {
  return withTenant(platform.db, caller.actor.tenantId, async (tx) => {
    const { quote, deal } = await quoteFor(tx, caller, quoteId);
    return present(tx, caller, quote, deal);
  });
}

/** The lines of an approved proposal version as quote lines (free-text lines at the proposal's prices). */
function proposalLines(raw: readonly unknown[]): LineInput[] {
  return raw.flatMap((item) => {
    const parsed = ProposalLine.safeParse(item);
    if (!parsed.success) return [];
    const line = parsed.data;
    return [
      {
        productId: null,
        name: line.description.slice(0, 300),
        description: '',
        quantity: String(Math.round(line.quantity * 1000) / 1000),
        unitPriceMinor: line.unitPriceMinor,
        discountBp: Math.round(line.discountPercent * 100),
      },
    ];
  });
}

export async function createQuote(
  platform: Platform,
  caller: DealCaller,
  input: CreateInput,
): Promise<Quote> {
  const { actor } = caller;
  const tenantId = actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const { deal } = await dealFor(tx, caller, input.dealId, 'edit').catch((error: unknown) => {
      // The deal is named in the body: an unknown one is a field error, not a missing route.
      if (error instanceof AppError && error.code === 'not_found') {
        throw invalidFields({ path: 'dealId', code: 'unknown_deal' });
      }
      throw error;
    });
    let lineInputs: LineInput[] = input.lines;
    let title = input.title ?? deal.name;
    if (input.proposalId) {
      const [proposal] = await tx
        .select()
        .from(proposals)
        .where(
          and(
            eq(proposals.tenantId, tenantId),
            eq(proposals.id, input.proposalId),
            eq(proposals.dealId, deal.id),
          ),
        );
      if (!proposal) throw invalidFields({ path: 'proposalId', code: 'unknown_proposal' });
      if (proposal.status !== 'approved' && proposal.status !== 'presented') {
        throw invalidFields({ path: 'proposalId', code: 'proposal_version_not_approved' });
      }
      if (input.lines.length === 0) lineInputs = proposalLines(proposal.lines);
      title = input.title ?? proposal.title;
    }
    const [facts, settings] = await Promise.all([tenantFacts(tx, tenantId), loadQuoteSettings(tx, tenantId)]);
    const now = platform.clock.now();
    const today = dayIn(now, facts.timeZone);
    const locale: Locale = facts.defaultLocale === 'en-US' ? 'en-US' : 'zh-CN';
    const header = {
      tenantId,
      currency: deal.currency,
      customerId: deal.customerId,
      locale,
      priceBookId: null,
    };
    const priced = await priceLines(tx, header, lineInputs, today);
    const math = mathOf(0, deal.currency, priced);
    const id = uuidv7();
    const number = await takeNumber(tx, tenantId, 'quote', {
      pattern: settings.numberPattern,
      at: now,
      timeZone: facts.timeZone,
    });
    const validUntil = dayIn(new Date(now.getTime() + settings.validityDays * DAY_MS), facts.timeZone);
    const [row] = await tx
      .insert(quotes)
      .values({
        ...header,
        id,
        number,
        title,
        dealId: deal.id,
        contactId: deal.contactId,
        proposalId: input.proposalId,
        discountBp: 0,
        paymentTerms: settings.paymentTerms,
        validUntil,
        ...totalsColumns(math),
        ownerId: deal.ownerId ?? actor.userId,
        teamId: deal.teamId,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('quote insert returned nothing');
    await writeLines(tx, tenantId, id, priced, math);
    await writeAudit(tx, actor, {
      entity: 'quote',
      entityId: id,
      action: 'create',
      changes: {
        number: { from: null, to: number },
        dealId: { from: null, to: deal.id },
        totalMinor: { from: null, to: math.totalMinor },
        ...(input.proposalId ? { proposalId: { from: null, to: input.proposalId } } : {}),
      },
    });
    // The deal's timeline reads the deal's audit rows: record the quote there too.
    await writeAudit(tx, actor, {
      entity: 'deal',
      entityId: deal.id,
      action: 'quote_created',
      changes: { quote: { from: null, to: number } },
    });
    return present(tx, caller, row, deal);
  });
}

/**
 * The status an edit leaves the quote in: a draft stays one; a quote waiting for approval returns to draft
 * (its request is cancelled); an approved or sent quote opens the next version as a draft. Final states are
 * not edited (a declined or expired quote is revised first).
 */
async function openForEdit(
  tx: Tx,
  quote: QuoteRow,
  now: Date,
): Promise<{ status: 'draft'; currentVersionNo: number }> {
  switch (quote.status) {
    case 'draft':
      return { status: 'draft', currentVersionNo: quote.currentVersionNo };
    case 'pending_approval':
      await cancelApprovals(tx, quote.tenantId, SUBJECT, quote.id, now);
      return { status: 'draft', currentVersionNo: quote.currentVersionNo };
    case 'approved':
    case 'sent':
      return { status: 'draft', currentVersionNo: quote.currentVersionNo + 1 };
    default:
      throw new AppError('transition_not_allowed', { from: quote.status, to: 'draft' });
  }
}

export async function patchQuote(
  platform: Platform,
  caller: DealCaller,
  quoteId: string,
  input: PatchInput,
): Promise<Quote> {
  const { actor } = caller;
  const tenantId = actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const { quote, deal } = await quoteFor(tx, caller, quoteId, { lock: true });
    if (quote.version !== input.version) throw new AppError('version_conflict');
    const { version: _v, ...fields } = input;
    const changed = HEADER_FIELDS.filter(
      (f) => fields[f] !== undefined && JSON.stringify(fields[f]) !== JSON.stringify(quote[f]),
    );
    if (changed.length === 0) return present(tx, caller, quote, deal);
    if (fields.contactId) {
      const cards = await contactCards(tx, tenantId, [fields.contactId]);
      if (cards.get(fields.contactId)?.customerId !== quote.customerId) {
        throw invalidFields({ path: 'contactId', code: 'contact_other_customer' });
      }
    }
    const opened = await openForEdit(tx, quote, platform.clock.now());
    const discountBp = fields.discountBp ?? quote.discountBp;
    const lineRows = await loadLines(tx, tenantId, quoteId);
    const priced = storedAsPriced(lineRows);
    const math = mathOf(discountBp, quote.currency, priced);
    const now = platform.clock.now();
    const [row] = await tx
      .update(quotes)
      .set({
        ...Object.fromEntries(changed.map((f) => [f, fields[f]])),
        ...opened,
        ...totalsColumns(math),
        version: quote.version + 1,
        updatedAt: now,
      })
      .where(and(eq(quotes.tenantId, tenantId), eq(quotes.id, quoteId)))
      .returning();
    if (!row) throw new Error('quote update returned nothing');
    if (discountBp !== quote.discountBp) await writeLines(tx, tenantId, quoteId, priced, math);
    await writeAudit(tx, actor, {
      entity: 'quote',
      entityId: quoteId,
      action: 'update',
      changes: changesBetween(quote, row, [...HEADER_FIELDS, 'status', 'currentVersionNo', 'totalMinor']),
    });
    return present(tx, caller, row, deal);
  });
}

export async function putLines(
  platform: Platform,
  caller: DealCaller,
  quoteId: string,
  input: { version: number; lines: z.output<typeof QuoteLineInput>[] },
): Promise<Quote> {
  const { actor } = caller;
  const tenantId = actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const { quote, deal } = await quoteFor(tx, caller, quoteId, { lock: true });
    if (quote.version !== input.version) throw new AppError('version_conflict');
    const opened = await openForEdit(tx, quote, platform.clock.now());
    const facts = await tenantFacts(tx, tenantId);
    const now = platform.clock.now();
    const priced = await priceLines(tx, quote, input.lines, dayIn(now, facts.timeZone));
    const math = mathOf(quote.discountBp, quote.currency, priced);
    const written = await writeLines(tx, tenantId, quoteId, priced, math);
    const [row] = await tx
      .update(quotes)
      .set({ ...opened, ...totalsColumns(math), version: quote.version + 1, updatedAt: now })
      .where(and(eq(quotes.tenantId, tenantId), eq(quotes.id, quoteId)))
      .returning();
    if (!row) throw new Error('quote update returned nothing');
    await writeAudit(tx, actor, {
      entity: 'quote',
      entityId: quoteId,
      action: 'update_lines',
      changes: {
        lines: { from: null, to: priced.length },
        ...changesBetween(quote, row, ['status', 'currentVersionNo', 'totalMinor', 'maxDiscountBp']),
      },
    });
    return present(tx, caller, row, deal, written);
  });
}

export async function listQuotes(
  platform: Platform,
  caller: DealCaller,
  filter: ListFilter,
): Promise<QuotePage> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    const where: (SQL | undefined)[] = [eq(quotes.tenantId, tenantId), dealScopeSql(tenantId, viewer)];
    if (filter.status) where.push(eq(quotes.status, filter.status));
    if (filter.dealId) where.push(eq(quotes.dealId, filter.dealId));
    if (filter.customerId) where.push(eq(quotes.customerId, filter.customerId));
    if (filter.ownerId) where.push(eq(quotes.ownerId, filter.ownerId));
    if (filter.q) {
      const like = containsPattern(filter.q);
      where.push(or(ilike(quotes.number, like), ilike(quotes.title, like)));
    }
    const page = keyset(
      { expr: sql`${quotes.createdAt}`, kind: 'time' },
      sql`${quotes.id}`,
      true,
      filter.cursor,
    );
    const rows = await tx
      .select({ quote: quotes, dealName: deals.name })
      .from(quotes)
      .innerJoin(deals, and(eq(deals.tenantId, quotes.tenantId), eq(deals.id, quotes.dealId)))
      .where(and(...where, page.after))
      .orderBy(...page.order)
      .limit(filter.limit + 1);
    const names = await namesFor(
      tx,
      tenantId,
      rows.map((r) => r.quote),
      new Map(rows.map((r) => [r.quote.dealId, r.dealName])),
    );
    const { items, nextCursor } = pageFrom(rows, filter.limit, (r) =>
      encodeCursor(r.quote.createdAt, r.quote.id),
    );
    return {
      items: items.map((r) => summaryOf(r.quote, names)),
      nextCursor,
      totals: await companyTotals(tx, tenantId, where),
    };
  });
}

/** The filtered quotes' totals summed in the company currency, each at the rate of its own date. */
async function companyTotals(
  tx: Tx,
  tenantId: string,
  where: (SQL | undefined)[],
): Promise<QuotePage['totals']> {
  const [company] = await tx
    .select({ currency: tenants.currency, timeZone: tenants.timeZone })
    .from(tenants)
    .where(eq(tenants.tenantId, tenantId));
  const home = company?.currency ?? 'CNY';
  const on = sql`(coalesce(${quotes.sentAt}, ${quotes.createdAt}) AT TIME ZONE ${company?.timeZone ?? 'UTC'})::date`;
  const converted = homeAmountSql({
    tenantId,
    home,
    amountMinor: sql`${quotes.totalMinor}`,
    currency: sql`${quotes.currency}`,
    on,
  });
  const [row] = await tx
    .select({
      count: sql<number>`count(*)::int`,
      totalMinor: sql<string>`coalesce(sum(${converted}), 0)::text`,
      missing: sql<
        string[] | null
      >`array_agg(DISTINCT ${quotes.currency}) FILTER (WHERE ${converted} IS NULL)`,
    })
    .from(quotes)
    .innerJoin(deals, and(eq(deals.tenantId, quotes.tenantId), eq(deals.id, quotes.dealId)))
    .where(and(...where));
  return {
    currency: home,
    count: row?.count ?? 0,
    totalMinor: Number(row?.totalMinor ?? 0),
    missingRates: (row?.missing ?? []).sort(),
  };
}
