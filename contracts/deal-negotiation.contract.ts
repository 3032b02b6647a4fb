import { z } from 'zod';
import { Currency, defineRoute, IdParams, IsoDateTime, Uuid } from './common';

/**
 * Negotiation (DOMAIN.md §4): the objection playbook, the objections raised on a deal and how each was
 * answered, the competitors the company meets (with its record against each), and the minutes of each
 * negotiation meeting with the customer's sign-off and the price floor.
 *
 * Price floor: reference price (the total of the deal's latest approved or presented proposal, else the deal
 * amount) less the company's buffer (`priceBufferPercent`, default 10), rounded up to the minor unit. Agreed
 * minutes whose final price is below the floor go through the approvals matrix (`belowFloorLevel`, manager by
 * default): an author at or above that level needs nobody, anyone else waits (`floorApproval` pending, the
 * request in `floorRequest`) for the approvals inbox; returned → rejected with the comment, withdrawn by the
 * author → withdrawn, and saving such minutes again asks again. Until approved they do not count as signed for
 * the "minutes signed" gate, which reads result agreed, a customer sign-off and floorApproval not_needed or
 * approved.
 */

export const OBJECTION_TYPES = ['price', 'delivery', 'competitor', 'terms', 'other'] as const;
export const ObjectionType = z.enum(OBJECTION_TYPES);
export type ObjectionType = z.infer<typeof ObjectionType>;

export const RESPONSE_METHODS = ['value_breakdown', 'case_evidence', 'flexible_pricing', 'other'] as const;
export const ResponseMethod = z.enum(RESPONSE_METHODS);
export type ResponseMethod = z.infer<typeof ResponseMethod>;

export const OBJECTION_STATUSES = ['open', 'resolved', 'unresolved'] as const;
export const ObjectionStatus = z.enum(OBJECTION_STATUSES);
export type ObjectionStatus = z.infer<typeof ObjectionStatus>;

export const MINUTES_RESULTS = ['agreed', 'no_agreement'] as const;
export const MinutesResult = z.enum(MINUTES_RESULTS);
export type MinutesResult = z.infer<typeof MinutesResult>;

export const FLOOR_APPROVALS = ['not_needed', 'pending', 'approved', 'rejected', 'withdrawn'] as const;
export const FloorApproval = z.enum(FLOOR_APPROVALS);
export type FloorApproval = z.infer<typeof FloorApproval>;

/** Company default of the price buffer, and its allowed range. */
export const DEFAULT_PRICE_BUFFER_PERCENT = 10;
export const MAX_PRICE_BUFFER_PERCENT = 50;

const text = (max: number) => z.string().trim().max(max);
const required = (max: number) => z.string().trim().min(1).max(max);
const Money = z.number().int().min(0).max(1e15);
const IsoDate = z.iso.date();
const booleanFlag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const MinutesParams = z.strictObject({ id: Uuid, minutesId: Uuid });
export const ObjectionParams = z.strictObject({ id: Uuid, objectionId: Uuid });
export const DealCompetitorParams = z.strictObject({ id: Uuid, competitorId: Uuid });

// ——— Playbook ———

