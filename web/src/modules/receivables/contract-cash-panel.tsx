import type { Invoice, Payment, PaymentPlan } from '@contracts/receivables.contract';
import type { TableColumnType } from 'antd';
import {
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Input,
  Modal,
  Popconfirm,
  Skeleton,
  Space,
  Table,
  Tag,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/error-alert';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useFormatMoney } from '../leads/campaigns/use-format-money';
import { InvoiceForm } from './invoice-form';
import { PaymentForm } from './payment-form';
import { PlanEditor } from './plan-editor';
import {
  useContractInvoices,
  useContractPayments,
  usePaymentPlan,
  useReversePayment,
  useSetInvoiceStatus,
} from './use-receivables';

type Instalment = PaymentPlan['instalments'][number];

const STATE_COLORS = { paid: 'green', due: 'blue', overdue: 'red' } as const;
const INVOICE_COLORS = { issued: 'blue', sent: 'cyan', paid: 'green', void: 'default' } as const;

const todayHere = () => new Date().toLocaleDateString('en-CA');

/**
 * A contract's cash: the payment plan (with its editor), the payments received and the invoices. The contract
 * page mounts it: `<ContractCashPanel contractId={id} />`.
 */
export function ContractCashPanel({ contractId }: { contractId: string }) {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  const plan = usePaymentPlan(contractId);
  const [editing, setEditing] = useState(false);
  const [paying, setPaying] = useState(false);
  const [invoicing, setInvoicing] = useState(false);
  const columns = useMemo<TableColumnType<Instalment>[]>(
    () => [
      { key: 'seq', title: t('receivables.plan.seq'), width: 40, render: (_, i) => i.seq },
      { key: 'title', title: t('receivables.plan.instalmentTitle'), render: (_, i) => i.title || '—' },
      { key: 'due', title: t('receivables.plan.dueOn'), render: (_, i) => i.dueOn },
      {
        key: 'amount',
        title: t('receivables.plan.amount'),
        align: 'end',
        render: (_, i) => formatMoney(i.amountMinor, i.currency),
      },
      {
        key: 'paid',
        title: t('receivables.plan.paid'),
        align: 'end',
        render: (_, i) => formatMoney(i.paidMinor, i.currency),
      },
      {
        key: 'state',
        title: t('receivables.plan.state'),
        render: (_, i) => (
          <Tag color={STATE_COLORS[i.state]}>
            {t(`receivables.plan.stateName.${i.state}`, { days: i.daysOverdue })}
            {i.state === 'paid' && i.paidOn ? ` ${i.paidOn}` : ''}
          </Tag>
        ),
      },
    ],
    [t, formatMoney],
  );
  if (plan.isError) return <ErrorAlert error={plan.error} />;
  if (!plan.data) return <Skeleton active />;
  const p = plan.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        size="small"
        title={t('receivables.plan.title')}
        extra={
          p.canEdit && (
            <Space>
              <Button onClick={() => setEditing(true)}>
                {p.instalments.length > 0 ? t('receivables.plan.edit') : t('receivables.plan.create')}
              </Button>
              {p.instalments.length > 0 && (
                <Button type="primary" onClick={() => setPaying(true)}>
                  {t('receivables.payments.record')}
                </Button>
              )}
            </Space>
          )
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 5 }}
          items={[
            {
              key: 'amount',
              label: t('receivables.plan.contractAmount'),
              children: formatMoney(p.contractAmountMinor, p.currency),
            },
            {
              key: 'planned',
              label: t('receivables.plan.planned'),
              children: formatMoney(p.plannedMinor, p.currency),
            },
            {
              key: 'paid',
              label: t('receivables.plan.received'),
              children: formatMoney(p.paidMinor, p.currency),
            },
            {
              key: 'open',
              label: t('receivables.plan.outstanding'),
              children: formatMoney(p.outstandingMinor, p.currency),
            },
            {
              key: 'overdue',
              label: t('receivables.plan.overdueAmount'),
              children: (
                <span style={{ color: p.overdueMinor > 0 ? '#cf1322' : undefined }}>
                  {formatMoney(p.overdueMinor, p.currency)}
                </span>
              ),
            },
          ]}
        />
        <Table<Instalment>
          aria-label={t('receivables.plan.title')}
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={p.instalments}
          pagination={false}
          locale={{ emptyText: t('receivables.plan.empty') }}
        />
      </Card>
      <PaymentsCard plan={p} />
      <InvoicesCard plan={p} onIssue={() => setInvoicing(true)} />
      {editing && <PlanEditor plan={p} open onClose={() => setEditing(false)} />}
      {paying && <PaymentForm plan={p} open today={todayHere()} onClose={() => setPaying(false)} />}
      {invoicing && <InvoiceForm plan={p} open onClose={() => setInvoicing(false)} />}
    </Space>
  );
}

