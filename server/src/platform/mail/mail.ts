import { and, eq, lt } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import type { Tx } from '../db/database';
import { outboxMails } from '../db/platform.tables';
import { withSystem, withTenant } from '../db/tenancy';
import { defineJob } from '../jobs/jobs';
import type { Platform } from '../platform';

/**
 * Outbox mail. A mail is a row written in the caller's transaction; after commit a durable job sends it
 * over SMTP when SMTP_URL is set, otherwise it is held in the outbox where admins can read it. Sending is
 * idempotent per mail: one already marked sent is never sent again, whatever the retries.
 */

/** `text` is always sent; `html`, when given, goes out as its alternative part. */
export type MailMessage = { to: string; subject: string; text: string; html?: string | null };

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
  async handler({ tenantId, mailId }, { platform }) {
    const smtpUrl = platform.config.smtpUrl;
    const mail = await withTenant(platform.db, tenantId, async (tx) => {
      const [row] = await tx.select().from(outboxMails).where(eq(outboxMails.id, mailId)).for('update');
      if (!row || row.status === 'sent') return null;
      await tx
        .update(outboxMails)
        .set({ attempts: row.attempts + 1, status: smtpUrl ? row.status : 'held' })
        .where(eq(outboxMails.id, mailId));
      return smtpUrl ? row : null;
    });
    if (!mail || !smtpUrl) return;
    try {
      await transportFor(smtpUrl).sendMail({
        from: platform.config.mailFrom,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        messageId: `<${mail.id}@closeloop>`,
      });
    } catch (error) {
      await withTenant(platform.db, tenantId, (tx) =>
        tx
          .update(outboxMails)
          .set({ status: 'failed', lastError: String(error).slice(0, 500) })
          .where(eq(outboxMails.id, mailId)),
      );
      throw error;
    }
    await withTenant(platform.db, tenantId, (tx) =>
      tx
        .update(outboxMails)
        .set({ status: 'sent', sentAt: new Date(), lastError: null })
        .where(eq(outboxMails.id, mailId)),
    );
  },
});

/** Re-dispatches mails whose job was never enqueued (the process died between commit and dispatch). */
export const sweepMailJob = defineJob({
  name: 'mail.sweep',
  payload: z.object({}).passthrough(),
  cron: '* * * * *',
  async handler(_payload, { platform }) {
    const stale = await withSystem(platform.db, (tx) =>
      tx
        .select({ tenantId: outboxMails.tenantId, id: outboxMails.id })
        .from(outboxMails)
        .where(
          and(
            eq(outboxMails.status, 'queued'),
            eq(outboxMails.attempts, 0),
            lt(outboxMails.createdAt, new Date(Date.now() - 120_000)),
          ),
        )
        .limit(500),
    );
    for (const mail of stale) await dispatchMails(platform, mail.tenantId, [mail.id]);
  },
});

export const mailJobs = [sendMailJob, sweepMailJob];
