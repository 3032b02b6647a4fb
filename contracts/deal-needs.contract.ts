import { z } from 'zod';
import { Currency, defineRoute, IdParams, IsoDateTime, Uuid } from './common';

/**
 * Needs analysis of a deal (DOMAIN.md §2): one record per deal with the customer's situation, budget and
 * decision process and its needs (pain points, goals, requirements), each core/secondary/potential and
 * explicit/implicit. "Confirm with customer" records who confirmed and when, and returns a read-only link
 * (shown once) to a printable page. Editing after a confirmation is allowed: the confirmation is kept, and
 * `confirmation.changedSinceConfirmation` turns true until the customer confirms again.
 */

export const NEED_KINDS = ['pain_point', 'goal', 'requirement'] as const;
export const NeedKind = z.enum(NEED_KINDS);
export type NeedKind = z.infer<typeof NeedKind>;

export const NEED_PRIORITIES = ['core', 'secondary', 'potential'] as const;
export const NeedPriority = z.enum(NEED_PRIORITIES);
export type NeedPriority = z.infer<typeof NeedPriority>;

export const NEED_EXPLICITNESS = ['explicit', 'implicit'] as const;
export const NeedExplicitness = z.enum(NEED_EXPLICITNESS);
export type NeedExplicitness = z.infer<typeof NeedExplicitness>;

/** Most needs one record holds. */
export const MAX_NEED_ITEMS = 100;
/** Link lifetime when the confirmation names none, and the longest allowed. */
export const NEEDS_LINK_DEFAULT_DAYS = 30;
export const NEEDS_LINK_MAX_DAYS = 365;

const LongText = z.string().trim().max(5000);
const ShortText = z.string().trim().max(1000);
const Money = z.number().int().min(0).max(1e15);
const IsoDate = z.iso.date();

export const NeedItem = z.object({
  id: Uuid,
  kind: NeedKind,
  description: z.string(),
  priority: NeedPriority,
  explicitness: NeedExplicitness,
  position: z.number().int(),
});
export type NeedItem = z.infer<typeof NeedItem>;

export const NeedItemInput = z.strictObject({
  /** An item's id keeps it (and what proposals map to it); without one a new item is created. */
  id: Uuid.optional(),
  kind: NeedKind,
  description: z.string().trim().min(1).max(2000),
  priority: NeedPriority,
  explicitness: NeedExplicitness.default('explicit'),
});
export type NeedItemInput = z.input<typeof NeedItemInput>;

export const NeedsConfirmation = z.object({
  confirmedAt: IsoDateTime,
  confirmedByName: z.string(),
  /** The record was edited after the customer confirmed it. */
  changedSinceConfirmation: z.boolean(),
  /** Until when the read-only link works (null: no live link, e.g. revoked or expired). */
  linkExpiresAt: IsoDateTime.nullable(),
});
export type NeedsConfirmation = z.infer<typeof NeedsConfirmation>;

export const DealNeeds = z.object({
  dealId: Uuid,
  currentBusiness: z.string(),
  currentTools: z.string(),
  expectedResults: z.string(),
  deadlineOn: IsoDate.nullable(),
  decisionProcess: z.string(),
  budgetMinMinor: z.number().int().nullable(),
  budgetMaxMinor: z.number().int().nullable(),
  budgetCurrency: z.string().nullable(),
  paymentPreference: z.string(),
  specialRequirements: z.string(),
  summary: z.string(),
  items: z.array(NeedItem),
  /** Core pain points: what the "needs confirmed" gate of a pipeline counts. */
  corePainPoints: z.number().int(),
  confirmation: NeedsConfirmation.nullable(),
  /** 0 until the record is first saved; send it back with the next PUT. */
  version: z.number().int(),
  updatedAt: IsoDateTime.nullable(),
});
export type DealNeeds = z.infer<typeof DealNeeds>;

export const NeedsInput = z.strictObject({
  version: z.number().int().min(0),
  currentBusiness: LongText.default(''),
  currentTools: LongText.default(''),
  expectedResults: LongText.default(''),
  deadlineOn: IsoDate.nullable().default(null),
  decisionProcess: LongText.default(''),
  /** Budget range in minor units; min ≤ max, and a currency whenever either is set. */
  budgetMinMinor: Money.nullable().default(null),
  budgetMaxMinor: Money.nullable().default(null),
  budgetCurrency: Currency.nullable().default(null),
  paymentPreference: ShortText.default(''),
  specialRequirements: LongText.default(''),
  summary: LongText.default(''),
  items: z.array(NeedItemInput).max(MAX_NEED_ITEMS).default([]),
});
export type NeedsInput = z.input<typeof NeedsInput>;

