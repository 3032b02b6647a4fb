/**
 * Quotes module (DOMAIN.md §5): quote builder with exact totals (contracts/quote-math.ts), approval of
 * discounts beyond authority, sent versions with PDF and customer link, online accept/decline, expiry; and
 * what contracts and other modules call.
 */

export { seedDemoQuotes } from './demo/seed-demo-quotes';
export { quoteExpiryJob } from './quote-expiry';
export { quoteForContract } from './quote-for-contract';
export { quoteNames } from './quote-rows';
export { registerQuoteRoutes } from './quotes.routes';
