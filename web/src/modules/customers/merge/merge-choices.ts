import { CUSTOM_CHOICE_PREFIX, type MergeSide } from '@contracts/record-merge.contract';

/**
 * Which record each field of a customer or contact merge takes its value from. A field only one record has
 * filled takes that value; when both differ, the more recently updated record's value is suggested; equal
 * values need no choice. Custom fields are chosen per key (`custom.<key>`), as the API takes them.
 */

export type MergeRecord = { updatedAt: string; custom: Record<string, unknown> };

/** A record's value of a field or of a custom key. */
export function valueAt(record: MergeRecord, key: string): unknown {
  if (key.startsWith(CUSTOM_CHOICE_PREFIX)) return record.custom[key.slice(CUSTOM_CHOICE_PREFIX.length)];
  return (record as Record<string, unknown>)[key];
}

export function isFilled(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(isFilled(a) ? a : null) === JSON.stringify(isFilled(b) ? b : null);
}

/** The merge's rows: the given fields, then every custom key either record holds (in a stable order). */
export function mergeKeys(fields: readonly string[], target: MergeRecord, source: MergeRecord): string[] {
  const custom = [...new Set([...Object.keys(target.custom), ...Object.keys(source.custom)])].sort();
  return [...fields, ...custom.map((k) => `${CUSTOM_CHOICE_PREFIX}${k}`)];
}

export function defaultSide(target: MergeRecord, source: MergeRecord, key: string): MergeSide {
  const here = isFilled(valueAt(target, key));
  const there = isFilled(valueAt(source, key));
  if (here !== there) return here ? 'target' : 'source';
  if (!here || sameValue(valueAt(target, key), valueAt(source, key))) return 'target';
  return Date.parse(source.updatedAt) > Date.parse(target.updatedAt) ? 'source' : 'target';
}

/** The keys whose values differ, each with the suggested side. */
export function initialChoices(
  keys: readonly string[],
  target: MergeRecord,
  source: MergeRecord,
  locked: readonly string[] = [],
): Record<string, MergeSide> {
  const out: Record<string, MergeSide> = {};
  for (const key of keys) {
    if (sameValue(valueAt(target, key), valueAt(source, key))) continue;
    out[key] = locked.includes(key) ? 'target' : defaultSide(target, source, key);
  }
  return out;
}

/** What the record that stays will hold for a key, for the preview column. */
export function mergedValue(
  target: MergeRecord,
  source: MergeRecord,
  choices: Record<string, MergeSide>,
  key: string,
): unknown {
  return valueAt(choices[key] === 'source' ? source : target, key);
}
