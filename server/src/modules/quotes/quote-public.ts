import { type PublicQuote, QuoteSnapshot, type QuoteStatus } from '@contracts/quotes.contract';
import { and, desc, eq, sql } from 'drizzle-orm';
import { systemActor, writeAudit } from '../../platform/audit';
import { dayIn } from '../../platform/calendar';
import { NO_TENANT, parseToken, safeEqual, sha256 } from '../../platform/crypto';
import type { Tx } from '../../platform/db/database';
import { files } from '../../platform/db/platform.tables';
import { withTenant } from '../../platform/db/tenancy';
import { AppError } from '../../platform/http/errors';
import type { Platform } from '../../platform/platform';
import { getDeal } from '../deals';
import { notify } from '../notifications';
import type { QuoteRow } from './quote-rows';
import { tenantFacts } from './quotes.service';
import { quotes, quoteVersions } from './quotes.tables';

/**
 * The customer's side of a quote link `/q/<tenantId>.<quoteId>.<secret>`: the latest sent version, its PDF,
 * and accepting (typed name) or declining (reason) it. A wrong, malformed or withdrawn link takes the same
 * path and gets the same "unavailable" answer. Accept and decline carry a form token derived from the link's
 * hash and the version shown, so only a page rendered from this link for this version can post them (a form
 * on another site cannot forge it without the link), and a page left open on an older version cannot accept
 * a newer one.
 */

export type Found = {
  quote: QuoteRow;
  companyName: string;
  timeZone: string;
  versionNo: number;
  snapshot: QuoteSnapshot;
  pdfFileId: string | null;
};

export const formTokenOf = (quote: QuoteRow, versionNo: number): string =>
  sha256(`${quote.shareTokenHash ?? ''}:${quote.id}:${versionNo}:quote-form`);

async function find(tx: Tx, token: string, lock: boolean): Promise<Found | null> {
  const parsed = parseToken(token) ?? { tenantId: NO_TENANT, id: NO_TENANT, secret: '' };
  const query = tx
    .select()
    .from(quotes)
    .where(and(eq(quotes.tenantId, parsed.tenantId), eq(quotes.id, parsed.id)));
  const [quote] = await (lock ? query.for('update') : query);
  if (!quote?.shareTokenHash || !safeEqual(quote.shareTokenHash, sha256(parsed.secret))) return null;
  if (quote.status === 'withdrawn') return null;
  const [version] = await tx
    .select()
    .from(quoteVersions)
    .where(and(eq(quoteVersions.tenantId, quote.tenantId), eq(quoteVersions.quoteId, quote.id)))
    .orderBy(desc(quoteVersions.versionNo))
    .limit(1);
  if (!version) return null;
  const facts = await tenantFacts(tx, quote.tenantId);
  return {
    quote,
    companyName: facts.name,
    timeZone: facts.timeZone,
    versionNo: version.versionNo,
    snapshot: QuoteSnapshot.parse(version.snapshot),
    pdfFileId: version.pdfFileId,
  };
}

/** What the customer sees: the status only as far as it concerns them (a draft being revised reads as "sent"). */
export function publicView(found: Found): PublicQuote {
  const status = found.quote.status as QuoteStatus;
  const shown: QuoteStatus = ['accepted', 'declined', 'expired'].includes(status) ? status : 'sent';
  return {
    companyName: found.companyName,
    quote: found.snapshot,
    versionNo: found.versionNo,
    status: shown,
    acceptedByName: found.quote.acceptedByName,
    declineReason: found.quote.declineReason,
  };
}

/** Whether the customer may still answer: the latest sent version is the current one and still valid. */
export function answerable(found: Found, now: Date): boolean {
  const { quote } = found;
  if (quote.status !== 'sent' || quote.currentVersionNo !== found.versionNo) return false;
  return quote.validUntil === null || dayIn(now, found.timeZone) <= quote.validUntil;
}

/**
 * A view of the page: counts it, stamps first/last view, records it on the quote's and the deal's history
 * and tells the owner the first time.
 */
