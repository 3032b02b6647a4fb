import type { Role } from '@contracts/common';
import type { CustomValue } from '@contracts/custom-fields.contract';
import {
  type RecordImport,
  RecordImportDefaults,
  type RecordImportIssueReason,
  type RecordImportObject,
} from '@contracts/record-import.contract';
import { and, eq } from 'drizzle-orm';
import { isRole } from '../../../platform/access';
import type { Actor } from '../../../platform/audit';
import type { Tx } from '../../../platform/db/database';
import { users } from '../../../platform/db/identity.tables';
import { FieldsError } from '../../../platform/http/errors';
import {
  applyCustomValues,
  customValueFromCell,
  type FieldDef,
  findUser,
  loadFields,
  type UserLookup,
  userLookupOf,
} from '../../custom-fields';
import {
  type ClaimedImport,
  type ImportProblem,
  type RowIssue,
  savedMappings,
  unneutralize,
} from '../../leads';
import { notify } from '../../notifications';
import type { CustomerViewer } from '../customers.policy';
import { loadViewer } from '../customers.queries';
import { presentRecordParts } from './import-fields';

/** What customer and contact imports share: the run's context, reading cells, owners and custom values. */

export type RecordCtx = {
  tenantId: string;
  importId: string;
  actor: Actor;
  viewer: CustomerViewer;
  headers: readonly string[];
  columns: readonly (readonly [number, string])[];
  defaults: RecordImportDefaults;
  /** Active custom fields of the object, by key. */
  fields: ReadonlyMap<string, FieldDef>;
  allFields: readonly FieldDef[];
  users: UserLookup;
};

export const issue = (reason: RecordImportIssueReason, detail = ''): RowIssue => ({ reason, detail });

/** The context of one run, as the importer (their role today) would create the records by hand. */
export async function prepareRecordCtx(
  tx: Tx,
  object: RecordImportObject,
  claimed: ClaimedImport,
): Promise<RecordCtx> {
  const { tenantId } = claimed;
  const people = await tx
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, status: users.status })
    .from(users)
    .where(eq(users.tenantId, tenantId));
  const importer = people.find((u) => u.id === claimed.createdBy);
  const role: Role = importer && isRole(importer.role) ? importer.role : 'rep';
  const allFields = await loadFields(tx, tenantId, object);
  return {
    tenantId,
    importId: claimed.importId,
    actor: claimed.actor,
    viewer: await loadViewer(tx, tenantId, { userId: claimed.createdBy ?? '', role }),
    headers: claimed.headers,
    columns: claimed.columns,
    defaults: RecordImportDefaults.parse(claimed.defaults),
    fields: new Map(allFields.filter((f) => f.active).map((f) => [f.key, f])),
    allFields,
    users: userLookupOf(people.filter((u) => u.status === 'active')),
  };
}

/** The row's mapped, non-empty cells as field → text (exported cells lose their formula guard again). */
export function cellsByField(cells: readonly string[], ctx: RecordCtx): Map<string, string> {
  const out = new Map<string, string>();
  for (const [index, field] of ctx.columns) {
    const value = unneutralize((cells[index] ?? '').trim());
    if (value) out.set(field, value);
  }
  return out;
}

/** "a, b；c、d" → ['a', 'b', 'c', 'd'], without repeats. */
export function listOf(text: string | undefined): string[] {
  if (!text) return [];
  return [
    ...new Set(
      text
        .split(/[,，;；、|\n]/)
        .map((p) => p.trim())
        .filter(Boolean),
    ),
  ];
}

/** Texts longer than the field allows skip the row, naming the column. */
export function tooLong(
  values: ReadonlyMap<string, string>,
  limits: Readonly<Record<string, number>>,
  ctx: RecordCtx,
): RowIssue | null {
  for (const [field, value] of values) {
    const max = limits[field];
    if (max !== undefined && value.length > max) {
      const column = ctx.columns.find(([, f]) => f === field)?.[0];
      return issue('too_long', column === undefined ? field : (ctx.headers[column] ?? field));
    }
  }
  return null;
}

