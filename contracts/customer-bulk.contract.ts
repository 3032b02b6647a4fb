import { z } from 'zod';
import { defineRoute, Uuid } from './common';
import { CustomerFilter, TagList } from './customers.contract';

/**
 * One change applied to many customers: the rows picked in the list (`ids`), or every customer a filter or
 * saved segment matches (`filter`, the list's own query, `segment` included). Each customer succeeds or fails
 * on its own, with the same rules as editing it alone (scope, permission, audit, version).
 */

/** Customers picked by id, per request. */
export const CUSTOMER_BULK_MAX_IDS = 1000;
/** Customers a filter may match for one request; a wider filter is refused, so nobody changes more than meant. */
export const CUSTOMER_BULK_MAX_MATCHES = 5000;

const Tags = TagList.min(1);

export const CustomerBulkAction = z.discriminatedUnion('kind', [
  /** New owner, and optionally a team (null: no team); omitted, each customer keeps its team. */
  z.strictObject({ kind: z.literal('assign'), ownerId: Uuid, teamId: Uuid.nullable().optional() }),
  z.strictObject({ kind: z.literal('addTags'), tags: Tags }),
  z.strictObject({ kind: z.literal('removeTags'), tags: Tags }),
  /** Back into the public pool, with the reason its history keeps. */
  z.strictObject({ kind: z.literal('release'), reason: z.string().trim().min(1).max(500) }),
]);
export type CustomerBulkAction = z.infer<typeof CustomerBulkAction>;
export type CustomerBulkKind = CustomerBulkAction['kind'];

export const CustomerBulkBody = z
  .strictObject({
    ids: z.array(Uuid).min(1).max(CUSTOMER_BULK_MAX_IDS).optional(),
    filter: CustomerFilter.optional(),
    action: CustomerBulkAction,
  })
  .superRefine((body, ctx) => {
    if ((body.ids === undefined) === (body.filter === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['ids'], message: 'ids_or_filter_required', input: body.ids });
    }
  });
export type CustomerBulkBody = z.infer<typeof CustomerBulkBody>;

export const CustomerBulkResult = z.object({
  /** Customers the request picked (ids given, or those the filter matched within the caller's scope). */
  matched: z.number().int(),
  updated: z.number().int(),
  /** Already as asked (owner already theirs, tags already there or not there). */
  unchanged: z.number().int(),
  failed: z.array(z.object({ id: Uuid, name: z.string().nullable(), code: z.string(), detail: z.string() })),
});
export type CustomerBulkResult = z.infer<typeof CustomerBulkResult>;

export const bulkUpdateCustomers = defineRoute({
  method: 'POST',
  path: '/api/v1/customers/bulk',
  summary:
    'Reassign, tag, untag or release many customers (picked by id, or all a filter or segment matches); each succeeds or fails on its own',
  tags: ['customers'],
  access: 'session',
  scope: 'write',
  body: CustomerBulkBody,
  response: { 200: CustomerBulkResult },
});
