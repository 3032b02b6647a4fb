import { minorDigits, toMinor } from '@contracts/money';
import { PAYMENT_METHODS, type PaymentPlan } from '@contracts/receivables.contract';
import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useRecordPayment } from './use-receivables';

type PaymentFormProps = { plan: PaymentPlan; open: boolean; onClose: () => void; today: string };
type Values = { receivedOn: string; amount: string; method: string; reference?: string; note?: string };

/** Records a payment received; the server allocates it to the oldest open instalments. */
export function PaymentForm({ plan, open, onClose, today }: PaymentFormProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const record = useRecordPayment();
  const [form] = Form.useForm<Values>();
  const digits = minorDigits(plan.currency);
  return (
    <Modal
      open={open}
      title={t('receivables.payments.record')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={record.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ receivedOn: today, method: 'bank_transfer' }}
        onFinish={(v) =>
          record.mutate(
            {
              contractId: plan.contractId,
              receivedOn: v.receivedOn,
              amountMinor: toMinor(v.amount, digits) ?? 0,
              method: v.method as (typeof PAYMENT_METHODS)[number],
              reference: v.reference ?? '',
              note: v.note ?? '',
            },
            {
              onSuccess: () => {
                void message.success(t('receivables.payments.recorded'));
                onClose();
              },
              onError: (e) => onError(e, form),
            },
          )
        }
      >
        <Form.Item
          name="receivedOn"
          label={t('receivables.payments.receivedOn')}
          rules={[{ required: true }]}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item
          name="amount"
          label={`${t('receivables.payments.amount')} (${plan.currency})`}
          style={{ marginBottom: 0 }}
          rules={[
            {
              required: true,
              validator: (_, value: string | undefined) =>
                (toMinor(value ?? '', digits) ?? 0) > 0
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('receivables.payments.amount'))),
            },
          ]}
        >
          <Input inputMode="decimal" />
        </Form.Item>
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 16px' }}>
          {t('receivables.payments.autoAllocation')}
        </Typography.Paragraph>
        <Form.Item name="method" label={t('receivables.payments.method')}>
          <Select
            options={PAYMENT_METHODS.map((m) => ({
              value: m,
              label: t(`receivables.payments.methodName.${m}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="reference" label={t('receivables.payments.reference')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="note" label={t('receivables.payments.note')}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
