import type { Role } from '@contracts/common';
import { can } from '../../platform/access';

/**
 * Who may do what with a contract's cash, given that they may see the contract. As in most Chinese CRMs,
 * the rep who owns the contract registers the receipts the customer announces and keeps the plan current;
 * finance (receivables.manage: managers, directors, admins) does the same on any contract it sees and alone
 * reverses a payment, issues invoices and changes the rules. Every payment keeps who recorded it, and every
 * change is in the audit log.
 */

export type CashViewer = { userId: string | null; role: Role };

export function canManageReceivables(viewer: CashViewer): boolean {
  return can(viewer.role, 'receivables.manage');
}

/** Changing the plan and recording a payment: finance, or the contract's owner. */
export function canEditCash(viewer: CashViewer, contract: { ownerId: string | null }): boolean {
  if (canManageReceivables(viewer)) return true;
  return viewer.userId !== null && contract.ownerId === viewer.userId;
}
