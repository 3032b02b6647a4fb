import { CONTRACT_STATUSES, type ContractStatus, type ContractSummary } from '@contracts/contracts.contract';
import { minorDigits, toMinor } from '@contracts/money';
import type { TableColumnType } from 'antd';
import { Button, DatePicker, Flex, Form, Input, InputNumber, Modal, Select, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { CurrencySelect } from '../../shared/currency-select';
import { ErrorAlert } from '../../shared/error-alert';
import { LoadMore } from '../../shared/load-more';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useFormatMoney } from '../leads/campaigns/use-format-money';
import { ContractStatusTag } from './contract-status-tag';
import { type ContractListQuery, useContractList, useCreateContract } from './use-contracts';

/** The contract and delivery progress table: status tags, filters, newest first; and the draft dialog. */
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

type DraftValues = { dealId: string; quoteId?: string; amount?: string; currency?: string; title?: string };

/** Draft from a deal: with an accepted quote's id, or from the deal's agreed minutes, or a given amount. */
export function DraftDialog({
  open,
  onClose,
  dealId,
  quoteId,
}: {
  open: boolean;
  onClose: () => void;
  dealId?: string;
  quoteId?: string;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DraftValues>();
  const create = useCreateContract();
  const onError = useErrorHandler();
  const navigate = useNavigate();
  const submit = (values: DraftValues) => {
    // Exact: the typed decimal string becomes minor units of the chosen currency (never a float).
    const amountMinor =
      values.amount && values.currency ? toMinor(values.amount, minorDigits(values.currency)) : null;
    create.mutate(
      {
        dealId: values.dealId,
        quoteId: values.quoteId || null,
        title: values.title || undefined,
        ...(amountMinor !== null && values.currency ? { amountMinor, currency: values.currency } : {}),
      },
      {
        onSuccess: (contract) => {
          onClose();
          void navigate(`/quote-to-cash/contracts/${contract.id}`);
        },
        onError: (error) => onError(error, form),
      },
    );
  };
  return (
    <Modal
      open={open}
      title={t('contracts.draft')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ dealId, quoteId }} onFinish={submit}>
        <Form.Item name="dealId" label={t('contracts.dealId')} rules={[{ required: true }]}>
          <Input disabled={dealId !== undefined} />
        </Form.Item>
        <Form.Item name="quoteId" label={t('contracts.quoteId')} extra={t('contracts.quoteHelp')}>
          <Input disabled={quoteId !== undefined} />
        </Form.Item>
        <Form.Item name="title" label={t('contracts.title')}>
          <Input maxLength={200} />
        </Form.Item>
        <Flex gap={8}>
          <Form.Item name="amount" label={t('contracts.amountGiven')} extra={t('contracts.amountHelp')}>
            <InputNumber<string> stringMode min="0" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="currency" label={t('contracts.currency')}>
            <CurrencySelect style={{ width: 120 }} />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}
