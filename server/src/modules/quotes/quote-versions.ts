import {
  type QuoteComparison,
  type QuoteLine,
  QuoteSnapshot,
  type QuoteVersion,
} from '@contracts/quotes.contract';
import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Tx } from '../../platform/db/database';
import { files } from '../../platform/db/platform.tables';
import { withTenant } from '../../platform/db/tenancy';
import { AppError } from '../../platform/http/errors';
import type { Platform } from '../../platform/platform';
import type { DealCaller } from '../deals';
import { logoOf, snapshotOf } from './quote-lifecycle';
import { renderQuotePdf } from './quote-pdf';
import { type DealRow, loadLines, type QuoteRow, quoteFor } from './quote-rows';
import { loadQuoteSettings } from './quote-settings';
import { tenantFacts } from './quotes.service';
import { quoteVersions } from './quotes.tables';

/** Sent versions of a quote: the list, one frozen snapshot, a comparison of two, and the PDF of either. */

type VersionRow = typeof quoteVersions.$inferSelect;
type Snapshot = z.infer<typeof QuoteSnapshot>;

function summary(row: VersionRow) {
  return {
    versionNo: row.versionNo,
    totalMinor: row.totalMinor,
    sentAt: row.sentAt.toISOString(),
    sentBy: row.sentBy,
    hasPdf: row.pdfFileId !== null,
  };
}

async function versionRow(tx: Tx, tenantId: string, quoteId: string, no: number): Promise<VersionRow | null> {
  const [row] = await tx
    .select()
    .from(quoteVersions)
    .where(
      and(
        eq(quoteVersions.tenantId, tenantId),
        eq(quoteVersions.quoteId, quoteId),
        eq(quoteVersions.versionNo, no),
      ),
    );
  return row ?? null;
}

export async function listVersions(platform: Platform, caller: DealCaller, quoteId: string) {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    await quoteFor(tx, caller, quoteId);
    const rows = await tx
      .select()
      .from(quoteVersions)
      .where(and(eq(quoteVersions.tenantId, tenantId), eq(quoteVersions.quoteId, quoteId)))
      .orderBy(asc(quoteVersions.versionNo));
    return { items: rows.map(summary) };
  });
}

export async function getVersion(
  platform: Platform,
  caller: DealCaller,
  quoteId: string,
  no: number,
): Promise<QuoteVersion> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    await quoteFor(tx, caller, quoteId);
    const row = await versionRow(tx, tenantId, quoteId, no);
    if (!row) throw new AppError('not_found');
    return { ...summary(row), snapshot: QuoteSnapshot.parse(row.snapshot) };
  });
}

/**
 * A version's snapshot: the frozen one when it was sent, or the working copy when `no` is the version being
 * edited (so a draft compares against what the customer last saw).
 */
async function snapshotFor(tx: Tx, quote: QuoteRow, deal: DealRow, no: number): Promise<Snapshot> {
  const row = await versionRow(tx, quote.tenantId, quote.id, no);
  if (row) return QuoteSnapshot.parse(row.snapshot);
  if (no === quote.currentVersionNo)
    return snapshotOf(tx, quote, deal, await loadLines(tx, quote.tenantId, quote.id));
  throw new AppError('not_found');
}

const lineKey = (l: QuoteLine) =>
  l.productId ? `p:${l.productId}` : `n:${(l.code ?? '').toLowerCase()}|${l.name.toLowerCase()}`;

const COMPARED = [
  'name',
  'description',
  'unit',
  'quantity',
  'unitPriceMinor',
  'discountBp',
  'taxRateBp',
  'netMinor',
  'taxMinor',
  'totalMinor',
] as const satisfies readonly (keyof QuoteLine)[];

const HEADER = [
  'title',
  'discountBp',
  'paymentTerms',
  'validUntil',
  'notes',
  'currency',
  'contactName',
] as const;

/**
 * What changed between two snapshots. Lines are the same line when they quote the same product (in order
 * of position when a product appears more than once) or, for free lines, the same code and name.
 */
export function compareSnapshots(fromNo: number, a: Snapshot, toNo: number, b: Snapshot): QuoteComparison {
  const pool = new Map<string, QuoteLine[]>();
  for (const line of a.lines) {
    const key = lineKey(line);
    pool.set(key, [...(pool.get(key) ?? []), line]);
  }
  const added: QuoteLine[] = [];
  const changed: QuoteComparison['changed'] = [];
  for (const after of b.lines) {
    const candidates = pool.get(lineKey(after));
    const before = candidates?.shift();
    if (!before) {
      added.push(after);
      continue;
    }
    const changes = COMPARED.filter((f) => before[f] !== after[f]).map((f) => ({
      field: f,
      from: before[f],
      to: after[f],
    }));
    if (changes.length > 0) {
      changed.push({ before, after, changes, deltaMinor: after.totalMinor - before.totalMinor });
    }
  }
  const removed = [...pool.values()].flat();
  const header = HEADER.filter((f) => a[f] !== b[f]).map((f) => ({ field: f, from: a[f], to: b[f] }));
  return {
    from: fromNo,
    to: toNo,
    added,
    removed,
    changed,
    header,
    totalDeltaMinor: b.totals.totalMinor - a.totals.totalMinor,
    netDeltaMinor: b.totals.netMinor - a.totals.netMinor,
  };
}

export async function compareVersions(
  platform: Platform,
  caller: DealCaller,
  quoteId: string,
  fromNo: number,
  toNo: number,
): Promise<QuoteComparison> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const { quote, deal } = await quoteFor(tx, caller, quoteId);
    const a = await snapshotFor(tx, quote, deal, fromNo);
    const b = await snapshotFor(tx, quote, deal, toNo);
    return compareSnapshots(fromNo, a, toNo, b);
  });
}

/** The frozen PDF of a sent version, or a live preview of the working copy. */
export async function quotePdf(
  platform: Platform,
  caller: DealCaller,
  quoteId: string,
  no: number | undefined,
): Promise<{ name: string; body: Buffer | NodeJS.ReadableStream }> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const { quote, deal } = await quoteFor(tx, caller, quoteId);
    const wanted = no ?? quote.currentVersionNo;
    const row = await versionRow(tx, tenantId, quoteId, wanted);
    if (row?.pdfFileId) {
      const [file] = await tx
        .select()
        .from(files)
        .where(and(eq(files.tenantId, tenantId), eq(files.id, row.pdfFileId)));
      if (file) return { name: file.name, body: await platform.files.open(file.storageKey) };
    }
    if (wanted !== quote.currentVersionNo) throw new AppError('not_found');
    return {
      name: `${quote.number}-v${wanted}-draft.pdf`,
      body: await previewPdf(platform, tx, quote, deal),
    };
  });
}

export async function previewPdf(
  platform: Platform,
  tx: Tx,
  quote: QuoteRow,
  deal: DealRow,
): Promise<Buffer> {
  const [facts, settings] = await Promise.all([
    tenantFacts(tx, quote.tenantId),
    loadQuoteSettings(tx, quote.tenantId),
  ]);
  return renderQuotePdf({
    snapshot: await snapshotOf(tx, quote, deal, await loadLines(tx, quote.tenantId, quote.id)),
    versionNo: quote.currentVersionNo,
    companyName: facts.name,
    settings,
    logo: await logoOf(platform, tx, settings),
    issuedAt: platform.clock.now(),
    draft: true,
  });
}
