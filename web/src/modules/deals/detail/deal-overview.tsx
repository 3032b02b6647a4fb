import type { Deal } from '@contracts/deals.contract';
import { StageForecast } from '@contracts/pipelines.contract';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CurrencySelect } from '../../../shared/currency-select';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useFormRules } from '../../../shared/use-form-rules';
import { UserSelect } from '../../../shared/user-select';
import { minorToAmount } from '../../leads/campaigns/use-format-money';
import { minorDigits, toMinorUnits } from '../../leads/detail/convert/money';
import { useUpdateDeal } from '../use-deals';
import { StageHistory } from './stage-history';

type Values = {
  name: string;
  amount: string | null;
  currency: string;
  expectedCloseOn: Dayjs | null;
  forecastCategory: Deal['forecastCategory'];
  nextStep: string;
  nextStepOn: Dayjs | null;
  proposalDueOn: Dayjs | null;
  ownerId: string | undefined;
  notes: string;
};

const day = (value: Dayjs | null) => (value ? value.format('YYYY-MM-DD') : null);
const toDay = (value: string | null) => (value ? dayjs(value) : null);

/** The deal's fields, edited against the version read, and its stage history. */
export function DealOverview({ deal }: { deal: Deal }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const rules = useFormRules();
  const handleError = useErrorHandler();
  const [form] = Form.useForm<Values>();
  const update = useUpdateDeal(deal.id);
  const currency = Form.useWatch('currency', form) ?? deal.currency;
  const editable = deal.can.edit;
  const submit = (v: Values) => {
    const amountMinor = v.amount ? toMinorUnits(String(v.amount), minorDigits(v.currency)) : null;
    if (v.amount && amountMinor === null) {
      form.setFields([{ name: 'amount', errors: [t('deals.win.badAmount')] }]);
      return;
    }
    update.mutate(
      {
        version: deal.version,
        name: v.name.trim(),
        amountMinor,
        currency: v.currency,
        expectedCloseOn: day(v.expectedCloseOn),
        ...(deal.status === 'open' && v.forecastCategory !== 'closed'
          ? { forecastCategory: v.forecastCategory }
          : {}),
        nextStep: v.nextStep.trim() || null,
        nextStepOn: day(v.nextStepOn),
        proposalDueOn: day(v.proposalDueOn),
        notes: v.notes,
        ...(deal.can.assign ? { ownerId: v.ownerId ?? null } : {}),
      },
      {
        onSuccess: () => void message.success(t('common.saved')),
        onError: (error) => handleError(error, form),
      },
    );
  };
  return (
    <>
      <Card size="small" title={t('deals.overview.fields')} style={{ marginBottom: 16 }}>
        <Form<Values>
          key={deal.version}
          form={form}
          layout="vertical"
          disabled={!editable}
          onFinish={submit}
          style={{ maxWidth: 720 }}
          initialValues={{
            name: deal.name,
            amount:
              deal.amountMinor === null ? null : minorToAmount(deal.amountMinor, minorDigits(deal.currency)),
            currency: deal.currency,
            expectedCloseOn: toDay(deal.expectedCloseOn),
            forecastCategory: deal.forecastCategory,
            nextStep: deal.nextStep ?? '',
            nextStepOn: toDay(deal.nextStepOn),
            proposalDueOn: toDay(deal.proposalDueOn),
            ownerId: deal.ownerId ?? undefined,
            notes: deal.notes,
          }}
        >
          <Form.Item name="name" label={t('deals.fields.name')} rules={[rules.required]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item label={t('deals.fields.amount')} style={{ marginBottom: 0 }}>
            <Form.Item
              name="amount"
              style={{ display: 'inline-block', width: 'calc(65% - 8px)', marginInlineEnd: 8 }}
            >
              <InputNumber<string>
                stringMode
                min="0"
                precision={minorDigits(currency)}
                aria-label={t('deals.fields.amount')}
                style={{ width: '100%' }}
              />
            </Form.Item>
            <Form.Item name="currency" style={{ display: 'inline-block', width: '35%' }}>
              <CurrencySelect aria-label={t('fields.currency')} />
            </Form.Item>
          </Form.Item>
          <Form.Item name="expectedCloseOn" label={t('deals.fields.expectedCloseOn')}>
            <DatePicker aria-label={t('deals.fields.expectedCloseOn')} />
          </Form.Item>
          {deal.status === 'open' && (
            <Form.Item name="forecastCategory" label={t('deals.fields.forecast')}>
              <Select
                aria-label={t('deals.fields.forecast')}
                options={[...StageForecast.options, 'omitted' as const].map((c) => ({
                  value: c,
                  label: t(`deals.forecast.${c}`),
                }))}
              />
            </Form.Item>
          )}
          <Form.Item name="nextStep" label={t('deals.fields.nextStep')}>
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name="nextStepOn" label={t('deals.fields.nextStepOn')}>
            <DatePicker aria-label={t('deals.fields.nextStepOn')} />
          </Form.Item>
          <Form.Item name="proposalDueOn" label={t('deals.fields.proposalDueOn')}>
            <DatePicker aria-label={t('deals.fields.proposalDueOn')} />
          </Form.Item>
          <Form.Item name="ownerId" label={t('deals.fields.owner')}>
            <UserSelect<string | undefined>
              aria-label={t('deals.fields.owner')}
              disabled={!deal.can.assign}
              knownUsers={deal.ownerId && deal.ownerName ? [{ id: deal.ownerId, name: deal.ownerName }] : []}
            />
          </Form.Item>
          <Form.Item name="notes" label={t('deals.fields.notes')}>
            <Input.TextArea maxLength={10_000} rows={4} />
          </Form.Item>
          {editable && (
            <Button type="primary" htmlType="submit" loading={update.isPending}>
              {t('common.save')}
            </Button>
          )}
        </Form>
      </Card>
      <Card size="small" title={t('deals.history.title')}>
        <StageHistory dealId={deal.id} />
      </Card>
    </>
  );
}
