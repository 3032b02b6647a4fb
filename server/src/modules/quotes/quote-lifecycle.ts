import { Readable } from 'node:stream';
import type { Locale } from '@contracts/common';
import type { Quote, QuoteLink, QuoteSnapshot } from '@contracts/quotes.contract';
import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { type Actor, writeAudit } from '../../platform/audit';
import { composeToken, newSecret, sha256 } from '../../platform/crypto';
import type { Tx } from '../../platform/db/database';
import { files, type MailAttachment } from '../../platform/db/platform.tables';
import { withTenant } from '../../platform/db/tenancy';
import { AppError } from '../../platform/http/errors';
import { translate } from '../../platform/i18n/i18n';
import { dispatchMails, queueMail } from '../../platform/mail/mail';
import type { Platform } from '../../platform/platform';
import { cancelApprovals, requestApproval } from '../approvals';
import { contacts } from '../customers';
import type { DealCaller } from '../deals';
import { approvalInfo, belowPriceFloor, mayGoOut, SUBJECT } from './quote-approval';
import { renderQuotePdf } from './quote-pdf';
import {
  type DealRow,
  type LineRow,
  lineOut,
  loadLines,
  namesFor,
  type QuoteRow,
  quoteFor,
  totalsOf,
} from './quote-rows';
import { type LoadedSettings, loadQuoteSettings } from './quote-settings';
import { present, tenantFacts } from './quotes.service';
import { quotes, quoteVersions } from './quotes.tables';

/** Submitting for approval, sending (freeze + PDF + link + mail), revising and withdrawing a quote. */

export const quoteLinkPath = (token: string) => `/q/${encodeURIComponent(token)}`;

export async function snapshotOf(
  tx: Tx,
  quote: QuoteRow,
  deal: DealRow,
  lines: readonly LineRow[],
): Promise<QuoteSnapshot> {
  const names = await namesFor(tx, quote.tenantId, [quote], new Map([[deal.id, deal.name]]));
  return {
    number: quote.number,
    title: quote.title,
    currency: quote.currency,
    locale: quote.locale as Locale,
    customerName: names.customers.get(quote.customerId) ?? '',
    contactName: quote.contactId ? (names.contacts.get(quote.contactId) ?? null) : null,
    discountBp: quote.discountBp,
    paymentTerms: quote.paymentTerms,
    validUntil: quote.validUntil,
    notes: quote.notes,
    template: quote.template,
    lines: lines.map(lineOut),
    totals: totalsOf(quote),
  };
}

export async function logoOf(
  platform: Pick<Platform, 'files'>,
  tx: Tx,
  settings: LoadedSettings,
): Promise<Buffer | null> {
  if (!settings.logoFileId) return null;
  const [file] = await tx.select().from(files).where(eq(files.id, settings.logoFileId));
  if (!file) return null;
  const stream = await platform.files.open(file.storageKey);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

function lockedVersion(quote: QuoteRow, version: number): void {
  if (quote.version !== version) throw new AppError('version_conflict');
}

export async function submitQuote(
  platform: Platform,
  caller: DealCaller,
  quoteId: string,
  input: { version: number; reason: string },
): Promise<Quote> {
  const { actor } = caller;
  const tenantId = actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const { quote, deal } = await quoteFor(tx, caller, quoteId, { lock: true });
    lockedVersion(quote, input.version);
    if (quote.status !== 'draft') {
      throw new AppError('transition_not_allowed', { from: quote.status, to: 'pending_approval' });
    }
    const lines = await loadLines(tx, tenantId, quoteId);
    if (lines.length === 0) throw new AppError('quote_empty');
    const info = await approvalInfo(tx, quote, lines, caller.role);
    if (!info.required) throw new AppError('approval_not_required');
    const totals = totalsOf(quote);
    await requestApproval(tx, caller, {
      subjectType: SUBJECT,
      subjectId: quote.id,
      subjectVersion: quote.currentVersionNo,
      title: `${quote.number} ${quote.title}`,
      facts: {
        number: quote.number,
        dealName: deal.name,
        totalMinor: totals.totalMinor,
        maxDiscountBp: totals.maxDiscountBp,
        marginBp: totals.marginBp,
        versionNo: quote.currentVersionNo,
      },
      discountBp: totals.maxDiscountBp,
      marginBp: totals.marginBp,
      amountMinor: totals.totalMinor,
      currency: quote.currency,
      categories: [...new Set(lines.flatMap((l) => (l.category ? [l.category] : [])))],
      belowFloor: await belowPriceFloor(tx, quote),
      reason: input.reason,
      now: platform.clock.now(),
    });
    const [row] = await tx
      .update(quotes)
      .set({ status: 'pending_approval', version: quote.version + 1, updatedAt: platform.clock.now() })
      .where(and(eq(quotes.tenantId, tenantId), eq(quotes.id, quoteId)))
      .returning();
    if (!row) throw new Error('quote update returned nothing');
    await writeAudit(tx, actor, {
      entity: 'quote',
      entityId: quoteId,
      action: 'submit',
      changes: {
        status: { from: quote.status, to: row.status },
        versionNo: { from: null, to: quote.currentVersionNo },
        ...(input.reason ? { reason: { from: null, to: input.reason } } : {}),
      },
    });
    return present(tx, caller, row, deal);
  });
}

