import * as c from '@contracts/catalog.contract';
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../platform/audit';
import { bindRoute } from '../../platform/http/route';
import type { Platform } from '../../platform/platform';
import * as rates from './exchange-rates.service';
import * as books from './price-books.service';
import * as products from './products.service';

const callerOf = (actor: Actor, locale: products.CatalogCaller['locale']): products.CatalogCaller => ({
  actor,
  locale,
});

/** Products, price books and exchange rates; writes need `catalog.manage` (the contracts name it). */
export function registerCatalogRoutes(app: FastifyInstance, platform: Platform): void {
  bindRoute(app, platform, c.listProducts, async ({ actor, query, req }) =>
    products.listProducts(platform, callerOf(actor, req.locale), query),
  );
  bindRoute(app, platform, c.getProduct, async ({ actor, params, req }) =>
    products.getProduct(platform, callerOf(actor, req.locale), params.id),
  );
  bindRoute(app, platform, c.createProduct, async ({ actor, body, req }) =>
    products.createProduct(platform, callerOf(actor, req.locale), body),
  );
  bindRoute(app, platform, c.updateProduct, async ({ actor, params, body, expectedVersion, req }) => {
    const { version: _version, ...input } = body;
    return products.updateProduct(platform, callerOf(actor, req.locale), params.id, expectedVersion, input);
  });
  bindRoute(app, platform, c.archiveProduct, async ({ actor, params, req }) =>
    products.archiveProduct(platform, callerOf(actor, req.locale), params.id),
  );
  bindRoute(app, platform, c.deleteProduct, async ({ actor, params, req }) => {
    await products.deleteProduct(platform, callerOf(actor, req.locale), params.id);
    return null;
  });
  bindRoute(app, platform, c.setBundleItems, async ({ actor, params, body, req }) =>
    products.setBundleItems(platform, callerOf(actor, req.locale), params.id, body.items),
  );
  bindRoute(app, platform, c.getProductPrice, async ({ actor, params, query, req }) =>
    products.priceProduct(platform, callerOf(actor, req.locale), params.id, query),
  );

  bindRoute(app, platform, c.listPriceBooks, async ({ actor, req }) =>
    books.listPriceBooks(platform, callerOf(actor, req.locale)),
  );
  bindRoute(app, platform, c.getPriceBook, async ({ actor, params, req }) =>
    books.getPriceBook(platform, callerOf(actor, req.locale), params.id),
  );
  bindRoute(app, platform, c.createPriceBook, async ({ actor, body, req }) =>
    books.createPriceBook(platform, callerOf(actor, req.locale), body),
  );
  bindRoute(app, platform, c.updatePriceBook, async ({ actor, params, body, expectedVersion, req }) => {
    const { version: _version, ...input } = body;
    return books.updatePriceBook(platform, callerOf(actor, req.locale), params.id, expectedVersion, input);
  });
  bindRoute(app, platform, c.deletePriceBook, async ({ actor, params, req }) => {
    await books.deletePriceBook(platform, callerOf(actor, req.locale), params.id);
    return null;
  });
  bindRoute(app, platform, c.setPriceBookEntries, async ({ actor, params, body, req }) =>
    books.setPriceBookEntries(platform, callerOf(actor, req.locale), params.id, body.entries),
  );

  bindRoute(app, platform, c.listExchangeRates, async ({ actor, query, req }) =>
    rates.listExchangeRates(platform, callerOf(actor, req.locale), query),
  );
  bindRoute(app, platform, c.upsertExchangeRates, async ({ actor, body, req }) =>
    rates.upsertExchangeRates(platform, callerOf(actor, req.locale), body.rates),
  );
  bindRoute(app, platform, c.deleteExchangeRate, async ({ actor, params, req }) => {
    await rates.deleteExchangeRate(platform, callerOf(actor, req.locale), params);
    return null;
  });
}
