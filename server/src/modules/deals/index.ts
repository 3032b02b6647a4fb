/**
 * Deals module: opportunities in pipelines with stage gates, needs analysis, proposals, negotiation (stages 2–4
 * of DOMAIN.md), and the functions lead conversion, customers and retention call.
 */

export { type DealCaller, dealFor } from './deal-access';
export { dealAgingJob } from './deal-aging';
export { dealNames, getDeal } from './deal-links';
export { moveDealsOf } from './deal-merge';
export { dealSignalsSql } from './deal-signals';
export { dealScopeSql } from './deals.queries';
export { registerDealRoutes } from './deals.routes';
export {
  closeDeal,
  createDeal,
  type DealRow,
  listCustomerDeals,
  type NewDeal,
} from './deals.service';
export { deals } from './deals.tables';
export { seedDemoDeals } from './demo/seed-demo-deals';
export { type MaterialAttachment, materialFilesFor } from './materials/materials.service';
export { registerNeedsRoutes } from './needs/needs.routes';
export { registerNegotiationRoutes } from './negotiation/negotiation.routes';
export { dealPriceFloor } from './negotiation/price-floor';
export { negotiationMinutes } from './negotiation.tables';
export { registerPipelineRoutes } from './pipelines.routes';
export { defaultPipeline, ensurePipelines } from './pipelines.service';
export { registerProposalRoutes } from './proposals/proposals.routes';
export { proposals } from './proposals.tables';
