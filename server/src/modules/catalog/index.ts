/**
 * Catalog module: products, services and bundles, price books with volume tiers, dated exchange rates, and
 * the price a quote line starts from (`resolvePrice`). It imports none of the quote-to-cash modules.
 */

export { registerCatalogRoutes } from './catalog.routes';
export { priceBookEntries, priceBooks, products } from './catalog.tables';
export { type ConvertInput, convertMinor, tenantCurrency } from './conversion';
export { homeAmountSql } from './conversion-sql';
export { seedDemoCatalog } from './demo/seed-demo-catalog';
export {
  explainPrice,
  type PriceSource,
  type ProductRow,
  productsByIds,
  type ResolvedPrice,
  type ResolvePriceInput,
  resolvePrice,
} from './pricing';
