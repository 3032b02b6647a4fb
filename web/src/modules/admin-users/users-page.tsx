import { UserAddOutlined } from '@ant-design/icons';
import type { User } from '@contracts/users.contract';
import type { TableColumnsType } from 'antd';
import { Button, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/error-alert';
import { LinkModal } from '../../shared/link-modal';
import { LoadMore } from '../../shared/load-more';
import { PageTitle } from '../../shared/page-title';
import { useAllTeams } from '../../shared/use-all-teams';
import { useFormatDateTime } from '../../shared/use-format-date-time';
import { useSession } from '../auth/use-session';
import { EditUserModal } from './edit-user-modal';
import { InviteUserModal } from './invite-user-modal';
import type { UserFilters as Filters } from './use-users';
import { useUsers } from './use-users';
import { UserActions } from './user-actions';
import { UserFilters } from './user-filters';

const STATUS_COLORS: Record<User['status'], string> = {
  invited: 'gold',
  active: 'green',
  deactivated: 'default',
};

type LinkShown = { kind: 'invite' | 'reset'; url: string };

export function UsersPage() {
  const { t } = useTranslation();
  const me = useSession();
  const [filters, setFilters] = useState<Filters>({});
  const [inviting, setInviting] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [link, setLink] = useState<LinkShown | null>(null);
  const users = useUsers(filters);
  const teams = useAllTeams();
  const formatDateTime = useFormatDateTime();
  const teamNames = useMemo(
    () => new Map((teams.data ?? []).map((team) => [team.id, team.name])),
    [teams.data],
  );

  const columns: TableColumnsType<User> = [
    { title: t('fields.name'), dataIndex: 'name' },
    { title: t('fields.email'), dataIndex: 'email' },
    { title: t('users.role'), dataIndex: 'role', render: (role: User['role']) => t(`role.${role}`) },
    {
      title: t('users.status'),
      dataIndex: 'status',
      render: (status: User['status']) => (
        <Tag color={STATUS_COLORS[status]}>{t(`userStatus.${status}`)}</Tag>
      ),
    },
    {
      title: t('users.teams'),
      dataIndex: 'teamIds',
      render: (ids: string[]) => ids.map((id) => <Tag key={id}>{teamNames.get(id) ?? id}</Tag>),
    },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      render: (v: string | null) => (v ? formatDateTime(v) : t('common.never')),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, user) => (
        <UserActions
          user={user}
          isSelf={user.id === me.user.id}
          onEdit={setEditing}
          onResetLink={(url) => setLink({ kind: 'reset', url })}
        />
      ),
    },
  ];

  return (
    <>
      <PageTitle
        extra={
          <Button type="primary" icon={<UserAddOutlined />} onClick={() => setInviting(true)}>
            {t('users.invite')}
          </Button>
        }
      >
        {t('nav.users')}
      </PageTitle>
      <UserFilters value={filters} onChange={setFilters} />
      {users.isError && <ErrorAlert error={users.error} />}
      <Table<User>
        rowKey="id"
        columns={columns}
        dataSource={users.data}
        loading={users.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
      <LoadMore
        hasMore={users.hasNextPage}
        loading={users.isFetchingNextPage}
        onLoad={() => void users.fetchNextPage()}
      />
      <InviteUserModal
        open={inviting}
        onClose={() => setInviting(false)}
        onInvited={(url) => {
          setInviting(false);
          setLink({ kind: 'invite', url });
        }}
      />
      <EditUserModal user={editing} onClose={() => setEditing(null)} />
      <LinkModal
        url={link?.url ?? null}
        title={link?.kind === 'reset' ? t('users.resetLinkTitle') : t('users.inviteLinkTitle')}
        text={link?.kind === 'reset' ? t('users.resetLinkText') : t('users.inviteLinkText')}
        onClose={() => setLink(null)}
      />
    </>
  );
}
