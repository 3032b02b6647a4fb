import type { Locale } from '@contracts/common';
import * as c from '@contracts/deals.contract';
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../platform/audit';
import type { Principal } from '../../platform/http/principal';
import { bindRoute } from '../../platform/http/route';
import type { Platform } from '../../platform/platform';
import * as dealService from './deals.service';

const callerOf = (principal: Principal, actor: Actor, locale: Locale): dealService.DealApiCaller => ({
  actor,
  role: principal.role,
  locale,
});

export function registerDealRoutes(app: FastifyInstance, platform: Platform): void {
  bindRoute(app, platform, c.listDeals, async ({ principal, actor, query, req }) =>
    dealService.list(platform, callerOf(principal, actor, req.locale), query),
  );
  bindRoute(app, platform, c.getDealSummary, async ({ principal, actor, query, req }) =>
    dealService.summary(platform, callerOf(principal, actor, req.locale), query),
  );
  bindRoute(app, platform, c.getBoard, async ({ principal, actor, params, query, req }) =>
    dealService.board(platform, callerOf(principal, actor, req.locale), params.id, query),
  );
  bindRoute(app, platform, c.getDeal, async ({ principal, actor, params, req }) =>
    dealService.get(platform, callerOf(principal, actor, req.locale), params.id),
  );
  bindRoute(app, platform, c.createDeal, async ({ principal, actor, body, req }) =>
    dealService.create(platform, callerOf(principal, actor, req.locale), body),
  );
  bindRoute(app, platform, c.updateDeal, async ({ principal, actor, params, body, expectedVersion, req }) => {
    const { version: _version, ...input } = body;
    return dealService.update(
      platform,
      callerOf(principal, actor, req.locale),
      params.id,
      expectedVersion,
      input,
    );
  });
  bindRoute(app, platform, c.deleteDeal, async ({ principal, actor, params, req }) => {
    await dealService.remove(platform, callerOf(principal, actor, req.locale), params.id);
    return null;
  });
  bindRoute(app, platform, c.moveDeal, async ({ principal, actor, params, body, req }) => {
    // Optional on these POSTs: sent, it must match (412); left out, the change applies to what is there.
    const { version = null, ...input } = body;
    return dealService.move(platform, callerOf(principal, actor, req.locale), params.id, version, input);
  });
  bindRoute(app, platform, c.checkDealGates, async ({ principal, actor, params, query, req }) =>
    dealService.checkGates(platform, callerOf(principal, actor, req.locale), params.id, query.stageId),
  );
  bindRoute(app, platform, c.winDeal, async ({ principal, actor, params, body, req }) => {
    const { version = null, ...input } = body;
    return dealService.win(platform, callerOf(principal, actor, req.locale), params.id, version, input);
  });
  bindRoute(app, platform, c.loseDeal, async ({ principal, actor, params, body, req }) => {
    const { version = null, ...input } = body;
    return dealService.lose(platform, callerOf(principal, actor, req.locale), params.id, version, input);
  });
  bindRoute(app, platform, c.reopenDeal, async ({ principal, actor, params, body, req }) => {
    const { version = null, ...input } = body;
    return dealService.reopen(platform, callerOf(principal, actor, req.locale), params.id, version, input);
  });
  bindRoute(app, platform, c.setDealContacts, async ({ principal, actor, params, body, req }) =>
    dealService.setContacts(platform, callerOf(principal, actor, req.locale), params.id, body.contacts),
  );
  bindRoute(app, platform, c.getStageHistory, async ({ principal, actor, params, req }) =>
    dealService.history(platform, callerOf(principal, actor, req.locale), params.id),
  );
}
