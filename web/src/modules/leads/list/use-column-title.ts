import type { LeadListColumn } from '@contracts/lead-views.contract';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** A column's header text, shared by the table and the column chooser. */
export function useColumnTitle(): (column: LeadListColumn) => string {
  const { t } = useTranslation();
  return useCallback(
    (column) => {
      switch (column) {
        case 'probability':
        case 'sla':
        case 'duplicates':
          return t(`leadScreens.columns.${column}`);
        default:
          return t(`leads.fields.${column}`);
      }
    },
    [t],
  );
}
