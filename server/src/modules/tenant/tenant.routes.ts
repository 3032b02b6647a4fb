import * as c from '@contracts/tenant.contract';
import type { FastifyInstance } from 'fastify';
import { bindRoute } from '../../platform/http/route';
import type { Platform } from '../../platform/platform';
import * as tenant from './tenant.service';

export function registerTenantRoutes(app: FastifyInstance, platform: Platform): void {
  bindRoute(app, platform, c.getTenantSettings, async ({ actor }) => tenant.getSettings(platform, actor));
  bindRoute(app, platform, c.updateTenantSettings, async ({ actor, body, expectedVersion }) =>
    tenant.updateSettings(platform, actor, expectedVersion, body),
  );
  bindRoute(app, platform, c.listRoles, async ({ actor }) => tenant.listRoles(platform, actor));
}
