import { z } from 'zod';
import { defineRoute, IdParams, IsoDateTime, Uuid } from './common';

/**
 * Sales pipelines (DOMAIN.md §8 sales paths): ordered stages, each with a default win probability, the
 * forecast category its deals take, an aging limit, and exit criteria (gates) that the server checks before a
 * deal may leave the stage forward. The company's loss reasons and deal rules live here too.
 */

export const PIPELINE_KINDS = ['new_customer', 'existing_customer'] as const;
export const PipelineKind = z.enum(PIPELINE_KINDS);
export type PipelineKind = z.infer<typeof PipelineKind>;

/** Forecast categories of a deal; a stage sets one of the first three, winning or losing sets `closed`. */
export const FORECAST_CATEGORIES = ['pipeline', 'best_case', 'commit', 'closed', 'omitted'] as const;
export const ForecastCategory = z.enum(FORECAST_CATEGORIES);
export type ForecastCategory = z.infer<typeof ForecastCategory>;
export const StageForecast = z.enum(['pipeline', 'best_case', 'commit']);

/** Deal fields a `fieldsSet` gate may require. */
export const GATE_FIELDS = ['amount', 'expectedCloseOn', 'nextStep', 'contacts'] as const;
export const GateField = z.enum(GATE_FIELDS);

export const GATE_ACTIVITY_TYPES = ['call', 'meeting', 'visit', 'email'] as const;

/**
 * One exit criterion. Each kind reads what the deal's records say: the needs analysis (core pain points,
 * confirmation), the deal's contacts (a decision maker), proposals (approved, presented), objections (none
 * open), negotiation minutes (agreed, signed by the customer and within the price floor or approved), fields,
 * and logged activities.
 */
export const StageGate = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('corePainPoints'), min: z.number().int().min(1).max(50) }),
  z.strictObject({ kind: z.literal('needsConfirmed') }),
  z.strictObject({ kind: z.literal('decisionMakerKnown') }),
  z.strictObject({ kind: z.literal('proposalApproved') }),
  z.strictObject({ kind: z.literal('proposalPresented') }),
  z.strictObject({ kind: z.literal('noOpenObjections') }),
  z.strictObject({ kind: z.literal('minutesSigned') }),
  z.strictObject({ kind: z.literal('fieldsSet'), fields: z.array(GateField).min(1).max(GATE_FIELDS.length) }),
  z.strictObject({
    kind: z.literal('activityLogged'),
    activityType: z.enum(GATE_ACTIVITY_TYPES),
    min: z.number().int().min(1).max(50),
  }),
]);
export type StageGate = z.infer<typeof StageGate>;
export type GateKind = StageGate['kind'];

/** A gate that does not hold, with what it asks for in the caller's language. */
export const UnmetGate = z.object({
  stageId: Uuid,
  stageName: z.string(),
  gate: StageGate,
  message: z.string(),
});
export type UnmetGate = z.infer<typeof UnmetGate>;

export const Stage = z.object({
  id: Uuid,
  name: z.string(),
  position: z.number().int(),
  probability: z.number().int().min(0).max(100),
  forecastCategory: StageForecast,
  agingDays: z.number().int().nullable(),
  gates: z.array(StageGate),
});
export type Stage = z.infer<typeof Stage>;

export const Pipeline = z.object({
  id: Uuid,
  name: z.string(),
  kind: PipelineKind,
  position: z.number().int(),
  isDefault: z.boolean(),
  archived: z.boolean(),
  stages: z.array(Stage),
  version: z.number().int(),
  updatedAt: IsoDateTime,
});
export type Pipeline = z.infer<typeof Pipeline>;

export const StageInput = z.strictObject({
  /** An existing stage of the pipeline (kept, with its deals); omitted: a new stage. */
  id: Uuid.optional(),
  name: z.string().trim().min(1).max(60),
  probability: z.number().int().min(0).max(100),
  forecastCategory: StageForecast.default('pipeline'),
  agingDays: z.number().int().min(1).max(3650).nullable().default(null),
  gates: z.array(StageGate).max(10).default([]),
});
export type StageInput = z.input<typeof StageInput>;

const Stages = z
  .array(StageInput)
  .min(1)
  .max(20)
  .refine((stages) => new Set(stages.map((s) => s.name.toLowerCase())).size === stages.length, {
    message: 'duplicate_stage_name',
  });

export const CreatePipelineBody = z.strictObject({
  name: z.string().trim().min(1).max(80),
  kind: PipelineKind,
  isDefault: z.boolean().default(false),
  stages: Stages,
});

