import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import type { Database, Tx } from '../db/database';
import { withLease } from '../db/lease';
import { files, type MailAttachment, outboxMails } from '../db/platform.tables';
import { withSystem } from '../db/tenancy';
import { defineJob, JOB_SCHEMA } from '../jobs/jobs';
import type { Platform } from '../platform';

/**
 * Outbox mail. A mail is a row written in the caller's transaction; after commit a durable job sends it
 * over SMTP when SMTP_URL is set, otherwise it is held in the outbox where admins can read it. Sending is
 * idempotent per mail: one already marked sent is never sent again, whatever the retries, and two jobs for one
 * mail never send at once (a lease per mail). The Message-ID is the mail's id, so the one repeat SMTP cannot
 * rule out (the process dies after writing the message, before it learns that the server accepted it) carries
 * the same Message-ID for the receiver to drop.
 */

/**
 * `text` is always sent; `html`, when given, goes out as its alternative part; `attachments` are files of the
 * tenant's file store, read when the mail is sent.
 */
export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  attachments?: MailAttachment[];
};

export async function queueMail(tx: Tx, tenantId: string, message: MailMessage): Promise<string> {
  const id = uuidv7();
  await tx.insert(outboxMails).values({ tenantId, id, ...message, status: 'queued' });
  return id;
}

/** Hands committed mails to the job queue. Call after the transaction that queued them. */
export async function dispatchMails(platform: Platform, tenantId: string, mailIds: string[]): Promise<void> {
  for (const mailId of mailIds) {
    await platform.jobs.send(sendMailJob, { tenantId, mailId }, { singletonKey: mailId });
  }
}

const transports = new Map<string, nodemailer.Transporter>();
function transportFor(url: string): nodemailer.Transporter {
  let t = transports.get(url);
  if (!t) {
    t = nodemailer.createTransport(url);
    transports.set(url, t);
  }
  return t;
}

export const sendMailJob = defineJob({
  name: 'mail.send',
  payload: z.object({ tenantId: z.uuid(), mailId: z.uuid() }),
  retryLimit: 8,
  retryDelaySeconds: 30,
  // An SMTP exchange mostly waits on the network: a few at once. Each holds a lease connection while it sends.
  batchSize: 20,
  concurrency: 4,
  async handler({ tenantId, mailId }, { platform }) {
    // Another live worker is sending this mail (a re-dispatched copy of its job): it marks it sent or retries.
    await withLease(platform.db, `mail.send:${mailId}`, (own) => sendOnce(platform, own, tenantId, mailId));
  },
});

/** `own` is the lease's connection: the mark after the SMTP server's acceptance waits for no pool. */
async function sendOnce(platform: Platform, own: Database, tenantId: string, mailId: string): Promise<void> {
  const smtpUrl = platform.config.smtpUrl;
  // Every statement on the lease's connection: a mail being sent takes one connection from the pool, no more.
  const thisMail = and(eq(outboxMails.tenantId, tenantId), eq(outboxMails.id, mailId));
  const [mail] = await own
    .update(outboxMails)
    .set({ attempts: sql`${outboxMails.attempts} + 1`, ...(smtpUrl ? {} : { status: 'held' }) })
    .where(and(thisMail, ne(outboxMails.status, 'sent')))
    .returning();
  if (!mail || !smtpUrl) return;
  try {
    const attachments = await attachmentsOf(platform, own, tenantId, mail.attachments);
    await transportFor(smtpUrl).sendMail({
      from: platform.config.mailFrom,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      ...(mail.html ? { html: mail.html } : {}),
      messageId: `<${mail.id}@closeloop>`,
      ...(attachments.length > 0 ? { attachments } : {}),
    });
  } catch (error) {
    await own
      .update(outboxMails)
      .set({ status: 'failed', lastError: String(error).slice(0, 500) })
      .where(thisMail);
    throw error;
  }
  // One statement, at once: a process killed between the acceptance and this mark sends the mail again.
  await own.update(outboxMails).set({ status: 'sent', sentAt: new Date(), lastError: null }).where(thisMail);
}

/** The attached files' bytes from the store, in the mail's order; a file gone from the store fails the send. */
async function attachmentsOf(
  platform: Platform,
  own: Database,
  tenantId: string,
  wanted: readonly MailAttachment[],
): Promise<{ filename: string; contentType: string; content: Buffer }[]> {
  if (wanted.length === 0) return [];
  const rows = await own
    .select({ id: files.id, storageKey: files.storageKey })
    .from(files)
    .where(
      and(
        eq(files.tenantId, tenantId),
        inArray(
          files.id,
          wanted.map((a) => a.fileId),
        ),
      ),
    );
  const keys = new Map(rows.map((r) => [r.id, r.storageKey]));
  const out: { filename: string; contentType: string; content: Buffer }[] = [];
  for (const attachment of wanted) {
    const key = keys.get(attachment.fileId);
    if (!key) throw new Error(`attachment ${attachment.fileId} is not in the files table`);
    const chunks: Buffer[] = [];
    for await (const chunk of await platform.files.open(key)) chunks.push(Buffer.from(chunk as Uint8Array));
    out.push({
      filename: attachment.name,
      contentType: attachment.contentType,
      content: Buffer.concat(chunks),
    });
  }
  return out;
}

/** A dispatch follows its commit within moments: a mail undispatched longer lost its process in between. */
const UNDISPATCHED_AFTER_MS = 10_000;

/**
 * Re-dispatches mails whose job was never enqueued (the process died between commit and dispatch): never
 * tried, and no job waiting or running for them. Runs at every worker start too, and when it saw such a mail
 * still too young to judge, once more when it is old enough (a follow-up sweep starts no further one), so a
 * restart sends them within seconds rather than at the next minute.
 */
export const sweepMailJob = defineJob({
  name: 'mail.sweep',
  payload: z.object({ followUp: z.boolean().optional() }).passthrough(),
  cron: '* * * * *',
  atStart: true,
  async handler({ followUp }, { platform }) {
    const cutoff = new Date(Date.now() - UNDISPATCHED_AFTER_MS);
    const undispatched = await withSystem(platform.db, (tx) =>
      tx
        .select({ tenantId: outboxMails.tenantId, id: outboxMails.id, createdAt: outboxMails.createdAt })
        .from(outboxMails)
        .where(
          and(
            eq(outboxMails.status, 'queued'),
            eq(outboxMails.attempts, 0),
            sql`NOT EXISTS (SELECT 1 FROM ${sql.raw(JOB_SCHEMA)}.job j
                             WHERE j.name = ${sendMailJob.name} AND j.state < 'completed'
                               AND j.singleton_key = ${outboxMails.id}::text)`,
          ),
        )
        .limit(500),
    );
    const stale = undispatched.filter((mail) => mail.createdAt < cutoff);
    for (const mail of stale) await dispatchMails(platform, mail.tenantId, [mail.id]);
    if (!followUp && stale.length < undispatched.length) {
      await platform.jobs.send(
        sweepMailJob,
        { followUp: true },
        { startAfter: Math.ceil(UNDISPATCHED_AFTER_MS / 1000) + 1 },
      );
    }
  },
});

export const mailJobs = [sendMailJob, sweepMailJob];
