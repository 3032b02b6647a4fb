import { uuidv7 } from 'uuidv7';
import type { Tx } from './db/database';
import { type AuditChanges, auditLog } from './db/platform.tables';

/**
 * Who acts, and the audit row every change writes in its own transaction (it commits or rolls back with
 * the change). The row is also the event that background automation reads.
 */

export type Actor = {
  tenantId: string;
  userId: string | null;
  kind: 'user' | 'token' | 'system';
  requestId: string | null;
  ip: string | null;
};

export type AuditEntry = {
  entity: string;
  entityId: string | null;
  action: string;
  changes?: AuditChanges;
};

export async function writeAudit(tx: Tx, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    tenantId: actor.tenantId,
    id: uuidv7(),
    actorId: actor.userId,
    actorKind: actor.kind,
    entity: entry.entity,
    entityId: entry.entityId,
    action: entry.action,
    changes: entry.changes ?? {},
    requestId: actor.requestId,
    ip: actor.ip,
  });
}

/** Fields whose value differs between two versions of a record, as `{ field: { from, to } }`. */
export function changesBetween<T extends Record<string, unknown>>(
  before: T | null,
  after: T | null,
  fields: readonly (keyof T & string)[],
): AuditChanges {
  const out: AuditChanges = {};
  for (const field of fields) {
    const from = before?.[field] ?? null;
    const to = after?.[field] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) out[field] = { from, to };
  }
  return out;
}

export function systemActor(tenantId: string): Actor {
  return { tenantId, userId: null, kind: 'system', requestId: null, ip: null };
}
