/**
 * Receivables module (回款 · 续约, DOMAIN.md §5): payment plans, payments and their allocation, invoices, the
 * ageing report and overdue alerts, renewal reminders with their renewal deals; and what other modules call:
 * the customer's transactions (customer page), the overdue signal (retention's health) and the cash signals
 * (retention's RFM inputs for customers with contracts).
 */

import type { JobDefinition } from '../../platform/jobs/jobs';
import { overdueSweepJob } from './overdue-sweep';
import { renewalSweepJob } from './renewals.service';

export { cashSignalsSql } from './cash-signals';
export { customerTransactions } from './customer-transactions';
export { seedDemoReceivables } from './demo/seed-demo-receivables';
export { overdueSignalsSql } from './overdue-signals';
export { sweepOverdue } from './overdue-sweep';
export { registerReceivableRoutes } from './receivables.routes';
export { sweepRenewals } from './renewals.service';

export const receivableJobs: readonly JobDefinition[] = [
  overdueSweepJob as JobDefinition,
  renewalSweepJob as JobDefinition,
];
