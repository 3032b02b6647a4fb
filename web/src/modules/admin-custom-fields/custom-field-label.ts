import type { Locale } from '@contracts/common';
import type { CustomField, CustomValue } from '@contracts/custom-fields.contract';

/** A field's or option's label in the user's language. */
export function labelOf(item: { labelZh: string; labelEn: string }, locale: Locale | string): string {
  return locale === 'zh-CN' ? item.labelZh : item.labelEn;
}

/**
 * A stored value as text: options by their labels, booleans as the given words, money from minor units with
 * two decimals; user ids are left to the caller (names need a lookup).
 */
export function customValueText(
  field: CustomField,
  value: unknown,
  locale: Locale | string,
  words: { yes: string; no: string },
): string {
  if (value === undefined || value === null || value === '') return '';
  const option = (v: unknown) => {
    const found = field.options.find((o) => o.value === v);
    return found ? labelOf(found, locale) : String(v);
  };
  switch (field.type) {
    case 'boolean':
      return value === true ? words.yes : words.no;
    case 'select':
      return option(value);
    case 'multiselect':
      return Array.isArray(value) ? value.map(option).join(', ') : option(value);
    case 'money':
      return typeof value === 'number'
        ? (value / 100).toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
        : String(value);
    case 'number':
      return typeof value === 'number' ? value.toLocaleString(locale) : String(value);
    default:
      return String(value);
  }
}

/**
 * The keys whose value changed between two maps, with the new value (null: cleared): what an edit sends, so
 * it never overwrites a value someone else changed meanwhile.
 */
export function changedCustomValues(
  before: Record<string, unknown>,
  after: Record<string, unknown> | undefined,
): Record<string, CustomValue | null> {
  const out: Record<string, CustomValue | null> = {};
  const blank = (v: unknown) =>
    v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
  for (const [key, value] of Object.entries(after ?? {})) {
    const next = blank(value) ? null : value;
    const prev = blank(before[key]) ? null : before[key];
    // The inputs hold only what the contract's CustomValue allows.
    if (JSON.stringify(next) !== JSON.stringify(prev)) out[key] = next as CustomValue | null;
  }
  return out;
}

export type Condition = string | number | boolean | { min?: number | string; max?: number | string };
export type Conditions = Record<string, Condition>;

/** The list filter's `custom` value (JSON) as conditions; anything unreadable reads as none. */
export function parseConditions(text: string | undefined): Conditions {
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Conditions) : {};
  } catch {
    return {};
  }
}

/** A condition as a short text for its tag: "≥ 3", "2026-01-01 – 2026-06-30", an option's label… */
export function conditionText(
  field: CustomField,
  condition: Condition,
  locale: string,
  words: { yes: string; no: string },
): string {
  if (typeof condition === 'object') {
    const show = (v: number | string | undefined) =>
      v === undefined
        ? ''
        : field.type === 'money' && typeof v === 'number'
          ? customValueText(field, v, locale, words)
          : String(v);
    if (condition.min !== undefined && condition.max !== undefined)
      return `${show(condition.min)} – ${show(condition.max)}`;
    return condition.min !== undefined ? `≥ ${show(condition.min)}` : `≤ ${show(condition.max)}`;
  }
  return customValueText(field, condition, locale, words) || String(condition);
}