async function storePdf(platform: Platform, tenantId: string, name: string, pdf: Buffer) {
  const id = uuidv7();
  const stored = await platform.files.put(tenantId, id, Readable.from([pdf]));
  return { id, name, stored };
}

/**
 * Sends the current version: refuses a quote beyond the sender's authority whose version is not approved
 * (409 approval_required), freezes the version with its PDF, issues the customer link (only its hash is kept)
 * and mails the contact the link with the PDF attached. The token is returned once, to copy.
 */
export async function sendQuote(
  platform: Platform,
  caller: DealCaller,
  quoteId: string,
  version: number,
): Promise<{ quote: Quote; link: QuoteLink }> {
  const { actor } = caller;
  const tenantId = actor.tenantId;
  let storageKey: string | null = null;
  try {
    const result = await withTenant(platform.db, tenantId, async (tx) => {
      const { quote, deal } = await quoteFor(tx, caller, quoteId, { lock: true });
      lockedVersion(quote, version);
      if (quote.status !== 'draft' && quote.status !== 'approved') {
        throw new AppError('transition_not_allowed', { from: quote.status, to: 'sent' });
      }
      const lines = await loadLines(tx, tenantId, quoteId);
      if (lines.length === 0) throw new AppError('quote_empty');
      if (!mayGoOut(await approvalInfo(tx, quote, lines, caller.role)))
        throw new AppError('approval_required');

      const now = platform.clock.now();
      const [facts, settings] = await Promise.all([
        tenantFacts(tx, tenantId),
        loadQuoteSettings(tx, tenantId),
      ]);
      const snapshot = await snapshotOf(tx, quote, deal, lines);
      const pdf = await renderQuotePdf({
        snapshot,
        versionNo: quote.currentVersionNo,
        companyName: facts.name,
        settings,
        logo: await logoOf(platform, tx, settings),
        issuedAt: now,
        draft: false,
      });
      const fileName = `${quote.number}-v${quote.currentVersionNo}.pdf`;
      const file = await storePdf(platform, tenantId, fileName, pdf);
      storageKey = file.stored.storageKey;
      await tx.insert(files).values({
        tenantId,
        id: file.id,
        name: fileName,
        contentType: 'application/pdf',
        size: file.stored.size,
        sha256: file.stored.sha256,
        storageKey: file.stored.storageKey,
        uploadedBy: actor.userId,
      });
      await tx.insert(quoteVersions).values({
        tenantId,
        quoteId,
        versionNo: quote.currentVersionNo,
        snapshot,
        totalMinor: quote.totalMinor,
        pdfFileId: file.id,
        sentBy: actor.userId,
        sentAt: now,
      });

      const secret = newSecret();
      const token = composeToken(tenantId, quoteId, secret);
      const url = `${platform.config.publicUrl}${quoteLinkPath(token)}`;
      const [row] = await tx
        .update(quotes)
        .set({
          status: 'sent',
          shareTokenHash: sha256(secret),
          sentAt: now,
          version: quote.version + 1,
          updatedAt: now,
        })
        .where(and(eq(quotes.tenantId, tenantId), eq(quotes.id, quoteId)))
        .returning();
      if (!row) throw new Error('quote update returned nothing');

      const mailIds: string[] = [];
      if (quote.contactId) {
        const [contact] = await tx
          .select({ email: contacts.email, name: contacts.name })
          .from(contacts)
          .where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, quote.contactId)));
        if (contact?.email) {
          const locale = quote.locale as Locale;
          const vars = {
            name: contact.name,
            company: facts.name,
            number: quote.number,
            title: quote.title,
            url,
            validUntil: quote.validUntil ?? '—',
          };
          const attachment: MailAttachment = {
            fileId: file.id,
            name: fileName,
            contentType: 'application/pdf',
          };
          mailIds.push(
            await queueMail(tx, tenantId, {
              to: contact.email,
              subject: translate(locale, 'quotes.mailSubject', vars),
              text: translate(locale, 'quotes.mailText', vars),
              attachments: [attachment],
            }),
          );
        }
      }
      await writeAudit(tx, actor, {
        entity: 'quote',
        entityId: quoteId,
        action: 'send',
        changes: {
          status: { from: quote.status, to: 'sent' },
          versionNo: { from: null, to: quote.currentVersionNo },
          totalMinor: { from: null, to: quote.totalMinor },
          mailed: { from: null, to: mailIds.length > 0 },
        },
      });
      await writeAudit(tx, actor, {
        entity: 'deal',
        entityId: deal.id,
        action: 'quote_sent',
        changes: { quote: { from: null, to: `${quote.number} v${quote.currentVersionNo}` } },
      });
      return { quote: await present(tx, caller, row, deal), link: { token, url }, mailIds };
    });
    await dispatchMails(platform, tenantId, result.mailIds);
    return { quote: result.quote, link: result.link };
  } catch (error) {
    // The PDF blob was written before the transaction failed: nothing refers to it, remove it.
    if (storageKey) await platform.files.remove(storageKey).catch(() => undefined);
    throw error;
  }
}

