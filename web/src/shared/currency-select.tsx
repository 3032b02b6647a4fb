import type { SelectProps } from 'antd';
import { Select } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** The ISO 4217 codes B2B customers of ours bill in most; the API accepts any three-letter code. */
const CURRENCIES = [
  'CNY',
  'USD',
  'EUR',
  'HKD',
  'JPY',
  'GBP',
  'SGD',
  'AUD',
  'CAD',
  'CHF',
  'TWD',
  'KRW',
  'MOP',
];

type CurrencySelectProps = Omit<SelectProps<string>, 'options' | 'showSearch'>;

export function CurrencySelect(props: CurrencySelectProps) {
  const { i18n } = useTranslation();
  const options = useMemo(() => {
    const names = new Intl.DisplayNames([i18n.language], { type: 'currency' });
    const codes =
      props.value && !CURRENCIES.includes(props.value) ? [props.value, ...CURRENCIES] : CURRENCIES;
    return codes.map((code) => ({ value: code, label: `${code} · ${names.of(code) ?? code}` }));
  }, [i18n.language, props.value]);
  return <Select<string> {...props} showSearch={{ optionFilterProp: 'label' }} options={options} />;
}
