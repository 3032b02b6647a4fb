import * as c from '@contracts/lead-scoring.contract';
import type { FastifyInstance } from 'fastify';
import { bindRoute } from '../../../platform/http/route';
import type { Platform } from '../../../platform/platform';
import * as rules from './score-rules.service';
import * as model from './scoring-model.service';

export function registerScoringRoutes(app: FastifyInstance, platform: Platform): void {
  bindRoute(app, platform, c.listScoreRules, async ({ actor }) => rules.listRules(platform, actor));
  bindRoute(app, platform, c.createScoreRule, async ({ actor, body }) =>
    rules.createRule(platform, actor, body),
  );
  bindRoute(app, platform, c.reorderScoreRules, async ({ actor, body }) =>
    rules.reorderRules(platform, actor, body.ids),
  );
  bindRoute(app, platform, c.replaceScoreRule, async ({ actor, params, body }) =>
    rules.replaceRule(platform, actor, params.id, body),
  );
  bindRoute(app, platform, c.deleteScoreRule, async ({ actor, params }) => {
    await rules.deleteRule(platform, actor, params.id);
    return null;
  });
  bindRoute(app, platform, c.getScoringModel, async ({ actor }) => model.getModelOverview(platform, actor));
  bindRoute(app, platform, c.trainScoringModel, async ({ actor }) => model.trainNow(platform, actor));
}
