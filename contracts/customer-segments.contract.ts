import { z } from 'zod';
import { defineRoute, IdParams, IsoDateTime, Uuid } from './common';
import { CustomerFilter } from './customers.contract';

/**
 * Customer segments (客户分群): named, saved filters over customer fields, tags, tier, lifecycle stage, health
 * and custom fields. The customer list and its count take `segment=<id>` (explicit filters refine it), and
 * later modules (campaigns, bulk actions) resolve a segment the same way. A segment is private to its owner
 * unless shared with the company; only its owner changes or deletes it.
 */

/**
 * Filters as the list's query string carries them (`{ tier: 'strategic,growth', atRisk: 'true' }`), accepted
 * only if the list itself would accept them, reported under `filters.<key>`; a segment cannot nest another.
 */
export const SegmentFilters = z.record(z.string(), z.string().max(2000)).superRefine((value, ctx) => {
  if ('segment' in value) {
    ctx.addIssue({ code: 'custom', path: ['segment'], message: 'invalid', input: value.segment });
    return;
  }
  const parsed = CustomerFilter.safeParse(value);
  if (parsed.success) return;
  for (const issue of parsed.error.issues) {
    const key = issue.path[0];
    ctx.addIssue({ ...issue, input: typeof key === 'string' ? value[key] : value } as Parameters<
      typeof ctx.addIssue
    >[0]);
  }
});

export const CustomerSegment = z.object({
  id: Uuid,
  name: z.string(),
  description: z.string(),
  filters: z.record(z.string(), z.string()),
  shared: z.boolean(),
  ownerId: Uuid,
  ownerName: z.string().nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.number().int(),
});
export type CustomerSegment = z.infer<typeof CustomerSegment>;

const Name = z.string().trim().min(1).max(100);
const Description = z.string().trim().max(500);

export const listCustomerSegments = defineRoute({
  method: 'GET',
  path: '/api/v1/customer-segments',
  summary: 'My customer segments and those shared with the company, by name',
  tags: ['customers'],
  access: 'session',
  scope: 'read',
  response: { 200: z.object({ items: z.array(CustomerSegment) }) },
});

export const getCustomerSegment = defineRoute({
  method: 'GET',
  path: '/api/v1/customer-segments/:id',
  summary: 'One customer segment (mine, or shared with the company)',
  tags: ['customers'],
  access: 'session',
  scope: 'read',
  params: IdParams,
  response: { 200: CustomerSegment },
});

export const createCustomerSegment = defineRoute({
  method: 'POST',
  path: '/api/v1/customer-segments',
  summary: 'Save the customer list’s filters as a segment',
  tags: ['customers'],
  access: 'session',
  scope: 'write',
  body: z.strictObject({
    name: Name,
    description: Description.default(''),
    filters: SegmentFilters,
    shared: z.boolean().default(false),
  }),
  response: { 201: CustomerSegment },
});

export const updateCustomerSegment = defineRoute({
  method: 'PATCH',
  path: '/api/v1/customer-segments/:id',
  summary: 'Rename, re-filter, share or unshare my segment (send the version you read)',
  tags: ['customers'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: z.strictObject({
    version: z.number().int().optional(),
    name: Name.optional(),
    description: Description.optional(),
    filters: SegmentFilters.optional(),
    shared: z.boolean().optional(),
  }),
  response: { 200: CustomerSegment },
});

export const deleteCustomerSegment = defineRoute({
  method: 'DELETE',
  path: '/api/v1/customer-segments/:id',
  summary: 'Delete my segment',
  tags: ['customers'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  response: { 204: z.null() },
});
