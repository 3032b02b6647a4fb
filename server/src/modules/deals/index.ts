/**
 * Deals module: opportunities in pipelines with stage gates, needs analysis, proposals, negotiation (stages 2–4
 * of DOMAIN.md), and the functions lead conversion, customers and retention call.
 */

export { dealAgingJob } from './deal-aging';
export { dealNames, getDeal } from './deal-links';
export { moveDealsOf } from './deal-merge';
export { dealSignalsSql } from './deal-signals';
export { registerDealRoutes } from './deals.routes';
export {
  closeDeal,
  createDeal,
  type DealRow,
  listCustomerDeals,
  type NewDeal,
} from './deals.service';
export { seedDemoDeals } from './demo/seed-demo-deals';
export { type MaterialAttachment, materialFilesFor } from './materials/materials.service';
export { registerNeedsRoutes } from './needs/needs.routes';
export { registerNegotiationRoutes } from './negotiation/negotiation.routes';
export { registerPipelineRoutes } from './pipelines.routes';
export { registerProposalRoutes } from './proposals/proposals.routes';
