import { z } from 'zod';
import { defineRoute, IdParams, IsoDateTime, PageQuery, pageOf, Uuid } from './common';

/**
 * After-sales signals of a customer's health (DOMAIN.md §6–7): complaints (客户投诉), open until resolved with
 * a resolution, and product usage reported per customer, metric and day (by an integration with an API
 * token, or by hand). An open complaint and falling usage take points off the customer's health score.
 */

const text = (max: number) => z.string().trim().max(max);
/** A calendar day, YYYY-MM-DD. */
const Day = z.iso.date();

export const COMPLAINT_SEVERITIES = ['low', 'medium', 'high'] as const;
export const ComplaintSeverity = z.enum(COMPLAINT_SEVERITIES);
export type ComplaintSeverity = z.infer<typeof ComplaintSeverity>;

export const COMPLAINT_STATUSES = ['open', 'resolved'] as const;
export const ComplaintStatus = z.enum(COMPLAINT_STATUSES);
export type ComplaintStatus = z.infer<typeof ComplaintStatus>;

/** What a complaint is about: the product, delivery, service, billing, or anything else. */
export const COMPLAINT_CATEGORIES = ['product', 'delivery', 'service', 'billing', 'other'] as const;
export const ComplaintCategory = z.enum(COMPLAINT_CATEGORIES);
export type ComplaintCategory = z.infer<typeof ComplaintCategory>;

export const Complaint = z.object({
  id: Uuid,
  customerId: Uuid,
  customerName: z.string(),
  contactId: Uuid.nullable(),
  contactName: z.string().nullable(),
  title: z.string(),
  description: z.string(),
  category: ComplaintCategory,
  severity: ComplaintSeverity,
  status: ComplaintStatus,
  /** Who handles it (the customer's owner unless set). */
  ownerId: Uuid.nullable(),
  ownerName: z.string().nullable(),
  receivedAt: IsoDateTime,
  resolvedAt: IsoDateTime.nullable(),
  resolution: z.string().nullable(),
  /** Days from receipt to resolution, or to now while open. */
  ageDays: z.number().int(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.number().int(),
});
export type Complaint = z.infer<typeof Complaint>;

export const ComplaintInput = z.strictObject({
  customerId: Uuid,
  contactId: Uuid.nullable().optional(),
  title: text(200).min(1),
  description: text(5000).default(''),
  category: ComplaintCategory.default('other'),
  severity: ComplaintSeverity.default('medium'),
  ownerId: Uuid.nullable().optional(),
  /** When the customer complained; now if not given (never in the future). */
  receivedAt: IsoDateTime.optional(),
});

/** A change: fields to edit, or `status` to resolve (with a resolution) or reopen. */
export const ComplaintPatch = z.strictObject({
  version: z.number().int().min(1),
  title: text(200).min(1).optional(),
  description: text(5000).optional(),
  category: ComplaintCategory.optional(),
  severity: ComplaintSeverity.optional(),
  contactId: Uuid.nullable().optional(),
  ownerId: Uuid.nullable().optional(),
  status: ComplaintStatus.optional(),
  /** Required to resolve: what was done. */
  resolution: text(5000).optional(),
});

export const ComplaintQuery = PageQuery.extend({
  customerId: Uuid.optional(),
  status: ComplaintStatus.optional(),
  severity: ComplaintSeverity.optional(),
  /** Only complaints this user handles. */
  ownerId: Uuid.optional(),
});

const tags = ['complaints'];

export const listComplaints = defineRoute({
  method: 'GET',
  path: '/api/v1/complaints',
  summary:
    'Complaints of the customers the caller may see, newest first (filter by status, severity, customer, handler)',
  tags,
  access: 'session',
  scope: 'read',
  query: ComplaintQuery,
  response: { 200: pageOf(Complaint) },
});

export const createComplaint = defineRoute({
  method: 'POST',
  path: '/api/v1/complaints',
  summary: "Record a customer's complaint (it counts against the customer's health while open)",
  tags,
  access: 'session',
  scope: 'write',
  body: ComplaintInput,
  response: { 201: Complaint },
});

export const getComplaint = defineRoute({
  method: 'GET',
  path: '/api/v1/complaints/:id',
  summary: 'One complaint',
  tags,
  access: 'session',
  scope: 'read',
  params: IdParams,
  response: { 200: Complaint },
});

export const patchComplaint = defineRoute({
  method: 'PATCH',
  path: '/api/v1/complaints/:id',
  summary: 'Edit a complaint, resolve it with a resolution, or reopen it (optimistic version)',
  tags,
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: ComplaintPatch,
  response: { 200: Complaint },
});

/** A usage metric's name as integrations send it: "active_users", "api_calls", "logins". */
export const UsageMetric = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_.-]{0,59}$/, 'invalid_metric');

export const UsageRecordInput = z.strictObject({
  customerId: Uuid,
  metric: UsageMetric,
  day: Day,
  value: z.number().min(0).max(1e12),
});

export const recordUsage = defineRoute({
  method: 'POST',
  path: '/api/v1/usage',
  summary:
    "Report product usage per customer, metric and day (an integration's daily push). A day reported again " +
    'replaces its value, so a retried push never counts twice.',
  tags: ['usage'],
  access: 'session',
  scope: 'write',
  body: z.strictObject({ records: z.array(UsageRecordInput).min(1).max(1000) }),
  response: { 200: z.object({ stored: z.number().int() }) },
});

export const UsageSeries = z.object({
  metric: z.string(),
  /** Every day of the period, oldest first; a day without a report is 0. */
  days: z.array(z.object({ day: Day, value: z.number() })),
  /** The sum over the last window and the one before it (the health rule's window), and the change in percent. */
  recentTotal: z.number(),
  previousTotal: z.number(),
  changePercent: z.number().nullable(),
});
export type UsageSeries = z.infer<typeof UsageSeries>;

export const CustomerUsage = z.object({
  windowDays: z.number().int(),
  from: Day,
  to: Day,
  metrics: z.array(UsageSeries),
});
export type CustomerUsage = z.infer<typeof CustomerUsage>;

export const getCustomerUsage = defineRoute({
  method: 'GET',
  path: '/api/v1/customers/:id/usage',
  summary:
    "A customer's reported usage per metric over the last two windows (the health rule's usageWindowDays " +
    'by default), each day filled in, with the change',
  tags: ['usage'],
  access: 'session',
  scope: 'read',
  params: IdParams,
  query: z.strictObject({ windowDays: z.coerce.number().int().min(1).max(365).default(30) }),
  response: { 200: CustomerUsage },
});