/** Opens the next version as a draft (from sent, declined or expired): the customer link stops accepting. */
export async function reviseQuote(
  platform: Platform,
  caller: DealCaller,
  quoteId: string,
  version: number,
): Promise<Quote> {
  return transition(platform, caller, quoteId, version, 'revise', (quote) => {
    if (!['sent', 'declined', 'expired'].includes(quote.status)) return null;
    return {
      status: 'draft',
      currentVersionNo: quote.currentVersionNo + 1,
      declinedAt: null,
      declineReason: null,
    };
  });
}

/** Withdraws an open quote: its link stops working and any approval request is cancelled. */
export async function withdrawQuote(
  platform: Platform,
  caller: DealCaller,
  quoteId: string,
  version: number,
): Promise<Quote> {
  return transition(platform, caller, quoteId, version, 'withdraw', async (quote, tx) => {
    if (!['draft', 'pending_approval', 'approved', 'sent'].includes(quote.status)) return null;
    if (quote.status === 'pending_approval') {
      await cancelApprovals(tx, quote.tenantId, SUBJECT, quote.id, platform.clock.now());
    }
    return { status: 'withdrawn', shareTokenHash: null };
  });
}

type QuoteChange = Partial<typeof quotes.$inferInsert> & { status: string };

async function transition(
  platform: Platform,
  caller: DealCaller,
  quoteId: string,
  version: number,
  action: string,
  decide: (quote: QuoteRow, tx: Tx) => QuoteChange | null | Promise<QuoteChange | null>,
): Promise<Quote> {
  const { actor } = caller;
  const tenantId = actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const { quote, deal } = await quoteFor(tx, caller, quoteId, { lock: true });
    lockedVersion(quote, version);
    const change = await decide(quote, tx);
    if (!change) throw new AppError('transition_not_allowed', { from: quote.status, to: action });
    const [row] = await tx
      .update(quotes)
      .set({ ...change, version: quote.version + 1, updatedAt: platform.clock.now() })
      .where(and(eq(quotes.tenantId, tenantId), eq(quotes.id, quoteId)))
      .returning();
    if (!row) throw new Error('quote update returned nothing');
    await writeAudit(tx, actor as Actor, {
      entity: 'quote',
      entityId: quoteId,
      action,
      changes: {
        status: { from: quote.status, to: row.status },
        currentVersionNo: { from: quote.currentVersionNo, to: row.currentVersionNo },
      },
    });
    return present(tx, caller, row, deal);
  });
}
