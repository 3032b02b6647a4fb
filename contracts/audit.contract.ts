import { z } from 'zod';
import { defineRoute, IsoDateTime, PageQuery, pageOf, Uuid } from './common';

/** The audit trail: every change, sign-in, export and permission change. */

export const AuditEntry = z.object({
  id: Uuid,
  at: z.string(),
  actorId: Uuid.nullable(),
  actorName: z.string().nullable(),
  actorKind: z.enum(['user', 'token', 'system']),
  entity: z.string(),
  entityId: z.string().nullable(),
  action: z.string(),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const listAuditLog = defineRoute({
  method: 'GET',
  path: '/api/v1/audit-log',
  summary: 'Audit entries, newest first, filtered by actor, entity, action and time',
  tags: ['audit'],
  access: 'session',
  permission: 'audit.read',
  scope: 'admin',
  query: PageQuery.extend({
    actorId: Uuid.optional(),
    entity: z.string().trim().max(50).optional(),
    entityId: z.string().trim().max(100).optional(),
    action: z.string().trim().max(50).optional(),
    from: IsoDateTime.optional(),
    to: IsoDateTime.optional(),
  }),
  response: { 200: pageOf(AuditEntry) },
});
