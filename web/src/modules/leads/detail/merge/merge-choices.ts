import { type Lead, MERGE_FIELDS } from '@contracts/leads.contract';

/**
 * Which lead each merged field takes its value from. A field only one lead has filled takes that value;
 * when both differ, the more recently updated lead's value is suggested; equal values need no choice.
 */

export type MergeField = (typeof MERGE_FIELDS)[number];
export type Side = 'this' | 'other';

/** Whether a field holds something: text, a choice, or a checklist / UTM set with anything filled in. */
export function isFilled(lead: Lead, field: MergeField): boolean {
  switch (field) {
    case 'utm':
      return Object.values(lead.utm).some((v) => Boolean(v?.trim()));
    case 'qualification': {
      const q = lead.qualification;
      const checks = [...Object.values(q.man), ...Object.values(q.bant)];
      return (
        checks.some((c) => c.met !== null || c.note.trim() !== '') ||
        q.decisionMakers !== null ||
        q.industryGrowth !== null
      );
    }
    default: {
      const value = lead[field];
      return value !== null && value !== '';
    }
  }
}

export function sameValue(a: Lead, b: Lead, field: MergeField): boolean {
  return JSON.stringify(a[field] ?? null) === JSON.stringify(b[field] ?? null);
}

export function defaultChoice(keep: Lead, other: Lead, field: MergeField): Side {
  const here = isFilled(keep, field);
  const there = isFilled(other, field);
  if (here !== there) return here ? 'this' : 'other';
  if (!here || sameValue(keep, other, field)) return 'this';
  return Date.parse(other.updatedAt) > Date.parse(keep.updatedAt) ? 'other' : 'this';
}

/** The fields that need a choice (their values differ), with the suggested side for each. */
export function initialChoices(keep: Lead, other: Lead): Partial<Record<MergeField, Side>> {
  const out: Partial<Record<MergeField, Side>> = {};
  for (const field of MERGE_FIELDS) {
    if (!sameValue(keep, other, field)) out[field] = defaultChoice(keep, other, field);
  }
  return out;
}

/** The request's `take`: only fields taken from the other lead (the rest keep this lead's value). */
export function takeOf(choices: Partial<Record<MergeField, Side>>): Partial<Record<MergeField, 'other'>> {
  const out: Partial<Record<MergeField, 'other'>> = {};
  for (const [field, side] of Object.entries(choices) as [MergeField, Side][]) {
    if (side === 'other') out[field] = 'other';
  }
  return out;
}