/** The whole pipeline as it should be: stages are kept (with `id`), added (without) or removed (left out). */
export const UpdatePipelineBody = z.strictObject({
  version: z.number().int().optional(),
  name: z.string().trim().min(1).max(80),
  isDefault: z.boolean(),
  stages: Stages,
});

export const listPipelines = defineRoute({
  method: 'GET',
  path: '/api/v1/pipelines',
  summary: 'The company’s pipelines with their stages and gates (set up from the two templates on first use)',
  tags: ['deals'],
  access: 'session',
  scope: 'read',
  query: z.strictObject({
    archived: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
  }),
  response: { 200: z.object({ items: z.array(Pipeline) }) },
});

export const getPipeline = defineRoute({
  method: 'GET',
  path: '/api/v1/pipelines/:id',
  summary: 'One pipeline with its stages',
  tags: ['deals'],
  access: 'session',
  scope: 'read',
  params: IdParams,
  response: { 200: Pipeline },
});

export const createPipeline = defineRoute({
  method: 'POST',
  path: '/api/v1/pipelines',
  summary: 'Create a pipeline',
  tags: ['deals'],
  access: 'session',
  scope: 'admin',
  permission: 'deals.configure',
  body: CreatePipelineBody,
  response: { 201: Pipeline },
});

export const updatePipeline = defineRoute({
  method: 'PUT',
  path: '/api/v1/pipelines/:id',
  summary: 'Rename a pipeline and edit its stages and gates (a stage holding open deals cannot be removed)',
  tags: ['deals'],
  access: 'session',
  scope: 'admin',
  permission: 'deals.configure',
  params: IdParams,
  body: UpdatePipelineBody,
  response: { 200: Pipeline },
});

export const archivePipeline = defineRoute({
  method: 'DELETE',
  path: '/api/v1/pipelines/:id',
  summary: 'Archive a pipeline without open deals (its closed deals keep their history)',
  tags: ['deals'],
  access: 'session',
  scope: 'admin',
  permission: 'deals.configure',
  params: IdParams,
  response: { 204: z.null() },
});

export const LossReason = z.object({
  id: Uuid,
  name: z.string(),
  position: z.number().int(),
  active: z.boolean(),
});
export type LossReason = z.infer<typeof LossReason>;

export const LossReasonBody = z.strictObject({
  name: z.string().trim().min(1).max(80),
  position: z.number().int().min(0).max(1000).optional(),
  active: z.boolean().optional(),
});

export const listLossReasons = defineRoute({
  method: 'GET',
  path: '/api/v1/deal-loss-reasons',
  summary: 'The company’s loss reasons (a lost deal names one)',
  tags: ['deals'],
  access: 'session',
  scope: 'read',
  response: { 200: z.object({ items: z.array(LossReason) }) },
});

export const createLossReason = defineRoute({
  method: 'POST',
  path: '/api/v1/deal-loss-reasons',
  summary: 'Add a loss reason',
  tags: ['deals'],
  access: 'session',
  scope: 'admin',
  permission: 'deals.configure',
  body: LossReasonBody,
  response: { 201: LossReason },
});

export const updateLossReason = defineRoute({
  method: 'PATCH',
  path: '/api/v1/deal-loss-reasons/:id',
  summary: 'Rename, reorder or retire a loss reason',
  tags: ['deals'],
  access: 'session',
  scope: 'admin',
  permission: 'deals.configure',
  params: IdParams,
  body: LossReasonBody.partial(),
  response: { 200: LossReason },
});

/** Company rules of the pipeline (negotiation has its own under `/deal-settings/negotiation`). */
export const PipelineRules = z.strictObject({
  /** A promised proposal date missed by more than this many days alerts the owner and their manager. */
  proposalGraceDays: z.number().int().min(0).max(60),
});
export type PipelineRules = z.infer<typeof PipelineRules>;

export const getPipelineRules = defineRoute({
  method: 'GET',
  path: '/api/v1/deal-settings/pipeline',
  summary: 'The company’s pipeline rules',
  tags: ['deals'],
  access: 'session',
  scope: 'read',
  response: { 200: PipelineRules.extend({ version: z.number().int() }) },
});

export const updatePipelineRules = defineRoute({
  method: 'PUT',
  path: '/api/v1/deal-settings/pipeline',
  summary: 'Change the company’s pipeline rules',
  tags: ['deals'],
  access: 'session',
  scope: 'admin',
  permission: 'deals.configure',
  body: PipelineRules.extend({ version: z.number().int().optional() }),
  response: { 200: PipelineRules.extend({ version: z.number().int() }) },
});
