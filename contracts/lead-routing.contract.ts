import { z } from 'zod';
import { defineRoute, IdParams, IsoDateTime, pageOf, Uuid } from './common';
import { CompanySize, Lead, LeadGrade, LeadSource, LeadStatus } from './leads.contract';

/**
 * Lead routing and follow-up (DOMAIN.md §1 "分配", response SLA, "培育"): assignment rules in priority order,
 * reps' routing profiles (capacity, seniority, absence), routing unassigned leads again, the managers' SLA
 * list, and nurture tracks with their enrolment.
 */

export const ROUTING_STRATEGIES = ['round_robin', 'least_loaded'] as const;
export const RoutingStrategy = z.enum(ROUTING_STRATEGIES);
export type RoutingStrategy = z.infer<typeof RoutingStrategy>;

/** senior reps may receive leads of senior-only rules; new reps follow playbooks. */
export const SENIORITIES = ['senior', 'standard', 'new'] as const;
export const Seniority = z.enum(SENIORITIES);
export type Seniority = z.infer<typeof Seniority>;

const Word = z.string().trim().min(1).max(100);
const Score = z.number().int().min(-100_000).max(100_000);

/** What a lead must match; an empty list or a null bound matches every lead. Lists match any of their values. */
export const RuleConditions = z.strictObject({
  grades: z.array(LeadGrade).max(3).default([]),
  regions: z.array(Word).max(50).default([]),
  industries: z.array(Word).max(50).default([]),
  sources: z.array(LeadSource).max(20).default([]),
  companySizes: z.array(CompanySize).max(10).default([]),
  minScore: Score.nullable().default(null),
  maxScore: Score.nullable().default(null),
});
export type RuleConditions = z.output<typeof RuleConditions>;

