import * as c from '@contracts/teams.contract';
import type { FastifyInstance } from 'fastify';
import { bindRoute } from '../../platform/http/route';
import type { Platform } from '../../platform/platform';
import * as teams from './teams.service';

export function registerTeamRoutes(app: FastifyInstance, platform: Platform): void {
  bindRoute(app, platform, c.listTeams, async ({ actor, query }) => teams.list(platform, actor, query));
  bindRoute(app, platform, c.getTeam, async ({ actor, params }) => teams.get(platform, actor, params.id));
  bindRoute(app, platform, c.createTeam, async ({ actor, body }) => teams.create(platform, actor, body));
  bindRoute(app, platform, c.updateTeam, async ({ actor, params, body, expectedVersion }) =>
    teams.update(platform, actor, params.id, expectedVersion, body),
  );
  bindRoute(app, platform, c.setTeamMembers, async ({ actor, params, body }) =>
    teams.setMembers(platform, actor, params.id, body.members),
  );
  bindRoute(app, platform, c.deleteTeam, async ({ actor, params }) => {
    await teams.remove(platform, actor, params.id);
    return null;
  });
}