export async function viewQuote(platform: Platform, token: string): Promise<Found | null> {
  const parsed = parseToken(token);
  return withTenant(platform.db, parsed?.tenantId ?? NO_TENANT, async (tx) => {
    const found = await find(tx, token, true);
    if (!found) return null;
    const { quote } = found;
    const now = platform.clock.now();
    await tx
      .update(quotes)
      .set({
        viewCount: sql`${quotes.viewCount} + 1`,
        firstViewedAt: quote.firstViewedAt ?? now,
        lastViewedAt: now,
      })
      .where(and(eq(quotes.tenantId, quote.tenantId), eq(quotes.id, quote.id)));
    const actor = systemActor(quote.tenantId);
    await writeAudit(tx, actor, {
      entity: 'quote',
      entityId: quote.id,
      action: 'viewed',
      changes: {
        versionNo: { from: null, to: found.versionNo },
        viewCount: { from: quote.viewCount, to: quote.viewCount + 1 },
      },
    });
    await writeAudit(tx, actor, {
      entity: 'deal',
      entityId: quote.dealId,
      action: 'quote_viewed',
      changes: { quote: { from: null, to: `${quote.number} v${found.versionNo}` } },
    });
    if (!quote.firstViewedAt && quote.ownerId) {
      await notify(tx, {
        tenantId: quote.tenantId,
        userIds: [quote.ownerId],
        kind: 'quote_viewed',
        params: { number: quote.number, title: quote.title },
        entity: 'quote',
        entityId: quote.id,
        dedupeKey: `quote-viewed:${quote.id}`,
      });
    }
    return { ...found, quote: { ...quote, viewCount: quote.viewCount + 1 } };
  });
}

/** The page's data without counting a view (re-rendering after a refused post). */
export async function peekQuote(platform: Platform, token: string): Promise<Found | null> {
  const parsed = parseToken(token);
  return withTenant(platform.db, parsed?.tenantId ?? NO_TENANT, (tx) => find(tx, token, false));
}

/** The PDF of the latest sent version, read through the link. */
export async function publicPdf(
  platform: Platform,
  token: string,
): Promise<{ name: string; body: NodeJS.ReadableStream } | null> {
  const parsed = parseToken(token);
  return withTenant(platform.db, parsed?.tenantId ?? NO_TENANT, async (tx) => {
    const found = await find(tx, token, false);
    if (!found?.pdfFileId) return null;
    const [file] = await tx
      .select()
      .from(files)
      .where(and(eq(files.tenantId, found.quote.tenantId), eq(files.id, found.pdfFileId)));
    if (!file) return null;
    return { name: file.name, body: await platform.files.open(file.storageKey) };
  });
}

export type Answer = { kind: 'accept'; name: string } | { kind: 'decline'; reason: string };

/**
 * The customer's answer. Refused (409) unless the version shown is still the current sent one and valid;
 * an unapproved version never reaches "sent", so it can never be accepted either.
 */
export async function answerQuote(
  platform: Platform,
  token: string,
  formToken: string,
  answer: Answer,
): Promise<Found | null> {
  const parsed = parseToken(token);
  return withTenant(platform.db, parsed?.tenantId ?? NO_TENANT, async (tx) => {
    const found = await find(tx, token, true);
    if (!found) return null;
    const { quote } = found;
    if (!safeEqual(formToken, formTokenOf(quote, found.versionNo))) throw new AppError('csrf_failed');
    const now = platform.clock.now();
    if (!answerable(found, now)) {
      throw new AppError('transition_not_allowed', { from: quote.status, to: answer.kind });
    }
    const values =
      answer.kind === 'accept'
        ? { status: 'accepted', acceptedAt: now, acceptedByName: answer.name }
        : { status: 'declined', declinedAt: now, declineReason: answer.reason };
    const [row] = await tx
      .update(quotes)
      .set({ ...values, version: quote.version + 1, updatedAt: now })
      .where(and(eq(quotes.tenantId, quote.tenantId), eq(quotes.id, quote.id)))
      .returning();
    if (!row) throw new Error('quote update returned nothing');
    const actor = systemActor(quote.tenantId);
    const detail =
      answer.kind === 'accept' ? { acceptedByName: answer.name } : { declineReason: answer.reason };
    await writeAudit(tx, actor, {
      entity: 'quote',
      entityId: quote.id,
      action: answer.kind === 'accept' ? 'accepted' : 'declined',
      changes: {
        status: { from: quote.status, to: row.status },
        versionNo: { from: null, to: found.versionNo },
        ...Object.fromEntries(Object.entries(detail).map(([k, v]) => [k, { from: null, to: v }])),
      },
    });
    await writeAudit(tx, actor, {
      entity: 'deal',
      entityId: quote.dealId,
      action: answer.kind === 'accept' ? 'quote_accepted' : 'quote_declined',
      changes: { quote: { from: null, to: `${quote.number} v${found.versionNo}` } },
    });
    // The quote's owner hears the answer, or the deal's owner for a quote without one; it commits with the answer.
    const ownerId = quote.ownerId ?? (await getDeal(tx, quote.tenantId, quote.dealId))?.ownerId ?? null;
    if (ownerId) {
      await notify(tx, {
        tenantId: quote.tenantId,
        userIds: [ownerId],
        kind: answer.kind === 'accept' ? 'quote_accepted' : 'quote_declined',
        params: {
          number: quote.number,
          title: quote.title,
          name: answer.kind === 'accept' ? answer.name : null,
          reason: answer.kind === 'decline' ? answer.reason : null,
        },
        entity: 'quote',
        entityId: quote.id,
      });
    }
    return { ...found, quote: row };
  });
}
