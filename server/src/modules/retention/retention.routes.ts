import * as c from '@contracts/retention.contract';
import type { FastifyInstance } from 'fastify';
import { bindRoute } from '../../platform/http/route';
import type { Platform } from '../../platform/platform';
import {
  checkLifecycleAction,
  churnCustomer,
  getCustomerRetention,
  getRetentionSettings,
  overrideLifecycle,
  queueRecompute,
  reactivateCustomer,
  refreshCustomerRetention,
  replaceRetentionSettings,
} from './retention.service';

export function registerRetentionRoutes(app: FastifyInstance, platform: Platform): void {
  bindRoute(app, platform, c.getRetentionSettings, async ({ actor }) =>
    getRetentionSettings(platform, actor),
  );
  bindRoute(app, platform, c.updateRetentionSettings, async ({ actor, body }) =>
    replaceRetentionSettings(platform, actor, body.version, body.rules),
  );
  bindRoute(app, platform, c.recomputeRetention, async ({ actor }) => queueRecompute(platform, actor));
  bindRoute(app, platform, c.getCustomerRetention, async ({ principal, actor, params }) =>
    getCustomerRetention(platform, { actor, role: principal.role }, params.id),
  );
  bindRoute(app, platform, c.refreshCustomerRetention, async ({ principal, actor, params }) =>
    refreshCustomerRetention(platform, { actor, role: principal.role }, params.id),
  );
  bindRoute(app, platform, c.overrideLifecycle, async ({ principal, actor, params, body }) =>
    overrideLifecycle(platform, { actor, role: principal.role }, params.id, body),
  );
  bindRoute(app, platform, c.checkLifecycleAction, async ({ principal, actor, params, body }) =>
    checkLifecycleAction(platform, { actor, role: principal.role }, params.id, body),
  );
  bindRoute(app, platform, c.churnCustomer, async ({ principal, actor, params, body }) =>
    churnCustomer(platform, { actor, role: principal.role }, params.id, body),
  );
  bindRoute(app, platform, c.reactivateCustomer, async ({ principal, actor, params, body }) =>
    reactivateCustomer(platform, { actor, role: principal.role }, params.id, body.reason),
  );
}
