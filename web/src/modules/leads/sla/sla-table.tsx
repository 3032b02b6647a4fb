import type { SlaItem } from '@contracts/lead-routing.contract';
import type { TableColumnsType } from 'antd';
import { Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatDateTime } from '../../../shared/use-format-date-time';
import { useFormatSpan } from './use-format-span';

type SlaTableProps = {
  items: readonly SlaItem[] | undefined;
  loading: boolean;
  /** Milliseconds since the epoch, ticking: late-by and time-left are counted from it. */
  now: number;
  emptyText: string;
  /** Title of the time column: how late (breached list) or how long left (due-soon list). */
  timeTitle: string;
};

/** Leads with their response deadline: grade, owner, team, due time and how late (or how long left). */
export function SlaTable({ items, loading, now, emptyText, timeTitle }: SlaTableProps) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const formatSpan = useFormatSpan();
  const columns = useMemo<TableColumnsType<SlaItem>>(
    () => [
      {
        title: t('leadRouting.sla.lead'),
        key: 'lead',
        render: (_, item) => (
          <Link to={`/leads/${item.id}`}>
            {[item.companyName, item.contactName].filter(Boolean).join(' · ') || item.id}
          </Link>
        ),
      },
      {
        title: t('leads.fields.grade'),
        dataIndex: 'grade',
        render: (grade: SlaItem['grade']) =>
          grade ? <Tag color={grade === 'A' ? 'red' : 'orange'}>{grade}</Tag> : null,
      },
      {
        title: t('leadRouting.sla.owner'),
        dataIndex: 'ownerName',
        render: (name: string | null) => name ?? t('common.empty'),
      },
      {
        title: t('leadRouting.sla.team'),
        dataIndex: 'teamName',
        render: (name: string | null) => name ?? t('common.empty'),
      },
      {
        title: t('leadRouting.sla.due'),
        dataIndex: 'slaDueAt',
        render: (at: string) => formatDateTime(at),
      },
      {
        title: timeTitle,
        key: 'late',
        render: (_, item) => {
          const left = new Date(item.slaDueAt).getTime() - now;
          return left > 0 ? (
            <Typography.Text type="warning">{formatSpan(left)}</Typography.Text>
          ) : (
            <Typography.Text type="danger">
              {/* Marked breached: the column says "late by"; not yet marked: say it is overdue. */}
              {item.slaBreachedAt
                ? formatSpan(-left)
                : t('leadRouting.sla.overdue', { time: formatSpan(-left) })}
            </Typography.Text>
          );
        },
      },
    ],
    [t, formatDateTime, formatSpan, now, timeTitle],
  );
  return (
    <Table<SlaItem>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={items ? [...items] : undefined}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText }}
    />
  );
}
