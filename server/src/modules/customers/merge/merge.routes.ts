import * as c from '@contracts/record-merge.contract';
import type { FastifyInstance } from 'fastify';
import { bindRoute } from '../../../platform/http/route';
import type { Platform } from '../../../platform/platform';
import { mergeContacts } from './merge-contacts';
import { mergeCustomers } from './merge-customers';

/** Merging duplicate customers and contacts. */
export function registerMergeRoutes(app: FastifyInstance, platform: Platform): void {
  bindRoute(app, platform, c.mergeCustomers, async ({ principal, actor, params, body }) =>
    mergeCustomers(platform, { actor, role: principal.role }, params.id, body),
  );
  bindRoute(app, platform, c.mergeContacts, async ({ principal, actor, params, body }) =>
    mergeContacts(platform, { actor, role: principal.role }, params.id, body),
  );
}
