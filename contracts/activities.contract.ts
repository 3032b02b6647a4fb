import { z } from 'zod';
import { defineRoute, IdParams, IsoDateTime, PageQuery, pageOf, Uuid } from './common';

/**
 * Activities (calls, emails, meetings, visits, notes, tasks) linked to any of a lead, customer, contact and
 * deal; the unified timeline of a customer, contact or deal; the calendar with its ICS feed; and the daily
 * sales log (销售日报) with the managers' review.
 */

export const ACTIVITY_KINDS = ['call', 'email', 'meeting', 'visit', 'note', 'task'] as const;
export const ActivityKind = z.enum(ACTIVITY_KINDS);
export type ActivityKind = z.infer<typeof ActivityKind>;
/** Activities that count as contact with a lead: the first one stops its response SLA clock. */
export const CONTACT_KINDS: readonly ActivityKind[] = ['call', 'email', 'meeting', 'visit'];
/** Activities that take a block of time on the calendar (start, optional end, place). */
export const SCHEDULED_KINDS: readonly ActivityKind[] = ['meeting', 'visit'];
/** Activities that can remind their owner: a task before it is due, a meeting or visit before it starts. */
export const REMINDABLE_KINDS: readonly ActivityKind[] = ['task', 'meeting', 'visit'];
/** Calls and emails go one way or the other. */
export const DIRECTED_KINDS: readonly ActivityKind[] = ['call', 'email'];

export const ACTIVITY_PRIORITIES = ['low', 'normal', 'high'] as const;
export const ActivityPriority = z.enum(ACTIVITY_PRIORITIES);
export type ActivityPriority = z.infer<typeof ActivityPriority>;

export const Direction = z.enum(['inbound', 'outbound']);

export const Activity = z.object({
  id: Uuid,
  kind: ActivityKind,
  subject: z.string(),
  body: z.string(),
  direction: Direction.nullable(),
  /** When it happened; meetings and visits: when they start; tasks: when they were set. */
  occurredAt: IsoDateTime,
  /** Meetings and visits: when they end. */
  endsAt: IsoDateTime.nullable(),
  location: z.string().nullable(),
  /** Tasks: when due, and when done. */
  dueAt: IsoDateTime.nullable(),
  doneAt: IsoDateTime.nullable(),
  priority: ActivityPriority,
  remindAt: IsoDateTime.nullable(),
  remindedAt: IsoDateTime.nullable(),
  leadId: Uuid.nullable(),
  customerId: Uuid.nullable(),
  contactId: Uuid.nullable(),
  dealId: Uuid.nullable(),
  /** The assignee. */
  ownerId: Uuid,
  ownerName: z.string().nullable(),
  createdBy: Uuid.nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.number().int(),
});
export type Activity = z.infer<typeof Activity>;

/** An activity as the activities API returns it: with the names of what it is linked to and what the caller may do. */
export const ActivityItem = Activity.extend({
  customerName: z.string().nullable(),
  contactName: z.string().nullable(),
  dealName: z.string().nullable(),
  can: z.object({ edit: z.boolean(), delete: z.boolean() }),
});
export type ActivityItem = z.infer<typeof ActivityItem>;

const text = (max: number) => z.string().trim().max(max);

const csv = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .max(2000)
    .transform((s) =>
      s
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(50));

const booleanFlag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Fields any kind may carry; which apply to which kind is checked by the server (400 naming the field). */
const ActivityFields = {
  subject: z.string().trim().min(1).max(200),
  body: text(10_000),
  direction: Direction.nullable(),
  occurredAt: IsoDateTime,
  endsAt: IsoDateTime.nullable(),
  location: text(300).nullable(),
  dueAt: IsoDateTime.nullable(),
  priority: ActivityPriority,
  remindAt: IsoDateTime.nullable(),
  /** The assignee: reps name themselves, managers a member of their teams. Default: the caller. */
  ownerId: Uuid,
  customerId: Uuid.nullable(),
  contactId: Uuid.nullable(),
  dealId: Uuid.nullable(),
};

