import { FileTextOutlined, SettingOutlined } from '@ant-design/icons';
import { CONTRACT_STATUSES, type ContractStatus, type ContractSummary } from '@contracts/contracts.contract';
import type { TableColumnType } from 'antd';
import { Button, DatePicker, Flex, Select, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../shared/error-alert';
import { LoadMore } from '../../shared/load-more';
import { useFormatMoney } from '../leads/campaigns/use-format-money';
import { DraftDialog } from './contract-draft-dialog';
import { ContractStatusTag } from './contract-status-tag';
import { type ContractListQuery, useContractList } from './use-contracts';

/** The contract and delivery progress table (filters, newest first), the draft dialog, templates and settings. */
export function ContractListPage() {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  const [status, setStatus] = useState<ContractStatus | undefined>(undefined);
  const [signed, setSigned] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [endingBefore, setEndingBefore] = useState<Dayjs | null>(null);
  const [drafting, setDrafting] = useState(false);
  const query: ContractListQuery = {
    status,
    signedFrom: signed?.[0]?.format('YYYY-MM-DD'),
    signedTo: signed?.[1]?.format('YYYY-MM-DD'),
    endingBefore: endingBefore?.format('YYYY-MM-DD'),
    limit: 50,
  };
  const list = useContractList(query);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const columns = useMemo<TableColumnType<ContractSummary>[]>(
    () => [
      {
        key: 'number',
        title: t('contracts.number'),
        width: 150,
        render: (_, r) => <Link to={`/quote-to-cash/contracts/${r.id}`}>{r.number}</Link>,
      },
      { key: 'customer', title: t('contracts.customer'), dataIndex: 'customerName', ellipsis: true },
      {
        key: 'amount',
        title: t('contracts.amount'),
        align: 'end',
        width: 150,
        render: (_, r) => formatMoney(r.amountMinor, r.currency),
      },
      { key: 'signedOn', title: t('contracts.signedOn'), dataIndex: 'signedOn', width: 120 },
      {
        key: 'term',
        title: t('contracts.term'),
        width: 210,
        render: (_, r) => (r.startsOn || r.endsOn ? `${r.startsOn ?? '…'} – ${r.endsOn ?? '…'}` : '—'),
      },
      { key: 'deliveryDueOn', title: t('contracts.deliveryDueOn'), dataIndex: 'deliveryDueOn', width: 120 },
      {
        key: 'deliveryStatus',
        title: t('contracts.deliveryStatus'),
        width: 120,
        render: (_, r) => t(`contracts.deliveryName.${r.deliveryStatus}`, { defaultValue: r.deliveryStatus }),
      },
      {
        key: 'status',
        title: t('contracts.status'),
        width: 120,
        render: (_, r) => <ContractStatusTag status={r.status} />,
      },
      { key: 'owner', title: t('contracts.owner'), dataIndex: 'ownerName', width: 120, ellipsis: true },
    ],
    [t, formatMoney],
  );
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select<ContractStatus>
          allowClear
          placeholder={t('contracts.anyStatus')}
          style={{ width: 160 }}
          value={status}
          onChange={setStatus}
          options={CONTRACT_STATUSES.map((s) => ({ value: s, label: t(`contracts.statusName.${s}`) }))}
        />
        <DatePicker.RangePicker
          placeholder={[t('contracts.signedFrom'), t('contracts.signedTo')]}
          value={signed}
          onChange={(v) => setSigned(v)}
        />
        <DatePicker
          placeholder={t('contracts.endingBefore')}
          value={endingBefore}
          onChange={setEndingBefore}
        />
        <Button type="primary" onClick={() => setDrafting(true)}>
          {t('contracts.draft')}
        </Button>
        <Flex gap={8} style={{ marginInlineStart: 'auto' }}>
          <Link to="/quote-to-cash/contracts/templates">
            <Button icon={<FileTextOutlined />}>{t('contracts.templates.title')}</Button>
          </Link>
          <Link to="/quote-to-cash/contracts/settings">
            <Button icon={<SettingOutlined />}>{t('contracts.settings.title')}</Button>
          </Link>
        </Flex>
      </Flex>
      {list.isError && <ErrorAlert error={list.error} />}
      <Table<ContractSummary>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        columns={columns}
        dataSource={items}
        locale={{ emptyText: t('contracts.empty') }}
        pagination={false}
        scroll={{ x: 1100 }}
      />
      <LoadMore
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onLoad={() => list.fetchNextPage()}
      />
      <DraftDialog open={drafting} onClose={() => setDrafting(false)} />
    </>
  );
}
