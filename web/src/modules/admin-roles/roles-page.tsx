import type { RoleInfo } from '@contracts/tenant.contract';
import type { TableColumnsType } from 'antd';
import { Flex, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ErrorAlert } from '../../shared/error-alert';
import { PageTitle } from '../../shared/page-title';
import { permissionLabel } from '../../shared/permission-label';
import { useRoles } from './use-roles';

type Role = z.infer<typeof RoleInfo>;

/** The built-in roles: what each sees, may do, and how many people hold it. */
export function RolesPage() {
  const { t } = useTranslation();
  const roles = useRoles();
  const columns: TableColumnsType<Role> = [
    { title: t('roles.role'), dataIndex: 'role', render: (role: Role['role']) => t(`role.${role}`) },
    {
      title: t('roles.visibility'),
      dataIndex: 'visibility',
      render: (v: Role['visibility']) => t(`visibility.${v}`),
    },
    {
      title: t('roles.permissions'),
      dataIndex: 'permissions',
      render: (permissions: string[]) =>
        permissions.length === 0 ? (
          t('common.empty')
        ) : (
          <Flex wrap gap={4}>
            {permissions.map((p) => (
              <Tag key={p}>{permissionLabel(t, p)}</Tag>
            ))}
          </Flex>
        ),
    },
    { title: t('roles.userCount'), dataIndex: 'userCount', align: 'right' },
  ];
  return (
    <>
      <PageTitle>{t('nav.roles')}</PageTitle>
      {roles.isError && <ErrorAlert error={roles.error} />}
      <Table<Role>
        rowKey="role"
        columns={columns}
        dataSource={roles.data}
        loading={roles.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
    </>
  );
}
