import type { RepProfile } from '@contracts/lead-routing.contract';
import type { TableColumnsType } from 'antd';
import { Button, Flex, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert';
import { useAllTeams } from '../../../shared/use-all-teams';
import { useFormatDateTime } from '../../../shared/use-format-date-time';
import { RepProfileModal } from './rep-profile-modal';
import { useRepProfiles } from './use-routing';

/** Reps' routing profiles: teams, capacity against open leads, seniority, absence, last lead received. */
export function RepsTable() {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const [teamId, setTeamId] = useState<string | undefined>();
  const [editing, setEditing] = useState<RepProfile | null>(null);
  const teams = useAllTeams();
  const reps = useRepProfiles(teamId, true);
  const columns = useMemo<TableColumnsType<RepProfile>>(
    () => [
      {
        title: t('leadRouting.reps.rep'),
        key: 'rep',
        render: (_, rep) => (
          <Flex vertical>
            <Typography.Text>{rep.name}</Typography.Text>
            <Typography.Text type="secondary">{rep.email}</Typography.Text>
          </Flex>
        ),
      },
      {
        title: t('leadRouting.reps.teams'),
        key: 'teams',
        render: (_, rep) => (
          <Space size={[0, 4]} wrap>
            {rep.teams.map((team) => (
              <Tag key={team.id} color={team.isLead ? 'blue' : undefined}>
                {team.isLead ? `${team.name} · ${t('leadRouting.reps.teamLead')}` : team.name}
              </Tag>
            ))}
          </Space>
        ),
      },
      {
        title: t('leadRouting.reps.openLeads'),
        key: 'load',
        render: (_, rep) => {
          const full = rep.capacity !== null && rep.openLeads >= rep.capacity;
          return <Typography.Text type={full ? 'danger' : undefined}>{rep.openLeads}</Typography.Text>;
        },
      },
      {
        title: t('leadRouting.reps.capacity'),
        dataIndex: 'capacity',
        render: (capacity: number | null) => capacity ?? t('leadRouting.reps.noLimit'),
      },
      {
        title: t('leadRouting.reps.seniority'),
        dataIndex: 'seniority',
        render: (seniority: RepProfile['seniority']) => (
          <Tag color={seniority === 'senior' ? 'gold' : seniority === 'new' ? 'green' : undefined}>
            {t(`leadRouting.reps.seniorities.${seniority}`)}
          </Tag>
        ),
      },
      {
        title: t('leadRouting.reps.away'),
        key: 'away',
        render: (_, rep) => {
          if (rep.away) return <Tag color="red">{t('leadRouting.reps.awayNow')}</Tag>;
          if (rep.awayFrom || rep.awayUntil) {
            return t('leadRouting.reps.awayPlanned', {
              from: formatDateTime(rep.awayFrom),
              until: rep.awayUntil ? formatDateTime(rep.awayUntil) : t('leadRouting.reps.untilFurtherNotice'),
            });
          }
          return <Typography.Text type="secondary">{t('leadRouting.reps.available')}</Typography.Text>;
        },
      },
      {
        title: t('leadRouting.reps.lastAssigned'),
        dataIndex: 'lastAssignedAt',
        render: (at: string | null) => (at ? formatDateTime(at) : t('common.never')),
      },
      {
        title: t('common.actions'),
        key: 'actions',
        render: (_, rep) =>
          rep.editable && (
            <Button
              type="link"
              size="small"
              onClick={() => setEditing(rep)}
              aria-label={`${t('common.edit')} ${rep.name}`}
            >
              {t('common.edit')}
            </Button>
          ),
      },
    ],
    [t, formatDateTime],
  );
  return (
    <>
      <Flex justify="space-between" align="center" gap={16} wrap style={{ margin: '32px 0 8px' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('leadRouting.reps.title')}
        </Typography.Title>
        <Select<string>
          allowClear
          style={{ minWidth: 200 }}
          placeholder={t('leadRouting.reps.allTeams')}
          aria-label={t('leadRouting.reps.teams')}
          value={teamId}
          onChange={(value) => setTeamId(value)}
          loading={teams.isPending}
          options={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
        />
      </Flex>
      <Typography.Paragraph type="secondary">{t('leadRouting.reps.intro')}</Typography.Paragraph>
      {reps.isError && <ErrorAlert error={reps.error} />}
      <Table<RepProfile>
        rowKey="userId"
        columns={columns}
        dataSource={reps.data}
        loading={reps.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('leadRouting.reps.empty') }}
      />
      <RepProfileModal rep={editing} onClose={() => setEditing(null)} />
    </>
  );
}
