import type { ScoreAttributeField } from '@contracts/lead-scoring.contract';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalogue } from '../../../i18n/en-US';
import { isAttributeField } from './rule-form-values';

type ChecklistField = Extract<ScoreAttributeField, `qualification.${string}`>;
type PlainField = Exclude<ScoreAttributeField, ChecklistField>;

const LEAD_FIELD_KEYS: Record<PlainField, keyof Catalogue['leads']['fields']> = {
  companySize: 'companySize',
  industry: 'industry',
  title: 'title',
  region: 'region',
  source: 'source',
  grade: 'grade',
  campaignId: 'campaign',
  email: 'email',
  phone: 'phone',
};

const isChecklistField = (field: ScoreAttributeField): field is ChecklistField =>
  field.startsWith('qualification.');

/** The name of a lead field a scoring rule tests, in the user's language (MAN/BANT items included). */
export function useScoreFieldLabel(): (field: string) => string {
  const { t } = useTranslation();
  return useCallback(
    (field: string) => {
      if (!isAttributeField(field)) return field;
      if (isChecklistField(field)) return t(`leadScoring.${field}`);
      return t(`leads.fields.${LEAD_FIELD_KEYS[field]}`);
    },
    [t],
  );
}
