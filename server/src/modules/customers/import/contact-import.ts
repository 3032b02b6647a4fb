import type { CustomValue } from '@contracts/custom-fields.contract';
import { cleanCreditCode, isValidCreditCode } from '@contracts/customers.contract';
import type { RecordImport, RecordImportIssueReason } from '@contracts/record-import.contract';
import { RecordImportDefaults } from '@contracts/record-import.contract';
import { and, eq, or, type SQL } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { can } from '../../../platform/access';
import { writeAudit } from '../../../platform/audit';
import { anyOf } from '../../../platform/db/arrays';
import type { Tx } from '../../../platform/db/database';
import { defineJob } from '../../../platform/jobs/jobs';
import { normalizeCompany, normalizeEmail, normalizePhone } from '../../../platform/text/normalize';
import { type ImportSpec, type RowIssue, resumeStaleObjectImports, runObjectImport } from '../../leads';
import { canSeeCustomer, canSetContactOwner } from '../customers.policy';
import type { CustomerRow } from '../customers.queries';
import { contacts, customers } from '../customers.tables';
import { checkRecordMapping } from './import-fields';
import {
  cellsByField,
  checkDefaultOwner,
  checkedCustom,
  customCells,
  isIssue,
  issue,
  listOf,
  notifyImportDone,
  ownerOf,
  prepareRecordCtx,
  presentRecordImport,
  type RecordCtx,
  tooLong,
} from './record-import-common';
import { recordTexts } from './record-texts';

/**
 * The contact import: each row names its customer (by name, display or legal, or by credit code) among the
 * customers the importer sees, and becomes a contact as the API creates one (owner rules, custom-field
 * checks). A row with the email or phone of a contact the customer already has, or of an earlier row for
 * the same customer, is skipped as a duplicate.
 */

const MAX_LENGTH: Record<string, number> = {
  customer: 200,
  name: 100,
  title: 100,
  department: 100,
  phone: 50,
  email: 254,
  wechat: 100,
  notes: 10_000,
};

type NewContactRow = {
  customer: string;
  name: string;
  title: string | null;
  department: string | null;
  phone: string | null;
  email: string | null;
  phones: string[];
  emails: string[];
  wechat: string | null;
  tags: string[];
  notes: string;
  ownerId: string | null | undefined;
  ownerText: string;
  custom: Record<string, CustomValue>;
};

function convertContact(cells: readonly string[], ctx: RecordCtx): NewContactRow | RowIssue {
  const v = cellsByField(cells, ctx);
  const long = tooLong(v, MAX_LENGTH, ctx);
  if (long) return long;
  const customer = v.get('customer');
  if (!customer) return issue('missing_customer');
  const name = v.get('name');
  if (!name) return issue('missing_name');
  const phone = v.get('phone') ?? null;
  if (phone && !normalizePhone(phone)) return issue('bad_phone', phone);
  const email = v.get('email') ?? null;
  if (email && !normalizeEmail(email)) return issue('bad_email', email);
  const phones = listOf(v.get('phones'));
  const badPhone = phones.find((p) => !normalizePhone(p));
  if (badPhone) return issue('bad_phone', badPhone);
  const emails = listOf(v.get('emails'));
  const badEmail = emails.find((e) => !normalizeEmail(e));
  if (badEmail) return issue('bad_email', badEmail);
  const tags = listOf(v.get('tags'));
  if (tags.length > 30 || tags.some((t) => t.length > 50)) return issue('too_long', v.get('tags') ?? '');
  const owner = ownerOf(v.get('owner'), ctx);
  if (isIssue(owner)) return owner;
  const custom = customCells(v, ctx);
  if (isIssue(custom)) return custom;
  return {
    customer,
    name,
    title: v.get('title') ?? null,
    department: v.get('department') ?? null,
    phone,
    email,
    phones,
    emails,
    wechat: v.get('wechat') ?? null,
    tags,
    notes: v.get('notes') ?? '',
    ownerId: owner,
    ownerText: v.get('owner') ?? '',
    custom,
  };
}

type Found = { customer: CustomerRow } | { issue: RowIssue };

/** The customer a cell names, among those the importer sees: by credit code, else by display or legal name. */
async function findCustomer(tx: Tx, ctx: RecordCtx, text: string): Promise<Found> {
  const code = cleanCreditCode(text);
  let where: SQL | undefined;
  if (isValidCreditCode(code)) {
    where = eq(customers.creditCode, code);
  } else {
    const norm = normalizeCompany(text) ?? text.toLowerCase();
    where = or(eq(customers.nameNorm, norm), eq(customers.legalNameNorm, norm));
  }
  const rows = await tx
    .select()
    .from(customers)
    .where(and(eq(customers.tenantId, ctx.tenantId), where))
    .limit(50);
  const visible = rows.filter((r) => canSeeCustomer(ctx.viewer, r));
  if (visible.length === 0) return { issue: issue('unknown_customer', text) };
  const exact = visible.filter((r) => r.name === text || r.legalName === text);
  const pick = visible.length === 1 ? visible[0] : exact.length === 1 ? exact[0] : undefined;
  return pick ? { customer: pick } : { issue: issue('ambiguous_customer', text) };
}

