import * as c from '@contracts/deal-negotiation.contract';
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../../platform/audit';
import type { Principal } from '../../../platform/http/principal';
import { bindRoute } from '../../../platform/http/route';
import type { Platform } from '../../../platform/platform';
import type { DealCaller } from '../deal-access';
import * as competitors from './competitors.service';
import * as minutes from './minutes.service';
import { registerMinutesApprovals } from './minutes-approval';
import * as objections from './objections.service';
import * as playbook from './playbook.service';
import * as floor from './price-floor';

/** Negotiation routes: the objection playbook, objections, competitors, minutes with sign-off and the price floor. */

const callerOf = (principal: Principal, actor: Actor): DealCaller => ({ actor, role: principal.role });

function withoutVersion<T extends { version?: number | undefined }>(body: T): Omit<T, 'version'> {
  const { version: _v, ...rest } = body;
  return rest;
}

export function registerNegotiationRoutes(app: FastifyInstance, platform: Platform): void {
  registerMinutesApprovals();

  // Playbook
  bindRoute(app, platform, c.listObjectionResponses, async ({ actor, query }) =>
    playbook.listResponses(platform, actor, query),
  );
  bindRoute(app, platform, c.createObjectionResponse, async ({ actor, body }) =>
    playbook.createResponse(platform, actor, body),
  );
  bindRoute(app, platform, c.updateObjectionResponse, async ({ actor, params, body, expectedVersion }) =>
    playbook.updateResponse(platform, actor, params.id, expectedVersion, withoutVersion(body)),
  );
  bindRoute(app, platform, c.deleteObjectionResponse, async ({ actor, params }) => {
    await playbook.removeResponse(platform, actor, params.id);
    return null;
  });

  // Objections of a deal
  bindRoute(app, platform, c.listDealObjections, async ({ principal, actor, params }) =>
    objections.listObjections(platform, callerOf(principal, actor), params.id),
  );
  bindRoute(app, platform, c.createDealObjection, async ({ principal, actor, params, body }) =>
    objections.createObjection(platform, callerOf(principal, actor), params.id, body),
  );
  bindRoute(
    app,
    platform,
    c.updateDealObjection,
    async ({ principal, actor, params, body, expectedVersion }) =>
      objections.updateObjection(
        platform,
        callerOf(principal, actor),
        params.id,
        params.objectionId,
        expectedVersion,
        withoutVersion(body),
      ),
  );
  bindRoute(app, platform, c.deleteDealObjection, async ({ principal, actor, params }) => {
    await objections.removeObjection(platform, callerOf(principal, actor), params.id, params.objectionId);
    return null;
  });

  // Competitors
  bindRoute(app, platform, c.listCompetitors, async ({ actor, query }) =>
    competitors.listCompetitors(platform, actor, query),
  );
  bindRoute(app, platform, c.getCompetitor, async ({ actor, params }) =>
    competitors.getCompetitor(platform, actor, params.id),
  );
  bindRoute(app, platform, c.createCompetitor, async ({ actor, body }) =>
    competitors.createCompetitor(platform, actor, body),
  );
  bindRoute(app, platform, c.updateCompetitor, async ({ actor, params, body, expectedVersion }) =>
    competitors.updateCompetitor(platform, actor, params.id, expectedVersion, withoutVersion(body)),
  );
  bindRoute(app, platform, c.deleteCompetitor, async ({ actor, params }) => {
    await competitors.removeCompetitor(platform, actor, params.id);
    return null;
  });
  bindRoute(app, platform, c.getCompetitorRecord, async ({ principal, actor, params }) =>
    competitors.competitorRecord(platform, callerOf(principal, actor), params.id),
  );

  // Competitors of a deal
  bindRoute(app, platform, c.listDealCompetitors, async ({ principal, actor, params }) =>
    competitors.listDealCompetitors(platform, callerOf(principal, actor), params.id),
  );
  bindRoute(app, platform, c.addDealCompetitor, async ({ principal, actor, params, body }) =>
    competitors.addDealCompetitor(platform, callerOf(principal, actor), params.id, body),
  );
  bindRoute(app, platform, c.updateDealCompetitor, async ({ principal, actor, params, body }) =>
    competitors.updateDealCompetitor(
      platform,
      callerOf(principal, actor),
      params.id,
      params.competitorId,
      body,
    ),
  );
  bindRoute(app, platform, c.removeDealCompetitor, async ({ principal, actor, params }) => {
    await competitors.removeDealCompetitor(
      platform,
      callerOf(principal, actor),
      params.id,
      params.competitorId,
    );
    return null;
  });

  // Settings
  bindRoute(app, platform, c.getNegotiationSettings, async ({ actor }) => floor.getSettings(platform, actor));
  bindRoute(app, platform, c.saveNegotiationSettings, async ({ actor, body }) =>
    floor.saveSettings(platform, actor, body.version ?? null, withoutVersion(body)),
  );

  // Minutes
  bindRoute(app, platform, c.listDealMinutes, async ({ principal, actor, params }) =>
    minutes.listMinutes(platform, callerOf(principal, actor), params.id),
  );
  bindRoute(app, platform, c.createDealMinutes, async ({ principal, actor, params, body }) =>
    minutes.createMinutes(platform, callerOf(principal, actor), params.id, body),
  );
  bindRoute(app, platform, c.updateDealMinutes, async ({ principal, actor, params, body, expectedVersion }) =>
    minutes.updateMinutes(
      platform,
      callerOf(principal, actor),
      params.id,
      params.minutesId,
      expectedVersion,
      withoutVersion(body),
    ),
  );
  bindRoute(app, platform, c.deleteDealMinutes, async ({ principal, actor, params }) => {
    await minutes.removeMinutes(platform, callerOf(principal, actor), params.id, params.minutesId);
    return null;
  });
  bindRoute(app, platform, c.signOffDealMinutes, async ({ principal, actor, params, body }) =>
    minutes.signOff(platform, callerOf(principal, actor), params.id, params.minutesId, body),
  );
  bindRoute(app, platform, c.decideDealMinutesFloor, async ({ principal, actor, params, body }) =>
    minutes.decideFloor(platform, callerOf(principal, actor), params.id, params.minutesId, body),
  );
}
