import type { ImportField } from '@contracts/lead-import.contract';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** The name of a lead field a column can fill, in the user's language. */
export function useImportFieldLabel(): (field: ImportField) => string {
  const { t } = useTranslation();
  return useCallback(
    (field: ImportField) => {
      switch (field) {
        case 'campaign':
          return t('leadImport.campaignByName');
        case 'utm.source':
          return t('leadImport.utm.source');
        case 'utm.medium':
          return t('leadImport.utm.medium');
        case 'utm.campaign':
          return t('leadImport.utm.campaign');
        case 'utm.term':
          return t('leadImport.utm.term');
        case 'utm.content':
          return t('leadImport.utm.content');
        default:
          return t(`leads.fields.${field}`);
      }
    },
    [t],
  );
}
