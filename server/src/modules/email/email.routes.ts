import * as c from '@contracts/email.contract';
import type { FastifyInstance } from 'fastify';
import { bindRoute } from '../../platform/http/route';
import type { Platform } from '../../platform/platform';
import {
  createTemplate,
  deleteTemplate,
  listTemplates,
  previewEmail,
  sendEmail,
  updateTemplate,
} from './email.service';

export function registerEmailRoutes(app: FastifyInstance, platform: Platform): void {
  bindRoute(app, platform, c.listEmailTemplates, async ({ actor }) => listTemplates(platform, actor));
  bindRoute(app, platform, c.createEmailTemplate, async ({ actor, body }) =>
    createTemplate(platform, actor, body),
  );
  bindRoute(app, platform, c.updateEmailTemplate, async ({ actor, params, body, expectedVersion }) => {
    const { version: _version, ...input } = body;
    return updateTemplate(platform, actor, params.id, expectedVersion, input);
  });
  bindRoute(app, platform, c.deleteEmailTemplate, async ({ actor, params }) => {
    await deleteTemplate(platform, actor, params.id);
    return null;
  });
  bindRoute(app, platform, c.previewEmail, async ({ principal, actor, body }) =>
    previewEmail(platform, { actor, role: principal.role }, body),
  );
  bindRoute(app, platform, c.sendEmail, async ({ principal, actor, body }) =>
    sendEmail(platform, { actor, role: principal.role }, body),
  );
}
