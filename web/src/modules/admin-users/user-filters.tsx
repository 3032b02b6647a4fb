import { USER_STATUSES } from '@contracts/users.contract';
import { Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { RoleSelect } from './role-select';
import type { UserFilters as Filters } from './use-users';

type UserFiltersProps = { value: Filters; onChange: (next: Filters) => void };

export function UserFilters({ value, onChange }: UserFiltersProps) {
  const { t } = useTranslation();
  return (
    <Space wrap style={{ marginBottom: 16 }}>
      <Input.Search
        allowClear
        placeholder={t('users.searchPlaceholder')}
        defaultValue={value.q}
        onSearch={(q) => onChange({ ...value, q: q.trim() || undefined })}
        style={{ width: 260 }}
      />
      <RoleSelect
        allowClear
        placeholder={t('users.anyRole')}
        value={value.role}
        onChange={(role) => onChange({ ...value, role })}
        style={{ width: 180 }}
      />
      <Select
        allowClear
        placeholder={t('users.anyStatus')}
        value={value.status}
        onChange={(status) => onChange({ ...value, status })}
        options={USER_STATUSES.map((s) => ({ value: s, label: t(`userStatus.${s}`) }))}
        style={{ width: 160 }}
      />
    </Space>
  );
}
