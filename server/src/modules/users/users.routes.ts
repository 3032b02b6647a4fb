import * as c from '@contracts/users.contract';
import type { FastifyInstance } from 'fastify';
import { bindRoute } from '../../platform/http/route';
import type { Platform } from '../../platform/platform';
import * as users from './users.service';

export function registerUserRoutes(app: FastifyInstance, platform: Platform): void {
  bindRoute(app, platform, c.listUsers, async ({ actor, query }) => users.list(platform, actor, query));
  bindRoute(app, platform, c.getUser, async ({ actor, params }) => users.get(platform, actor, params.id));
  bindRoute(app, platform, c.inviteUser, async ({ actor, body, req }) =>
    users.invite(platform, actor, body, req.locale),
  );
  bindRoute(app, platform, c.updateUser, async ({ actor, params, body, expectedVersion }) =>
    users.update(platform, actor, params.id, expectedVersion, body),
  );
  bindRoute(app, platform, c.deactivateUser, async ({ actor, params }) =>
    users.setActive(platform, actor, params.id, false),
  );
  bindRoute(app, platform, c.reactivateUser, async ({ actor, params }) =>
    users.setActive(platform, actor, params.id, true),
  );
  bindRoute(app, platform, c.resetUserPassword, async ({ actor, params, req }) =>
    users.issuePasswordReset(platform, actor, params.id, req.locale),
  );
}