function PaymentsCard({ plan }: { plan: PaymentPlan }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const formatMoney = useFormatMoney();
  const payments = useContractPayments(plan.contractId);
  const reverse = useReversePayment();
  const columns = useMemo<TableColumnType<Payment>[]>(
    () => [
      { key: 'on', title: t('receivables.payments.receivedOn'), render: (_, r) => r.receivedOn },
      {
        key: 'amount',
        title: t('receivables.payments.amount'),
        align: 'end',
        render: (_, r) => formatMoney(r.amountMinor, r.currency),
      },
      {
        key: 'method',
        title: t('receivables.payments.method'),
        render: (_, r) => t(`receivables.payments.methodName.${r.method}`),
      },
      { key: 'ref', title: t('receivables.payments.reference'), render: (_, r) => r.reference || '—' },
      {
        key: 'alloc',
        title: t('receivables.payments.allocations'),
        render: (_, r) =>
          r.allocations.map((a) => (
            <Tag key={a.instalmentId}>
              #{a.seq} {formatMoney(a.amountMinor, r.currency)}
            </Tag>
          )),
      },
      { key: 'by', title: t('receivables.payments.recordedBy'), render: (_, r) => r.recordedByName ?? '—' },
      {
        key: 'actions',
        width: 90,
        render: (_, r) =>
          plan.canManage && (
            <Popconfirm
              title={t('receivables.payments.reverseConfirm')}
              onConfirm={() =>
                reverse.mutate(r.id, {
                  onSuccess: () => void message.success(t('receivables.payments.reversed')),
                  onError: (e) => onError(e),
                })
              }
            >
              <Button size="small" danger>
                {t('receivables.payments.reverse')}
              </Button>
            </Popconfirm>
          ),
      },
    ],
    [t, formatMoney, plan.canManage, reverse, message, onError],
  );
  if (payments.isError) return <ErrorAlert error={payments.error} />;
  return (
    <Card size="small" title={t('receivables.payments.title')}>
      <Table<Payment>
        aria-label={t('receivables.payments.title')}
        size="small"
        rowKey="id"
        loading={payments.isLoading}
        columns={columns}
        dataSource={payments.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('receivables.payments.empty') }}
      />
    </Card>
  );
}

function InvoicesCard({ plan, onIssue }: { plan: PaymentPlan; onIssue: () => void }) {
  const { t } = useTranslation();
  const onError = useErrorHandler();
  const formatMoney = useFormatMoney();
  const invoices = useContractInvoices(plan.contractId);
  const setStatus = useSetInvoiceStatus();
  const [voiding, setVoiding] = useState<Invoice | null>(null);
  const [reason, setReason] = useState('');
  const columns = useMemo<TableColumnType<Invoice>[]>(
    () => [
      { key: 'number', title: t('receivables.invoices.number'), render: (_, r) => r.number },
      {
        key: 'title',
        title: t('receivables.invoices.invoiceTitle'),
        ellipsis: true,
        render: (_, r) => r.title,
      },
      {
        key: 'amount',
        title: t('receivables.invoices.amount'),
        align: 'end',
        render: (_, r) => formatMoney(r.amountMinor, r.currency),
      },
      {
        key: 'tax',
        title: t('receivables.invoices.tax'),
        align: 'end',
        render: (_, r) => formatMoney(r.taxMinor, r.currency),
      },
      { key: 'on', title: t('receivables.invoices.issuedOn'), render: (_, r) => r.issuedOn },
      {
        key: 'status',
        title: t('receivables.invoices.status'),
        render: (_, r) => (
          <Tag color={INVOICE_COLORS[r.status]} title={r.voidReason ?? undefined}>
            {t(`receivables.invoices.statusName.${r.status}`)}
          </Tag>
        ),
      },
      {
        key: 'actions',
        render: (_, r) =>
          plan.canManage &&
          r.status !== 'void' && (
            <Flex gap={4} wrap>
              {r.status === 'issued' && (
                <Button
                  size="small"
                  onClick={() =>
                    setStatus.mutate(
                      { id: r.id, status: 'sent', version: r.version },
                      { onError: (e) => onError(e) },
                    )
                  }
                >
                  {t('receivables.invoices.markSent')}
                </Button>
              )}
              {r.status !== 'paid' && (
                <Button
                  size="small"
                  onClick={() =>
                    setStatus.mutate(
                      { id: r.id, status: 'paid', version: r.version },
                      { onError: (e) => onError(e) },
                    )
                  }
                >
                  {t('receivables.invoices.markPaid')}
                </Button>
              )}
              <Button size="small" danger onClick={() => setVoiding(r)}>
                {t('receivables.invoices.void')}
              </Button>
            </Flex>
          ),
      },
    ],
    [t, formatMoney, plan.canManage, setStatus, onError],
  );
  if (invoices.isError) return <ErrorAlert error={invoices.error} />;
  return (
    <Card
      size="small"
      title={t('receivables.invoices.title')}
      extra={plan.canManage && <Button onClick={onIssue}>{t('receivables.invoices.issue')}</Button>}
    >
      <Table<Invoice>
        aria-label={t('receivables.invoices.title')}
        size="small"
        rowKey="id"
        loading={invoices.isLoading}
        columns={columns}
        dataSource={invoices.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('receivables.invoices.empty') }}
      />
      <Modal
        open={voiding !== null}
        title={t('receivables.invoices.void')}
        okButtonProps={{ danger: true, disabled: reason.trim() === '' }}
        confirmLoading={setStatus.isPending}
        onCancel={() => setVoiding(null)}
        onOk={() =>
          voiding &&
          setStatus.mutate(
            { id: voiding.id, status: 'void', voidReason: reason.trim(), version: voiding.version },
            {
              onSuccess: () => {
                setVoiding(null);
                setReason('');
              },
              onError: (e) => onError(e),
            },
          )
        }
      >
        <Input.TextArea
          value={reason}
          maxLength={500}
          placeholder={t('receivables.invoices.voidReason')}
          aria-label={t('receivables.invoices.voidReason')}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </Card>
  );
}
