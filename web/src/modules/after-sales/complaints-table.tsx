import { CheckOutlined, EditOutlined, UndoOutlined } from '@ant-design/icons';
import type { Complaint } from '@contracts/after-sales.contract';
import type { TableColumnType } from 'antd';
import { App, Button, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useFormatDateTime } from '../../shared/use-format-date-time';
import { SEVERITY_COLORS } from './after-sales-format';
import { ComplaintDialog, type ComplaintTarget } from './complaint-dialog';
import { ResolveDialog } from './resolve-dialog';
import { usePatchComplaint } from './use-after-sales';

type ComplaintsTableProps = {
  complaints: readonly Complaint[];
  loading: boolean;
  /** Show the customer column (the list of all complaints; not on a customer's own page). */
  showCustomer?: boolean;
  /** Row actions (resolve, reopen, edit) for users who may write. */
  editable?: boolean;
};

/** Complaints with their severity, status and age, and the actions to resolve, reopen or edit one. */
export function ComplaintsTable({
  complaints,
  loading,
  showCustomer = false,
  editable = true,
}: ComplaintsTableProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const formatDateTime = useFormatDateTime();
  const handleError = useErrorHandler();
  const { mutateAsync: patchComplaint } = usePatchComplaint();
  const [resolving, setResolving] = useState<Complaint | null>(null);
  const [editing, setEditing] = useState<ComplaintTarget | null>(null);
  const columns = useMemo<TableColumnType<Complaint>[]>(() => {
    const reopen = (c: Complaint) =>
      patchComplaint({ id: c.id, version: c.version, status: 'open' })
        .then(() => message.success(t('afterSales.complaints.reopened')))
        .catch((error: unknown) => handleError(error));
    return [
      {
        key: 'title',
        title: t('afterSales.complaints.complaintTitle'),
        ellipsis: true,
        render: (_, c) =>
          c.description ? (
            <Tooltip title={c.description}>
              <span>{c.title}</span>
            </Tooltip>
          ) : (
            c.title
          ),
      },
      ...(showCustomer
        ? [
            {
              key: 'customer',
              title: t('afterSales.complaints.customer'),
              ellipsis: true,
              render: (_: unknown, c: Complaint) => (
                <Link to={`/customers/${c.customerId}`}>{c.customerName}</Link>
              ),
            },
          ]
        : []),
      {
        key: 'category',
        title: t('afterSales.complaints.category'),
        width: 100,
        render: (_, c) => t(`afterSales.complaints.categoryName.${c.category}`),
      },
      {
        key: 'severity',
        title: t('afterSales.complaints.severity'),
        width: 100,
        render: (_, c) => (
          <Tag color={SEVERITY_COLORS[c.severity]}>
            {t(`afterSales.complaints.severityName.${c.severity}`)}
          </Tag>
        ),
      },
      {
        key: 'status',
        title: t('afterSales.complaints.status'),
        width: 100,
        render: (_, c) => (
          <Tag color={c.status === 'open' ? 'gold' : 'green'}>
            {t(`afterSales.complaints.statusName.${c.status}`)}
          </Tag>
        ),
      },
      {
        key: 'owner',
        title: t('afterSales.complaints.owner'),
        width: 120,
        ellipsis: true,
        render: (_, c) => c.ownerName ?? t('common.empty'),
      },
      {
        key: 'receivedAt',
        title: t('afterSales.complaints.receivedAt'),
        width: 170,
        render: (_, c) => formatDateTime(c.receivedAt),
      },
      { key: 'age', title: t('afterSales.complaints.age'), width: 90, align: 'end', dataIndex: 'ageDays' },
      {
        key: 'resolution',
        title: t('afterSales.complaints.resolution'),
        ellipsis: true,
        render: (_, c) =>
          c.resolution ? (
            <Typography.Text ellipsis={{ tooltip: c.resolution }}>{c.resolution}</Typography.Text>
          ) : (
            t('common.empty')
          ),
      },
      ...(editable
        ? [
            {
              key: 'actions',
              title: t('common.actions'),
              width: 130,
              render: (_: unknown, c: Complaint) => (
                <Space size={0}>
                  {c.status === 'open' ? (
                    <Tooltip title={t('afterSales.complaints.resolve')}>
                      <Button
                        type="text"
                        size="small"
                        icon={<CheckOutlined />}
                        aria-label={t('afterSales.complaints.resolve')}
                        onClick={() => setResolving(c)}
                      />
                    </Tooltip>
                  ) : (
                    <Popconfirm
                      title={t('afterSales.complaints.reopenConfirm')}
                      okText={t('afterSales.complaints.reopen')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => reopen(c)}
                    >
                      <Tooltip title={t('afterSales.complaints.reopen')}>
                        <Button
                          type="text"
                          size="small"
                          icon={<UndoOutlined />}
                          aria-label={t('afterSales.complaints.reopen')}
                        />
                      </Tooltip>
                    </Popconfirm>
                  )}
                  <Tooltip title={t('common.edit')}>
                    <Button
                      type="text"
                      size="small"
                      icon={<EditOutlined />}
                      aria-label={t('common.edit')}
                      onClick={() => setEditing({ kind: 'edit', complaint: c })}
                    />
                  </Tooltip>
                </Space>
              ),
            },
          ]
        : []),
    ];
  }, [t, message, handleError, patchComplaint, formatDateTime, showCustomer, editable]);
  return (
    <>
      <Table<Complaint>
        aria-label={t('afterSales.complaints.title')}
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={[...complaints]}
        locale={{ emptyText: t('afterSales.complaints.empty') }}
        pagination={false}
        scroll={{ x: showCustomer ? 1100 : 950 }}
      />
      <ResolveDialog complaint={resolving} onClose={() => setResolving(null)} />
      <ComplaintDialog target={editing} onClose={() => setEditing(null)} />
    </>
  );
}