export const ConfirmNeedsInput = z.strictObject({
  /** The version the user confirmed (412 when the record changed meanwhile). */
  version: z.number().int().min(1),
  confirmedByName: z.string().trim().min(1).max(200),
  /** The summary the customer agreed to ("your core needs are X + Y"). */
  summary: z.string().trim().min(1).max(5000),
  expiresInDays: z.number().int().min(1).max(NEEDS_LINK_MAX_DAYS).default(NEEDS_LINK_DEFAULT_DAYS),
});
export type ConfirmNeedsInput = z.input<typeof ConfirmNeedsInput>;

export const NeedsShareLink = z.object({
  /** Shown once: only its hash is stored. */
  token: z.string(),
  /** The printable page. */
  url: z.string(),
  expiresAt: IsoDateTime,
});
export type NeedsShareLink = z.infer<typeof NeedsShareLink>;

/** What the read-only link shows: the record without internal ids or versions. */
export const PublicNeeds = z.object({
  /** The selling company (the tenant). */
  companyName: z.string(),
  customerName: z.string(),
  /** The company's default language: the page's language when the reader asks for none. */
  defaultLocale: z.string(),
  /** The company's time zone, for the dates shown. */
  timeZone: z.string(),
  currentBusiness: z.string(),
  currentTools: z.string(),
  expectedResults: z.string(),
  deadlineOn: IsoDate.nullable(),
  decisionProcess: z.string(),
  budgetMinMinor: z.number().int().nullable(),
  budgetMaxMinor: z.number().int().nullable(),
  budgetCurrency: z.string().nullable(),
  paymentPreference: z.string(),
  specialRequirements: z.string(),
  summary: z.string(),
  items: z.array(
    z.object({
      kind: NeedKind,
      description: z.string(),
      priority: NeedPriority,
      explicitness: NeedExplicitness,
    }),
  ),
  confirmedAt: IsoDateTime,
  confirmedByName: z.string(),
  changedSinceConfirmation: z.boolean(),
  expiresAt: IsoDateTime,
});
export type PublicNeeds = z.infer<typeof PublicNeeds>;

export const NeedsTokenParams = z.strictObject({ token: z.string().min(1).max(300) });

export const getDealNeeds = defineRoute({
  method: 'GET',
  path: '/api/v1/deals/:id/needs',
  summary: 'The needs analysis of a deal (an empty record with version 0 until first saved)',
  tags: ['deals'],
  access: 'session',
  scope: 'read',
  params: IdParams,
  response: { 200: DealNeeds },
});

export const saveDealNeeds = defineRoute({
  method: 'PUT',
  path: '/api/v1/deals/:id/needs',
  summary:
    'Replace the needs analysis with its items (send the version you read; 0 the first time). Editing a confirmed record marks the confirmation as changed',
  tags: ['deals'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: NeedsInput,
  response: { 200: DealNeeds },
});

export const confirmDealNeeds = defineRoute({
  method: 'POST',
  path: '/api/v1/deals/:id/needs/confirm',
  summary:
    'Record that the customer confirmed the needs and issue a read-only link (replaces any earlier link; the token is shown once)',
  tags: ['deals'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: ConfirmNeedsInput,
  response: { 200: z.object({ needs: DealNeeds, link: NeedsShareLink }) },
});

export const issueDealNeedsLink = defineRoute({
  method: 'POST',
  path: '/api/v1/deals/:id/needs/link',
  summary:
    'A new read-only link to the confirmed needs (replaces the previous one, which stops working; the token is shown once)',
  tags: ['deals'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: z.strictObject({
    expiresInDays: z.number().int().min(1).max(NEEDS_LINK_MAX_DAYS).default(NEEDS_LINK_DEFAULT_DAYS),
  }),
  response: { 200: NeedsShareLink },
});

export const revokeDealNeedsLink = defineRoute({
  method: 'DELETE',
  path: '/api/v1/deals/:id/needs/link',
  summary: 'Switch off the read-only link of the needs confirmation (the confirmation itself stays)',
  tags: ['deals'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  response: { 204: z.null() },
});

export const getPublicNeeds = defineRoute({
  method: 'GET',
  path: '/api/v1/public/needs/:token',
  summary:
    'A confirmed needs record through its read-only link (404 for a wrong, revoked or expired link). The printable page is /n/{token}',
  tags: ['deals'],
  access: 'public',
  params: NeedsTokenParams,
  response: { 200: PublicNeeds },
});
