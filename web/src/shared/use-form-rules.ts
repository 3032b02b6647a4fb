import type { FormRule } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Client-side checks that mirror the contracts, so most mistakes are caught before a round trip. */
export function useFormRules() {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      required: { required: true, whitespace: true, message: t('errors.required') } satisfies FormRule,
      email: { type: 'email', message: t('errors.invalidEmail') } satisfies FormRule,
      password: { min: 10, message: t('errors.passwordTooShort') } satisfies FormRule,
      sameAs:
        (field: string): FormRule =>
        ({ getFieldValue }) => ({
          validator: (_, value) =>
            !value || getFieldValue(field) === value
              ? Promise.resolve()
              : Promise.reject(new Error(t('errors.passwordMismatch'))),
        }),
    }),
    [t],
  );
}
