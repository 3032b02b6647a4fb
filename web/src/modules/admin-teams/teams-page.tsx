import { PlusOutlined } from '@ant-design/icons';
import type { Team } from '@contracts/teams.contract';
import type { TableColumnsType } from 'antd';
import { Button, Popconfirm, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/error-alert';
import { LoadMore } from '../../shared/load-more';
import { PageTitle } from '../../shared/page-title';
import { useErrorHandler } from '../../shared/use-error-handler';
import { TeamFormModal } from './team-form-modal';
import { TeamMembersModal } from './team-members-modal';
import { useDeleteTeam, useTeams } from './use-teams';

export function TeamsPage() {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Team | 'new' | null>(null);
  const [membersOf, setMembersOf] = useState<Team | null>(null);
  const teams = useTeams();
  const remove = useDeleteTeam();
  const handleError = useErrorHandler();
  const columns: TableColumnsType<Team> = [
    { title: t('fields.name'), dataIndex: 'name' },
    { title: t('teams.region'), dataIndex: 'region' },
    { title: t('teams.members'), key: 'members', render: (_, team) => team.members.length },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, team) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setEditing(team)}>
            {t('common.edit')}
          </Button>
          <Button type="link" size="small" onClick={() => setMembersOf(team)}>
            {t('teams.members')}
          </Button>
          <Popconfirm
            title={t('teams.deleteConfirm', { name: team.name })}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => remove.mutateAsync(team.id).catch((error: unknown) => handleError(error))}
          >
            <Button type="link" size="small" danger>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];
  return (
    <>
      <PageTitle
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('teams.create')}
          </Button>
        }
      >
        {t('nav.teams')}
      </PageTitle>
      {teams.isError && <ErrorAlert error={teams.error} />}
      <Table<Team>
        rowKey="id"
        columns={columns}
        dataSource={teams.data}
        loading={teams.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        expandable={{
          rowExpandable: (team) => team.description.length > 0,
          expandedRowRender: (team) => <div style={{ whiteSpace: 'pre-wrap' }}>{team.description}</div>,
        }}
      />
      <LoadMore
        hasMore={teams.hasNextPage}
        loading={teams.isFetchingNextPage}
        onLoad={() => void teams.fetchNextPage()}
      />
      <TeamFormModal team={editing} onClose={() => setEditing(null)} />
      <TeamMembersModal team={membersOf} onClose={() => setMembersOf(null)} />
    </>
  );
}
