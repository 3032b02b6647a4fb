import * as c from '@contracts/admin.contract';
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { outboxMails } from '../../platform/db/platform.tables';
import { withTenant } from '../../platform/db/tenancy';
import { AppError } from '../../platform/http/errors';
import { decodeCursor, encodeCursor, pageFrom } from '../../platform/http/pagination';
import { bindRoute } from '../../platform/http/route';
import type { Platform } from '../../platform/platform';

/** Operations views: the mail outbox and failed jobs (dead letters), per tenant. */

type OutboxStatus = 'queued' | 'sent' | 'failed' | 'held';

export function registerAdminRoutes(app: FastifyInstance, platform: Platform): void {
  bindRoute(app, platform, c.listOutbox, async ({ actor, query }) =>
    withTenant(platform.db, actor.tenantId, async (tx) => {
      const cursor = query.cursor ? decodeCursor(query.cursor) : null;
      const where: (SQL | undefined)[] = [
        query.status ? eq(outboxMails.status, query.status) : undefined,
        cursor
          ? sql`(${outboxMails.createdAt}, ${outboxMails.id}) < (${new Date(String(cursor.value))}, ${cursor.id}::uuid)`
          : undefined,
      ];
      const rows = await tx
        .select()
        .from(outboxMails)
        .where(and(...where))
        .orderBy(desc(outboxMails.createdAt), desc(outboxMails.id))
        .limit(query.limit + 1);
      const page = pageFrom(rows, query.limit, (r) => encodeCursor(r.createdAt, r.id));
      return {
        items: page.items.map((m) => ({
          id: m.id,
          to: m.to,
          subject: m.subject,
          text: m.text,
          status: m.status as OutboxStatus,
          attempts: m.attempts,
          lastError: m.lastError,
          createdAt: m.createdAt.toISOString(),
          sentAt: m.sentAt?.toISOString() ?? null,
        })),
        nextCursor: page.nextCursor,
      };
    }),
  );

  bindRoute(app, platform, c.listFailedJobs, async ({ actor }) => ({
    items: (await platform.jobs.failed(actor.tenantId)).map((j) => ({
      id: j.id,
      name: j.name,
      data: j.data,
      error: j.output,
      retryCount: j.retry_count,
      createdAt: new Date(j.created_on).toISOString(),
      completedAt: j.completed_on ? new Date(j.completed_on).toISOString() : null,
    })),
  }));

  bindRoute(app, platform, c.retryJob, async ({ actor, params }) => {
    if (!(await platform.jobs.retry(actor.tenantId, params.id))) throw new AppError('not_found');
    return { ok: true as const };
  });
}
