import type { CustomValue } from '@contracts/custom-fields.contract';
import type { FieldDef } from './custom-values';

/**
 * A spreadsheet cell read as a custom field's value, the way people type it and the way an export writes
 * it (`customValueCell`): options by value or by either label, yes/no words in both languages, money in
 * major units, dates as YYYY-MM-DD (or with slashes or dots), users by e-mail or name. Null: not readable,
 * so the row is reported, not guessed. The value is then checked as any other write (`applyCustomValues`).
 */

const YES = new Set(['是', '对', '有', 'y', 'yes', 'true', '1', '✓', '√']);
const NO = new Set(['否', '不', '无', '没有', 'n', 'no', 'false', '0', '✗', '×']);
const LIST_SEPARATOR = /[,，;；、|]/;

const fold = (text: string) => text.normalize('NFKC').trim().toLowerCase();

/** Users of the company by folded e-mail and by folded name; null where a name is shared (ambiguous). */
export type UserLookup = ReadonlyMap<string, string | null>;

export function userLookupOf(rows: readonly { id: string; name: string; email: string }[]): UserLookup {
  const out = new Map<string, string | null>();
  for (const row of rows) out.set(fold(row.email), row.id);
  for (const row of rows) {
    const key = fold(row.name);
    if (!key || out.get(key) === row.id) continue;
    out.set(key, out.has(key) ? null : row.id);
  }
  return out;
}

/** A user id by e-mail or name; null when nobody (or more than one person) has it. */
export function findUser(users: UserLookup, text: string): string | null {
  return users.get(fold(text)) ?? null;
}

function option(field: FieldDef, text: string): string | null {
  const key = fold(text);
  const found = field.options.find(
    (o) => fold(o.value) === key || fold(o.labelZh) === key || fold(o.labelEn) === key,
  );
  return found?.value ?? null;
}

function date(text: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$/.exec(text.trim());
  if (!m) return null;
  return `${m[1]}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}`;
}

/** "1,234.5", "¥1234.50", "$ 12" → minor units; at most two decimals. */
function money(text: string): number | null {
  const m = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(text.replace(/[\s,，¥￥$€£]|CNY|RMB|USD|EUR/gi, ''));
  if (!m) return null;
  const minor = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(minor) ? (m[1] ? -minor : minor) : null;
}

export function customValueFromCell(field: FieldDef, text: string, users: UserLookup): CustomValue | null {
  const value = text.trim();
  switch (field.type) {
    case 'text':
      return value;
    case 'number': {
      const n = Number(value.replace(/[\s,，]/g, ''));
      return value !== '' && Number.isFinite(n) ? n : null;
    }
    case 'money':
      return money(value);
    case 'date':
      return date(value);
    case 'select':
      return option(field, value);
    case 'multiselect': {
      const parts = value
        .split(LIST_SEPARATOR)
        .map((p) => p.trim())
        .filter(Boolean);
      const values = parts.map((p) => option(field, p));
      return values.every((v): v is string => v !== null) ? values : null;
    }
    case 'boolean': {
      const key = fold(value);
      return YES.has(key) ? true : NO.has(key) ? false : null;
    }
    case 'user':
      return findUser(users, value);
    default:
      return null;
  }
}
