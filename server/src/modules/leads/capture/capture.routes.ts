import * as c from '@contracts/marketing.contract';
import type { FastifyInstance } from 'fastify';
import { bindRoute } from '../../../platform/http/route';
import type { Platform } from '../../../platform/platform';
import { callerOf } from '../leads.routes';
import { campaignStats } from './campaign-stats';
import * as campaigns from './campaigns.service';
import * as events from './events.service';
import * as forms from './forms.service';
import { registerPublicFormRoutes } from './public-form.routes';

/** Lead capture: campaigns and their stats, web forms (API and public pages), and the behaviour events API. */
export async function registerCaptureRoutes(app: FastifyInstance, platform: Platform): Promise<void> {
  bindRoute(app, platform, c.listCampaigns, async ({ actor, query }) =>
    campaigns.listCampaigns(platform, actor, query),
  );
  bindRoute(app, platform, c.campaignStats, async ({ actor, query }) =>
    campaignStats(platform, actor, query),
  );
  bindRoute(app, platform, c.getCampaign, async ({ actor, params }) =>
    campaigns.getCampaign(platform, actor, params.id),
  );
  bindRoute(app, platform, c.createCampaign, async ({ actor, body }) =>
    campaigns.createCampaign(platform, actor, body),
  );
  bindRoute(app, platform, c.updateCampaign, async ({ actor, params, body, expectedVersion }) => {
    const { version: _, ...input } = body;
    return campaigns.updateCampaign(platform, actor, params.id, expectedVersion, input);
  });
  bindRoute(app, platform, c.deleteCampaign, async ({ actor, params }) => {
    await campaigns.deleteCampaign(platform, actor, params.id);
    return null;
  });

  bindRoute(app, platform, c.listLeadForms, async ({ actor, query }) =>
    forms.listForms(platform, actor, query),
  );
  bindRoute(app, platform, c.getLeadForm, async ({ actor, params }) =>
    forms.getForm(platform, actor, params.id),
  );
  bindRoute(app, platform, c.createLeadForm, async ({ actor, body }) =>
    forms.createForm(platform, actor, body),
  );
  bindRoute(app, platform, c.updateLeadForm, async ({ actor, params, body, expectedVersion }) => {
    const { version: _, ...input } = body;
    return forms.updateForm(platform, actor, params.id, expectedVersion, input);
  });
  bindRoute(app, platform, c.deleteLeadForm, async ({ actor, params }) => {
    await forms.deleteForm(platform, actor, params.id);
    return null;
  });
  bindRoute(app, platform, c.listLeadFormSubmissions, async ({ actor, params, query }) =>
    forms.listSubmissions(platform, actor, params.id, query),
  );

  bindRoute(app, platform, c.recordLeadEvents, async ({ principal, actor, body }) =>
    events.recordEvents(platform, callerOf(principal, actor), body.events),
  );
  bindRoute(app, platform, c.listLeadEvents, async ({ principal, actor, params, query }) =>
    events.listEvents(platform, callerOf(principal, actor), params.id, query),
  );

  await registerPublicFormRoutes(app, platform);
}
