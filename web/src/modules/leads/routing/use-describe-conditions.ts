import type { AssignmentRule } from '@contracts/lead-routing.contract';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

type Conditions = AssignmentRule['conditions'];

/** A rule's conditions in words, e.g. "grade is A or B and region is 华东 and score ≥ 60". */
export function useDescribeConditions(): (conditions: Conditions) => string {
  const { t } = useTranslation();
  return useCallback(
    (c: Conditions) => {
      const or = t('leadRouting.rules.or');
      const parts: string[] = [];
      if (c.grades.length > 0) parts.push(t('leadRouting.rules.when.grades', { values: c.grades.join(or) }));
      if (c.regions.length > 0)
        parts.push(t('leadRouting.rules.when.regions', { values: c.regions.join(or) }));
      if (c.industries.length > 0) {
        parts.push(t('leadRouting.rules.when.industries', { values: c.industries.join(or) }));
      }
      if (c.sources.length > 0) {
        const values = c.sources.map((s) => t(`leads.source.${s}`)).join(or);
        parts.push(t('leadRouting.rules.when.sources', { values }));
      }
      if (c.companySizes.length > 0) {
        const values = c.companySizes.map((s) => t(`leads.companySize.${s}`)).join(or);
        parts.push(t('leadRouting.rules.when.companySizes', { values }));
      }
      if (c.minScore !== null && c.maxScore !== null) {
        parts.push(t('leadRouting.rules.when.scoreBetween', { min: c.minScore, max: c.maxScore }));
      } else if (c.minScore !== null) {
        parts.push(t('leadRouting.rules.when.scoreAtLeast', { min: c.minScore }));
      } else if (c.maxScore !== null) {
        parts.push(t('leadRouting.rules.when.scoreAtMost', { max: c.maxScore }));
      }
      return parts.length === 0 ? t('leadRouting.rules.anyLead') : parts.join(t('leadRouting.rules.and'));
    },
    [t],
  );
}
