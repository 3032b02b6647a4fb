import * as c from '@contracts/lead-routing.contract';
import type { FastifyInstance } from 'fastify';
import { bindRoute } from '../../../platform/http/route';
import type { Platform } from '../../../platform/platform';
import { callerOf } from '../leads.routes';
import { enrolLead } from '../nurture/enrol';
import { registerTrackingRoutes } from '../nurture/tracking.routes';
import * as tracks from '../nurture/tracks.service';
import { listSla } from '../sla/sla-list';
import * as reps from './reps.service';
import { routeAgain } from './route-again';
import * as rules from './rules.service';

/** Routes of routing and follow-up: assignment rules, reps' profiles, SLA list, nurture tracks, tracking. */
export function registerLeadRoutingRoutes(app: FastifyInstance, platform: Platform): void {
  bindRoute(app, platform, c.listAssignmentRules, async ({ actor }) => ({
    items: await rules.listRules(platform, actor),
  }));
  bindRoute(app, platform, c.createAssignmentRule, async ({ actor, body }) =>
    rules.createRule(platform, actor, body),
  );
  bindRoute(app, platform, c.reorderAssignmentRules, async ({ actor, body }) => ({
    items: await rules.reorderRules(platform, actor, body.ids),
  }));
  bindRoute(app, platform, c.updateAssignmentRule, async ({ actor, params, body, expectedVersion }) => {
    const { version: _version, ...input } = body;
    return rules.updateRule(platform, actor, params.id, expectedVersion, input);
  });
  bindRoute(app, platform, c.deleteAssignmentRule, async ({ actor, params }) => {
    await rules.deleteRule(platform, actor, params.id);
    return null;
  });

  bindRoute(app, platform, c.listRepProfiles, async ({ principal, actor, query }) => ({
    items: await reps.listReps(platform, callerOf(principal, actor), query),
  }));
  bindRoute(app, platform, c.updateRepProfile, async ({ principal, actor, params, body }) =>
    reps.updateRep(platform, callerOf(principal, actor), params.userId, body),
  );
  bindRoute(app, platform, c.routeLeads, async ({ principal, actor, body, req }) =>
    routeAgain(platform, callerOf(principal, actor), body.ids, req.locale),
  );
  bindRoute(app, platform, c.listSla, async ({ principal, actor, query }) =>
    listSla(platform, callerOf(principal, actor), query),
  );

  bindRoute(app, platform, c.listNurtureTracks, async ({ actor }) => ({
    items: await tracks.listTracks(platform, actor),
  }));
  bindRoute(app, platform, c.getNurtureTrack, async ({ actor, params }) =>
    tracks.getTrack(platform, actor, params.id),
  );
  bindRoute(app, platform, c.createNurtureTrack, async ({ actor, body }) =>
    tracks.createTrack(platform, actor, body),
  );
  bindRoute(app, platform, c.updateNurtureTrack, async ({ actor, params, body, expectedVersion }) => {
    const { version: _version, ...input } = body;
    return tracks.updateTrack(platform, actor, params.id, expectedVersion, input);
  });
  bindRoute(app, platform, c.deleteNurtureTrack, async ({ actor, params }) => {
    await tracks.deleteTrack(platform, actor, params.id);
    return null;
  });
  bindRoute(app, platform, c.enrolLeadInNurture, async ({ principal, actor, params, body }) =>
    enrolLead(platform, callerOf(principal, actor), params.id, body.trackId),
  );

  registerTrackingRoutes(app, platform);
}
