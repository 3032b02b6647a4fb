import { z } from 'zod';
import { defineRoute, IdParams, IsoDateTime, Uuid } from './common';

/**
 * E-mail from a record (DOMAIN.md §7): the company's templates with merge fields, and a mail to a contact sent
 * through the outbox (SMTP when configured) and logged on the contact's and customer's timeline as an email.
 */

/** Merge fields a template may use, as `{{contact.name}}`. */
export const MERGE_FIELDS = [
  'contact.name',
  'contact.title',
  'contact.department',
  'customer.name',
  'customer.legalName',
  'me.name',
  'me.email',
  'company.name',
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

export const EmailTemplate = z.object({
  id: Uuid,
  name: z.string(),
  subject: z.string(),
  body: z.string(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.number().int(),
});
export type EmailTemplate = z.infer<typeof EmailTemplate>;

const Name = z.string().trim().min(1).max(100);
const Subject = z.string().trim().min(1).max(200);
const Body = z.string().trim().min(1).max(20_000);

export const listEmailTemplates = defineRoute({
  method: 'GET',
  path: '/api/v1/email-templates',
  summary: "The company's e-mail templates, by name",
  tags: ['email'],
  access: 'session',
  scope: 'read',
  response: { 200: z.object({ items: z.array(EmailTemplate) }) },
});

export const createEmailTemplate = defineRoute({
  method: 'POST',
  path: '/api/v1/email-templates',
  summary: 'Add an e-mail template (merge fields as {{contact.name}})',
  tags: ['email'],
  access: 'session',
  permission: 'customers.configure',
  scope: 'admin',
  body: z.strictObject({ name: Name, subject: Subject, body: Body }),
  response: { 201: EmailTemplate },
});

export const updateEmailTemplate = defineRoute({
  method: 'PATCH',
  path: '/api/v1/email-templates/:id',
  summary: 'Change an e-mail template (send the version you read)',
  tags: ['email'],
  access: 'session',
  permission: 'customers.configure',
  scope: 'admin',
  params: IdParams,
  body: z.strictObject({
    version: z.number().int().optional(),
    name: Name.optional(),
    subject: Subject.optional(),
    body: Body.optional(),
  }),
  response: { 200: EmailTemplate },
});

export const deleteEmailTemplate = defineRoute({
  method: 'DELETE',
  path: '/api/v1/email-templates/:id',
  summary: 'Delete an e-mail template (mails already sent keep their text)',
  tags: ['email'],
  access: 'session',
  permission: 'customers.configure',
  scope: 'admin',
  params: IdParams,
  response: { 204: z.null() },
});

const Compose = z.strictObject({
  contactId: Uuid,
  subject: Subject,
  body: Body,
});

export const previewEmail = defineRoute({
  method: 'POST',
  path: '/api/v1/emails/preview',
  summary: 'The subject and body with the merge fields filled for a contact',
  tags: ['email'],
  access: 'session',
  scope: 'read',
  body: Compose,
  response: { 200: z.object({ to: z.string(), subject: z.string(), body: z.string() }) },
});

export const sendEmail = defineRoute({
  method: 'POST',
  path: '/api/v1/emails',
  summary: 'Send an e-mail to a contact (merge fields filled) and log it on the timeline',
  tags: ['email'],
  access: 'session',
  scope: 'write',
  body: Compose.extend({
    /** Library materials sent as attachments (their latest version's file), at most 5 and 20 MB in all. */
    materialIds: z.array(Uuid).max(5).optional(),
  }),
  response: { 201: z.object({ activityId: Uuid, mailId: Uuid, to: z.string(), subject: z.string() }) },
});
