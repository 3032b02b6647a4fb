/**
 * Activities module: calls, emails, meetings, visits, notes and tasks linked to leads, customers, contacts
 * and deals; reminders; the customer, contact and deal timelines; the calendar with its ICS feed; daily logs.
 */
export { activityJobs } from './activities.jobs';
export { registerActivityRoutes } from './activities.routes';
export {
  type ActivityLink,
  type ActivityRow,
  insertActivity,
  listActivitiesOf,
  moveLeadActivities,
  type NewActivity,
  presentActivity,
  relinkLeadActivities,
} from './activities.service';
export { activitySignalsSql, dealActivityCountsSql } from './activity-signals';
export { seedDemoActivities } from './demo/seed-demo-activities';
export { moveActivitiesOf } from './merge-records';
