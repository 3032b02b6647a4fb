import { SCORE_FIELD_VALUES, type ScoreOperator } from '@contracts/lead-scoring.contract';
import { COMPANY_SIZES, LEAD_GRADES, LEAD_SOURCES } from '@contracts/leads.contract';
import { Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { isAttributeField, valueInputFor } from './rule-form-values';

type RuleValueInputProps = {
  field: string;
  operator: ScoreOperator | undefined;
  /** Set by Form.Item. */
  value?: string | string[];
  onChange?: (value: string | string[]) => void;
  id?: string;
};

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);

/** The value of an attribute condition: a pick from a field's codes, or free text (several with "contains"/"in"). */
export function RuleValueInput({ field, operator, value, onChange, id }: RuleValueInputProps) {
  const { t } = useTranslation();
  const input = valueInputFor(field, operator);
  const codeLabel = (code: string) => {
    if (field === 'source' && isOneOf(LEAD_SOURCES, code)) return t(`leads.source.${code}`);
    if (field === 'companySize' && isOneOf(COMPANY_SIZES, code)) return t(`leads.companySize.${code}`);
    if (field === 'grade' && isOneOf(LEAD_GRADES, code)) return t(`leads.grade.${code}`);
    return code;
  };
  if (input === 'code' || input === 'codes') {
    const codes = isAttributeField(field) ? (SCORE_FIELD_VALUES[field] ?? []) : [];
    return (
      <Select
        id={id}
        mode={input === 'codes' ? 'multiple' : undefined}
        value={value}
        onChange={onChange}
        options={codes.map((code) => ({ value: code, label: codeLabel(code) }))}
      />
    );
  }
  if (input === 'text') {
    return (
      <Input
        id={id}
        maxLength={200}
        value={typeof value === 'string' ? value : (value?.[0] ?? '')}
        onChange={(e) => onChange?.(e.target.value)}
      />
    );
  }
  return (
    <Select
      id={id}
      mode="tags"
      open={false}
      suffixIcon={null}
      tokenSeparators={[',', '，']}
      value={Array.isArray(value) ? value : value ? [value] : []}
      onChange={onChange}
    />
  );
}
