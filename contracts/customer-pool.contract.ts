import { z } from 'zod';
import { defineRoute, IdParams, IsoDateTime, pageOf, Uuid } from './common';
import { CUSTOMER_SORTS, CustomerFilter, CustomerSummary } from './customers.contract';

/**
 * The public pool (公海, DOMAIN.md §7): customers without owner. Reps claim from it within the company's
 * limits; owners and their managers release customers into it with a reason; a scheduled sweep returns
 * customers whose owner logged no follow-up for the company's number of days, warning the owner first.
 */

/**
 * Pool rules of the company. A customer returns after `returnDays` days without a logged follow-up (per
 * tier when set); the owner is warned `warnDays` days before. A rep may claim at most `claimLimit`
 * customers in any `claimPeriodDays` days, and none while holding `holdLimit` customers (null: no cap).
 */
export const CustomerPoolSettings = z.object({
  returnDays: z.number().int(),
  returnDaysStrategic: z.number().int().nullable(),
  returnDaysGrowth: z.number().int().nullable(),
  returnDaysPotential: z.number().int().nullable(),
  returnDaysDormant: z.number().int().nullable(),
  warnDays: z.number().int(),
  claimLimit: z.number().int(),
  claimPeriodDays: z.number().int(),
  holdLimit: z.number().int().nullable(),
  version: z.number().int(),
});
export type CustomerPoolSettings = z.infer<typeof CustomerPoolSettings>;

const Days = z.number().int().min(1).max(3650);

export const getCustomerPoolSettings = defineRoute({
  method: 'GET',
  path: '/api/v1/customer-settings',
  summary: 'Public pool rules of the company (defaults until changed)',
  tags: ['customers'],
  access: 'session',
  scope: 'read',
  response: { 200: CustomerPoolSettings },
});

export const updateCustomerPoolSettings = defineRoute({
  method: 'PUT',
  path: '/api/v1/customer-settings',
  summary: 'Replace the public pool rules (send the version you read)',
  tags: ['customers'],
  access: 'session',
  permission: 'customers.configure',
  scope: 'admin',
  body: z.strictObject({
    version: z.number().int(),
    returnDays: Days,
    returnDaysStrategic: Days.nullable(),
    returnDaysGrowth: Days.nullable(),
    returnDaysPotential: Days.nullable(),
    returnDaysDormant: Days.nullable(),
    warnDays: z.number().int().min(0).max(365),
    claimLimit: z.number().int().min(0).max(10_000),
    claimPeriodDays: Days,
    holdLimit: z.number().int().min(0).max(100_000).nullable(),
  }),
  response: { 200: CustomerPoolSettings },
});

/** What the caller may still claim now. */
export const PoolQuota = z.object({
  claimLimit: z.number().int(),
  claimPeriodDays: z.number().int(),
  claimedInPeriod: z.number().int(),
  holdLimit: z.number().int().nullable(),
  held: z.number().int(),
  /** How many more the caller may claim now (0: none). */
  remaining: z.number().int(),
});
export type PoolQuota = z.infer<typeof PoolQuota>;

export const listPool = defineRoute({
  method: 'GET',
  path: '/api/v1/pool',
  summary: 'Customers in the public pool (no owner), filtered like the customer list',
  tags: ['customers'],
  access: 'session',
  scope: 'read',
  query: CustomerFilter.omit({ ownerId: true }).extend({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(500).optional(),
    sort: z.enum(CUSTOMER_SORTS).default('-updatedAt'),
  }),
  response: { 200: pageOf(CustomerSummary).extend({ quota: PoolQuota }) },
});

export const claimCustomer = defineRoute({
  method: 'POST',
  path: '/api/v1/pool/:id/claim',
  summary: 'Claim a pool customer (409 when someone else was faster or the claim limit is reached)',
  tags: ['customers'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  response: { 200: z.object({ id: Uuid, ownerId: Uuid, version: z.number().int(), quota: PoolQuota }) },
});

export const releaseCustomer = defineRoute({
  method: 'POST',
  path: '/api/v1/customers/:id/release',
  summary: 'Put a customer back into the public pool (its owner or their manager), with a reason',
  tags: ['customers'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: z.strictObject({ reason: z.string().trim().min(1).max(500) }),
  response: { 200: z.object({ id: Uuid, version: z.number().int() }) },
});

export const POOL_EVENT_KINDS = ['claim', 'release', 'return'] as const;
export const PoolEventKind = z.enum(POOL_EVENT_KINDS);
export type PoolEventKind = z.infer<typeof PoolEventKind>;

export const PoolEvent = z.object({
  id: Uuid,
  kind: PoolEventKind,
  userId: Uuid.nullable(),
  userName: z.string().nullable(),
  actorId: Uuid.nullable(),
  actorName: z.string().nullable(),
  auto: z.boolean(),
  reason: z.string(),
  createdAt: IsoDateTime,
});
export type PoolEvent = z.infer<typeof PoolEvent>;

export const listPoolHistory = defineRoute({
  method: 'GET',
  path: '/api/v1/customers/:id/pool-history',
  summary: 'Claims, releases and automatic returns of a customer, newest first',
  tags: ['customers'],
  access: 'session',
  scope: 'read',
  params: IdParams,
  response: { 200: z.object({ items: z.array(PoolEvent) }) },
});
