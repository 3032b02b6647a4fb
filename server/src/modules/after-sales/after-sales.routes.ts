import * as c from '@contracts/after-sales.contract';
import type { FastifyInstance } from 'fastify';
import { bindRoute } from '../../platform/http/route';
import type { Platform } from '../../platform/platform';
import { createComplaint, getComplaint, listComplaints, patchComplaint } from './complaints.service';
import { getCustomerUsage, recordUsage } from './usage.service';

export function registerAfterSalesRoutes(app: FastifyInstance, platform: Platform): void {
  bindRoute(app, platform, c.listComplaints, async ({ principal, actor, query }) =>
    listComplaints(platform, { actor, role: principal.role }, query),
  );
  bindRoute(app, platform, c.createComplaint, async ({ principal, actor, body }) =>
    createComplaint(platform, { actor, role: principal.role }, body),
  );
  bindRoute(app, platform, c.getComplaint, async ({ principal, actor, params }) =>
    getComplaint(platform, { actor, role: principal.role }, params.id),
  );
  bindRoute(app, platform, c.patchComplaint, async ({ principal, actor, params, body }) =>
    patchComplaint(platform, { actor, role: principal.role }, params.id, body),
  );
  bindRoute(app, platform, c.recordUsage, async ({ principal, actor, body }) =>
    recordUsage(platform, { actor, role: principal.role }, body.records),
  );
  bindRoute(app, platform, c.getCustomerUsage, async ({ principal, actor, params, query }) =>
    getCustomerUsage(platform, { actor, role: principal.role }, params.id, query.windowDays),
  );
}
