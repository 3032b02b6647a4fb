import type { ChurnReason, CustomerRetention, RetentionRules } from '@contracts/retention.contract';

/** Pure pieces of the retention screens: how signals, deductions, days and amounts are written. */

type Signal = CustomerRetention['health']['signals'][number];

const DAY_MS = 86_400_000;

/** Points a signal takes off the score, written as a deduction with a true minus sign ("−30"). */
export function deduction(points: number): string {
  return points > 0 ? `\u2212${points}` : '0';
}

/** The signals with the largest deduction first, so the card reads from what hurts most. */
export function signalsByWeight(signals: readonly Signal[]): Signal[] {
  return [...signals].sort((a, b) => b.points - a.points || a.signal.localeCompare(b.signal));
}

/** The i18n key and parameters that explain one signal ("No activity for 45 days"). */
export function signalMessage(signal: Signal): {
  key: `retention.health.signal.${Signal['signal']}`;
  value: string;
} {
  // A percentage or count from SQL may come back fractional; a person reads whole numbers.
  const value = signal.value === null ? '?' : String(Math.round(signal.value));
  return { key: `retention.health.signal.${signal.signal}`, value };
}

/** Whole days from an instant to now (a won deal 36 hours ago is 1 day ago); never negative. */
export function daysSince(iso: string, now: Date): number {
  const at = new Date(iso).getTime();
  if (Number.isNaN(at)) return 0;
  return Math.max(0, Math.floor((now.getTime() - at) / DAY_MS));
}

/** Win-back tasks are planned by default, except for a customer gone to a competitor (the server's default too). */
export function winBackByDefault(reason: ChurnReason | undefined): boolean {
  return reason !== 'competitor';
}

/** Contacts a churn survey can go to: only those with an e-mail address, labelled "name <e-mail>". */
export function surveyRecipients(
  contacts: readonly { id: string; name: string; email: string | null }[],
): { value: string; label: string }[] {
  return contacts.flatMap((c) => (c.email ? [{ value: c.id, label: `${c.name} <${c.email}>` }] : []));
}

/** Minor units as whole major units of the currency (fen → yuan), for rules typed in yuan. */
export function minorToMajor(minor: number, digits: number): number {
  return minor / 10 ** digits;
}

/** Major units typed by a person back to integer minor units, rounding off sub-minor fractions. */
export function majorToMinor(major: number, digits: number): number {
  return Math.round(major * 10 ** digits);
}

/** The position (0-based) of the first cut-off not above the one before it, or null when all ascend. */
export function firstNotAscending(values: readonly (number | null | undefined)[]): number | null {
  for (let i = 1; i < values.length; i++) {
    const prev = values[i - 1];
    const cur = values[i];
    if (typeof prev === 'number' && typeof cur === 'number' && cur <= prev) return i;
  }
  return null;
}

/** The rules as the settings form holds them: money cut-offs in major units of the company currency. */
export function rulesToForm(rules: RetentionRules, digits: number): RetentionRules {
  return {
    ...rules,
    rfm: { ...rules.rfm, monetaryMinor: rules.rfm.monetaryMinor.map((v) => minorToMajor(v, digits)) },
  };
}

/** The settings form's values: a follow-up number input the user cleared holds undefined. */
export type RulesForm = Omit<RetentionRules, 'followUpDays'> & {
  followUpDays: Partial<RetentionRules['followUpDays']>;
};

/** The form's values as the API takes them: money back in minor units, a cleared follow-up as null (none). */
export function formToRules(values: RulesForm, digits: number): RetentionRules {
  const f = values.followUpDays;
  return {
    ...values,
    rfm: { ...values.rfm, monetaryMinor: values.rfm.monetaryMinor.map((v) => majorToMinor(v, digits)) },
    followUpDays: {
      strategic: f.strategic ?? null,
      growth: f.growth ?? null,
      potential: f.potential ?? null,
      dormant: f.dormant ?? null,
    },
  };
}
