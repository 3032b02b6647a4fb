import type { Role } from '@contracts/common';
import { and, eq } from 'drizzle-orm';
import { type Actor, writeAudit } from '../../platform/audit';
import type { Tx } from '../../platform/db/database';
import { approvalStateOf, authorityFor, registerApprovalSubject } from '../approvals';
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

export async function approvalInfo(
  tx: Tx,
  quote: QuoteRow,
  lines: readonly Pick<LineRow, 'category'>[],
  role: Role,
): Promise<ApprovalInfo> {
  const totals = totalsOf(quote);
  const categories = [...new Set(lines.flatMap((l) => (l.category ? [l.category] : [])))];
  const authority = await authorityFor(tx, quote.tenantId, {
    role,
    discountBp: totals.maxDiscountBp,
    marginBp: totals.marginBp,
    categories,
  });
  const state = await approvalStateOf(tx, quote.tenantId, SUBJECT, quote.id, quote.currentVersionNo);
  return { required: !authority.within, levels: authority.levels, reasons: authority.reasons, state };
}

/** An approved version, or one within the sender's authority, may go out. */
export const mayGoOut = (info: ApprovalInfo): boolean => !info.required || info.state === 'approved';

/**
 * Registered at start-up: approvals calls back in its own transaction when the last step decides. A decision
 * on a version the rep has meanwhile replaced changes nothing.
 */
export function registerQuoteApprovals(): void {
  registerApprovalSubject(SUBJECT, {
    async decided(tx, { tenantId, subjectId, subjectVersion, outcome, actor, comment }) {
      const [quote] = await tx
        .select()
        .from(quotes)
        .where(and(eq(quotes.tenantId, tenantId), eq(quotes.id, subjectId)))
        .for('update');
      if (quote?.status !== 'pending_approval' || quote.currentVersionNo !== subjectVersion) return;
      const status = outcome === 'approved' ? 'approved' : 'draft';
      await tx
        .update(quotes)
        .set({ status, version: quote.version + 1, updatedAt: new Date() })
        .where(and(eq(quotes.tenantId, tenantId), eq(quotes.id, subjectId)));
      await writeAudit(tx, actor as Actor, {
        entity: 'quote',
        entityId: subjectId,
        action: outcome === 'approved' ? 'approved' : 'returned',
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
