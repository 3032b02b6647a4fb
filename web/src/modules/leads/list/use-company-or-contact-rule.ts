import type { FormRule } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** A lead needs a company or a contact name (the contract's rule, checked before the round trip). */
export function useCompanyOrContactRule(): FormRule {
  const { t } = useTranslation();
  return useMemo(
    () =>
      ({ getFieldValue }) => ({
        validator: () =>
          String(getFieldValue('companyName') ?? '').trim() ||
          String(getFieldValue('contactName') ?? '').trim()
            ? Promise.resolve()
            : Promise.reject(new Error(t('leadScreens.form.companyOrContact'))),
      }),
    [t],
  );
}
