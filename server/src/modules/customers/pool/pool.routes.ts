import * as c from '@contracts/customer-pool.contract';
import type { FastifyInstance } from 'fastify';
import { bindRoute } from '../../../platform/http/route';
import type { Platform } from '../../../platform/platform';
import { claimCustomer, listPool, poolHistory, releaseCustomer } from './pool.service';
import { getPoolSettings, replacePoolSettings } from './pool-settings';

export function registerPoolRoutes(app: FastifyInstance, platform: Platform): void {
  bindRoute(app, platform, c.getCustomerPoolSettings, async ({ actor }) => getPoolSettings(platform, actor));
  bindRoute(app, platform, c.updateCustomerPoolSettings, async ({ actor, body }) => {
    const { version, ...input } = body;
    return replacePoolSettings(platform, actor, version, input);
  });
  bindRoute(app, platform, c.listPool, async ({ principal, actor, query }) =>
    listPool(platform, { actor, role: principal.role }, query),
  );
  bindRoute(app, platform, c.claimCustomer, async ({ principal, actor, params }) =>
    claimCustomer(platform, { actor, role: principal.role }, params.id),
  );
  bindRoute(app, platform, c.releaseCustomer, async ({ principal, actor, params, body }) =>
    releaseCustomer(platform, { actor, role: principal.role }, params.id, body.reason),
  );
  bindRoute(app, platform, c.listPoolHistory, async ({ principal, actor, params }) =>
    poolHistory(platform, { actor, role: principal.role }, params.id),
  );
}
