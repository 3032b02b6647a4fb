import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from './db/database';
import type { AuditChanges } from './db/platform.tables';
import { withSystem } from './db/tenancy';
import { defineJob, type JobDefinition } from './jobs/jobs';
import type { Platform } from './platform';

/**
 * Automation reacts to audit rows: each subscriber reads the audit stream from its own cursor, at least once
 * and in order. A row is delivered only when every transaction older than it has finished
 * (`tx_id < pg_snapshot_xmin`), so a slow transaction's rows are never skipped. Handlers must be idempotent
 * (the event id is a natural key).
 */

export type AuditEvent = {
  tenantId: string;
  id: string;
  at: Date;
  actorId: string | null;
  actorKind: string;
  entity: string;
  entityId: string | null;
  action: string;
  changes: AuditChanges;
};

export type Subscriber = {
  name: string;
  /** Only rows of these entities (all when omitted). */
  entities?: readonly string[];
  handle(event: AuditEvent, platform: Platform): Promise<void>;
};

export function defineSubscriber(subscriber: Subscriber): Subscriber {
  return subscriber;
}

const BATCH = 200;
const DISPATCH_LOCK = 7_424_003;

type Row = {
  tenant_id: string;
  id: string;
  at: Date | string;
  actor_id: string | null;
  actor_kind: string;
  entity: string;
  entity_id: string | null;
  action: string;
  changes: AuditChanges;
  tx_id: string;
};

/** Delivers the next batch to one subscriber; returns how many events it handled. */
export async function deliverBatch(platform: Platform, subscriber: Subscriber): Promise<number> {
  const rows = await withSystem(platform.db, (tx) =>
    queryRows<Row>(
      tx,
      sql`SELECT a.tenant_id, a.id, a.at, a.actor_id, a.actor_kind, a.entity, a.entity_id, a.action, a.changes,
                 a.tx_id::text AS tx_id
            FROM audit_log a
            LEFT JOIN event_cursors c ON c.subscriber = ${subscriber.name}
           WHERE a.tx_id < pg_snapshot_xmin(pg_current_snapshot())
             AND (c.subscriber IS NULL OR (a.tx_id, a.id) > (c.tx_id, c.id))
             ${subscriber.entities ? sql`AND a.entity IN ${subscriber.entities}` : sql``}
           ORDER BY a.tx_id, a.id
           LIMIT ${BATCH}`,
    ),
  );
  for (const row of rows) {
    await subscriber.handle(
      {
        tenantId: row.tenant_id,
        id: row.id,
        at: new Date(row.at),
        actorId: row.actor_id,
        actorKind: row.actor_kind,
        entity: row.entity,
        entityId: row.entity_id,
        action: row.action,
        changes: row.changes,
      },
      platform,
    );
    await withSystem(platform.db, (tx) =>
      tx.execute(sql`
        INSERT INTO event_cursors (subscriber, tx_id, id, updated_at)
        VALUES (${subscriber.name}, ${row.tx_id}::xid8, ${row.id}::uuid, now())
        ON CONFLICT (subscriber) DO UPDATE SET tx_id = excluded.tx_id, id = excluded.id, updated_at = now()`),
    );
  }
  return rows.length;
}

/**
 * The dispatch loop as a durable job: it drains every subscriber, then schedules itself again a few seconds
 * later (one queued instance at a time); a cron slot restarts the loop if a crash ever breaks it.
 */
export function eventJobs(subscribers: readonly Subscriber[]): JobDefinition[] {
  const dispatch: JobDefinition = defineJob({
    name: 'events.dispatch',
    payload: z.object({}).passthrough(),
    cron: '* * * * *',
    policy: 'short',
    retryLimit: 3,
    async handler(_payload, { platform }) {
      try {
        // One dispatcher at a time across processes: a session lock held while draining.
        await platform.db.withConnection(async (_db, raw) => {
          const { rows } = await raw.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [
            DISPATCH_LOCK,
          ]);
          if (!rows[0]?.ok) return;
          try {
            for (const subscriber of subscribers) {
              while ((await deliverBatch(platform, subscriber)) === BATCH) {
                // keep draining this subscriber
              }
            }
          } finally {
            await raw.query('SELECT pg_advisory_unlock($1)', [DISPATCH_LOCK]);
          }
        });
      } finally {
        await platform.jobs.send(dispatch, {}, { startAfter: 3 });
      }
    },
  });
  return [dispatch];
}
