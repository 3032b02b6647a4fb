/** Deals module: opportunities (today: created by lead conversion). */
export { createDeal, type DealRow, type NewDeal } from './deals.service';
