import type { GetProps } from 'antd';
import { DatePicker, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { UserSelect } from '../../shared/user-select';
import type { AuditFilters as Filters } from './use-audit-log';

type RangeChange = NonNullable<GetProps<typeof DatePicker.RangePicker>['onChange']>;
type AuditFiltersProps = { value: Filters; onChange: (next: Filters) => void };

export function AuditFilters({ value, onChange }: AuditFiltersProps) {
  const { t } = useTranslation();
  const onRange: RangeChange = (range) =>
    onChange({ ...value, from: range?.[0]?.toISOString(), to: range?.[1]?.toISOString() });
  return (
    <Space wrap style={{ marginBottom: 16 }}>
      <UserSelect<string | undefined>
        allowClear
        placeholder={t('audit.actor')}
        value={value.actorId}
        onChange={(actorId) => onChange({ ...value, actorId })}
        style={{ width: 240 }}
      />
      <Input.Search
        allowClear
        placeholder={t('audit.entity')}
        onSearch={(entity) => onChange({ ...value, entity: entity.trim() || undefined })}
        style={{ width: 180 }}
      />
      <Input.Search
        allowClear
        placeholder={t('audit.action')}
        onSearch={(action) => onChange({ ...value, action: action.trim() || undefined })}
        style={{ width: 180 }}
      />
      <DatePicker.RangePicker showTime aria-label={t('audit.range')} onChange={onRange} />
    </Space>
  );
}
