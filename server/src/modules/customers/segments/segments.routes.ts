import * as c from '@contracts/customer-segments.contract';
import type { FastifyInstance } from 'fastify';
import { bindRoute } from '../../../platform/http/route';
import type { Platform } from '../../../platform/platform';
import { createSegment, deleteSegment, getSegment, listSegments, updateSegment } from './segments.service';

export function registerSegmentRoutes(app: FastifyInstance, platform: Platform): void {
  bindRoute(app, platform, c.listCustomerSegments, async ({ actor }) => listSegments(platform, actor));
  bindRoute(app, platform, c.getCustomerSegment, async ({ actor, params }) =>
    getSegment(platform, actor, params.id),
  );
  bindRoute(app, platform, c.createCustomerSegment, async ({ actor, body }) =>
    createSegment(platform, actor, body),
  );
  bindRoute(app, platform, c.updateCustomerSegment, async ({ actor, params, body, expectedVersion }) => {
    const { version: _version, ...input } = body;
    return updateSegment(platform, actor, params.id, expectedVersion, input);
  });
  bindRoute(app, platform, c.deleteCustomerSegment, async ({ actor, params }) => {
    await deleteSegment(platform, actor, params.id);
    return null;
  });
}
