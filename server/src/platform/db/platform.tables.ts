import { sql } from 'drizzle-orm';
import {
  bigint,
  customType,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { instant, tenantId, tenantPolicy } from './columns';
import { tenants } from './identity.tables';

const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });

/** Audit trail, idempotency records, mail outbox and attachments: shared by every module. */

export type AuditChanges = Record<string, { from: unknown; to: unknown }>;

export const auditLog = pgTable(
  'audit_log',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    at: instant('at').notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorKind: text('actor_kind').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    action: text('action').notNull(),
    changes: jsonb('changes').$type<AuditChanges>().notNull().default({}),
    requestId: text('request_id'),
    ip: text('ip'),
    /** Writing transaction: events are delivered only once every older transaction has finished. */
    txId: xid8('tx_id').notNull().default(sql`pg_current_xact_id()`),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('audit_log_tx_idx').on(t.txId, t.id),
    index('audit_log_at_idx').on(t.tenantId, t.at, t.id),
    index('audit_log_entity_idx').on(t.tenantId, t.entity, t.entityId),
    index('audit_log_actor_idx').on(t.tenantId, t.actorId),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.tenantId] }).onDelete('cascade'),
    tenantPolicy(t),
  ],
);

/** First response to a POST carrying an Idempotency-Key, replayed for any repeat. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    tenantId: tenantId(),
    principalId: uuid('principal_id').notNull(),
    key: text('key').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code'),
    responseBody: jsonb('response_body'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.principalId, t.key] }),
    index('idempotency_keys_created_idx').on(t.createdAt),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.tenantId] }).onDelete('cascade'),
    tenantPolicy(t),
  ],
);

/** A stored file attached to an outbox mail, by its id in `files`. */
export type MailAttachment = { fileId: string; name: string; contentType: string };

export const outboxMails = pgTable(
  'outbox_mails',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html'),
    /** Files from the store sent with the mail (library materials). */
    attachments: jsonb('attachments').$type<MailAttachment[]>().notNull().default([]),
    status: text('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: instant('created_at').notNull().defaultNow(),
    sentAt: instant('sent_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('outbox_mails_created_idx').on(t.tenantId, t.createdAt, t.id),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.tenantId] }).onDelete('cascade'),
    tenantPolicy(t),
  ],
);

export const files = pgTable(
  'files',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    uploadedBy: uuid('uploaded_by'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.tenantId] }).onDelete('cascade'),
    tenantPolicy(t),
  ],
);

/** Per-subscriber delivery position in the audit stream. Infrastructure: one row per subscriber, not per tenant. */
export const eventCursors = pgTable('event_cursors', {
  subscriber: text('subscriber').notNull().primaryKey(),
  txId: xid8('tx_id').notNull(),
  id: uuid('id').notNull(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});

/**
 * Per-company document counters (contract, quote and invoice numbers). Global sequences leave gaps and are not
 * per tenant (SCALE.md rule 11), so a number is taken by incrementing this row inside the transaction that
 * stores the document: a rollback gives the number back, and concurrent takers queue on the row lock.
 */
export const numberSequences = pgTable(
  'number_sequences',
  {
    tenantId: tenantId(),
    /** What is numbered: contract, quote, invoice. */
    kind: text('kind').notNull(),
    /** The period the pattern restarts in: a year such as 2026, or `all` for a pattern without one. */
    period: text('period').notNull(),
    lastValue: bigint('last_value', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.kind, t.period] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.tenantId] }).onDelete('cascade'),
    tenantPolicy(t),
  ],
);