export const ObjectionResponse = z.object({
  id: Uuid,
  type: ObjectionType,
  title: z.string(),
  method: ResponseMethod,
  body: z.string(),
  active: z.boolean(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.number().int(),
});
export type ObjectionResponse = z.infer<typeof ObjectionResponse>;

export const ObjectionResponseInput = z.strictObject({
  type: ObjectionType,
  title: required(200),
  method: ResponseMethod.default('other'),
  body: required(5000),
  active: z.boolean().default(true),
});
export type ObjectionResponseInput = z.input<typeof ObjectionResponseInput>;

export const ObjectionResponsePatch = z.strictObject({
  version: z.number().int().optional(),
  type: ObjectionType.optional(),
  title: required(200).optional(),
  method: ResponseMethod.optional(),
  body: required(5000).optional(),
  active: z.boolean().optional(),
});
export type ObjectionResponsePatch = z.input<typeof ObjectionResponsePatch>;

export const ObjectionResponseQuery = z.strictObject({
  type: ObjectionType.optional(),
  /** Include switched-off responses (the playbook page); the picker shows active ones only. */
  includeInactive: booleanFlag.optional(),
});

export const listObjectionResponses = defineRoute({
  method: 'GET',
  path: '/api/v1/objection-responses',
  summary: 'The objection playbook: proven responses by objection type',
  tags: ['deals'],
  access: 'session',
  scope: 'read',
  query: ObjectionResponseQuery,
  response: { 200: z.object({ items: z.array(ObjectionResponse) }) },
});

export const createObjectionResponse = defineRoute({
  method: 'POST',
  path: '/api/v1/objection-responses',
  summary: 'Add a response to the playbook (managers, directors, admins)',
  tags: ['deals'],
  access: 'session',
  permission: 'deals.configure',
  scope: 'write',
  body: ObjectionResponseInput,
  response: { 201: ObjectionResponse },
});

export const updateObjectionResponse = defineRoute({
  method: 'PATCH',
  path: '/api/v1/objection-responses/:id',
  summary: 'Edit or switch off a playbook response (objections that used it keep their copied text)',
  tags: ['deals'],
  access: 'session',
  permission: 'deals.configure',
  scope: 'write',
  params: IdParams,
  body: ObjectionResponsePatch,
  response: { 200: ObjectionResponse },
});

export const deleteObjectionResponse = defineRoute({
  method: 'DELETE',
  path: '/api/v1/objection-responses/:id',
  summary: 'Remove a playbook response (objections that used it keep their copied text)',
  tags: ['deals'],
  access: 'session',
  permission: 'deals.configure',
  scope: 'write',
  params: IdParams,
  response: { 204: z.null() },
});

// ——— Objections of a deal ———

export const DealObjection = z.object({
  id: Uuid,
  dealId: Uuid,
  type: ObjectionType,
  description: z.string(),
  responseId: Uuid.nullable(),
  responseTitle: z.string().nullable(),
  responseStrategy: z.string(),
  outcome: z.string(),
  status: ObjectionStatus,
  resolvedAt: IsoDateTime.nullable(),
  createdBy: Uuid.nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.number().int(),
});
export type DealObjection = z.infer<typeof DealObjection>;

export const ObjectionInput = z.strictObject({
  type: ObjectionType,
  description: required(2000),
  /** A playbook response: its text is copied into responseStrategy unless one is sent. */
  responseId: Uuid.nullable().default(null),
  responseStrategy: text(5000).optional(),
  outcome: text(2000).default(''),
  status: ObjectionStatus.default('open'),
});
export type ObjectionInput = z.input<typeof ObjectionInput>;

export const ObjectionPatch = z.strictObject({
  version: z.number().int().optional(),
  type: ObjectionType.optional(),
  description: required(2000).optional(),
  /** Choosing another playbook response copies its text unless responseStrategy is sent too. */
  responseId: Uuid.nullable().optional(),
  responseStrategy: text(5000).optional(),
  outcome: text(2000).optional(),
  status: ObjectionStatus.optional(),
});
export type ObjectionPatch = z.input<typeof ObjectionPatch>;

export const listDealObjections = defineRoute({
  method: 'GET',
  path: '/api/v1/deals/:id/objections',
  summary: 'The objections raised on a deal, open ones first',
  tags: ['deals'],
  access: 'session',
  scope: 'read',
  params: IdParams,
  response: { 200: z.object({ items: z.array(DealObjection) }) },
});

export const createDealObjection = defineRoute({
  method: 'POST',
  path: '/api/v1/deals/:id/objections',
  summary: 'Record an objection with the response chosen from the playbook or an own strategy',
  tags: ['deals'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: ObjectionInput,
  response: { 201: DealObjection },
});

export const updateDealObjection = defineRoute({
  method: 'PATCH',
  path: '/api/v1/deals/:id/objections/:objectionId',
  summary: 'Edit an objection, its response or its outcome; resolving it stamps resolvedAt',
  tags: ['deals'],
  access: 'session',
  scope: 'write',
  params: ObjectionParams,
  body: ObjectionPatch,
  response: { 200: DealObjection },
});

export const deleteDealObjection = defineRoute({
  method: 'DELETE',
  path: '/api/v1/deals/:id/objections/:objectionId',
  summary: 'Delete an objection recorded by mistake',
  tags: ['deals'],
  access: 'session',
  scope: 'write',
  params: ObjectionParams,
  response: { 204: z.null() },
});

// ——— Competitors ———

export const Competitor = z.object({
  id: Uuid,
  name: z.string(),
  website: z.string().nullable(),
  strengths: z.string(),
  weaknesses: z.string(),
  differentiation: z.string(),
  active: z.boolean(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.number().int(),
});
export type Competitor = z.infer<typeof Competitor>;

export const CompetitorInput = z.strictObject({
  name: required(200),
  website: text(500).nullable().default(null),
  strengths: text(5000).default(''),
  weaknesses: text(5000).default(''),
  differentiation: text(5000).default(''),
  active: z.boolean().default(true),
});
export type CompetitorInput = z.input<typeof CompetitorInput>;

export const CompetitorPatch = z.strictObject({
  version: z.number().int().optional(),
  name: required(200).optional(),
  website: text(500).nullable().optional(),
  strengths: text(5000).optional(),
  weaknesses: text(5000).optional(),
  differentiation: text(5000).optional(),
  active: z.boolean().optional(),
});
export type CompetitorPatch = z.input<typeof CompetitorPatch>;

export const CompetitorQuery = z.strictObject({
  /** Part of the name. */
  q: z.string().trim().max(200).optional(),
  includeInactive: booleanFlag.optional(),
});

export const CurrencyAmount = z.object({ currency: z.string(), amountMinor: z.number().int() });
export type CurrencyAmount = z.infer<typeof CurrencyAmount>;

/** The company's record against one competitor. */
export const CompetitorRecord = z.object({
  competitorId: Uuid,
  /** Deals naming the competitor (deal competitors), plus deals lost to it. */
  deals: z.number().int(),
  open: z.number().int(),
  won: z.number().int(),
  lost: z.number().int(),
  /** Of the lost ones, those lost to this competitor. */
  lostTo: z.number().int(),
  /** won / (won + lost) in percent, one decimal; null before any deal against them closed. */
  winRate: z.number().nullable(),
  /** Deal amounts by currency. */
  wonAmounts: z.array(CurrencyAmount),
  lostAmounts: z.array(CurrencyAmount),
});
export type CompetitorRecord = z.infer<typeof CompetitorRecord>;

export const listCompetitors = defineRoute({
  method: 'GET',
  path: '/api/v1/competitors',
  summary: 'The competitors the company meets, by name (search with q)',
  tags: ['deals'],
  access: 'session',
  scope: 'read',
  query: CompetitorQuery,
  response: { 200: z.object({ items: z.array(Competitor) }) },
});

export const getCompetitor = defineRoute({
  method: 'GET',
  path: '/api/v1/competitors/:id',
  summary: 'One competitor',
  tags: ['deals'],
  access: 'session',
  scope: 'read',
  params: IdParams,
  response: { 200: Competitor },
});

export const createCompetitor = defineRoute({
  method: 'POST',
  path: '/api/v1/competitors',
  summary: 'Add a competitor (managers, directors, admins)',
  tags: ['deals'],
  access: 'session',
  permission: 'deals.configure',
  scope: 'write',
  body: CompetitorInput,
  response: { 201: Competitor },
});

export const updateCompetitor = defineRoute({
  method: 'PATCH',
  path: '/api/v1/competitors/:id',
  summary: 'Edit a competitor, its strengths, weaknesses and differentiation',
  tags: ['deals'],
  access: 'session',
  permission: 'deals.configure',
  scope: 'write',
  params: IdParams,
  body: CompetitorPatch,
  response: { 200: Competitor },
});

export const deleteCompetitor = defineRoute({
  method: 'DELETE',
  path: '/api/v1/competitors/:id',
  summary: 'Delete a competitor no deal names (switch it off otherwise: 409 in_use)',
  tags: ['deals'],
  access: 'session',
  permission: 'deals.configure',
  scope: 'write',
  params: IdParams,
  response: { 204: z.null() },
});

export const getCompetitorRecord = defineRoute({
  method: 'GET',
  path: '/api/v1/competitors/:id/record',
  summary:
    'Deals won and lost against a competitor (a deal counts when its competitors name it, lost-to when it was lost to it), with amounts and win rate, over the deals the caller sees',
  tags: ['deals'],
  access: 'session',
  scope: 'read',
  params: IdParams,
  response: { 200: CompetitorRecord },
});

// ——— Competitors of a deal ———

export const DealCompetitor = z.object({
  competitorId: Uuid,
  name: z.string(),
  strengths: z.string(),
  weaknesses: z.string(),
  /** Our differentiation on this deal. */
  differentiation: z.string(),
  /** Their quoted price (deal currency). */
  priceMinor: z.number().int().nullable(),
  currency: z.string(),
  note: z.string(),
  createdAt: IsoDateTime,
});
export type DealCompetitor = z.infer<typeof DealCompetitor>;

export const DealCompetitorInput = z.strictObject({
  competitorId: Uuid,
  differentiation: text(5000).default(''),
  priceMinor: Money.nullable().default(null),
  note: text(2000).default(''),
});
export type DealCompetitorInput = z.input<typeof DealCompetitorInput>;

export const DealCompetitorPatch = z.strictObject({
  differentiation: text(5000).optional(),
  priceMinor: Money.nullable().optional(),
  note: text(2000).optional(),
});
export type DealCompetitorPatch = z.input<typeof DealCompetitorPatch>;

export const listDealCompetitors = defineRoute({
  method: 'GET',
  path: '/api/v1/deals/:id/competitors',
  summary: 'The competitors in a deal with our differentiation and their price',
  tags: ['deals'],
  access: 'session',
  scope: 'read',
  params: IdParams,
  response: { 200: z.object({ items: z.array(DealCompetitor) }) },
});

export const addDealCompetitor = defineRoute({
  method: 'POST',
  path: '/api/v1/deals/:id/competitors',
  summary: 'Name a competitor in a deal (409 when it is already there)',
  tags: ['deals'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: DealCompetitorInput,
  response: { 201: DealCompetitor },
});

export const updateDealCompetitor = defineRoute({
  method: 'PATCH',
  path: '/api/v1/deals/:id/competitors/:competitorId',
  summary: 'Edit our differentiation, their price or the note of a competitor in a deal',
  tags: ['deals'],
  access: 'session',
  scope: 'write',
  params: DealCompetitorParams,
  body: DealCompetitorPatch,
  response: { 200: DealCompetitor },
});

export const removeDealCompetitor = defineRoute({
  method: 'DELETE',
  path: '/api/v1/deals/:id/competitors/:competitorId',
  summary: 'Take a competitor off a deal',
  tags: ['deals'],
  access: 'session',
  scope: 'write',
  params: DealCompetitorParams,
  response: { 204: z.null() },
});

// ——— Negotiation settings ———

export const NegotiationSettings = z.object({
  priceBufferPercent: z.number().int(),
  version: z.number().int(),
});
export type NegotiationSettings = z.infer<typeof NegotiationSettings>;

export const NegotiationSettingsInput = z.strictObject({
  version: z.number().int().optional(),
  priceBufferPercent: z.number().int().min(0).max(MAX_PRICE_BUFFER_PERCENT),
});
export type NegotiationSettingsInput = z.input<typeof NegotiationSettingsInput>;

export const getNegotiationSettings = defineRoute({
  method: 'GET',
  path: '/api/v1/deal-settings/negotiation',
  summary: 'The price buffer below the reference price under which an agreed price needs approval',
  tags: ['deals'],
  access: 'session',
  scope: 'read',
  response: { 200: NegotiationSettings },
});

export const saveNegotiationSettings = defineRoute({
  method: 'PUT',
  path: '/api/v1/deal-settings/negotiation',
  summary: 'Change the price buffer (0–50 %); minutes already written keep the floor they had',
  tags: ['deals'],
  access: 'session',
  permission: 'deals.configure',
  scope: 'write',
  body: NegotiationSettingsInput,
  response: { 200: NegotiationSettings },
});

// ——— Minutes ———

/** The floor a deal's next minutes would get, and where it comes from. */
export const PriceFloor = z.object({
  /** latest approved or presented proposal, else the deal amount; none when neither exists. */
  source: z.enum(['proposal', 'deal_amount', 'none']),
  referenceMinor: z.number().int().nullable(),
  currency: z.string(),
  bufferPercent: z.number().int(),
  floorMinor: z.number().int().nullable(),
});
export type PriceFloor = z.infer<typeof PriceFloor>;

export const NegotiationMinutes = z.object({
  id: Uuid,
  dealId: Uuid,
  heldOn: IsoDate,
  attendees: z.string(),
  result: MinutesResult,
  finalPriceMinor: z.number().int().nullable(),
  currency: z.string().nullable(),
  deliveryTime: z.string(),
  paymentTerms: z.string(),
  liability: z.string(),
  otherTerms: z.string(),
  nextSteps: z.string(),
  nextMeetingOn: IsoDate.nullable(),
  strategyNote: z.string(),
  floorMinor: z.number().int().nullable(),
  floorApproval: FloorApproval,
  floorApprovedBy: Uuid.nullable(),
  floorApprovedByName: z.string().nullable(),
  floorApprovedAt: IsoDateTime.nullable(),
  floorComment: z.string(),
  /** The latest approval request about the price (null when none was needed). */
  floorRequest: z
    .object({
      id: Uuid,
      status: z.enum(['pending', 'approved', 'returned', 'cancelled']),
      /** The level it waits for now (manager, director, admin), null once decided. */
      waitingFor: z.string().nullable(),
      levels: z.array(z.string()),
      /** Text keys of why approval was needed (`approvals.reasons.*`). */
      reasons: z.array(z.string()),
    })
    .nullable(),
  signedByName: z.string().nullable(),
  signedOn: IsoDate.nullable(),
  /** Agreed, signed by the customer and within the floor or approved: what the "minutes signed" gate counts. */
  countsAsSigned: z.boolean(),
  createdBy: Uuid.nullable(),
  createdByName: z.string().nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.number().int(),
});
export type NegotiationMinutes = z.infer<typeof NegotiationMinutes>;

const minutesFields = {
  heldOn: IsoDate,
  attendees: text(2000).default(''),
  result: MinutesResult,
  /** Agreed minutes need the final price and its currency. */
  finalPriceMinor: Money.nullable().default(null),
  currency: Currency.nullable().default(null),
  deliveryTime: text(1000).default(''),
  paymentTerms: text(1000).default(''),
  liability: text(2000).default(''),
  otherTerms: text(5000).default(''),
  nextSteps: text(2000).default(''),
  /** No agreement needs both: when to meet again and how the approach changes. */
  nextMeetingOn: IsoDate.nullable().default(null),
  strategyNote: text(5000).default(''),
};

export const MinutesInput = z.strictObject(minutesFields);
export type MinutesInput = z.input<typeof MinutesInput>;

export const MinutesPatch = z.strictObject({
  version: z.number().int().optional(),
  heldOn: IsoDate.optional(),
  attendees: text(2000).optional(),
  result: MinutesResult.optional(),
  finalPriceMinor: Money.nullable().optional(),
  currency: Currency.nullable().optional(),
  deliveryTime: text(1000).optional(),
  paymentTerms: text(1000).optional(),
  liability: text(2000).optional(),
  otherTerms: text(5000).optional(),
  nextSteps: text(2000).optional(),
  nextMeetingOn: IsoDate.nullable().optional(),
  strategyNote: text(5000).optional(),
});
export type MinutesPatch = z.input<typeof MinutesPatch>;

export const SignOffInput = z.strictObject({
  signedByName: required(200),
  signedOn: IsoDate,
});
export type SignOffInput = z.input<typeof SignOffInput>;

export const FloorDecisionInput = z.strictObject({
  decision: z.enum(['approved', 'rejected']),
  comment: text(2000).default(''),
});
export type FloorDecisionInput = z.input<typeof FloorDecisionInput>;

export const listDealMinutes = defineRoute({
  method: 'GET',
  path: '/api/v1/deals/:id/minutes',
  summary: 'The negotiation minutes of a deal, latest meeting first, with the price floor in force now',
  tags: ['deals'],
  access: 'session',
  scope: 'read',
  params: IdParams,
  response: { 200: z.object({ items: z.array(NegotiationMinutes), floor: PriceFloor }) },
});

export const createDealMinutes = defineRoute({
  method: 'POST',
  path: '/api/v1/deals/:id/minutes',
  summary:
    "Write the minutes of a negotiation meeting. An agreed price below the floor waits for approval (approvers are told); no agreement tells the owner's managers",
  tags: ['deals'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: MinutesInput,
  response: { 201: NegotiationMinutes },
});

export const updateDealMinutes = defineRoute({
  method: 'PATCH',
  path: '/api/v1/deals/:id/minutes/:minutesId',
  summary:
    'Edit minutes (send the version you read). Changing the price or result checks the floor again and clears the sign-off; saving rejected or withdrawn minutes asks for approval again',
  tags: ['deals'],
  access: 'session',
  scope: 'write',
  params: MinutesParams,
  body: MinutesPatch,
  response: { 200: NegotiationMinutes },
});

export const deleteDealMinutes = defineRoute({
  method: 'DELETE',
  path: '/api/v1/deals/:id/minutes/:minutesId',
  summary: 'Delete minutes written by mistake',
  tags: ['deals'],
  access: 'session',
  scope: 'write',
  params: MinutesParams,
  response: { 204: z.null() },
});

export const signOffDealMinutes = defineRoute({
  method: 'POST',
  path: '/api/v1/deals/:id/minutes/:minutesId/sign-off',
  summary: 'Record that the customer signed agreed minutes (who and when)',
  tags: ['deals'],
  access: 'session',
  scope: 'write',
  params: MinutesParams,
  body: SignOffInput,
  response: { 200: NegotiationMinutes },
});

export const decideDealMinutesFloor = defineRoute({
  method: 'POST',
  path: '/api/v1/deals/:id/minutes/:minutesId/floor-decision',
  summary:
    "Approve or return an agreed price below the floor: decides the current step of its approval request (the approvals matrix says who; never the minutes' author)",
  tags: ['deals'],
  access: 'session',
  scope: 'write',
  params: MinutesParams,
  body: FloorDecisionInput,
  response: { 200: NegotiationMinutes },
});
