import { InputNumber } from 'antd';
import { minorDigits } from '../../leads/detail/convert/money';

type MinorAmountInputProps = {
  value: number;
  currency: string;
  onChange: (minor: number) => void;
  disabled?: boolean;
  'aria-label'?: string;
  style?: React.CSSProperties;
};

/** An amount typed in major units (yuan, dollars) and kept as integer minor units. */
export function MinorAmountInput({
  value,
  currency,
  onChange,
  disabled,
  style,
  ...rest
}: MinorAmountInputProps) {
  const digits = minorDigits(currency);
  const scale = 10 ** digits;
  return (
    <InputNumber<number>
      {...rest}
      style={style ?? { width: '100%' }}
      min={0}
      max={1_000_000_000 / scale}
      precision={digits}
      value={value / scale}
      disabled={disabled}
      onChange={(major) => onChange(Math.round((major ?? 0) * scale))}
    />
  );
}
