import type { Locale } from '@contracts/common';
import * as c from '@contracts/pipelines.contract';
import type { FastifyInstance } from 'fastify';
import { bindRoute } from '../../platform/http/route';
import type { Platform } from '../../platform/platform';
import * as pipelineService from './pipelines.service';

export function registerPipelineRoutes(app: FastifyInstance, platform: Platform): void {
  const callerOf = (actor: pipelineService.ConfigCaller['actor'], locale: Locale) => ({ actor, locale });
  bindRoute(app, platform, c.listPipelines, async ({ actor, query, req }) =>
    pipelineService.list(platform, callerOf(actor, req.locale), query),
  );
  bindRoute(app, platform, c.getPipeline, async ({ actor, params, req }) =>
    pipelineService.get(platform, callerOf(actor, req.locale), params.id),
  );
  bindRoute(app, platform, c.createPipeline, async ({ actor, body, req }) =>
    pipelineService.create(platform, callerOf(actor, req.locale), body),
  );
  bindRoute(app, platform, c.updatePipeline, async ({ actor, params, body, req }) => {
    const { version = null, ...input } = body;
    return pipelineService.update(platform, callerOf(actor, req.locale), params.id, version, input);
  });
  bindRoute(app, platform, c.archivePipeline, async ({ actor, params, req }) => {
    await pipelineService.archive(platform, callerOf(actor, req.locale), params.id);
    return null;
  });
  bindRoute(app, platform, c.listLossReasons, async ({ actor, req }) =>
    pipelineService.listLossReasons(platform, callerOf(actor, req.locale)),
  );
  bindRoute(app, platform, c.createLossReason, async ({ actor, body, req }) =>
    pipelineService.createLossReason(platform, callerOf(actor, req.locale), body),
  );
  bindRoute(app, platform, c.updateLossReason, async ({ actor, params, body, req }) =>
    pipelineService.updateLossReason(platform, callerOf(actor, req.locale), params.id, body),
  );
  bindRoute(app, platform, c.getPipelineRules, async ({ actor, req }) =>
    pipelineService.getRules(platform, callerOf(actor, req.locale)),
  );
  bindRoute(app, platform, c.updatePipelineRules, async ({ actor, body, req }) => {
    const { version = null, ...rules } = body;
    return pipelineService.updateRules(platform, callerOf(actor, req.locale), version, rules);
  });
}
