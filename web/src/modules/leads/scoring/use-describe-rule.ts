import type { ScoreOperator, ScoreRule } from '@contracts/lead-scoring.contract';
import { COMPANY_SIZES, LEAD_EVENT_KINDS, LEAD_SOURCES } from '@contracts/leads.contract';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useScoreFieldLabel } from './use-score-field-label';

const OPERATORS: readonly ScoreOperator[] = ['eq', 'in', 'contains', 'present', 'met'];

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);

export const formatPoints = (points: number) => (points > 0 ? `+${points}` : `${points}`);

/**
 * A rule in words with its points: "Title contains “总监” or “director” → +15",
 * "Each webinar → +10, halves every 30 days, at most 40".
 */
export function useDescribeRule(): (rule: ScoreRule) => string {
  const { t } = useTranslation();
  const fieldLabel = useScoreFieldLabel();
  return useCallback(
    (rule: ScoreRule) => {
      const points = formatPoints(rule.points);
      if (rule.kind === 'behaviour') {
        const event = isOneOf(LEAD_EVENT_KINDS, rule.field)
          ? t(`leadScoring.event.${rule.field}`)
          : rule.field;
        const clauses = [`${t('leadScoring.describe.each', { event })} → ${points}`];
        if (rule.halfLifeDays) clauses.push(t('leadScoring.describe.halfLife', { days: rule.halfLifeDays }));
        if (rule.cap) clauses.push(t('leadScoring.describe.cap', { cap: rule.cap }));
        return clauses.join(t('leadScoring.describe.clauseSeparator'));
      }
      const valueText = (v: string) => {
        if (rule.field === 'source' && isOneOf(LEAD_SOURCES, v)) return t(`leads.source.${v}`);
        if (rule.field === 'companySize' && isOneOf(COMPANY_SIZES, v)) return t(`leads.companySize.${v}`);
        if (rule.field === 'grade') return v;
        return t('leadScoring.describe.quoted', { value: v });
      };
      const values = rule.value === null ? [] : Array.isArray(rule.value) ? rule.value : [rule.value];
      const joiner =
        rule.operator === 'in' ? t('leadScoring.describe.listSeparator') : t('leadScoring.describe.or');
      const operator = isOneOf(OPERATORS, rule.operator) ? rule.operator : 'eq';
      const condition = t(`leadScoring.describe.${operator}`, {
        field: fieldLabel(rule.field),
        value: values.map(valueText).join(joiner),
      });
      return `${condition} → ${points}`;
    },
    [t, fieldLabel],
  );
}
