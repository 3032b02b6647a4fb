import * as c from '@contracts/custom-fields.contract';
import type { FastifyInstance } from 'fastify';
import { bindRoute } from '../../platform/http/route';
import type { Platform } from '../../platform/platform';
import { createCustomField, listCustomFields, updateCustomField } from './custom-fields.service';

export function registerCustomFieldRoutes(app: FastifyInstance, platform: Platform): void {
  bindRoute(app, platform, c.listCustomFields, async ({ actor, query }) =>
    listCustomFields(platform, actor, query.object),
  );
  bindRoute(app, platform, c.createCustomField, async ({ actor, body }) =>
    createCustomField(platform, actor, body),
  );
  bindRoute(app, platform, c.updateCustomField, async ({ actor, params, body, expectedVersion }) => {
    const { version: _version, ...input } = body;
    return updateCustomField(platform, actor, params.id, expectedVersion, input);
  });
}
