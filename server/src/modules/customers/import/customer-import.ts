import type { CustomValue } from '@contracts/custom-fields.contract';
import { cleanCreditCode, isValidCreditCode } from '@contracts/customers.contract';
import type { CompanySize } from '@contracts/leads.contract';
import type { RecordImport, RecordImportIssueReason } from '@contracts/record-import.contract';
import { RecordImportDefaults } from '@contracts/record-import.contract';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { writeAudit } from '../../../platform/audit';
import { defineJob } from '../../../platform/jobs/jobs';
import { normalizeCompany, normalizePhone } from '../../../platform/text/normalize';
import {
  type ImportSpec,
  parseCompanySize,
  type RowIssue,
  resumeStaleObjectImports,
  runObjectImport,
} from '../../leads';
import { soleTeamOf } from '../customer-profile.service';
import { canSeeCustomer, canSetCustomerOwner } from '../customers.policy';
import { customers } from '../customers.tables';
import { customerDuplicates, customerKeysOf } from '../record-dedupe';
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
 * The customer import: rows become customers as the API creates them (owner rules, the owner's team, the
 * custom-field checks), one batch per transaction with the import's watermark. A row whose company name,
 * credit code or phone matches an existing customer (record-dedupe.ts), or an earlier row, is skipped as a
 * duplicate naming the match.
 */

/** The longest value each text field takes (as for a customer typed in by hand). */
const MAX_LENGTH: Record<string, number> = {
  name: 200,
  legalName: 200,
  industry: 100,
  region: 100,
  address: 500,
  phone: 50,
  website: 500,
  taxId: 50,
  notes: 10_000,
};

type NewCustomerRow = {
  name: string;
  legalName: string | null;
  industry: string | null;
  companySize: CompanySize | null;
  region: string | null;
  address: string | null;
  phone: string | null;
  website: string | null;
  creditCode: string | null;
  taxId: string | null;
  tags: string[];
  notes: string;
  /** Named in the row; else the import's default owner, else the importer. */
  ownerId: string | null | undefined;
  custom: Record<string, CustomValue>;
};

function convertCustomer(cells: readonly string[], ctx: RecordCtx): NewCustomerRow | RowIssue {
  const v = cellsByField(cells, ctx);
  const long = tooLong(v, MAX_LENGTH, ctx);
  if (long) return long;
  const name = v.get('name');
  if (!name) return issue('missing_name');
  const tags = listOf(v.get('tags'));
  if (tags.length > 30 || tags.some((t) => t.length > 50)) return issue('too_long', v.get('tags') ?? '');
  const phone = v.get('phone') ?? null;
  if (phone && !normalizePhone(phone)) return issue('bad_phone', phone);
  let companySize: CompanySize | null = null;
  const size = v.get('companySize');
  if (size) {
    companySize = parseCompanySize(size);
    if (!companySize) return issue('bad_company_size', size);
  }
  let creditCode: string | null = null;
  const code = v.get('creditCode');
  if (code) {
    creditCode = cleanCreditCode(code);
    if (!isValidCreditCode(creditCode)) return issue('bad_credit_code', code);
  }
  const owner = ownerOf(v.get('owner'), ctx);
  if (isIssue(owner)) return owner;
  if (owner !== undefined && !canSetCustomerOwner(ctx.viewer, owner)) {
    return issue('owner_not_permitted', v.get('owner') ?? '');
  }
  const custom = customCells(v, ctx);
  if (isIssue(custom)) return custom;
  return {
    name,
    legalName: v.get('legalName') ?? null,
    industry: v.get('industry') ?? null,
    companySize,
    region: v.get('region') ?? null,
    address: v.get('address') ?? null,
    phone,
    website: v.get('website') ?? null,
    creditCode,
    taxId: v.get('taxId') ?? null,
    tags,
    notes: v.get('notes') ?? '',
    ownerId: owner,
    custom,
  };
}

/** Rows per batch: one insert statement of ~25 parameters per customer, well under PGlite's limit. */
const BATCH_ROWS = 500;

export const importCustomersJob = defineJob({
  name: 'customers.import',
  payload: z.object({ tenantId: z.uuid(), importId: z.uuid() }),
  retryLimit: 5,
  retryDelaySeconds: 30,
  expireInSeconds: 6 * 3600,
  async handler({ tenantId, importId }, { platform }) {
    await runObjectImport(platform, customerImportSpec, tenantId, importId);
  },
});

