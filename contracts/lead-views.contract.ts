import { z } from 'zod';
import { defineRoute, IdParams, IsoDateTime, Uuid } from './common';
import { LEAD_SORTS, LeadFilter } from './leads.contract';

/**
 * Saved views of the lead list: a name, the list's filters, the columns shown and the sort. A view is
 * private to its owner unless shared with the whole company; only its owner changes or deletes it.
 */

/** Columns the lead list can show, in their default order. */
export const LEAD_LIST_COLUMNS = [
  'companyName',
  'contactName',
  'title',
  'phone',
  'email',
  'status',
  'grade',
  'score',
  'probability',
  'sla',
  'owner',
  'team',
  'source',
  'region',
  'industry',
  'companySize',
  'duplicates',
  'lastActivityAt',
  'createdAt',
  'updatedAt',
] as const;
export const LeadListColumn = z.enum(LEAD_LIST_COLUMNS);
export type LeadListColumn = z.infer<typeof LeadListColumn>;

/** What the list shows when no view says otherwise. */
export const DEFAULT_LEAD_COLUMNS: readonly LeadListColumn[] = [
  'companyName',
  'contactName',
  'status',
  'grade',
  'score',
  'probability',
  'sla',
  'owner',
  'source',
  'duplicates',
  'createdAt',
];

export const LeadSort = z.enum(LEAD_SORTS);
export type LeadSort = z.infer<typeof LeadSort>;

/**
 * Filters as the list's query string carries them (`{ status: 'new,mql', slaBreached: 'true' }`), accepted
 * only if the list itself would accept them: the same LeadFilter checks, reported under `filters.<key>`.
 */
export const ViewFilters = z.record(z.string(), z.string().max(2000)).superRefine((value, ctx) => {
  const parsed = LeadFilter.safeParse(value);
  if (parsed.success) return;
  for (const issue of parsed.error.issues) {
    const key = issue.path[0];
    ctx.addIssue({ ...issue, input: typeof key === 'string' ? value[key] : value } as Parameters<
      typeof ctx.addIssue
    >[0]);
  }
});
export type ViewFilters = z.infer<typeof ViewFilters>;

export const LeadView = z.object({
  id: Uuid,
  name: z.string(),
  filters: z.record(z.string(), z.string()),
  /** Empty: the list's default columns. */
  columns: z.array(LeadListColumn),
  sort: LeadSort,
  shared: z.boolean(),
  ownerId: Uuid,
  ownerName: z.string().nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.number().int(),
});
export type LeadView = z.infer<typeof LeadView>;

const ViewName = z.string().trim().min(1).max(100);
/** Shown in this order; a column named twice is kept once. */
const ViewColumns = z.array(LeadListColumn).max(LEAD_LIST_COLUMNS.length * 2);

export const listLeadViews = defineRoute({
  method: 'GET',
  path: '/api/v1/lead-views',
  summary: 'My saved lead views and those shared with the company, by name',
  tags: ['leads'],
  access: 'session',
  scope: 'read',
  response: { 200: z.object({ items: z.array(LeadView) }) },
});

export const getLeadView = defineRoute({
  method: 'GET',
  path: '/api/v1/lead-views/:id',
  summary: 'One saved lead view (mine, or shared with the company)',
  tags: ['leads'],
  access: 'session',
  scope: 'read',
  params: IdParams,
  response: { 200: LeadView },
});

export const createLeadView = defineRoute({
  method: 'POST',
  path: '/api/v1/lead-views',
  summary: 'Save the lead list’s filters, columns and sort as a view',
  tags: ['leads'],
  access: 'session',
  scope: 'write',
  body: z.strictObject({
    name: ViewName,
    filters: ViewFilters.default({}),
    columns: ViewColumns.default([]),
    sort: LeadSort.default('-createdAt'),
    shared: z.boolean().default(false),
  }),
  response: { 201: LeadView },
});

export const updateLeadView = defineRoute({
  method: 'PATCH',
  path: '/api/v1/lead-views/:id',
  summary: 'Rename, re-filter, share or unshare my view (send the version you read)',
  tags: ['leads'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: z.strictObject({
    version: z.number().int().optional(),
    name: ViewName.optional(),
    filters: ViewFilters.optional(),
    columns: ViewColumns.optional(),
    sort: LeadSort.optional(),
    shared: z.boolean().optional(),
  }),
  response: { 200: LeadView },
});

export const deleteLeadView = defineRoute({
  method: 'DELETE',
  path: '/api/v1/lead-views/:id',
  summary: 'Delete my view',
  tags: ['leads'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  response: { 204: z.null() },
});
