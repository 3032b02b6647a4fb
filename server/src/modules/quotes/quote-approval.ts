import type { Role } from '@contracts/common';
import { and, eq } from 'drizzle-orm';
import { type Actor, writeAudit } from '../../platform/audit';
import type { Tx } from '../../platform/db/database';
import { approvalStateOf, authorityFor, registerApprovalSubject } from '../approvals';
import { dealPriceFloor } from '../deals';
import type { ApprovalInfo, LineRow, QuoteRow } from './quote-rows';
import { totalsOf } from './quote-rows';
import { quotes } from './quotes.tables';

/**
 * Discount authority for quotes: whether the sender's role covers the quote's deepest discount and its
 * margin (approvals' matrix), and the approval state of the version being edited. A quote beyond authority
 * goes out only once that very version is approved; a change after approval opens a new version, whose state
 * starts at "none" again.
 */

export const SUBJECT = 'quote';

/**
 * Whether the quote's total is below its deal's negotiation price floor now. A floor in another currency is
 * not compared: converting it at today's rate would make the rule move with the exchange rate, so the matrix's
 * floor rule is skipped for such a quote (its discount and margin rules still apply).
 */
export async function belowPriceFloor(tx: Tx, quote: QuoteRow): Promise<boolean> {
  const floor = await dealPriceFloor(tx, quote.tenantId, quote.dealId);
  if (!floor || floor.floorMinor === null || floor.currency !== quote.currency) return false;
  return quote.totalMinor < floor.floorMinor;
}

export async function approvalInfo(
  tx: Tx,
  quote: QuoteRow,
  lines: readonly Pick<LineRow, 'category'>[],
  role: Role,
): Promise<ApprovalInfo> {
  const totals = totalsOf(quote);
  const categories = [...new Set(lines.flatMap((l) => (l.category ? [l.category] : [])))];
  // Independent reads, sent together on the transaction's connection.
  const [belowFloor, state] = await Promise.all([
    belowPriceFloor(tx, quote),
    approvalStateOf(tx, quote.tenantId, SUBJECT, quote.id, quote.currentVersionNo),
  ]);
  const authority = await authorityFor(tx, quote.tenantId, {
    role,
    discountBp: totals.maxDiscountBp,
    marginBp: totals.marginBp,
    categories,
    belowFloor,
  });
  return { required: !authority.within, levels: authority.levels, reasons: authority.reasons, state };
}

/** An approved version, or one within the sender's authority, may go out. */
export const mayGoOut = (info: ApprovalInfo): boolean => !info.required || info.state === 'approved';

/**
 * Registered at start-up: approvals calls back in its own transaction when the last step decides or the rep
 * withdraws the request (both not approved: back to draft). A decision on a version the rep has meanwhile
 * replaced changes nothing.
 */
export function registerQuoteApprovals(): void {
  registerApprovalSubject(SUBJECT, {
    async decided(tx, { tenantId, subjectId, subjectVersion, outcome, actor, comment, at }) {
      const [quote] = await tx
        .select()
        .from(quotes)
        .where(and(eq(quotes.tenantId, tenantId), eq(quotes.id, subjectId)))
        .for('update');
      if (quote?.status !== 'pending_approval' || quote.currentVersionNo !== subjectVersion) return;
      const status = outcome === 'approved' ? 'approved' : 'draft';
      await tx
        .update(quotes)
        .set({ status, version: quote.version + 1, updatedAt: at })
        .where(and(eq(quotes.tenantId, tenantId), eq(quotes.id, subjectId)));
      await writeAudit(tx, actor as Actor, {
        entity: 'quote',
        entityId: subjectId,
        // A withdrawn request was never judged: the quote is back in draft, not "returned".
        action:
          outcome === 'approved' ? 'approved' : outcome === 'returned' ? 'returned' : 'approval_withdrawn',
        changes: {
          status: { from: quote.status, to: status },
          versionNo: { from: null, to: subjectVersion },
          ...(comment ? { comment: { from: null, to: comment } } : {}),
        },
      });
    },
    link: (subjectId) => `/quote-to-cash/quotes/${subjectId}`,
  });
}
