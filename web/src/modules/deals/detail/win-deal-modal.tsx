import type { DealSummary } from '@contracts/deals.contract';
import type { UnmetGate } from '@contracts/pipelines.contract';
import { App, DatePicker, Form, Input, InputNumber, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CurrencySelect } from '../../../shared/currency-select';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useFormRules } from '../../../shared/use-form-rules';
import { minorToAmount } from '../../leads/campaigns/use-format-money';
import { minorDigits, toMinorUnits } from '../../leads/detail/convert/money';
import { CompetitorSelect } from '../competitor-select';
import { unmetGatesOf } from '../gate-problem';
import { UnmetGatesAlert } from '../unmet-gates-alert';
import { useWinDeal } from '../use-deals';

type Values = {
  amount: string | null;
  currency: string;
  closedOn: Dayjs | null;
  competitorId: string | null;
  closeNote: string;
};

type WinDealModalProps = { deal: DealSummary | null; onClose: () => void };

/** Closes a deal as won with the signed amount and date; unmet gates of the remaining stages are shown. */
export function WinDealModal({ deal, onClose }: WinDealModalProps) {
  return deal ? <WinDealForm key={deal.id} deal={deal} onClose={onClose} /> : null;
}

function WinDealForm({ deal, onClose }: { deal: DealSummary; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const rules = useFormRules();
  const handleError = useErrorHandler();
  const [form] = Form.useForm<Values>();
  const win = useWinDeal(deal.id);
  const [unmet, setUnmet] = useState<UnmetGate[]>([]);
  const currency = Form.useWatch('currency', form) ?? deal.currency;
  const submit = (v: Values) => {
    const amountMinor = v.amount ? toMinorUnits(String(v.amount), minorDigits(v.currency)) : null;
    if (amountMinor === null) {
      form.setFields([{ name: 'amount', errors: [t('deals.win.badAmount')] }]);
      return;
    }
    win.mutate(
      {
        version: deal.version,
        amountMinor,
        currency: v.currency,
        closedOn: v.closedOn ? v.closedOn.format('YYYY-MM-DD') : undefined,
        competitorId: v.competitorId ?? null,
        closeNote: v.closeNote.trim() || undefined,
      },
      {
        onSuccess: () => {
          void message.success(t('deals.win.done', { name: deal.name }));
          onClose();
        },
        onError: (error) => {
          const gates = unmetGatesOf(error);
          if (gates) setUnmet(gates);
          else handleError(error, form);
        },
      },
    );
  };
  return (
    <Modal
      open
      title={t('deals.win.title', { name: deal.name })}
      okText={t('deals.win.submit')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={win.isPending}
      destroyOnHidden
    >
      <UnmetGatesAlert unmet={unmet} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          amount:
            deal.amountMinor === null ? null : minorToAmount(deal.amountMinor, minorDigits(deal.currency)),
          currency: deal.currency,
          closedOn: dayjs(),
          competitorId: null,
          closeNote: '',
        }}
      >
        <Form.Item name="amount" label={t('deals.win.amount')} rules={[rules.required]}>
          <InputNumber<string>
            stringMode
            min="0"
            precision={minorDigits(currency)}
            aria-label={t('deals.win.amount')}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item name="currency" label={t('fields.currency')} rules={[rules.required]}>
          <CurrencySelect aria-label={t('fields.currency')} />
        </Form.Item>
        <Form.Item name="closedOn" label={t('deals.win.closedOn')}>
          <DatePicker aria-label={t('deals.win.closedOn')} />
        </Form.Item>
        <Form.Item name="competitorId" label={t('deals.win.competitor')}>
          <CompetitorSelect aria-label={t('deals.win.competitor')} />
        </Form.Item>
        <Form.Item name="closeNote" label={t('deals.win.note')}>
          <Input.TextArea maxLength={2000} rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
