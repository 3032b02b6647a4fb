/** Activities module: calls, emails, meetings, visits, notes and tasks linked to leads, customers, contacts, deals. */
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
