import type {
  DealNeeds,
  NeedExplicitness,
  NeedKind,
  NeedPriority,
  NeedsInput,
} from '@contracts/deal-needs.contract';
import { minorToAmount } from '../../leads/campaigns/use-format-money';
import { minorDigits, toMinorUnits } from '../../leads/detail/convert/money';

/**
 * The needs form's values and the record the API takes, both ways. Amounts are typed as decimal strings in
 * the budget's currency and travel as integer minor units; needs keep their id (so what proposals map to
 * them survives an edit) and get a local key while they have none.
 */

export type ItemDraft = {
  /** React key: the item's id once saved, a local one before. */
  key: string;
  id?: string;
  kind: NeedKind;
  description: string;
  priority: NeedPriority;
  explicitness: NeedExplicitness;
};

export type NeedsFormValues = {
  currentBusiness: string;
  currentTools: string;
  expectedResults: string;
  /** YYYY-MM-DD or null. */
  deadlineOn: string | null;
  decisionProcess: string;
  budgetMin: string | null;
  budgetMax: string | null;
  budgetCurrency: string | null;
  paymentPreference: string;
  specialRequirements: string;
};

let localKey = 0;
export const newItemKey = () => `new-${++localKey}`;

export function formValuesOf(needs: DealNeeds): NeedsFormValues {
  const digits = minorDigits(needs.budgetCurrency ?? 'CNY');
  const amount = (minor: number | null) => (minor === null ? null : minorToAmount(minor, digits));
  return {
    currentBusiness: needs.currentBusiness,
    currentTools: needs.currentTools,
    expectedResults: needs.expectedResults,
    deadlineOn: needs.deadlineOn,
    decisionProcess: needs.decisionProcess,
    budgetMin: amount(needs.budgetMinMinor),
    budgetMax: amount(needs.budgetMaxMinor),
    budgetCurrency: needs.budgetCurrency,
    paymentPreference: needs.paymentPreference,
    specialRequirements: needs.specialRequirements,
  };
}

export function itemDraftsOf(needs: DealNeeds): ItemDraft[] {
  return needs.items.map((i) => ({
    key: i.id,
    id: i.id,
    kind: i.kind,
    description: i.description,
    priority: i.priority,
    explicitness: i.explicitness,
  }));
}

export type BudgetCheck = 'badAmount' | 'budgetRange' | 'budgetCurrency';
export type BudgetProblem = { field: 'budgetMin' | 'budgetMax' | 'budgetCurrency'; problem: BudgetCheck };
export type BudgetProblems = { problems: BudgetProblem[] };

/** The budget as minor units, or everything that is wrong with it (the server checks the same). */
export function budgetOf(
  values: Pick<NeedsFormValues, 'budgetMin' | 'budgetMax' | 'budgetCurrency'>,
): { min: number | null; max: number | null } | BudgetProblems {
  const minText = values.budgetMin === null ? '' : String(values.budgetMin).trim();
  const maxText = values.budgetMax === null ? '' : String(values.budgetMax).trim();
  const problems: BudgetProblem[] = [];
  if ((minText || maxText) && !values.budgetCurrency) {
    problems.push({ field: 'budgetCurrency', problem: 'budgetCurrency' });
  }
  const digits = minorDigits(values.budgetCurrency ?? 'CNY');
  const min = minText ? toMinorUnits(minText, digits) : null;
  if (minText && min === null) problems.push({ field: 'budgetMin', problem: 'badAmount' });
  const max = maxText ? toMinorUnits(maxText, digits) : null;
  if (maxText && max === null) problems.push({ field: 'budgetMax', problem: 'badAmount' });
  if (min !== null && max !== null && min > max)
    problems.push({ field: 'budgetMax', problem: 'budgetRange' });
  return problems.length > 0 ? { problems } : { min, max };
}

/** The PUT body, or the budget problem to show instead. */
export function needsBody(
  version: number,
  summary: string,
  values: NeedsFormValues,
  items: readonly ItemDraft[],
): NeedsInput | BudgetProblems {
  const budget = budgetOf(values);
  if ('problems' in budget) return budget;
  const hasBudget = budget.min !== null || budget.max !== null;
  return {
    version,
    currentBusiness: values.currentBusiness ?? '',
    currentTools: values.currentTools ?? '',
    expectedResults: values.expectedResults ?? '',
    deadlineOn: values.deadlineOn || null,
    decisionProcess: values.decisionProcess ?? '',
    budgetMinMinor: budget.min,
    budgetMaxMinor: budget.max,
    budgetCurrency: hasBudget ? values.budgetCurrency : null,
    paymentPreference: values.paymentPreference ?? '',
    specialRequirements: values.specialRequirements ?? '',
    summary,
    items: items
      .filter((i) => i.description.trim() !== '')
      .map((i) => ({
        ...(i.id ? { id: i.id } : {}),
        kind: i.kind,
        description: i.description.trim(),
        priority: i.priority,
        explicitness: i.explicitness,
      })),
  };
}

/** Core pain points, as the pipeline's needs gate counts them. */
export function corePainPoints(items: readonly Pick<ItemDraft, 'kind' | 'priority' | 'description'>[]) {
  return items.filter((i) => i.kind === 'pain_point' && i.priority === 'core' && i.description.trim()).length;
}

/** The core needs joined for the summary the customer confirms ("X + Y"). */
export function coreNeedsText(items: readonly Pick<ItemDraft, 'priority' | 'description'>[]): string {
  return items
    .filter((i) => i.priority === 'core' && i.description.trim())
    .map((i) => i.description.trim())
    .join(' + ');
}