export const customerImportSpec: ImportSpec<RecordImport, RecordCtx, NewCustomerRow> = {
  object: 'customer',
  job: importCustomersJob,
  entity: 'customer_import',
  batchRows: () => BATCH_ROWS,
  present: (tx, row, base) => presentRecordImport(tx, 'customer', row, base),
  async checkStart(tx, caller, headers, mapping, defaults) {
    const { ownerId } = RecordImportDefaults.parse(defaults);
    const viewer = { userId: caller.actor.userId ?? '', role: caller.role };
    return [
      ...(await checkRecordMapping(tx, caller.actor.tenantId, 'customer', headers, mapping)),
      ...(await checkDefaultOwner(
        tx,
        caller.actor.tenantId,
        ownerId,
        canSetCustomerOwner({ ...viewer, teamIds: [], teammateIds: [] }, ownerId),
      )),
    ];
  },
  prepare: (tx, claimed) => prepareRecordCtx(tx, 'customer', claimed),
  convert(row, ctx) {
    const out = convertCustomer(row.cells, ctx);
    return isIssue(out) ? { ok: false, issue: out } : { ok: true, value: out };
  },
  async write(tx, ctx, rows, now) {
    const { tenantId, actor, viewer } = ctx;
    const outcomes: (RowIssue | null)[] = [];
    const inserts: (typeof customers.$inferInsert)[] = [];
    const seen = new Set<string>();
    const teams = new Map<string, string | null>();
    for (const { value } of rows) {
      const custom = await checkedCustom(tx, ctx, value.custom);
      if (isIssue(custom)) {
        outcomes.push(custom);
        continue;
      }
      const keys = customerKeysOf(value);
      const batchKeys = [
        ...keys.companies.map((c) => `c:${c}`),
        ...(keys.creditCode ? [`k:${keys.creditCode}`] : []),
        ...(keys.phoneNorm ? [`p:${keys.phoneNorm}`] : []),
      ];
      if (batchKeys.some((k) => seen.has(k))) {
        outcomes.push(issue('duplicate'));
        continue;
      }
      const match = (await customerDuplicates(tx, tenantId, keys)).find((m) => m.kind === 'customer');
      if (match) {
        outcomes.push(issue('duplicate', `${match.name} (${match.matchedOn})`));
        continue;
      }
      for (const k of batchKeys) seen.add(k);
      const ownerId = value.ownerId !== undefined ? value.ownerId : (ctx.defaults.ownerId ?? actor.userId);
      let teamId = ownerId ? teams.get(ownerId) : null;
      if (ownerId && teamId === undefined) {
        teamId = await soleTeamOf(tx, tenantId, ownerId);
        teams.set(ownerId, teamId);
      }
      const facts = { ownerId, teamId: teamId ?? null, sharedWith: [] as string[] };
      // Whoever imports a customer keeps seeing it, even when it goes to an owner outside their scope.
      const sharedWith = !canSeeCustomer(viewer, facts) && actor.userId ? [actor.userId] : [];
      inserts.push({
        tenantId,
        id: uuidv7(),
        name: value.name,
        nameNorm: normalizeCompany(value.name) ?? value.name.toLowerCase(),
        legalName: value.legalName,
        legalNameNorm: normalizeCompany(value.legalName),
        industry: value.industry,
        companySize: value.companySize,
        region: value.region,
        address: value.address,
        phone: value.phone,
        phoneNorm: normalizePhone(value.phone),
        website: value.website,
        creditCode: value.creditCode,
        taxId: value.taxId,
        tags: value.tags,
        notes: value.notes,
        custom,
        ownerId,
        teamId: teamId ?? null,
        sharedWith,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      });
      outcomes.push(null);
    }
    if (inserts.length > 0) {
      await tx.insert(customers).values(inserts);
      await writeAudit(tx, actor, {
        entity: 'customer',
        entityId: null,
        action: 'import_batch',
        changes: {
          importId: { from: null, to: ctx.importId },
          customers: { from: null, to: inserts.map((r) => r.id) },
        },
      });
    }
    return outcomes;
  },
  finished: (tx, claimed, summary) => notifyImportDone(tx, 'customer', claimed, summary),
  reasonText: (locale, reason) => recordTexts[locale].reason[reason as RecordImportIssueReason] ?? reason,
  fallbackName: 'customers',
};

export const resumeCustomerImportsJob = defineJob({
  name: 'customers.import.resume',
  payload: z.object({}).passthrough(),
  cron: '* * * * *',
  atStart: true,
  async handler(_payload, { platform }) {
    await resumeStaleObjectImports(platform, customerImportSpec);
  },
});
