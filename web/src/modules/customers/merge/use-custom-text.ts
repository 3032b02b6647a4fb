import type { CustomFieldObject } from '@contracts/custom-fields.contract';
import { CUSTOM_CHOICE_PREFIX } from '@contracts/record-merge.contract';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { customValueText, labelOf } from '../../admin-custom-fields/custom-field-label';
import { useCustomFields } from '../../admin-custom-fields/use-custom-fields';

/** Labels and values of `custom.<key>` merge rows, from the company's custom fields (the key when unknown). */
export function useCustomText(object: CustomFieldObject) {
  const { t, i18n } = useTranslation();
  const fields = useCustomFields(object).data;
  const byKey = useMemo(() => new Map((fields ?? []).map((f) => [f.key, f])), [fields]);
  const label = useCallback(
    (key: string) => {
      const k = key.slice(CUSTOM_CHOICE_PREFIX.length);
      const field = byKey.get(k);
      return field ? labelOf(field, i18n.language) : k;
    },
    [byKey, i18n.language],
  );
  const text = useCallback(
    (key: string, value: unknown) => {
      const field = byKey.get(key.slice(CUSTOM_CHOICE_PREFIX.length));
      const words = { yes: t('customFields.yes'), no: t('customFields.no') };
      const out = field
        ? customValueText(field, value, i18n.language, words)
        : value == null
          ? ''
          : String(value);
      return out || t('common.empty');
    },
    [byKey, i18n.language, t],
  );
  return { label, text };
}
