/**
 * Retention module (DOMAIN.md §7, keeping customers): RFM tiers, lifecycle stages with their checklists,
 * health scores with at-risk alerts, churn with win-back, and the company's rules for all of them.
 */

export { seedDemoRetention } from './demo/seed-demo-retention';
export { mergeCustomerRetention } from './merge-retention';
export { recomputeTenant, retentionJobs } from './retention.jobs';
export { registerRetentionRoutes } from './retention.routes';
export { recomputeRetention } from './retention-compute';
