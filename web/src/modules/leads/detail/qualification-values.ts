import type { Qualification } from '@contracts/leads.contract';

/** A checklist item as a form holds it: met yes / no / not yet known, and a note. */
export type Met = 'yes' | 'no' | 'unknown';
type CheckValues = { met: Met; note: string };

export type QualificationValues = {
  man: Record<keyof Qualification['man'], CheckValues>;
  bant: Record<keyof Qualification['bant'], CheckValues>;
  decisionMakers: number | null;
  industryGrowth: Qualification['industryGrowth'];
};

export const MAN_ITEMS = ['money', 'authority', 'need'] as const;
export const BANT_ITEMS = ['budget', 'authority', 'need', 'timeline'] as const;

const metOf = (met: boolean | null): Met => (met === null ? 'unknown' : met ? 'yes' : 'no');
const metValue = (met: Met): boolean | null => (met === 'unknown' ? null : met === 'yes');

export function qualificationValuesOf(q: Qualification): QualificationValues {
  const checks = <K extends string>(
    items: readonly K[],
    source: Record<K, { met: boolean | null; note: string }>,
  ) =>
    Object.fromEntries(items.map((k) => [k, { met: metOf(source[k].met), note: source[k].note }])) as Record<
      K,
      CheckValues
    >;
  return {
    man: checks(MAN_ITEMS, q.man),
    bant: checks(BANT_ITEMS, q.bant),
    decisionMakers: q.decisionMakers,
    industryGrowth: q.industryGrowth,
  };
}

export function qualificationOf(values: QualificationValues): Qualification {
  const checks = <K extends string>(items: readonly K[], source: Record<K, CheckValues>) =>
    Object.fromEntries(
      items.map((k) => [k, { met: metValue(source[k].met), note: (source[k].note ?? '').trim() }]),
    ) as Record<K, { met: boolean | null; note: string }>;
  return {
    man: checks(MAN_ITEMS, values.man),
    bant: checks(BANT_ITEMS, values.bant),
    decisionMakers: values.decisionMakers ?? null,
    industryGrowth: values.industryGrowth ?? null,
  };
}

/** How many items of a checklist are met, of how many. */
export function metCount(list: Record<string, { met: boolean | null }>): { met: number; of: number } {
  const items = Object.values(list);
  return { met: items.filter((i) => i.met === true).length, of: items.length };
}
