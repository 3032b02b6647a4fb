import type { LeadFormField } from '@contracts/marketing.contract';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** The name of a form field in the user's language: the lead field's label, or "consent checkbox". */
export function useFieldName(): (field: LeadFormField) => string {
  const { t } = useTranslation();
  return useCallback(
    (field) => (field === 'consent' ? t('marketing.forms.consent') : t(`leads.fields.${field}`)),
    [t],
  );
}
