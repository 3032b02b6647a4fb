import * as c from '@contracts/leads.contract';
import type { FastifyInstance } from 'fastify';
import { can } from '../../platform/access';
import { AppError } from '../../platform/http/errors';
import type { Principal } from '../../platform/http/principal';
import { bindRoute } from '../../platform/http/route';
import type { Platform } from '../../platform/platform';
import { convertLead } from './convert';
import * as activities from './lead-activities';
import * as settings from './lead-settings';
import * as leads from './leads.service';
import { mergeLeads } from './merge';
import { registerLeadViewRoutes } from './views/lead-views.routes';

export const callerOf = (principal: Principal, actor: leads.LeadCaller['actor']): leads.LeadCaller => ({
  actor,
  role: principal.role,
});

export function registerLeadRoutes(app: FastifyInstance, platform: Platform): void {
  bindRoute(app, platform, c.listLeads, async ({ principal, actor, query }) =>
    leads.list(platform, callerOf(principal, actor), query),
  );
  bindRoute(app, platform, c.countLeads, async ({ principal, actor, query }) =>
    leads.count(platform, callerOf(principal, actor), query),
  );
  bindRoute(app, platform, c.checkLeadDuplicates, async ({ principal, actor, body }) =>
    leads.checkDuplicates(platform, callerOf(principal, actor), body),
  );
  bindRoute(app, platform, c.bulkUpdateLeads, async ({ principal, actor, body, req }) => {
    // Reassigning is a manager's action: refused as a whole, not lead by lead.
    if (body.action.kind === 'assign' && !can(principal.role, 'leads.assign'))
      throw new AppError('forbidden');
    return leads.bulkUpdate(platform, callerOf(principal, actor), body.ids, body.action, req.locale);
  });
  bindRoute(app, platform, c.getLead, async ({ principal, actor, params }) =>
    leads.get(platform, callerOf(principal, actor), params.id),
  );
  bindRoute(app, platform, c.createLead, async ({ principal, actor, body }) =>
    leads.create(platform, callerOf(principal, actor), body),
  );
  bindRoute(app, platform, c.updateLead, async ({ principal, actor, params, body, expectedVersion }) =>
    leads.update(platform, callerOf(principal, actor), params.id, expectedVersion, body),
  );
  bindRoute(app, platform, c.deleteLead, async ({ principal, actor, params }) => {
    await leads.remove(platform, callerOf(principal, actor), params.id);
    return null;
  });
  bindRoute(app, platform, c.mergeLeads, async ({ principal, actor, params, body }) =>
    mergeLeads(platform, callerOf(principal, actor), params.id, body),
  );
  bindRoute(app, platform, c.convertLead, async ({ principal, actor, params, body }) => {
    const { version, ...input } = body;
    return convertLead(platform, callerOf(principal, actor), params.id, version, input);
  });
  bindRoute(app, platform, c.logLeadActivity, async ({ principal, actor, params, body }) =>
    activities.logLeadActivity(platform, callerOf(principal, actor), params.id, body),
  );
  bindRoute(app, platform, c.getLeadSettings, async ({ actor }) => settings.getSettings(platform, actor));
  bindRoute(app, platform, c.updateLeadSettings, async ({ actor, body, expectedVersion }) =>
    settings.updateSettings(platform, actor, expectedVersion, body),
  );
  bindRoute(app, platform, c.leadTimeline, async ({ principal, actor, params, query }) =>
    activities.leadTimeline(platform, callerOf(principal, actor), params.id, query),
  );
  registerLeadViewRoutes(app, platform);
}
