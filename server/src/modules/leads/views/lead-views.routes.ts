import * as c from '@contracts/lead-views.contract';
import type { FastifyInstance } from 'fastify';
import { bindRoute } from '../../../platform/http/route';
import type { Platform } from '../../../platform/platform';
import * as views from './lead-views.service';

export function registerLeadViewRoutes(app: FastifyInstance, platform: Platform): void {
  bindRoute(app, platform, c.listLeadViews, async ({ actor }) => views.listViews(platform, actor));
  bindRoute(app, platform, c.getLeadView, async ({ actor, params }) =>
    views.getView(platform, actor, params.id),
  );
  bindRoute(app, platform, c.createLeadView, async ({ actor, body }) =>
    views.createView(platform, actor, body),
  );
  bindRoute(app, platform, c.updateLeadView, async ({ actor, params, body, expectedVersion }) =>
    views.updateView(platform, actor, params.id, expectedVersion, body),
  );
  bindRoute(app, platform, c.deleteLeadView, async ({ actor, params }) => {
    await views.deleteView(platform, actor, params.id);
    return null;
  });
}