/**
 * At least one of lead, customer, contact and deal, each one the caller can see. A visit needs a location;
 * a task a due date. Logging a call, email, meeting or visit on a lead stops its response SLA as on the lead page.
 */
export const CreateActivityBody = z.strictObject({
  kind: ActivityKind,
  subject: ActivityFields.subject,
  body: ActivityFields.body.default(''),
  direction: ActivityFields.direction.optional(),
  occurredAt: ActivityFields.occurredAt.optional(),
  endsAt: ActivityFields.endsAt.optional(),
  location: ActivityFields.location.optional(),
  dueAt: ActivityFields.dueAt.optional(),
  priority: ActivityFields.priority.optional(),
  remindAt: ActivityFields.remindAt.optional(),
  ownerId: ActivityFields.ownerId.optional(),
  leadId: Uuid.nullable().optional(),
  customerId: ActivityFields.customerId.optional(),
  contactId: ActivityFields.contactId.optional(),
  dealId: ActivityFields.dealId.optional(),
});
export type CreateActivityBody = z.output<typeof CreateActivityBody>;

/** The kind and the lead link stay as created (the lead's SLA and history followed the creation). */
export const UpdateActivityBody = z.strictObject({
  version: z.number().int().optional(),
  subject: ActivityFields.subject.optional(),
  body: ActivityFields.body.optional(),
  direction: ActivityFields.direction.optional(),
  occurredAt: ActivityFields.occurredAt.optional(),
  endsAt: ActivityFields.endsAt.optional(),
  location: ActivityFields.location.optional(),
  dueAt: ActivityFields.dueAt.optional(),
  priority: ActivityFields.priority.optional(),
  remindAt: ActivityFields.remindAt.optional(),
  ownerId: ActivityFields.ownerId.optional(),
  customerId: ActivityFields.customerId.optional(),
  contactId: ActivityFields.contactId.optional(),
  dealId: ActivityFields.dealId.optional(),
});
export type UpdateActivityBody = z.output<typeof UpdateActivityBody>;

export const ACTIVITY_SORTS = ['-occurredAt', 'occurredAt', 'dueAt', '-dueAt'] as const;
export type ActivitySort = (typeof ACTIVITY_SORTS)[number];

/**
 * `from`/`to` bound the sort's time (occurredAt, or dueAt for the due-date sorts). `open`: tasks not done;
 * `overdue`: tasks not done whose due time has passed. Without a record filter a caller sees the activities
 * assigned to the people they oversee; with one, every activity of a record they can see.
 */
export const ListActivitiesQuery = PageQuery.extend({
  kind: csv(ActivityKind).optional(),
  /** `me` or a user id. */
  ownerId: z.union([z.literal('me'), Uuid]).optional(),
  leadId: Uuid.optional(),
  customerId: Uuid.optional(),
  contactId: Uuid.optional(),
  dealId: Uuid.optional(),
  from: IsoDateTime.optional(),
  to: IsoDateTime.optional(),
  open: booleanFlag.optional(),
  overdue: booleanFlag.optional(),
  sort: z.enum(ACTIVITY_SORTS).default('-occurredAt'),
});
export type ListActivitiesQuery = z.output<typeof ListActivitiesQuery>;

export const listActivities = defineRoute({
  method: 'GET',
  path: '/api/v1/activities',
  summary: 'Activities the caller may see, filtered, with cursor paging',
  tags: ['activities'],
  access: 'session',
  scope: 'read',
  query: ListActivitiesQuery,
  response: { 200: pageOf(ActivityItem) },
});

export const getActivity = defineRoute({
  method: 'GET',
  path: '/api/v1/activities/:id',
  summary: 'One activity',
  tags: ['activities'],
  access: 'session',
  scope: 'read',
  params: IdParams,
  response: { 200: ActivityItem },
});

