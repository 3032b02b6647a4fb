import { LOCALES, type Locale } from '@contracts/common';
import type { SelectProps } from 'antd';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';

type LocaleSelectProps = Omit<SelectProps<Locale>, 'options'>;

export function LocaleSelect(props: LocaleSelectProps) {
  const { t } = useTranslation();
  return (
    <Select<Locale> {...props} options={LOCALES.map((l) => ({ value: l, label: t(`language.${l}`) }))} />
  );
}
