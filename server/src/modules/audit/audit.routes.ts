import type { AuditEntry } from '@contracts/audit.contract';
import * as c from '@contracts/audit.contract';
import { and, desc, eq, gte, lte, type SQL, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../platform/audit';
import { users } from '../../platform/db/identity.tables';
import { auditLog } from '../../platform/db/platform.tables';
import { withTenant } from '../../platform/db/tenancy';
import { decodeCursor, encodeCursor, pageFrom } from '../../platform/http/pagination';
import { bindRoute } from '../../platform/http/route';
import type { Platform } from '../../platform/platform';

/** The audit-log viewer: newest first, filtered by actor, entity, action and time. */

type Filters = {
  limit: number;
  cursor?: string | undefined;
  actorId?: string | undefined;
  entity?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

export async function listAudit(platform: Platform, actor: Actor, f: Filters) {
  return withTenant(platform.db, actor.tenantId, async (tx) => {
    const cursor = f.cursor ? decodeCursor(f.cursor) : null;
    const where: (SQL | undefined)[] = [
      f.actorId ? eq(auditLog.actorId, f.actorId) : undefined,
      f.entity ? eq(auditLog.entity, f.entity) : undefined,
      f.entityId ? eq(auditLog.entityId, f.entityId) : undefined,
      f.action ? eq(auditLog.action, f.action) : undefined,
      f.from ? gte(auditLog.at, new Date(f.from)) : undefined,
      f.to ? lte(auditLog.at, new Date(f.to)) : undefined,
      cursor
        ? sql`(${auditLog.at}, ${auditLog.id}) < (${new Date(String(cursor.value))}, ${cursor.id}::uuid)`
        : undefined,
    ];
    const rows = await tx
      .select({ entry: auditLog, actorName: users.name })
      .from(auditLog)
      .leftJoin(users, and(eq(users.tenantId, auditLog.tenantId), eq(users.id, auditLog.actorId)))
      .where(and(...where))
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(f.limit + 1);
    const page = pageFrom(rows, f.limit, (r) => encodeCursor(r.entry.at, r.entry.id));
    return {
      items: page.items.map(
        ({ entry, actorName }): AuditEntry => ({
          id: entry.id,
          at: entry.at.toISOString(),
          actorId: entry.actorId,
          actorName,
          actorKind: entry.actorKind as AuditEntry['actorKind'],
          entity: entry.entity,
          entityId: entry.entityId,
          action: entry.action,
          changes: entry.changes,
          requestId: entry.requestId,
        }),
      ),
      nextCursor: page.nextCursor,
    };
  });
}

export function registerAuditRoutes(app: FastifyInstance, platform: Platform): void {
  bindRoute(app, platform, c.listAuditLog, async ({ actor, query }) => listAudit(platform, actor, query));
}
