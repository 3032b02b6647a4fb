import * as c from '@contracts/notifications.contract';
import type { FastifyInstance } from 'fastify';
import { bindRoute } from '../../platform/http/route';
import type { Platform } from '../../platform/platform';
import * as notifications from './notifications.service';

export function registerNotificationRoutes(app: FastifyInstance, platform: Platform): void {
  bindRoute(app, platform, c.listNotifications, async ({ actor, query }) =>
    notifications.listMine(platform, actor, query),
  );
  bindRoute(app, platform, c.markNotificationsRead, async ({ actor, body }) =>
    notifications.markRead(platform, actor, body),
  );
}
