import { Flex, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert';
import { PageTitle } from '../../../shared/page-title';
import { useAllTeams } from '../../../shared/use-all-teams';
import { UserSelect } from '../../../shared/user-select';
import { SlaTable } from './sla-table';
import { type SlaFilter, useSlaList } from './use-sla';
import { useTickingNow } from './use-ticking-now';

const DUE_SOON_HOURS = 4;

/** The managers' SLA breaches tab: leads past their response deadline, and those due within 4 hours. */
export function SlaPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<SlaFilter>({});
  const teams = useAllTeams();
  const now = useTickingNow(30_000);
  const breached = useSlaList('breached', DUE_SOON_HOURS, filter);
  const dueSoon = useSlaList('due_soon', DUE_SOON_HOURS, filter);
  return (
    <>
      <PageTitle>{t('leadRouting.sla.title')}</PageTitle>
      <Typography.Paragraph type="secondary">{t('leadRouting.sla.intro')}</Typography.Paragraph>
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Select<string>
          allowClear
          style={{ minWidth: 200 }}
          placeholder={t('leadRouting.sla.allTeams')}
          aria-label={t('leadRouting.sla.team')}
          value={filter.teamId}
          onChange={(teamId) => setFilter((f) => ({ ...f, teamId }))}
          loading={teams.isPending}
          options={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
        />
        <UserSelect<string | undefined>
          allowClear
          style={{ minWidth: 240 }}
          placeholder={t('leadRouting.sla.anyOwner')}
          aria-label={t('leadRouting.sla.owner')}
          value={filter.ownerId}
          onChange={(ownerId) => setFilter((f) => ({ ...f, ownerId }))}
        />
      </Flex>
      <Typography.Title level={3}>{t('leadRouting.sla.breached')}</Typography.Title>
      {breached.isError && <ErrorAlert error={breached.error} />}
      <SlaTable
        items={breached.data?.items}
        loading={breached.isPending}
        now={now}
        emptyText={t('leadRouting.sla.noBreaches')}
        timeTitle={t('leadRouting.sla.lateBy')}
      />
      <Typography.Title level={3} style={{ marginTop: 32 }}>
        {t('leadRouting.sla.dueSoon', { hours: DUE_SOON_HOURS })}
      </Typography.Title>
      {dueSoon.isError && <ErrorAlert error={dueSoon.error} />}
      <SlaTable
        items={dueSoon.data?.items}
        loading={dueSoon.isPending}
        now={now}
        emptyText={t('leadRouting.sla.nothingDue', { hours: DUE_SOON_HOURS })}
        timeTitle={t('leadRouting.sla.dueIn')}
      />
    </>
  );
}
