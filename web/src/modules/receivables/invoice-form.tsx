import { minorDigits, toMinor } from '@contracts/money';
import type { PaymentPlan } from '@contracts/receivables.contract';
import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useIssueInvoice } from './use-receivables';

type InvoiceFormProps = { plan: PaymentPlan; open: boolean; onClose: () => void };
type Values = { title: string; taxId?: string; amount: string; tax?: string; instalmentId?: string };

/** Issues an invoice on the contract (finance); the server keeps the invoiced total within the amount. */
export function InvoiceForm({ plan, open, onClose }: InvoiceFormProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const issue = useIssueInvoice();
  const [form] = Form.useForm<Values>();
  const digits = minorDigits(plan.currency);
  const money = (value: string | undefined) =>
    value === undefined || value === '' || toMinor(value, digits) !== null
      ? Promise.resolve()
      : Promise.reject(new Error(t('receivables.invoices.amount')));
  return (
    <Modal
      open={open}
      title={t('receivables.invoices.issue')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={issue.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) =>
          issue.mutate(
            {
              contractId: plan.contractId,
              instalmentId: v.instalmentId ?? null,
              title: v.title,
              taxId: v.taxId ?? '',
              amountMinor: toMinor(v.amount, digits) ?? 0,
              taxMinor: toMinor(v.tax ?? '0', digits) ?? 0,
            },
            {
              onSuccess: () => {
                void message.success(t('receivables.invoices.issued'));
                onClose();
              },
              onError: (e) => onError(e, form),
            },
          )
        }
      >
        <Form.Item name="title" label={t('receivables.invoices.invoiceTitle')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="taxId" label={t('receivables.invoices.taxId')}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="instalmentId" label={t('receivables.invoices.instalment')}>
          <Select
            allowClear
            options={plan.instalments.map((i) => ({ value: i.id, label: `#${i.seq} ${i.title}` }))}
          />
        </Form.Item>
        <Form.Item
          name="amount"
          label={`${t('receivables.invoices.amount')} (${plan.currency})`}
          rules={[{ required: true }, { validator: (_, v: string | undefined) => money(v) }]}
        >
          <Input inputMode="decimal" />
        </Form.Item>
        <Form.Item
          name="tax"
          label={t('receivables.invoices.tax')}
          rules={[{ validator: (_, v: string | undefined) => money(v) }]}
        >
          <Input inputMode="decimal" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
