import { App, Button, DatePicker, Drawer, Form, Input, InputNumber, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CurrencySelect } from '../../shared/currency-select';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useFormRules } from '../../shared/use-form-rules';
import { useSession } from '../auth/use-session';
import { CustomerSelect } from '../customers/customer-select';
import { minorDigits, toMinorUnits } from '../leads/detail/convert/money';
import { useCreateDeal, usePipelines } from './use-deals';

type Values = {
  name: string;
  customerId: string | null;
  pipelineId?: string;
  stageId?: string;
  amount: string | null;
  currency: string;
  expectedCloseOn: Dayjs | null;
  nextStep: string;
  nextStepOn: Dayjs | null;
};

type DealFormDrawerProps = {
  open: boolean;
  onClose: () => void;
  /** Preselected pipeline (the one on screen). */
  pipelineId?: string;
  /** A fixed customer (creating from the customer's page). */
  customer?: { id: string; name: string };
  onCreated?: (id: string) => void;
};

const day = (value: Dayjs | null) => (value ? value.format('YYYY-MM-DD') : null);

/** A new deal: its name and customer, where in which pipeline it starts, amount, close date and next step. */
export function DealFormDrawer({ open, onClose, pipelineId, customer, onCreated }: DealFormDrawerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const rules = useFormRules();
  const handleError = useErrorHandler();
  const [form] = Form.useForm<Values>();
  const pipelines = usePipelines();
  const create = useCreateDeal();
  const chosenPipeline = Form.useWatch('pipelineId', form);
  const currency = Form.useWatch('currency', form) ?? me.tenant.currency;
  const stages = (pipelines.data ?? []).find((p) => p.id === chosenPipeline)?.stages ?? [];
  const submit = (v: Values) => {
    const amountMinor = v.amount ? toMinorUnits(String(v.amount), minorDigits(v.currency)) : null;
    if (v.amount && amountMinor === null) {
      form.setFields([{ name: 'amount', errors: [t('deals.win.badAmount')] }]);
      return;
    }
    create.mutate(
      {
        name: v.name.trim(),
        customerId: customer?.id ?? v.customerId ?? '',
        pipelineId: v.pipelineId,
        stageId: v.stageId,
        amountMinor,
        currency: v.currency,
        expectedCloseOn: day(v.expectedCloseOn),
        nextStep: v.nextStep.trim() || null,
        nextStepOn: day(v.nextStepOn),
      },
      {
        onSuccess: (deal) => {
          void message.success(t('deals.create.done', { name: deal.name }));
          form.resetFields();
          onClose();
          onCreated?.(deal.id);
        },
        onError: (error) => handleError(error, form),
      },
    );
  };
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('deals.create.title')}
      size={520}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()}>
            {t('common.create')}
          </Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        preserve={false}
        initialValues={{
          name: '',
          customerId: customer?.id ?? null,
          pipelineId,
          amount: null,
          currency: me.tenant.currency,
          expectedCloseOn: null,
          nextStep: '',
          nextStepOn: null,
        }}
        onValuesChange={(changed: Partial<Values>) => {
          if ('pipelineId' in changed) form.setFieldValue('stageId', undefined);
        }}
      >
        <Form.Item name="name" label={t('deals.fields.name')} rules={[rules.required]}>
          <Input maxLength={200} />
        </Form.Item>
        {customer ? (
          <Form.Item label={t('deals.fields.customer')}>
            <Input value={customer.name} disabled />
          </Form.Item>
        ) : (
          <Form.Item
            name="customerId"
            label={t('deals.fields.customer')}
            rules={[{ required: true, message: t('errors.required') }]}
          >
            <CustomerSelect aria-label={t('deals.fields.customer')} />
          </Form.Item>
        )}
        <Form.Item
          name="pipelineId"
          label={t('deals.fields.pipeline')}
          extra={t('deals.create.pipelineHint')}
        >
          <Select<string>
            allowClear
            aria-label={t('deals.fields.pipeline')}
            loading={pipelines.isPending}
            options={(pipelines.data ?? [])
              .filter((p) => !p.archived)
              .map((p) => ({ value: p.id, label: p.name }))}
          />
        </Form.Item>
        <Form.Item name="stageId" label={t('deals.fields.stage')} extra={t('deals.create.stageHint')}>
          <Select<string>
            allowClear
            aria-label={t('deals.fields.stage')}
            disabled={stages.length === 0}
            options={stages.map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="amount" label={t('deals.fields.amount')} style={{ flex: 2 }}>
            <InputNumber<string>
              stringMode
              min="0"
              precision={minorDigits(currency)}
              aria-label={t('deals.fields.amount')}
              style={{ width: '100%' }}
            />
          </Form.Item>
          <Form.Item name="currency" label={t('fields.currency')} style={{ flex: 1 }}>
            <CurrencySelect aria-label={t('fields.currency')} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="expectedCloseOn" label={t('deals.fields.expectedCloseOn')}>
          <DatePicker aria-label={t('deals.fields.expectedCloseOn')} />
        </Form.Item>
        <Form.Item name="nextStep" label={t('deals.fields.nextStep')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="nextStepOn" label={t('deals.fields.nextStepOn')}>
          <DatePicker aria-label={t('deals.fields.nextStepOn')} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
