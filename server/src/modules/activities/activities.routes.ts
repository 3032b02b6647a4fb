import * as c from '@contracts/activities.contract';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/http/errors';
import type { Principal } from '../../platform/http/principal';
import { takeRequest } from '../../platform/http/rate-limit';
import { bindRoute } from '../../platform/http/route';
import type { Platform } from '../../platform/platform';
import * as calendar from './calendar/calendar.service';
import * as lists from './daily-logs/daily-log-lists';
import * as logs from './daily-logs/daily-logs.service';
import * as activities from './manage-activities';
import { recordTimeline } from './timeline/record-timeline';

const callerOf = (principal: Principal, actor: activities.ActivityCaller['actor']) => ({
  actor,
  role: principal.role,
});

export function registerActivityRoutes(app: FastifyInstance, platform: Platform): void {
  bindRoute(app, platform, c.listActivities, async ({ principal, actor, query }) =>
    activities.listActivities(platform, callerOf(principal, actor), query),
  );
  bindRoute(app, platform, c.listOverseenPeople, async ({ principal, actor }) =>
    activities.listPeople(platform, callerOf(principal, actor)),
  );
  bindRoute(app, platform, c.getActivity, async ({ principal, actor, params }) =>
    activities.getActivity(platform, callerOf(principal, actor), params.id),
  );
  bindRoute(app, platform, c.createActivity, async ({ principal, actor, body }) =>
    activities.createActivity(platform, callerOf(principal, actor), body),
  );
  bindRoute(app, platform, c.updateActivity, async ({ principal, actor, params, body, expectedVersion }) =>
    activities.updateActivity(platform, callerOf(principal, actor), params.id, expectedVersion, body),
  );
  bindRoute(app, platform, c.completeTask, async ({ principal, actor, params, body }) =>
    activities.setTaskDone(platform, callerOf(principal, actor), params.id, body.version, true),
  );
  bindRoute(app, platform, c.reopenTask, async ({ principal, actor, params, body }) =>
    activities.setTaskDone(platform, callerOf(principal, actor), params.id, body.version, false),
  );
  bindRoute(app, platform, c.deleteActivity, async ({ principal, actor, params }) => {
    await activities.deleteActivity(platform, callerOf(principal, actor), params.id);
    return null;
  });

  bindRoute(app, platform, c.customerTimeline, async ({ principal, actor, params, query }) =>
    recordTimeline(platform, callerOf(principal, actor), 'customer', params.id, query),
  );
  bindRoute(app, platform, c.contactTimeline, async ({ principal, actor, params, query }) =>
    recordTimeline(platform, callerOf(principal, actor), 'contact', params.id, query),
  );
  bindRoute(app, platform, c.dealTimeline, async ({ principal, actor, params, query }) =>
    recordTimeline(platform, callerOf(principal, actor), 'deal', params.id, query),
  );

  bindRoute(app, platform, c.getCalendar, async ({ principal, actor, query }) =>
    calendar.getCalendar(platform, callerOf(principal, actor), query),
  );
  bindRoute(app, platform, c.getCalendarFeed, async ({ principal, actor }) =>
    calendar.getFeed(platform, callerOf(principal, actor)),
  );
  bindRoute(app, platform, c.createCalendarFeed, async ({ principal, actor }) =>
    calendar.createFeed(platform, callerOf(principal, actor)),
  );
  bindRoute(app, platform, c.deleteCalendarFeed, async ({ principal, actor }) => {
    await calendar.deleteFeed(platform, callerOf(principal, actor));
    return null;
  });
  // Public: phone calendars subscribe without a session; the key in the path is the credential.
  app.get('/ical/:file', { schema: { hide: true } }, async (req, reply) => {
    const { file } = req.params as { file: string };
    const now = platform.clock.now();
    // The address first: a client over its limit is refused before any key it tries is looked at.
    const wait =
      (await takeRequest(platform.db, `ics-ip:${req.ip}`, calendar.FEED_IP_WINDOW, now)) ||
      (await takeRequest(platform.db, `ics-feed:${file}`, calendar.FEED_KEY_WINDOW, now));
    if (wait > 0) throw new AppError('too_many_requests', { seconds: wait, retryAfter: wait });
    // Without the suffix the name is no key, but it is looked up all the same (as a malformed key).
    const body = await calendar.renderFeed(platform, file.endsWith('.ics') ? file.slice(0, -4) : '');
    if (body === null) throw new AppError('not_found');
    return reply
      .header('cache-control', 'private, max-age=300')
      .type('text/calendar; charset=utf-8')
      .send(body);
  });

  bindRoute(app, platform, c.listDailyLogs, async ({ principal, actor, query }) =>
    lists.listDailyLogs(platform, callerOf(principal, actor), query),
  );
  bindRoute(app, platform, c.getWeeklyReview, async ({ principal, actor, query }) =>
    lists.weeklyReview(platform, callerOf(principal, actor), query),
  );
  bindRoute(app, platform, c.getDailyLog, async ({ principal, actor, params, query }) =>
    logs.getDailyLog(platform, callerOf(principal, actor), params.day, query.userId),
  );
  bindRoute(app, platform, c.saveDailyLog, async ({ principal, actor, params, body }) =>
    logs.saveDailyLog(platform, callerOf(principal, actor), params.day, body),
  );
  bindRoute(app, platform, c.submitDailyLog, async ({ principal, actor, params, body }) =>
    logs.submitDailyLog(platform, callerOf(principal, actor), params.day, body.version),
  );
  bindRoute(app, platform, c.reviewDailyLog, async ({ principal, actor, params, body }) =>
    logs.reviewDailyLog(platform, callerOf(principal, actor), params.day, body),
  );
}
