import type { AuditEntry } from '@contracts/audit.contract';
import type { TableColumnsType } from 'antd';
import { Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/error-alert';
import { LoadMore } from '../../shared/load-more';
import { PageTitle } from '../../shared/page-title';
import { useFormatDateTime } from '../../shared/use-format-date-time';
import { AuditChanges } from './audit-changes';
import { AuditFilters } from './audit-filters';
import type { AuditFilters as Filters } from './use-audit-log';
import { useAuditLog } from './use-audit-log';

export function AuditPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>({});
  const log = useAuditLog(filters);
  const formatDateTime = useFormatDateTime();
  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.time'), dataIndex: 'at', render: formatDateTime },
    {
      title: t('audit.actor'),
      key: 'actor',
      render: (_, e) => {
        const kind = t(`audit.actorKind.${e.actorKind}`);
        if (!e.actorName) return kind;
        return e.actorKind === 'user' ? e.actorName : `${e.actorName} · ${kind}`;
      },
    },
    { title: t('audit.entity'), dataIndex: 'entity' },
    {
      title: t('audit.entityId'),
      dataIndex: 'entityId',
      render: (v: string | null) => v ?? t('common.empty'),
    },
    { title: t('audit.action'), dataIndex: 'action' },
  ];
  return (
    <>
      <PageTitle>{t('nav.audit')}</PageTitle>
      <AuditFilters value={filters} onChange={setFilters} />
      {log.isError && <ErrorAlert error={log.error} />}
      <Table<AuditEntry>
        rowKey="id"
        columns={columns}
        dataSource={log.data}
        loading={log.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        expandable={{ expandedRowRender: (entry) => <AuditChanges changes={entry.changes} /> }}
      />
      <LoadMore
        hasMore={log.hasNextPage}
        loading={log.isFetchingNextPage}
        onLoad={() => void log.fetchNextPage()}
      />
    </>
  );
}
