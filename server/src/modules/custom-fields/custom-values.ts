import type { Locale } from '@contracts/common';
import type {
  CustomFieldObject,
  CustomFilter,
  CustomValue,
  CustomValues,
} from '@contracts/custom-fields.contract';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { users } from '../../platform/db/identity.tables';
import { type FieldCode, invalidFields } from '../../platform/http/errors';
import { translate } from '../../platform/i18n/i18n';
import { customFields } from './custom-fields.tables';

/**
 * Values of custom fields on a record: checked against the company's definitions on every write, shown for
 * the active fields only, and filtered in lists with conditions the GIN index on the record's `custom` column
 * serves (containment), or a typed comparison for ranges.
 */

export type FieldDef = typeof customFields.$inferSelect;

export async function loadFields(tx: Tx, tenantId: string, object: CustomFieldObject): Promise<FieldDef[]> {
  return tx
    .select()
    .from(customFields)
    .where(and(eq(customFields.tenantId, tenantId), eq(customFields.object, object)))
    .orderBy(asc(customFields.position), asc(customFields.createdAt));
}

type Problem = { path: string; code: FieldCode; vars?: Record<string, unknown> };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A real calendar day (2026-02-30 is not). */
const isDate = (v: string) => {
  if (!DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};

/** One value checked against its field: the value to store, or the problem's code. */
function checkValue(field: FieldDef, value: CustomValue): { ok: CustomValue } | { code: FieldCode } {
  const options = new Set(field.options.map((o) => o.value));
  switch (field.type) {
    case 'text':
      return typeof value === 'string' && value.length <= 2000 ? { ok: value.trim() } : { code: 'invalid' };
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? { ok: value } : { code: 'invalid' };
    case 'money':
      return typeof value === 'number' && Number.isSafeInteger(value)
        ? { ok: value }
        : { code: 'invalid_money' };
    case 'date':
      return typeof value === 'string' && isDate(value) ? { ok: value } : { code: 'invalid_date' };
    case 'select':
      return typeof value === 'string' && options.has(value) ? { ok: value } : { code: 'unknown_option' };
    case 'multiselect':
      return Array.isArray(value) && value.length <= 100 && value.every((v) => options.has(v))
        ? { ok: [...new Set(value)] }
        : { code: 'unknown_option' };
    case 'user':
      return typeof value === 'string' && /^[0-9a-f-]{36}$/i.test(value)
        ? { ok: value }
        : { code: 'unknown_user' };
    case 'boolean':
      return typeof value === 'boolean' ? { ok: value } : { code: 'invalid' };
    default:
      return { code: 'invalid' };
  }
}

const empty = (v: CustomValue | undefined) =>
  v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * The record's values after an edit: `input` keys set (null clears), others kept. Unknown or switched-off
 * fields, wrong types and missing required values are 400s naming `custom.<key>`.
 */
export async function applyCustomValues(
  tx: Tx,
  tenantId: string,
  fields: readonly FieldDef[],
  current: Record<string, unknown>,
  input: Record<string, CustomValue | null> | undefined,
  creating: boolean,
): Promise<CustomValues> {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const next: Record<string, CustomValue> = {};
  for (const [key, value] of Object.entries(current)) {
    if (byKey.has(key)) next[key] = value as CustomValue;
  }
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(input ?? {})) {
    const field = byKey.get(key);
    if (!field?.active) {
      problems.push({ path: `custom.${key}`, code: 'unknown_custom_field' });
      continue;
    }
    if (value === null) {
      delete next[key];
      continue;
    }
    const checked = checkValue(field, value);
    if ('code' in checked) problems.push({ path: `custom.${key}`, code: checked.code });
    else if (empty(checked.ok)) delete next[key];
    else next[key] = checked.ok;
  }
  // Required fields bind new records, and edits that touch them.
  for (const field of fields) {
    if (!field.active || !field.required) continue;
    if ((creating || (input && field.key in input)) && empty(next[field.key])) {
      problems.push({ path: `custom.${field.key}`, code: 'required' });
    }
  }
  const userIds = fields
    .filter((f) => f.type === 'user' && input && f.key in input && typeof next[f.key] === 'string')
    .map((f) => ({ key: f.key, id: next[f.key] as string }));
  if (userIds.length > 0) {
    const found = new Set(
      (
        await tx
          .select({ id: users.id })
          .from(users)
          .where(
            and(
              eq(users.tenantId, tenantId),
              inArray(
                users.id,
                userIds.map((u) => u.id),
              ),
            ),
          )
      ).map((u) => u.id),
    );
    for (const u of userIds)
      if (!found.has(u.id)) problems.push({ path: `custom.${u.key}`, code: 'unknown_user' });
  }
  if (problems.length > 0) throw invalidFields(...problems);
  return next;
}

/** The values of active fields, as a record shows them. */
export function presentCustomValues(
  fields: readonly FieldDef[],
  stored: Record<string, unknown>,
): CustomValues {
  const out: CustomValues = {};
  for (const f of fields) {
    const value = stored[f.key];
    if (f.active && value !== undefined) out[f.key] = value as CustomValue;
  }
  return out;
}

