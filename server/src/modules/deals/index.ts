/** Deals module: opportunities (today: created by lead conversion). */

export { dealNames, getDeal } from './deal-links';
export { createDeal, type DealRow, listCustomerDeals, type NewDeal } from './deals.service';
