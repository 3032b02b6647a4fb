import {
  SCORE_ATTRIBUTE_FIELDS,
  SCORE_FIELD_OPERATORS,
  SCORE_FIELD_VALUES,
  type ScoreAttributeField,
  type ScoreOperator,
  type ScoreRule,
  type ScoreRuleBody,
} from '@contracts/lead-scoring.contract';
import type { LeadEventKind } from '@contracts/leads.contract';

/** What the rule form edits, and how it becomes the body the contract expects. Pure, so it is unit-tested. */

export type RuleKind = ScoreRule['kind'];

export type RuleFormValues = {
  kind: RuleKind;
  name: string;
  /** An attribute field, or an event kind for behaviour rules. */
  field: string;
  operator?: ScoreOperator | undefined;
  value?: string | string[] | undefined;
  points: number;
  cap?: number | null | undefined;
  halfLifeDays?: number | null | undefined;
  active: boolean;
};

/** Which input the value needs: none, a pick from codes (one or several), free text, or a list of texts. */
export type ValueInput = 'none' | 'code' | 'codes' | 'text' | 'texts';

export function valueInputFor(field: string, operator: ScoreOperator | undefined): ValueInput {
  if (!operator || operator === 'present' || operator === 'met') return 'none';
  if (isAttributeField(field) && SCORE_FIELD_VALUES[field]) return operator === 'in' ? 'codes' : 'code';
  return operator === 'eq' ? 'text' : 'texts';
}

export function isAttributeField(field: string): field is ScoreAttributeField {
  return (SCORE_ATTRIBUTE_FIELDS as readonly string[]).includes(field);
}

export function operatorsFor(field: string): readonly ScoreOperator[] {
  return isAttributeField(field) ? SCORE_FIELD_OPERATORS[field] : [];
}

export function newRuleValues(kind: RuleKind): RuleFormValues {
  return kind === 'attribute'
    ? { kind, name: '', field: 'title', operator: 'contains', value: [], points: 10, active: true }
    : { kind, name: '', field: 'webinar', points: 10, cap: null, halfLifeDays: 30, active: true };
}

export function formValuesOf(rule: ScoreRule): RuleFormValues {
  if (rule.kind === 'behaviour') {
    return {
      kind: 'behaviour',
      name: rule.name,
      field: rule.field,
      points: rule.points,
      cap: rule.cap,
      halfLifeDays: rule.halfLifeDays,
      active: rule.active,
    };
  }
  const operator = rule.operator as ScoreOperator;
  const input = valueInputFor(rule.field, operator);
  const list = rule.value === null ? [] : Array.isArray(rule.value) ? rule.value : [rule.value];
  return {
    kind: 'attribute',
    name: rule.name,
    field: rule.field,
    operator,
    value: input === 'codes' || input === 'texts' ? list : (list[0] ?? undefined),
    points: rule.points,
    active: rule.active,
  };
}

const trimmed = (values: readonly string[]) => values.map((v) => v.trim()).filter(Boolean);

export function bodyOf(values: RuleFormValues): ScoreRuleBody {
  const name = values.name.trim();
  if (values.kind === 'behaviour') {
    return {
      kind: 'behaviour',
      name,
      field: values.field as LeadEventKind,
      points: values.points,
      cap: values.cap ?? null,
      halfLifeDays: values.halfLifeDays ?? null,
      active: values.active,
    };
  }
  const operator = values.operator ?? 'eq';
  const list = trimmed(
    values.value === undefined ? [] : Array.isArray(values.value) ? values.value : [values.value],
  );
  const input = valueInputFor(values.field, operator);
  // in always sends a list, eq one value, contains one value or several (any of them matches).
  const value =
    input === 'none'
      ? null
      : operator === 'in'
        ? list
        : operator === 'contains' && list.length > 1
          ? list
          : (list[0] ?? null);
  return {
    kind: 'attribute',
    name,
    field: values.field as ScoreAttributeField,
    operator,
    value,
    points: values.points,
    active: values.active,
  };
}