export const createActivity = defineRoute({
  method: 'POST',
  path: '/api/v1/activities',
  summary: 'Log a call, email, meeting, visit or note, or plan a task, on a lead, customer, contact or deal',
  tags: ['activities'],
  access: 'session',
  scope: 'write',
  body: CreateActivityBody,
  response: { 201: ActivityItem },
});

export const updateActivity = defineRoute({
  method: 'PATCH',
  path: '/api/v1/activities/:id',
  summary: 'Edit an activity (send the version you read)',
  tags: ['activities'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: UpdateActivityBody,
  response: { 200: ActivityItem },
});

export const completeTask = defineRoute({
  method: 'POST',
  path: '/api/v1/activities/:id/complete',
  summary: 'Mark a task done (send the version you read)',
  tags: ['activities'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: z.strictObject({ version: z.number().int() }),
  response: { 200: ActivityItem },
});

export const reopenTask = defineRoute({
  method: 'POST',
  path: '/api/v1/activities/:id/reopen',
  summary: 'Mark a done task open again (send the version you read)',
  tags: ['activities'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: z.strictObject({ version: z.number().int() }),
  response: { 200: ActivityItem },
});

export const deleteActivity = defineRoute({
  method: 'DELETE',
  path: '/api/v1/activities/:id',
  summary: 'Delete an activity (its owner or creator, their managers, admins; audited)',
  tags: ['activities'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  response: { 204: z.null() },
});

export const Person = z.object({ id: Uuid, name: z.string() });
export type Person = z.infer<typeof Person>;

export const listOverseenPeople = defineRoute({
  method: 'GET',
  path: '/api/v1/activities/people',
  summary:
    "People whose calendar and daily logs the caller may see: themselves first, then their teams' members",
  tags: ['activities'],
  access: 'session',
  scope: 'read',
  response: { 200: z.object({ items: z.array(Person) }) },
});

// ——— Timeline ———

export const TIMELINE_TYPES = ['activity', 'event', 'change'] as const;
export const TimelineType = z.enum(TIMELINE_TYPES);
export type TimelineType = z.infer<typeof TimelineType>;

/** One entry of a record's history: an activity, a behaviour event of a (converted) lead, or an audited change. */
export const TimelineItem = z.discriminatedUnion('type', [
  z.object({ type: z.literal('activity'), at: IsoDateTime, activity: Activity }),
  z.object({
    type: z.literal('event'),
    at: IsoDateTime,
    event: z.object({
      id: Uuid,
      kind: z.string(),
      url: z.string().nullable(),
      title: z.string().nullable(),
      origin: z.string(),
    }),
  }),
  z.object({
    type: z.literal('change'),
    at: IsoDateTime,
    change: z.object({
      id: Uuid,
      /** The record the change was made to: the customer itself, or the lead it was converted from. */
      entity: z.string().optional(),
      action: z.string(),
      actorName: z.string().nullable(),
      changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
    }),
  }),
]);
export type TimelineItem = z.infer<typeof TimelineItem>;

export const TimelineQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(30),
  cursor: z.string().max(500).optional(),
  types: csv(TimelineType).optional(),
});

const TimelinePage = z.object({ items: z.array(TimelineItem), nextCursor: z.string().nullable() });

const timelineOf = (record: 'customers' | 'contacts' | 'deals', what: string) =>
  defineRoute({
    method: 'GET',
    path: `/api/v1/${record}/:id/timeline`,
    summary: `Activities, lead events and changes of a ${what}, newest first`,
    tags: ['activities'],
    access: 'session',
    scope: 'read',
    params: IdParams,
    query: TimelineQuery,
    response: { 200: TimelinePage },
  });

export const customerTimeline = timelineOf('customers', 'customer (with the leads converted into it)');
export const contactTimeline = timelineOf('contacts', 'contact (with the leads converted into them)');
export const dealTimeline = timelineOf('deals', 'deal (with the lead it came from)');

// ——— Calendar ———

/** The longest range one calendar request may cover (a month view with its neighbouring weeks). */
export const CALENDAR_MAX_DAYS = 62;

export const CalendarEntry = z.object({
  /** Meetings and visits: their start; tasks: their due time. */
  start: IsoDateTime,
  end: IsoDateTime.nullable(),
  activity: ActivityItem,
});
export type CalendarEntry = z.infer<typeof CalendarEntry>;

export const getCalendar = defineRoute({
  method: 'GET',
  path: '/api/v1/calendar',
  summary: 'Meetings, visits and tasks of the caller (or, for managers, of a team member) in a time range',
  tags: ['activities'],
  access: 'session',
  scope: 'read',
  query: z.strictObject({ from: IsoDateTime, to: IsoDateTime, userId: Uuid.optional() }),
  response: { 200: z.object({ items: z.array(CalendarEntry), truncated: z.boolean() }) },
});

export const CalendarFeed = z.object({ active: z.boolean(), createdAt: IsoDateTime.nullable() });

export const getCalendarFeed = defineRoute({
  method: 'GET',
  path: '/api/v1/calendar/feed',
  summary: 'Whether the caller has an ICS feed URL (the URL itself is shown only when created)',
  tags: ['activities'],
  access: 'session',
  scope: 'read',
  response: { 200: CalendarFeed },
});

export const createCalendarFeed = defineRoute({
  method: 'POST',
  path: '/api/v1/calendar/feed',
  summary:
    'Create or replace the caller’s ICS feed URL for phone calendars (shown once; the old one stops working)',
  tags: ['activities'],
  access: 'session',
  scope: 'write',
  response: { 201: z.object({ url: z.string(), createdAt: IsoDateTime }) },
});

export const deleteCalendarFeed = defineRoute({
  method: 'DELETE',
  path: '/api/v1/calendar/feed',
  summary: 'Switch the caller’s ICS feed off',
  tags: ['activities'],
  access: 'session',
  scope: 'write',
  response: { 204: z.null() },
});

// ——— Daily sales log ———

export const IsoDate = z.iso.date();

export const DailyLogKeyPoint = z.object({
  customerId: Uuid.nullable(),
  customerName: z.string().nullable(),
  text: z.string(),
});
export type DailyLogKeyPoint = z.infer<typeof DailyLogKeyPoint>;

/**
 * A rep's day. Until it is first saved (`stored: false`) it is a draft generated from the day's activities:
 * what was done grouped per customer, and tomorrow's tasks and meetings as the plan.
 */
export const DailyLog = z.object({
  id: Uuid.nullable(),
  userId: Uuid,
  userName: z.string(),
  day: IsoDate,
  stored: z.boolean(),
  summary: z.string(),
  keyPoints: z.array(DailyLogKeyPoint),
  plans: z.string(),
  submittedAt: IsoDateTime.nullable(),
  reviewComment: z.string().nullable(),
  reviewedBy: Uuid.nullable(),
  reviewerName: z.string().nullable(),
  reviewedAt: IsoDateTime.nullable(),
  /** 0 until stored. */
  version: z.number().int(),
  /** What the day's activities were (done tasks included), oldest first. */
  done: z.array(ActivityItem),
  /** The next day's tasks, meetings and visits. */
  planned: z.array(ActivityItem),
  can: z.object({ edit: z.boolean(), submit: z.boolean(), review: z.boolean() }),
});
export type DailyLog = z.infer<typeof DailyLog>;

const DayParams = z.strictObject({ day: IsoDate });

export const getDailyLog = defineRoute({
  method: 'GET',
  path: '/api/v1/daily-logs/:day',
  summary:
    "A day's log of the caller (or of a person they oversee): stored, or a draft from the day's activities",
  tags: ['daily-logs'],
  access: 'session',
  scope: 'read',
  params: DayParams,
  query: z.strictObject({ userId: Uuid.optional() }),
  response: { 200: DailyLog },
});

export const SaveDailyLogBody = z.strictObject({
  /** The version read; 0 when the log is not stored yet. */
  version: z.number().int().min(0),
  summary: text(20_000),
  keyPoints: z
    .array(z.strictObject({ customerId: Uuid.nullable(), text: z.string().trim().min(1).max(2000) }))
    .max(100),
  plans: text(10_000),
});

export const saveDailyLog = defineRoute({
  method: 'PUT',
  path: '/api/v1/daily-logs/:day',
  summary: 'Save the caller’s log of a day (send the version you read; 0 for the first save)',
  tags: ['daily-logs'],
  access: 'session',
  scope: 'write',
  params: DayParams,
  body: SaveDailyLogBody,
  response: { 200: DailyLog },
});

export const submitDailyLog = defineRoute({
  method: 'POST',
  path: '/api/v1/daily-logs/:day/submit',
  summary: 'Submit the caller’s saved log of a day for review; it cannot be edited afterwards',
  tags: ['daily-logs'],
  access: 'session',
  scope: 'write',
  params: DayParams,
  body: z.strictObject({ version: z.number().int().min(1) }),
  response: { 200: DailyLog },
});

export const reviewDailyLog = defineRoute({
  method: 'POST',
  path: '/api/v1/daily-logs/:day/review',
  summary: "Comment on a team member's submitted log (managers of their teams, directors, admins)",
  tags: ['daily-logs'],
  access: 'session',
  scope: 'write',
  params: DayParams,
  body: z.strictObject({
    userId: Uuid,
    version: z.number().int().min(1),
    comment: z.string().trim().min(1).max(5000),
  }),
  response: { 200: DailyLog },
});

/** The longest range the team list covers at once. */
export const DAILY_LOG_LIST_MAX_DAYS = 7;

export const DailyLogListItem = z.object({
  userId: Uuid,
  userName: z.string(),
  day: IsoDate,
  logId: Uuid.nullable(),
  summary: z.string().nullable(),
  submittedAt: IsoDateTime.nullable(),
  reviewedAt: IsoDateTime.nullable(),
  /** Activities the person logged that day (done tasks included). */
  activityCount: z.number().int(),
});
export type DailyLogListItem = z.infer<typeof DailyLogListItem>;

export const listDailyLogs = defineRoute({
  method: 'GET',
  path: '/api/v1/daily-logs',
  summary:
    'Per person and day, the logs of the people the caller oversees (one team with teamId), for up to 7 days',
  tags: ['daily-logs'],
  access: 'session',
  scope: 'read',
  query: z.strictObject({ from: IsoDate, to: IsoDate, teamId: Uuid.optional(), userId: Uuid.optional() }),
  response: { 200: z.object({ items: z.array(DailyLogListItem) }) },
});

export const ActivityCounts = z.record(ActivityKind, z.number().int());

export const WeeklyReview = z.object({
  userId: Uuid,
  userName: z.string(),
  weekStart: IsoDate,
  days: z.array(
    z.object({
      day: IsoDate,
      log: DailyLogListItem.omit({ userId: true, userName: true, day: true, activityCount: true })
        .extend({
          keyPoints: z.array(DailyLogKeyPoint),
          plans: z.string(),
          reviewComment: z.string().nullable(),
        })
        .nullable(),
      /** Activities of the day per kind (tasks: the ones done that day). */
      counts: ActivityCounts,
    }),
  ),
  totals: ActivityCounts,
});
export type WeeklyReview = z.infer<typeof WeeklyReview>;

export const getWeeklyReview = defineRoute({
  method: 'GET',
  path: '/api/v1/daily-logs/weekly-review',
  summary: "A person's seven logs from weekStart with their activity counts (the weekly review)",
  tags: ['daily-logs'],
  access: 'session',
  scope: 'read',
  query: z.strictObject({ weekStart: IsoDate, userId: Uuid.optional() }),
  response: { 200: WeeklyReview },
});
