import type { JobDefinition } from '../../platform/jobs/jobs';
import { reminderSweepJob } from './reminders/reminder-sweep';

/** The activities module's background jobs. */
export const activityJobs: readonly JobDefinition[] = [reminderSweepJob as JobDefinition];
