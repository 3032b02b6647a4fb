import type { StageHistoryEntry } from '@contracts/deals.contract';
import type { TableColumnType } from 'antd';
import { Table } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ErrorAlert } from '../../../shared/error-alert';
import { useFormatDateTime } from '../../../shared/use-format-date-time';
import { DealStatusTag } from '../deal-status-tag';
import { useStageHistory } from '../use-deals';

type Entry = z.infer<typeof StageHistoryEntry>;

/** Every stage the deal was in, with when it entered and left, the days spent and who moved it. */
export function StageHistory({ dealId }: { dealId: string }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const history = useStageHistory(dealId);
  const columns = useMemo<TableColumnType<Entry>[]>(() => {
    const empty = t('common.empty');
    return [
      {
        key: 'stage',
        title: t('deals.fields.stage'),
        render: (_, e) => (
          <>
            {e.stageName} {e.status !== 'open' && <DealStatusTag status={e.status} />}
          </>
        ),
      },
      { key: 'entered', title: t('deals.history.entered'), render: (_, e) => formatDateTime(e.enteredAt) },
      {
        key: 'left',
        title: t('deals.history.left'),
        render: (_, e) => (e.leftAt ? formatDateTime(e.leftAt) : t('deals.history.current')),
      },
      { key: 'days', title: t('deals.history.days'), align: 'end', render: (_, e) => e.days },
      { key: 'by', title: t('deals.history.by'), render: (_, e) => e.movedByName ?? empty },
      { key: 'note', title: t('deals.history.note'), ellipsis: true, render: (_, e) => e.note ?? empty },
    ];
  }, [t, formatDateTime]);
  if (history.isError) return <ErrorAlert error={history.error} />;
  return (
    <Table<Entry>
      aria-label={t('deals.history.title')}
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={history.data ?? []}
      loading={history.isPending}
      pagination={false}
    />
  );
}
