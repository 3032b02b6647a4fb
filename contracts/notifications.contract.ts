import { z } from 'zod';
import { defineRoute, IsoDateTime, PageQuery, pageOf, Uuid } from './common';

/** In-app notifications of the signed-in user (new lead assigned, SLA breached, lead became MQL…). */

/** Every kind has a message in both web catalogues (`notification.<kind>`), filled from `params`. */
export const NOTIFICATION_KINDS = [
  'lead_assigned',
  'lead_mql',
  'lead_sla_breached',
  'lead_sla_escalated',
  'lead_revisit_due',
  'lead_import_done',
  /** A customer or contact import finished (`params.object`: customer | contact). */
  'record_import_done',
  'task_due',
  /** A task, meeting or visit reminder the owner set. */
  'activity_reminder',
  /** A manager commented on the recipient's daily log. */
  'daily_log_reviewed',
  /** An owned customer returns to the public pool in a few days unless followed up. */
  'customer_pool_warning',
  /** The health score of a customer fell below the company's threshold (owner and their managers). */
  'customer_at_risk',
  /** An owned customer went back to the public pool for lack of follow-up. */
  'customer_returned_to_pool',
  /** A deal of the recipient (or their team) stayed in its stage longer than the stage allows. */
  'deal_stale',
  /** A proposal promised to a customer on a deal of the recipient (or their team) is late. */
  'deal_proposal_late',
  /** A proposal version waits for the recipient's review. */
  'proposal_review_requested',
  /** The recipient's proposal version was approved in review. */
  'proposal_approved',
  /** The recipient's proposal version was returned with the reviewer's comment. */
  'proposal_returned',
  /** An agreed price below the negotiation floor waits for the recipient's approval. */
  'price_floor_approval_requested',
  /** The price of the recipient's negotiation minutes was approved below the floor. */
  'price_floor_approved',
  /** The price of the recipient's negotiation minutes was rejected. */
  'price_floor_rejected',
  /** A negotiation on a deal of the recipient's team ended without agreement. */
  'negotiation_no_agreement',
  /** The customer opened the recipient's quote for the first time. */
  'quote_viewed',
  /** The customer accepted the recipient's quote online. */
  'quote_accepted',
  /** The customer declined the recipient's quote online. */
  'quote_declined',
  /** The recipient's sent quote passed its validity unanswered. */
  'quote_expired',
  /** The customer signed the recipient's contract online (/s/{token}); it waits for the company's counter-signature. */
  'contract_signed',
  /** The customer declined to sign the recipient's contract online, with a reason. */
  'contract_declined',
  /** An instalment of the recipient's contract is overdue past the company's warning days. */
  'payment_overdue',
  /** A contract of the recipient nears its end: a renewal deal was opened. */
  'renewal_due',
  /** A discount approval request waits for the recipient's decision. */
  'approval_requested',
  /** Reminder: a discount approval request still waits for the recipient after the company's reminder hours. */
  'approval_reminder',
  /** Escalation: a request waited too long at the level below and now also waits for the recipient. */
  'approval_escalated',
  /** The recipient's approval request was approved at every level. */
  'approval_approved',
  /** The recipient's approval request was returned with the approver's comment. */
  'approval_returned',
] as const;
export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKind>;

export const Notification = z.object({
  id: Uuid,
  kind: NotificationKind,
  params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  entity: z.string().nullable(),
  entityId: Uuid.nullable(),
  readAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
});
export type Notification = z.infer<typeof Notification>;

export const listNotifications = defineRoute({
  method: 'GET',
  path: '/api/v1/notifications',
  summary: 'My notifications, newest first',
  tags: ['notifications'],
  access: 'session',
  scope: 'read',
  query: PageQuery.extend({ unread: z.enum(['true', 'false']).optional() }),
  response: { 200: pageOf(Notification).extend({ unreadCount: z.number().int() }) },
});

export const markNotificationsRead = defineRoute({
  method: 'POST',
  path: '/api/v1/notifications/read',
  summary: 'Mark some or all of my notifications read',
  tags: ['notifications'],
  access: 'session',
  scope: 'write',
  body: z.union([
    z.strictObject({ ids: z.array(Uuid).min(1).max(500) }),
    z.strictObject({ all: z.literal(true) }),
  ]),
  response: { 200: z.object({ unreadCount: z.number().int() }) },
});
