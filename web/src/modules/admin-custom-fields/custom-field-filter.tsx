import { FilterOutlined } from '@ant-design/icons';
import type { CustomField, CustomFieldObject } from '@contracts/custom-fields.contract';
import { Button, DatePicker, Input, InputNumber, Popover, Select, Space, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UserSelect } from '../../shared/user-select';
import {
  type Condition,
  type Conditions,
  conditionText,
  labelOf,
  parseConditions,
} from './custom-field-label';
import { useCustomFields } from './use-custom-fields';

type CustomFieldFilterProps = {
  object: CustomFieldObject;
  value: string | undefined;
  onChange: (next: string | undefined) => void;
};

/** Filters a list by custom fields: each condition a closable tag, new ones added from a small form. */
export function CustomFieldFilter({ object, value, onChange }: CustomFieldFilterProps) {
  const { t, i18n } = useTranslation();
  const fields = (useCustomFields(object).data ?? []).filter((f) => f.active);
  const [open, setOpen] = useState(false);
  const [key, setKey] = useState<string>();
  const [draft, setDraft] = useState<Condition>();
  if (fields.length === 0) return null;
  const conditions = parseConditions(value);
  const words = { yes: t('customFields.yes'), no: t('customFields.no') };
  const write = (next: Conditions) =>
    onChange(Object.keys(next).length > 0 ? JSON.stringify(next) : undefined);
  const field = fields.find((f) => f.key === key);
  const apply = () => {
    if (!field || draft === undefined || draft === '') return;
    write({ ...conditions, [field.key]: draft });
    setOpen(false);
    setKey(undefined);
    setDraft(undefined);
  };
  return (
    <Space size={4} wrap>
      {Object.entries(conditions).map(([k, c]) => {
        const f = fields.find((x) => x.key === k);
        return (
          <Tag
            key={k}
            closable
            onClose={() => {
              const { [k]: _removed, ...rest } = conditions;
              write(rest);
            }}
          >
            {f ? `${labelOf(f, i18n.language)}: ${conditionText(f, c, i18n.language, words)}` : k}
          </Tag>
        );
      })}
      <Popover
        open={open}
        onOpenChange={setOpen}
        trigger="click"
        content={
          <Space orientation="vertical" style={{ width: 260 }}>
            <Select<string>
              aria-label={t('customFields.filter')}
              placeholder={t('customFields.filter')}
              value={key}
              onChange={(k) => {
                setKey(k);
                setDraft(undefined);
              }}
              options={fields.map((f) => ({ value: f.key, label: labelOf(f, i18n.language) }))}
              style={{ width: '100%' }}
            />
            {field && <ConditionInput field={field} value={draft} onChange={setDraft} />}
            <Button type="primary" block disabled={!field || draft === undefined} onClick={apply}>
              {t('customFields.apply')}
            </Button>
          </Space>
        }
      >
        <Button icon={<FilterOutlined />}>{t('customFields.filter')}</Button>
      </Popover>
    </Space>
  );
}

function ConditionInput({
  field,
  value,
  onChange,
}: {
  field: CustomField;
  value: Condition | undefined;
  onChange: (v: Condition | undefined) => void;
}) {
  const { t, i18n } = useTranslation();
  const range = typeof value === 'object' ? value : {};
  const setRange = (patch: { min?: number | string | undefined; max?: number | string | undefined }) => {
    const next: { min?: number | string; max?: number | string } = {};
    const merged = { ...range, ...patch };
    if (merged.min !== undefined) next.min = merged.min;
    if (merged.max !== undefined) next.max = merged.max;
    onChange(Object.keys(next).length > 0 ? next : undefined);
  };
  const options = field.options.map((o) => ({ value: o.value, label: labelOf(o, i18n.language) }));
  switch (field.type) {
    case 'select':
    case 'multiselect':
      return (
        <Select<string>
          aria-label={t('customFields.filterValue')}
          value={typeof value === 'string' ? value : undefined}
          onChange={onChange}
          options={options}
        />
      );
    case 'boolean':
      return (
        <Select<string>
          aria-label={t('customFields.filterValue')}
          value={typeof value === 'boolean' ? String(value) : undefined}
          onChange={(v) => onChange(v === 'true')}
          options={[
            { value: 'true', label: t('customFields.yes') },
            { value: 'false', label: t('customFields.no') },
          ]}
        />
      );
    case 'user':
      return (
        <UserSelect<string | undefined>
          aria-label={t('customFields.filterValue')}
          value={typeof value === 'string' ? value : undefined}
          onChange={(v) => onChange(v)}
        />
      );
    case 'number':
    case 'money': {
      const scale = field.type === 'money' ? 100 : 1;
      const num = (v: number | string | undefined) => (typeof v === 'number' ? v / scale : null);
      const back = (v: number | null) => (v === null ? undefined : Math.round(v * scale));
      return (
        <Space.Compact block>
          <InputNumber
            aria-label={t('customFields.min')}
            placeholder={t('customFields.min')}
            value={num(range.min)}
            onChange={(v) => setRange({ min: back(v) })}
            style={{ width: '50%' }}
          />
          <InputNumber
            aria-label={t('customFields.max')}
            placeholder={t('customFields.max')}
            value={num(range.max)}
            onChange={(v) => setRange({ max: back(v) })}
            style={{ width: '50%' }}
          />
        </Space.Compact>
      );
    }
    case 'date':
      return (
        <DatePicker.RangePicker
          aria-label={t('customFields.filterValue')}
          allowEmpty={[true, true]}
          onChange={(dates: [Dayjs | null, Dayjs | null] | null) =>
            setRange({ min: dates?.[0]?.format('YYYY-MM-DD'), max: dates?.[1]?.format('YYYY-MM-DD') })
          }
        />
      );
    default:
      return (
        <Input
          aria-label={t('customFields.filterValue')}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value || undefined)}
          maxLength={200}
        />
      );
  }
}
