import { ROLES, type Role } from '@contracts/common';
import type { SelectProps } from 'antd';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';

type RoleSelectProps = Omit<SelectProps<Role>, 'options'>;

export function RoleSelect(props: RoleSelectProps) {
  const { t } = useTranslation();
  return <Select<Role> {...props} options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />;
}