/** A contact of the customer with one of these emails or phones, if any. */
async function existingContact(
  tx: Tx,
  tenantId: string,
  customerId: string,
  emails: string[],
  phones: string[],
) {
  const match: SQL[] = [];
  if (emails.length > 0) match.push(anyOf(contacts.emailNorm, emails));
  if (phones.length > 0) match.push(anyOf(contacts.phoneNorm, phones));
  if (match.length === 0) return undefined;
  const [row] = await tx
    .select({ name: contacts.name, emailNorm: contacts.emailNorm })
    .from(contacts)
    .where(and(eq(contacts.tenantId, tenantId), eq(contacts.customerId, customerId), or(...match)))
    .limit(1);
  return row;
}

const BATCH_ROWS = 500;

export const importContactsJob = defineJob({
  name: 'contacts.import',
  payload: z.object({ tenantId: z.uuid(), importId: z.uuid() }),
  retryLimit: 5,
  retryDelaySeconds: 30,
  expireInSeconds: 6 * 3600,
  async handler({ tenantId, importId }, { platform }) {
    await runObjectImport(platform, contactImportSpec, tenantId, importId);
  },
});

export const contactImportSpec: ImportSpec<RecordImport, RecordCtx, NewContactRow> = {
  object: 'contact',
  job: importContactsJob,
  entity: 'contact_import',
  batchRows: () => BATCH_ROWS,
  present: (tx, row, base) => presentRecordImport(tx, 'contact', row, base),
  async checkStart(tx, caller, headers, mapping, defaults) {
    const { ownerId } = RecordImportDefaults.parse(defaults);
    // Without customers.assign only oneself; the customer's owner is checked row by row.
    const permitted = can(caller.role, 'customers.assign') || ownerId === caller.actor.userId;
    return [
      ...(await checkRecordMapping(tx, caller.actor.tenantId, 'contact', headers, mapping)),
      ...(await checkDefaultOwner(tx, caller.actor.tenantId, ownerId, permitted)),
    ];
  },
  prepare: (tx, claimed) => prepareRecordCtx(tx, 'contact', claimed),
  convert(row, ctx) {
    const out = convertContact(row.cells, ctx);
    return isIssue(out) ? { ok: false, issue: out } : { ok: true, value: out };
  },
  async write(tx, ctx, rows, now) {
    const { tenantId, actor, viewer } = ctx;
    const outcomes: (RowIssue | null)[] = [];
    const inserts: (typeof contacts.$inferInsert)[] = [];
    const seen = new Set<string>();
    const found = new Map<string, Found>();
    for (const { value } of rows) {
      let target = found.get(value.customer);
      if (!target) {
        target = await findCustomer(tx, ctx, value.customer);
        found.set(value.customer, target);
      }
      if ('issue' in target) {
        outcomes.push(target.issue);
        continue;
      }
      const customer = target.customer;
      const ownerId =
        value.ownerId !== undefined
          ? value.ownerId
          : (ctx.defaults.ownerId ?? customer.ownerId ?? actor.userId);
      if (!canSetContactOwner(viewer, customer, ownerId)) {
        outcomes.push(issue('owner_not_permitted', value.ownerText));
        continue;
      }
      const custom = await checkedCustom(tx, ctx, value.custom);
      if (isIssue(custom)) {
        outcomes.push(custom);
        continue;
      }
      const emailNorm = normalizeEmail(value.email);
      const phoneNorm = normalizePhone(value.phone);
      const batchKeys = [
        ...(emailNorm ? [`${customer.id}:e:${emailNorm}`] : []),
        ...(phoneNorm ? [`${customer.id}:p:${phoneNorm}`] : []),
      ];
      if (batchKeys.some((k) => seen.has(k))) {
        outcomes.push(issue('duplicate'));
        continue;
      }
      const match = await existingContact(
        tx,
        tenantId,
        customer.id,
        emailNorm ? [emailNorm] : [],
        phoneNorm ? [phoneNorm] : [],
      );
      if (match) {
        const on = emailNorm && match.emailNorm === emailNorm ? 'email' : 'phone';
        outcomes.push(issue('duplicate', `${match.name} (${on})`));
        continue;
      }
      for (const k of batchKeys) seen.add(k);
      inserts.push({
        tenantId,
        id: uuidv7(),
        customerId: customer.id,
        name: value.name,
        title: value.title,
        department: value.department,
        phone: value.phone,
        phoneNorm,
        email: value.email,
        emailNorm,
        phones: value.phones,
        emails: value.emails,
        wechat: value.wechat,
        tags: value.tags,
        notes: value.notes,
        custom,
        ownerId,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      });
      outcomes.push(null);
    }
    if (inserts.length > 0) {
      await tx.insert(contacts).values(inserts);
      await writeAudit(tx, actor, {
        entity: 'contact',
        entityId: null,
        action: 'import_batch',
        changes: {
          importId: { from: null, to: ctx.importId },
          contacts: { from: null, to: inserts.map((r) => r.id) },
        },
      });
    }
    return outcomes;
  },
  finished: (tx, claimed, summary) => notifyImportDone(tx, 'contact', claimed, summary),
  reasonText: (locale, reason) => recordTexts[locale].reason[reason as RecordImportIssueReason] ?? reason,
  fallbackName: 'contacts',
};

export const resumeContactImportsJob = defineJob({
  name: 'contacts.import.resume',
  payload: z.object({}).passthrough(),
  cron: '* * * * *',
  atStart: true,
  async handler(_payload, { platform }) {
    await resumeStaleObjectImports(platform, contactImportSpec);
  },
});