/** The owner a cell names: a user id, or the reason the row is skipped. */
export function ownerOf(text: string | undefined, ctx: RecordCtx): string | RowIssue | undefined {
  if (!text) return undefined;
  return findUser(ctx.users, text) ?? issue('unknown_owner', text);
}

const labelOf = (f: FieldDef) => `${f.labelZh} / ${f.labelEn}`;

/** The custom cells read as values: the typed values, or the reason the row is skipped. */
export function customCells(
  values: ReadonlyMap<string, string>,
  ctx: RecordCtx,
): Record<string, CustomValue> | RowIssue {
  const out: Record<string, CustomValue> = {};
  for (const [field, text] of values) {
    if (!field.startsWith('custom.')) continue;
    const def = ctx.fields.get(field.slice('custom.'.length));
    if (!def) continue;
    const value = customValueFromCell(def, text, ctx.users);
    if (value === null) return issue('bad_custom_value', `${labelOf(def)}: ${text}`.slice(0, 500));
    out[def.key] = value;
  }
  return out;
}

/**
 * The values checked by the custom-fields module as for a record created by hand (types, options, users,
 * required fields): the values to store, or the reason the row is skipped.
 */
export async function checkedCustom(
  tx: Tx,
  ctx: RecordCtx,
  values: Record<string, CustomValue>,
): Promise<Record<string, CustomValue> | RowIssue> {
  try {
    return await applyCustomValues(tx, ctx.tenantId, ctx.allFields, {}, values, true);
  } catch (error) {
    if (!(error instanceof FieldsError)) throw error;
    const first = error.fields[0];
    const def = first ? ctx.fields.get(first.path.replace(/^custom\./, '')) : undefined;
    return issue('bad_custom_value', def ? labelOf(def) : (first?.path ?? ''));
  }
}

export const isIssue = (value: unknown): value is RowIssue =>
  typeof value === 'object' && value !== null && 'reason' in value && 'detail' in value;

/** Owner and team rules hold at start for the default owner too (as for a record created by hand). */
export async function checkDefaultOwner(
  tx: Tx,
  tenantId: string,
  ownerId: string | null,
  permitted: boolean,
): Promise<ImportProblem[]> {
  if (!ownerId) return [];
  if (!permitted) return [{ path: 'defaults.ownerId', code: 'not_permitted' }];
  const [user] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, ownerId), eq(users.status, 'active')));
  return user ? [] : [{ path: 'defaults.ownerId', code: 'unknown_user' }];
}

/** The import as the API shows it. */
export async function presentRecordImport<B>(
  tx: Tx,
  object: RecordImportObject,
  row: {
    tenantId: string;
    status: string;
    headers: string[];
    mapping: Record<string, string>;
    defaults: unknown;
  },
  base: B,
): Promise<B & Pick<RecordImport, 'object' | 'fields' | 'suggestedMapping' | 'mapping' | 'defaults'>> {
  const [saved, custom] = await Promise.all([
    savedMappings(tx, row.tenantId, object, row.headers),
    loadFields(tx, row.tenantId, object),
  ]);
  return { ...base, ...presentRecordParts(object, row, saved, custom) };
}

/** Tells the importer the import has finished (once per import), as the lead import does. */
export async function notifyImportDone(
  tx: Tx,
  object: RecordImportObject,
  claimed: ClaimedImport,
  summary: { fileName: string; imported: number; skipped: number },
): Promise<void> {
  if (!claimed.createdBy) return;
  await notify(tx, {
    tenantId: claimed.tenantId,
    userIds: [claimed.createdBy],
    kind: 'record_import_done',
    params: { file: summary.fileName, object, imported: summary.imported, skipped: summary.skipped },
    entity: `${object}_import`,
    entityId: claimed.importId,
    dedupeKey: `record_import_done:${claimed.importId}`,
  });
}
