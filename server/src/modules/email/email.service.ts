import type { EmailTemplate, MergeField } from '@contracts/email.contract';
import { and, asc, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { type Actor, changesBetween, writeAudit } from '../../platform/audit';
import type { Tx } from '../../platform/db/database';
import { tenants, users } from '../../platform/db/identity.tables';
import { withTenant } from '../../platform/db/tenancy';
import { AppError, invalidFields } from '../../platform/http/errors';
import { dispatchMails, queueMail } from '../../platform/mail/mail';
import type { Platform } from '../../platform/platform';
import { insertActivity } from '../activities';
import {
  type CustomerCaller,
  canSeeCustomer,
  getContact,
  getCustomer,
  noteActivity,
  viewerOf,
} from '../customers';
import { materialFilesFor } from '../deals';
import { emailTemplates } from './email.tables';
import { fillFields, unknownFields } from './merge-fields';

/**
 * E-mail from a record: the company's templates, and a mail to a contact with its merge fields filled, queued
 * in the outbox in the same transaction as the email activity that logs it on the contact's and customer's
 * timeline (and moves their last-activity time), then handed to the mail job after commit.
 */

type TemplateRow = typeof emailTemplates.$inferSelect;

function present(row: TemplateRow): EmailTemplate {
  return {
    id: row.id,
    name: row.name,
    subject: row.subject,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** Misspelt merge fields are a 400 naming the subject or body. */
function assertFields(input: { subject?: string | undefined; body?: string | undefined }): void {
  const problems = (['subject', 'body'] as const)
    .filter((key) => input[key] !== undefined && unknownFields(input[key] ?? '').length > 0)
    .map((path) => ({
      path,
      code: 'unknown_merge_field' as const,
      vars: { fields: unknownFields(input[path] ?? '').join(', ') },
    }));
  if (problems.length > 0) throw invalidFields(...problems);
}

const AUDITED = ['name', 'subject', 'body'] as const;

export async function listTemplates(platform: Platform, actor: Actor): Promise<{ items: EmailTemplate[] }> {
  return withTenant(platform.db, actor.tenantId, async (tx) => {
    const rows = await tx
      .select()
      .from(emailTemplates)
      .where(eq(emailTemplates.tenantId, actor.tenantId))
      .orderBy(asc(emailTemplates.name), asc(emailTemplates.id))
      .limit(500);
    return { items: rows.map(present) };
  });
}

export async function createTemplate(
  platform: Platform,
  actor: Actor,
  input: { name: string; subject: string; body: string },
): Promise<EmailTemplate> {
  assertFields(input);
  return withTenant(platform.db, actor.tenantId, async (tx) => {
    const now = platform.clock.now();
    const [row] = await tx
      .insert(emailTemplates)
      .values({
        tenantId: actor.tenantId,
        id: uuidv7(),
        ...input,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new AppError('internal');
    await writeAudit(tx, actor, {
      entity: 'email_template',
      entityId: row.id,
      action: 'create',
      changes: changesBetween(null, row, AUDITED),
    });
    return present(row);
  });
}

async function lockedTemplate(tx: Tx, tenantId: string, id: string): Promise<TemplateRow> {
  const [row] = await tx
    .select()
    .from(emailTemplates)
    .where(and(eq(emailTemplates.tenantId, tenantId), eq(emailTemplates.id, id)))
    .for('update');
  if (!row) throw new AppError('not_found');
  return row;
}

export async function updateTemplate(
  platform: Platform,
  actor: Actor,
  id: string,
  expectedVersion: number | null,
  input: { name?: string | undefined; subject?: string | undefined; body?: string | undefined },
): Promise<EmailTemplate> {
  assertFields(input);
  return withTenant(platform.db, actor.tenantId, async (tx) => {
    const before = await lockedTemplate(tx, actor.tenantId, id);
    if (expectedVersion !== null && before.version !== expectedVersion)
      throw new AppError('version_conflict');
    const set = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    const [after] = await tx
      .update(emailTemplates)
      .set({ ...set, version: before.version + 1, updatedAt: platform.clock.now() })
      .where(and(eq(emailTemplates.tenantId, actor.tenantId), eq(emailTemplates.id, id)))
      .returning();
    if (!after) throw new AppError('not_found');
    await writeAudit(tx, actor, {
      entity: 'email_template',
      entityId: id,
      action: 'update',
      changes: changesBetween(before, after, AUDITED),
    });
    return present(after);
  });
}

export async function deleteTemplate(platform: Platform, actor: Actor, id: string): Promise<void> {
  await withTenant(platform.db, actor.tenantId, async (tx) => {
    const before = await lockedTemplate(tx, actor.tenantId, id);
    await tx
      .delete(emailTemplates)
      .where(and(eq(emailTemplates.tenantId, actor.tenantId), eq(emailTemplates.id, id)));
    await writeAudit(tx, actor, {
      entity: 'email_template',
      entityId: id,
      action: 'delete',
      changes: changesBetween(before, null, AUDITED),
    });
  });
}

type Compose = { contactId: string; subject: string; body: string };

/** What one mail may carry in library materials, all files together. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
const MB = 1024 * 1024;

/** The contact (visible to the caller, with an e-mail) and every merge field's value. */
async function mergeValues(tx: Tx, caller: CustomerCaller, contactId: string) {
  const tenantId = caller.actor.tenantId;
  const viewer = await viewerOf(tx, caller);
  const contact = await getContact(tx, tenantId, contactId);
  const customer = contact ? await getCustomer(tx, tenantId, contact.customerId) : undefined;
  if (!contact || !customer || !canSeeCustomer(viewer, customer)) {
    throw invalidFields({ path: 'contactId', code: 'unknown_record' });
  }
  if (!contact.email) throw invalidFields({ path: 'contactId', code: 'contact_without_email' });
  const [[me], [company]] = await Promise.all([
    tx
      .select({ name: users.name, email: users.email })
      .from(users)
      .where(and(eq(users.tenantId, tenantId), eq(users.id, caller.actor.userId ?? ''))),
    tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.tenantId, tenantId)),
  ]);
  const values: Record<MergeField, string | null> = {
    'contact.name': contact.name,
    'contact.title': contact.title,
    'contact.department': contact.department,
    'customer.name': customer.name,
    'customer.legalName': customer.legalName,
    'me.name': me?.name ?? null,
    'me.email': me?.email ?? null,
    'company.name': company?.name ?? null,
  };
  return { contact, customer, email: contact.email, values };
}

export async function previewEmail(
  platform: Platform,
  caller: CustomerCaller,
  input: Compose,
): Promise<{ to: string; subject: string; body: string }> {
  assertFields(input);
  return withTenant(platform.db, caller.actor.tenantId, async (tx) => {
    const { email, values } = await mergeValues(tx, caller, input.contactId);
    return { to: email, subject: fillFields(input.subject, values), body: fillFields(input.body, values) };
  });
}

export async function sendEmail(
  platform: Platform,
  caller: CustomerCaller,
  input: Compose & { materialIds?: string[] | undefined },
): Promise<{ activityId: string; mailId: string; to: string; subject: string }> {
  assertFields(input);
  const { actor } = caller;
  const tenantId = actor.tenantId;
  const userId = actor.userId;
  if (!userId) throw new AppError('forbidden');
  const sent = await withTenant(platform.db, tenantId, async (tx) => {
    const { contact, customer, email, values } = await mergeValues(tx, caller, input.contactId);
    const subject = fillFields(input.subject, values).slice(0, 200);
    const body = fillFields(input.body, values);
    const materials = [
      ...new Map(
        (await materialFilesFor(tx, tenantId, input.materialIds ?? [])).map((m) => [m.materialId, m]),
      ).values(),
    ];
    const total = materials.reduce((sum, m) => sum + m.size, 0);
    if (total > MAX_ATTACHMENT_BYTES) {
      throw invalidFields({
        path: 'materialIds',
        code: 'attachments_too_large',
        vars: { size: (total / MB).toFixed(1), max: MAX_ATTACHMENT_BYTES / MB },
      });
    }
    const now = platform.clock.now();
    const mailId = await queueMail(tx, tenantId, {
      to: email,
      subject,
      text: body,
      attachments: materials.map((m) => ({ fileId: m.fileId, name: m.name, contentType: m.contentType })),
    });
    // The timeline shows what went with the mail: one 📎 line per attached material.
    const noted = materials.map((m) => `📎 ${m.title} (${m.name})`).join('\n');
    const activity = await insertActivity(tx, {
      tenantId,
      kind: 'email',
      subject,
      body: noted ? `${body}\n\n${noted}` : body,
      direction: 'outbound',
      occurredAt: now,
      customerId: customer.id,
      contactId: contact.id,
      ownerId: userId,
      createdBy: userId,
    });
    await noteActivity(tx, tenantId, { customerId: customer.id, contactId: contact.id }, now);
    await writeAudit(tx, actor, {
      entity: 'activity',
      entityId: activity.id,
      action: 'email_sent',
      changes: {
        to: { from: null, to: email },
        subject: { from: null, to: subject },
        mailId: { from: null, to: mailId },
        ...(materials.length > 0
          ? { materialIds: { from: null, to: materials.map((m) => m.materialId) } }
          : {}),
      },
    });
    return { activityId: activity.id, mailId, to: email, subject };
  });
  await dispatchMails(platform, tenantId, [sent.mailId]);
  return sent;
}
