import type { JobDefinition } from '../../../platform/jobs/jobs';
import { nurtureSweepJob } from '../nurture/nurture-sweep';
import { revisitSweepJob } from '../nurture/revisit-sweep';
import { slaSweepJob } from '../sla/sla-sweep';

/** Follow-up timers of the leads module: each a cron sweep over due rows (durable, restart-safe). */
export const leadRoutingJobs = [slaSweepJob, nurtureSweepJob, revisitSweepJob] as readonly JobDefinition[];
