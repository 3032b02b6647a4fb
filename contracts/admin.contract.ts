import { z } from 'zod';
import { defineRoute, IdParams, PageQuery, pageOf, Uuid } from './common';

/** Operations views for admins: the mail outbox and failed background jobs. */

export const OutboxMail = z.object({
  id: Uuid,
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  status: z.enum(['queued', 'sent', 'failed', 'held']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

export const listOutbox = defineRoute({
  method: 'GET',
  path: '/api/v1/admin/outbox',
  summary: 'Mails of the tenant, newest first (held ones when no SMTP server is configured)',
  tags: ['admin'],
  access: 'session',
  permission: 'outbox.read',
  scope: 'admin',
  query: PageQuery.extend({ status: z.enum(['queued', 'sent', 'failed', 'held']).optional() }),
  response: { 200: pageOf(OutboxMail) },
});

export const FailedJob = z.object({
  id: z.string(),
  name: z.string(),
  data: z.unknown(),
  error: z.unknown(),
  retryCount: z.number().int(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
});

export const listFailedJobs = defineRoute({
  method: 'GET',
  path: '/api/v1/admin/jobs/failed',
  summary: 'Background jobs of the tenant that failed after all retries (dead letters)',
  tags: ['admin'],
  access: 'session',
  permission: 'jobs.manage',
  scope: 'admin',
  response: { 200: z.object({ items: z.array(FailedJob) }) },
});

export const retryJob = defineRoute({
  method: 'POST',
  path: '/api/v1/admin/jobs/:id/retry',
  summary: 'Run a failed job again',
  tags: ['admin'],
  access: 'session',
  permission: 'jobs.manage',
  scope: 'admin',
  params: IdParams,
  response: { 202: z.object({ ok: z.literal(true) }) },
});

export const FileInfo = z.object({
  id: Uuid,
  name: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
});
export type FileInfo = z.infer<typeof FileInfo>;

/** Upload is multipart/form-data with one `file` part; the body is not a JSON contract. */
export const uploadFile = defineRoute({
  method: 'POST',
  path: '/api/v1/files',
  summary: 'Upload an attachment (multipart/form-data, field `file`)',
  tags: ['files'],
  access: 'session',
  scope: 'write',
  response: { 201: FileInfo },
});

export const getFileInfo = defineRoute({
  method: 'GET',
  path: '/api/v1/files/:id',
  summary: 'Attachment metadata',
  tags: ['files'],
  access: 'session',
  scope: 'read',
  params: IdParams,
  response: { 200: FileInfo },
});
