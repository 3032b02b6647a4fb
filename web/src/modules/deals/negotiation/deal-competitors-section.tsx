import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { DealCompetitor } from '@contracts/deal-negotiation.contract';
import type { TableColumnType } from 'antd';
import {
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { minorToAmount, useFormatMoney } from '../../leads/campaigns/use-format-money';
import { minorDigits, toMinorUnits } from '../../leads/detail/convert/money';
import {
  useAddDealCompetitor,
  useCompetitors,
  useDealCompetitors,
  useRemoveDealCompetitor,
  useUpdateDealCompetitor,
} from './use-negotiation';

type Values = { competitorId: string; differentiation: string; price: string | null; note: string };

/** The competitors named on a deal, with our differentiation and their price on it. */
export function DealCompetitorsSection({ dealId, currency }: { dealId: string; currency: string }) {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  const list = useDealCompetitors(dealId);
  const remove = useRemoveDealCompetitor(dealId);
  const handleError = useErrorHandler();
  const [editing, setEditing] = useState<DealCompetitor | 'new' | null>(null);
  const columns = useMemo<TableColumnType<DealCompetitor>[]>(
    () => [
      {
        key: 'name',
        title: t('dealNegotiation.competitors.competitor'),
        width: 200,
        render: (_, c) => (
          <Space orientation="vertical" size={0}>
            <Typography.Text strong>{c.name}</Typography.Text>
            {c.strengths && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('dealNegotiation.competitors.strengths')}: {c.strengths}
              </Typography.Text>
            )}
            {c.weaknesses && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('dealNegotiation.competitors.weaknesses')}: {c.weaknesses}
              </Typography.Text>
            )}
          </Space>
        ),
      },
      {
        key: 'differentiation',
        title: t('dealNegotiation.competitors.differentiation'),
        render: (_, c) => c.differentiation || t('common.empty'),
      },
      {
        key: 'price',
        title: t('dealNegotiation.competitors.theirPrice'),
        width: 150,
        render: (_, c) => formatMoney(c.priceMinor, c.currency),
      },
      {
        key: 'note',
        title: t('dealNegotiation.competitors.note'),
        ellipsis: true,
        render: (_, c) => c.note || t('common.empty'),
      },
      {
        key: 'actions',
        title: t('common.actions'),
        width: 100,
        render: (_, c) => (
          <Space>
            <Button
              size="small"
              icon={<EditOutlined />}
              aria-label={t('common.edit')}
              onClick={() => setEditing(c)}
            />
            <Popconfirm
              title={t('dealNegotiation.competitors.removeConfirm', { name: c.name })}
              okText={t('common.delete')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() =>
                remove.mutateAsync(c.competitorId).catch((error: unknown) => handleError(error))
              }
            >
              <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
            </Popconfirm>
          </Space>
        ),
      },
    ],
    [t, formatMoney, remove, handleError],
  );
  const items = list.data?.items ?? [];
  return (
    <Card
      size="small"
      title={t('dealNegotiation.competitors.title')}
      extra={
        <Button size="small" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('dealNegotiation.competitors.add')}
        </Button>
      }
    >
      {list.isError && <ErrorAlert error={list.error} />}
      <Table<DealCompetitor>
        aria-label={t('dealNegotiation.competitors.table')}
        size="small"
        rowKey="competitorId"
        columns={columns}
        dataSource={items}
        loading={list.isPending}
        pagination={false}
        locale={{ emptyText: t('dealNegotiation.competitors.empty') }}
      />
      {editing && (
        <DealCompetitorModal
          dealId={dealId}
          currency={currency}
          entry={editing === 'new' ? null : editing}
          taken={items.map((c) => c.competitorId)}
          onClose={() => setEditing(null)}
        />
      )}
    </Card>
  );
}

function DealCompetitorModal({
  dealId,
  currency,
  entry,
  taken,
  onClose,
}: {
  dealId: string;
  currency: string;
  entry: DealCompetitor | null;
  taken: string[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const competitors = useCompetitors();
  const add = useAddDealCompetitor(dealId);
  const update = useUpdateDealCompetitor(dealId);
  const handleError = useErrorHandler();
  const digits = minorDigits(currency);
  const submit = (v: Values) => {
    const priceMinor = v.price ? toMinorUnits(String(v.price), digits) : null;
    const options = { onSuccess: onClose, onError: (error: unknown) => handleError(error, form) };
    const body = { differentiation: v.differentiation ?? '', priceMinor, note: v.note ?? '' };
    if (entry) update.mutate({ competitorId: entry.competitorId, ...body }, options);
    else add.mutate({ competitorId: v.competitorId, ...body }, options);
  };
  return (
    <Modal
      open
      title={t(entry ? 'dealNegotiation.competitors.editTitle' : 'dealNegotiation.competitors.addTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={add.isPending || update.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          competitorId: entry?.competitorId,
          differentiation: entry?.differentiation ?? '',
          price: entry?.priceMinor == null ? null : minorToAmount(entry.priceMinor, digits),
          note: entry?.note ?? '',
        }}
      >
        <Form.Item
          name="competitorId"
          label={t('dealNegotiation.competitors.competitor')}
          rules={[{ required: true, message: t('errors.required') }]}
        >
          <Select
            aria-label={t('dealNegotiation.competitors.competitor')}
            disabled={entry !== null}
            showSearch={{ optionFilterProp: 'label' }}
            loading={competitors.isPending}
            onChange={(id: string) => {
              const chosen = competitors.data?.find((c) => c.id === id);
              if (chosen && !form.getFieldValue('differentiation')) {
                form.setFieldValue('differentiation', chosen.differentiation);
              }
            }}
            options={(competitors.data ?? [])
              .filter((c) => entry?.competitorId === c.id || !taken.includes(c.id))
              .map((c) => ({ value: c.id, label: c.name }))}
          />
        </Form.Item>
        <Form.Item name="differentiation" label={t('dealNegotiation.competitors.differentiation')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item name="price" label={`${t('dealNegotiation.competitors.theirPrice')} (${currency})`}>
          <InputNumber<string>
            stringMode
            min="0"
            precision={digits}
            aria-label={t('dealNegotiation.competitors.theirPrice')}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item name="note" label={t('dealNegotiation.competitors.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