/**
 * Conditions for a list's `custom` filter over the `custom` jsonb column: equality and "has this option" as
 * containment (GIN, jsonb_path_ops), `{ min, max }` as a typed comparison; text matches a substring.
 */
export function customFilterSql(
  fields: readonly FieldDef[],
  column: SQL,
  filter: CustomFilter,
  path = 'custom',
): SQL[] {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const out: SQL[] = [];
  const problems: Problem[] = [];
  for (const [key, condition] of Object.entries(filter)) {
    const field = byKey.get(key);
    if (!field) {
      problems.push({ path: `${path}.${key}`, code: 'unknown_custom_field' });
      continue;
    }
    const cast =
      field.type === 'date'
        ? sql.raw('date')
        : field.type === 'money'
          ? sql.raw('bigint')
          : sql.raw('numeric');
    if (typeof condition === 'object') {
      if (!['number', 'money', 'date'].includes(field.type)) {
        problems.push({ path: `${path}.${key}`, code: 'invalid' });
        continue;
      }
      const bound = (v: number | string) =>
        field.type === 'date'
          ? typeof v === 'string' && isDate(v)
            ? sql`${v}::date`
            : null
          : typeof v === 'number'
            ? sql`${v}::${cast}`
            : null;
      // Only values of the field's JSON type are cast (CASE decides before the cast runs): a stray value
      // never fails the query. One expression, so the planner counts one range condition, not three guesses.
      const jsonType = field.type === 'date' ? 'string' : 'number';
      const value = sql`(CASE WHEN jsonb_typeof(${column} -> ${key}) = ${jsonType} THEN (${column} ->> ${key})::${cast} END)`;
      const min = condition.min === undefined ? undefined : bound(condition.min);
      const max = condition.max === undefined ? undefined : bound(condition.max);
      if (min === null || max === null) {
        problems.push({ path: `${path}.${key}`, code: 'invalid' });
        continue;
      }
      if (min) out.push(sql`${value} >= ${min}`);
      if (max) out.push(sql`${value} <= ${max}`);
      if (!min && !max) out.push(sql`${value} IS NOT NULL`);
      continue;
    }
    if (field.type === 'text') {
      if (typeof condition !== 'string') {
        problems.push({ path: `${path}.${key}`, code: 'invalid' });
        continue;
      }
      const escaped = condition.replace(/[\\%_]/g, (c) => `\\${c}`);
      out.push(sql`(${column} ->> ${key}) ILIKE ${`%${escaped}%`}`);
      continue;
    }
    const probe = field.type === 'multiselect' ? [condition] : condition;
    out.push(sql`${column} @> ${JSON.stringify({ [key]: probe })}::jsonb`);
  }
  if (problems.length > 0) throw invalidFields(...problems);
  return out;
}

/**
 * A record's values carried onto another object's record (a converted lead's onto its customer). A value
 * moves to the target's active field with the same key when the types agree: the same type, or a select
 * value into a multi-select. Option values must be options of the target field too (a multi-select keeps
 * those that are). Values the target already holds are never overwritten. Returns the values to add.
 */
export function carryCustomValues(
  from: readonly FieldDef[],
  to: readonly FieldDef[],
  values: Record<string, unknown>,
  current: Record<string, unknown>,
): CustomValues {
  const source = presentCustomValues(from, values);
  const types = new Map(from.map((f) => [f.key, f.type]));
  const out: CustomValues = {};
  for (const target of to) {
    const value = source[target.key];
    const type = types.get(target.key);
    if (!target.active || value === undefined || !empty(current[target.key] as CustomValue | undefined)) {
      continue;
    }
    const options = new Set(target.options.map((o) => o.value));
    if (type === 'select' && target.type === 'multiselect' && typeof value === 'string') {
      if (options.has(value)) out[target.key] = [value];
    } else if (type === target.type) {
      if (target.type === 'select' && !(typeof value === 'string' && options.has(value))) continue;
      if (target.type === 'multiselect') {
        const kept = Array.isArray(value) ? value.filter((v) => options.has(v)) : [];
        if (kept.length > 0) out[target.key] = kept;
        continue;
      }
      out[target.key] = value;
    }
  }
  return out;
}

/**
 * A stored value as an exported cell in the caller's language: options by their labels, yes/no words, money
 * in major units (minor units / 100, as the forms show it), numbers as numbers; users by the names given.
 */
export function customValueCell(
  field: FieldDef,
  value: unknown,
  locale: Locale,
  userNames: ReadonlyMap<string, string> = new Map(),
): string | number {
  if (value === undefined || value === null) return '';
  const option = (v: unknown) => {
    const found = field.options.find((o) => o.value === v);
    return found ? (locale === 'zh-CN' ? found.labelZh : found.labelEn) : String(v);
  };
  switch (field.type) {
    case 'boolean':
      return translate(locale, value === true ? 'customValues.yes' : 'customValues.no');
    case 'select':
      return option(value);
    case 'multiselect':
      return Array.isArray(value) ? value.map(option).join('; ') : option(value);
    case 'money':
      return typeof value === 'number' ? value / 100 : String(value);
    case 'number':
      return typeof value === 'number' ? value : String(value);
    case 'user':
      return typeof value === 'string' ? (userNames.get(value) ?? value) : String(value);
    default:
      return String(value);
  }
}
