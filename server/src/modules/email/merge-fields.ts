import { MERGE_FIELDS, type MergeField } from '@contracts/email.contract';

/**
 * Filling `{{field}}` placeholders. Only the listed fields exist; a misspelt one is an error naming it rather
 * than a mail that says "Dear {{contat.name}}". A field with no value becomes empty text. Values are plain
 * text (mails are sent as text), so nothing in them is interpreted.
 */

const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g;
const KNOWN = new Set<string>(MERGE_FIELDS);

/** The placeholders in a text that are not merge fields. */
export function unknownFields(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '').filter((name) => !KNOWN.has(name));
}

export function fillFields(text: string, values: Partial<Record<MergeField, string | null>>): string {
  return text.replace(PLACEHOLDER, (_, name: string) => values[name as MergeField] ?? '');
}
