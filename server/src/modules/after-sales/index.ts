/**
 * After-sales module (DOMAIN.md §6): customer complaints and reported product usage, the after-sales signals of
 * a customer's health (the retention module reads both tables in its nightly recompute).
 */

export { registerAfterSalesRoutes } from './after-sales.routes';
export { complaints, customerUsage } from './after-sales.tables';
export { careSignalsSql } from './care-signals';
export { seedDemoAfterSales } from './demo/seed-demo-after-sales';