export const AssignmentRule = z.object({
  id: Uuid,
  name: z.string(),
  /** 0 is tried first. */
  position: z.number().int(),
  conditions: z.object({
    grades: z.array(LeadGrade),
    regions: z.array(z.string()),
    industries: z.array(z.string()),
    sources: z.array(LeadSource),
    companySizes: z.array(CompanySize),
    minScore: z.number().int().nullable(),
    maxScore: z.number().int().nullable(),
  }),
  teamId: Uuid,
  teamName: z.string(),
  strategy: RoutingStrategy,
  /** Only reps marked senior receive these leads. */
  seniorOnly: z.boolean(),
  active: z.boolean(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.number().int(),
});
export type AssignmentRule = z.infer<typeof AssignmentRule>;

const RuleFields = {
  name: z.string().trim().min(1).max(100),
  conditions: RuleConditions,
  teamId: Uuid,
  strategy: RoutingStrategy,
  seniorOnly: z.boolean(),
  active: z.boolean(),
};

export const listAssignmentRules = defineRoute({
  method: 'GET',
  path: '/api/v1/lead-routing/rules',
  summary: 'Assignment rules in the order they are tried',
  tags: ['lead-routing'],
  access: 'session',
  permission: 'leads.configure',
  scope: 'read',
  response: { 200: z.object({ items: z.array(AssignmentRule) }) },
});

export const createAssignmentRule = defineRoute({
  method: 'POST',
  path: '/api/v1/lead-routing/rules',
  summary: 'Add an assignment rule (tried after the existing ones)',
  tags: ['lead-routing'],
  access: 'session',
  permission: 'leads.configure',
  scope: 'admin',
  body: z.strictObject({
    ...RuleFields,
    conditions: RuleConditions.default({
      grades: [],
      regions: [],
      industries: [],
      sources: [],
      companySizes: [],
      minScore: null,
      maxScore: null,
    }),
    strategy: RoutingStrategy.default('round_robin'),
    seniorOnly: z.boolean().default(false),
    active: z.boolean().default(true),
  }),
  response: { 201: AssignmentRule },
});

export const updateAssignmentRule = defineRoute({
  method: 'PATCH',
  path: '/api/v1/lead-routing/rules/:id',
  summary: 'Change an assignment rule; conditions are replaced as a whole (send the version you read)',
  tags: ['lead-routing'],
  access: 'session',
  permission: 'leads.configure',
  scope: 'admin',
  params: IdParams,
  body: z.strictObject({
    version: z.number().int().optional(),
    name: RuleFields.name.optional(),
    conditions: RuleConditions.optional(),
    teamId: Uuid.optional(),
    strategy: RoutingStrategy.optional(),
    seniorOnly: z.boolean().optional(),
    active: z.boolean().optional(),
  }),
  response: { 200: AssignmentRule },
});

export const deleteAssignmentRule = defineRoute({
  method: 'DELETE',
  path: '/api/v1/lead-routing/rules/:id',
  summary: 'Remove an assignment rule',
  tags: ['lead-routing'],
  access: 'session',
  permission: 'leads.configure',
  scope: 'admin',
  params: IdParams,
  response: { 204: z.null() },
});

export const reorderAssignmentRules = defineRoute({
  method: 'PUT',
  path: '/api/v1/lead-routing/rules/order',
  summary: 'Set the priority order of the assignment rules (every rule id, first tried first)',
  tags: ['lead-routing'],
  access: 'session',
  permission: 'leads.configure',
  scope: 'admin',
  body: z.strictObject({ ids: z.array(Uuid).max(500) }),
  response: { 200: z.object({ items: z.array(AssignmentRule) }) },
});

export const RepProfile = z.object({
  userId: Uuid,
  name: z.string(),
  email: z.string(),
  role: z.string(),
  teams: z.array(z.object({ id: Uuid, name: z.string(), isLead: z.boolean() })),
  /** Most open leads the rep may hold; null: no limit. */
  capacity: z.number().int().nullable(),
  seniority: Seniority,
  awayFrom: IsoDateTime.nullable(),
  awayUntil: IsoDateTime.nullable(),
  /** Away right now: routing skips the rep. */
  away: z.boolean(),
  openLeads: z.number().int(),
  lastAssignedAt: IsoDateTime.nullable(),
  /** Whether the caller may change this profile. */
  editable: z.boolean(),
  /** 0 until the profile is first saved. */
  version: z.number().int(),
});
export type RepProfile = z.infer<typeof RepProfile>;

export const listRepProfiles = defineRoute({
  method: 'GET',
  path: '/api/v1/lead-routing/reps',
  summary: 'Routing profiles of team members (managers see their teams, directors and admins everyone)',
  tags: ['lead-routing'],
  access: 'session',
  permission: 'leads.assign',
  scope: 'read',
  query: z.strictObject({ teamId: Uuid.optional() }),
  response: { 200: z.object({ items: z.array(RepProfile) }) },
});

export const updateRepProfile = defineRoute({
  method: 'PUT',
  path: '/api/v1/lead-routing/reps/:userId',
  summary: "Set a rep's capacity, seniority and absence (send the version you read; 0 for a new profile)",
  tags: ['lead-routing'],
  access: 'session',
  permission: 'leads.assign',
  scope: 'write',
  params: z.strictObject({ userId: Uuid }),
  body: z.strictObject({
    version: z.number().int().min(0),
    capacity: z.number().int().min(0).max(100_000).nullable(),
    seniority: Seniority,
    /** Away from (null: from now) until (null: until cleared); both null: not away. */
    awayFrom: IsoDateTime.nullable(),
    awayUntil: IsoDateTime.nullable(),
  }),
  response: { 200: RepProfile },
});

export const routeLeads = defineRoute({
  method: 'POST',
  path: '/api/v1/lead-routing/route',
  summary: 'Run the assignment rules again for unassigned leads; each lead succeeds or fails on its own',
  tags: ['lead-routing'],
  access: 'session',
  permission: 'leads.assign',
  scope: 'write',
  body: z.strictObject({ ids: z.array(Uuid).min(1).max(1000) }),
  response: {
    200: z.object({
      /** Leads that received an owner. */
      assigned: z.number().int(),
      /** Leads a rule sent to a team whose reps are all full or away. */
      teamOnly: z.number().int(),
      /** Leads no active rule matched. */
      unmatched: z.number().int(),
      failed: z.array(z.object({ id: Uuid, code: z.string(), detail: z.string() })),
    }),
  },
});

export const SLA_STATES = ['breached', 'due_soon'] as const;

export const SlaItem = z.object({
  id: Uuid,
  companyName: z.string().nullable(),
  contactName: z.string().nullable(),
  grade: LeadGrade.nullable(),
  status: LeadStatus,
  ownerId: Uuid.nullable(),
  ownerName: z.string().nullable(),
  teamId: Uuid.nullable(),
  teamName: z.string().nullable(),
  assignedAt: IsoDateTime.nullable(),
  slaDueAt: IsoDateTime,
  slaBreachedAt: IsoDateTime.nullable(),
  /** Minutes past the deadline at the time of the answer (0 when still due). */
  lateMinutes: z.number().int(),
});
export type SlaItem = z.infer<typeof SlaItem>;

export const listSla = defineRoute({
  method: 'GET',
  path: '/api/v1/lead-routing/sla',
  summary:
    'Uncontacted leads past their response deadline, or due within some hours, that the caller may see',
  tags: ['lead-routing'],
  access: 'session',
  permission: 'leads.assign',
  scope: 'read',
  query: z.strictObject({
    state: z.enum(SLA_STATES),
    /** due_soon: deadlines within this many hours. */
    withinHours: z.coerce.number().int().min(1).max(168).default(4),
    teamId: Uuid.optional(),
    ownerId: Uuid.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(100),
    cursor: z.string().max(500).optional(),
  }),
  response: { 200: pageOf(SlaItem).extend({ now: IsoDateTime }) },
});

export const NURTURE_STEP_KINDS = ['email', 'task'] as const;

/**
 * One touch: a mail to the lead or a task for its owner, `delayDays` after the previous touch (after
 * enrolment for the first). Subject and body may use {{contactName}}, {{companyName}} and {{ownerName}};
 * a mail body is plain text in which links (`https://…` or `[label](https://…)`) are tracked.
 */
export const NurtureStep = z.strictObject({
  kind: z.enum(NURTURE_STEP_KINDS),
  delayDays: z.number().int().min(0).max(3650),
  subject: z.string().trim().min(1).max(200),
  body: z.string().trim().max(20_000).default(''),
});
export type NurtureStep = z.output<typeof NurtureStep>;

export const NurtureTrack = z.object({
  id: Uuid,
  name: z.string(),
  steps: z.array(
    z.object({
      kind: z.enum(NURTURE_STEP_KINDS),
      delayDays: z.number().int(),
      subject: z.string(),
      body: z.string(),
    }),
  ),
  repeat: z.boolean(),
  active: z.boolean(),
  /** The track leads join when they move to nurturing without one. */
  isDefault: z.boolean(),
  /** Leads with a touch still to come on this track. */
  enrolled: z.number().int(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.number().int(),
});
export type NurtureTrack = z.infer<typeof NurtureTrack>;

const TrackFields = {
  name: z.string().trim().min(1).max(100),
  steps: z.array(NurtureStep).min(1).max(20),
  repeat: z.boolean(),
  active: z.boolean(),
};

export const listNurtureTracks = defineRoute({
  method: 'GET',
  path: '/api/v1/lead-routing/nurture-tracks',
  summary: 'Nurture tracks with their steps and enrolled-lead counts',
  tags: ['lead-routing'],
  access: 'session',
  scope: 'read',
  response: { 200: z.object({ items: z.array(NurtureTrack) }) },
});

export const getNurtureTrack = defineRoute({
  method: 'GET',
  path: '/api/v1/lead-routing/nurture-tracks/:id',
  summary: 'One nurture track',
  tags: ['lead-routing'],
  access: 'session',
  scope: 'read',
  params: IdParams,
  response: { 200: NurtureTrack },
});

export const createNurtureTrack = defineRoute({
  method: 'POST',
  path: '/api/v1/lead-routing/nurture-tracks',
  summary: 'Create a nurture track',
  tags: ['lead-routing'],
  access: 'session',
  permission: 'leads.configure',
  scope: 'admin',
  body: z.strictObject({
    ...TrackFields,
    repeat: z.boolean().default(false),
    active: z.boolean().default(true),
  }),
  response: { 201: NurtureTrack },
});

export const updateNurtureTrack = defineRoute({
  method: 'PATCH',
  path: '/api/v1/lead-routing/nurture-tracks/:id',
  summary: 'Change a nurture track; steps are replaced as a whole (send the version you read)',
  tags: ['lead-routing'],
  access: 'session',
  permission: 'leads.configure',
  scope: 'admin',
  params: IdParams,
  body: z.strictObject({
    version: z.number().int().optional(),
    name: TrackFields.name.optional(),
    steps: TrackFields.steps.optional(),
    repeat: z.boolean().optional(),
    active: z.boolean().optional(),
  }),
  response: { 200: NurtureTrack },
});

export const deleteNurtureTrack = defineRoute({
  method: 'DELETE',
  path: '/api/v1/lead-routing/nurture-tracks/:id',
  summary: 'Delete a nurture track no lead is enrolled in and that is not the default',
  tags: ['lead-routing'],
  access: 'session',
  permission: 'leads.configure',
  scope: 'admin',
  params: IdParams,
  response: { 204: z.null() },
});

export const enrolLeadInNurture = defineRoute({
  method: 'POST',
  path: '/api/v1/leads/:id/nurture',
  summary: 'Enrol a lead in a nurture track (it moves to nurturing), or stop its touches with trackId null',
  tags: ['lead-routing'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: z.strictObject({ trackId: Uuid.nullable() }),
  response: { 200: Lead },
});
