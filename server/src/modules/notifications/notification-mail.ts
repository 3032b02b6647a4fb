import type { Locale } from '@contracts/common';
import { and, eq, inArray } from 'drizzle-orm';
import type { Config } from '../../platform/config';
import type { Tx } from '../../platform/db/database';
import { tenants, users } from '../../platform/db/identity.tables';
import { type MessageKey, translate } from '../../platform/i18n/i18n';
import { dispatchMails, queueMail } from '../../platform/mail/mail';
import type { Platform } from '../../platform/platform';
import type { NotifyInput } from './notifications.service';

/**
 * E-mail copies of notifications. notify() runs inside other modules' transactions and has no configuration
 * of its own, so a caller that has it passes `mailCopies(platform.config)`: with SMTP set up, each new
 * notification also becomes an outbox mail in the recipient's language, committed with it. The caller hands
 * the collected mail ids to the job queue after commit (`dispatchMailCopies`); the mail sweep sends any it
 * could not.
 */

export type MailCopies = {
  readonly enabled: boolean;
  readonly publicUrl: string;
  /** Outbox ids queued so far, to dispatch after commit. */
  readonly queued: string[];
};

export function mailCopies(config: Pick<Config, 'smtpUrl' | 'publicUrl'>): MailCopies {
  return { enabled: Boolean(config.smtpUrl), publicUrl: config.publicUrl, queued: [] };
}

export async function dispatchMailCopies(
  platform: Platform,
  tenantId: string,
  copies: MailCopies,
): Promise<void> {
  const ids = copies.queued.splice(0);
  if (ids.length > 0) await dispatchMails(platform, tenantId, ids);
}

const isLocale = (value: string | null | undefined): value is Locale =>
  value === 'zh-CN' || value === 'en-US';

/**
 * Where the notification points in the app: a lead, a customer, the public pool, my day (reminders), a daily
 * log, or the start page.
 */
function linkOf(input: NotifyInput, publicUrl: string): string {
  if (input.entity === 'lead' && input.entityId) return `${publicUrl}/leads/${input.entityId}`;
  if (input.entity === 'activity') return `${publicUrl}/my-day`;
  if (input.entity === 'customer' && input.entityId) return `${publicUrl}/customers/${input.entityId}`;
  if (input.entity === 'customer_pool') return `${publicUrl}/customers/pool`;
  if (input.entity === 'deal' && input.entityId) return `${publicUrl}/deals/${input.entityId}`;
  if (input.entity === 'daily_log' && typeof input.params?.day === 'string') {
    return `${publicUrl}/daily-log?day=${input.params.day}`;
  }
  return `${publicUrl}/`;
}

export async function queueMailCopies(
  tx: Tx,
  input: NotifyInput,
  copies: MailCopies,
  userIds: readonly string[],
): Promise<void> {
  const [tenant] = await tx
    .select({ defaultLocale: tenants.defaultLocale })
    .from(tenants)
    .where(eq(tenants.tenantId, input.tenantId));
  const recipients = await tx
    .select({ email: users.email, locale: users.locale })
    .from(users)
    .where(
      and(eq(users.tenantId, input.tenantId), inArray(users.id, [...userIds]), eq(users.status, 'active')),
    );
  const vars = { ...(input.params ?? {}), url: linkOf(input, copies.publicUrl) };
  for (const user of recipients) {
    const locale = isLocale(user.locale)
      ? user.locale
      : isLocale(tenant?.defaultLocale)
        ? tenant.defaultLocale
        : 'zh-CN';
    const key = (part: 'subject' | 'text') => `notifications.${input.kind}.${part}` as MessageKey;
    const text = [
      translate(locale, key('text'), vars),
      translate(locale, 'notifications.open', vars),
      '',
      translate(locale, 'notifications.footer'),
    ].join('\n');
    copies.queued.push(
      await queueMail(tx, input.tenantId, {
        to: user.email,
        subject: translate(locale, key('subject'), vars),
        text: `${text}\n`,
      }),
    );
  }
}
