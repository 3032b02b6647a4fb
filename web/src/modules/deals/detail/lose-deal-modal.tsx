import type { DealSummary } from '@contracts/deals.contract';
import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useFormRules } from '../../../shared/use-form-rules';
import { CompetitorSelect } from '../competitor-select';
import { useLoseDeal, useLossReasons } from '../use-deals';

type Values = { lossReasonId: string; competitorId: string | null; closeNote: string };

type LoseDealModalProps = { deal: DealSummary | null; onClose: () => void };

/** Closes a deal as lost with one of the company's loss reasons. */
export function LoseDealModal({ deal, onClose }: LoseDealModalProps) {
  return deal ? <LoseDealForm key={deal.id} deal={deal} onClose={onClose} /> : null;
}

function LoseDealForm({ deal, onClose }: { deal: DealSummary; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const rules = useFormRules();
  const handleError = useErrorHandler();
  const [form] = Form.useForm<Values>();
  const reasons = useLossReasons();
  const lose = useLoseDeal(deal.id);
  const submit = (v: Values) =>
    lose.mutate(
      {
        version: deal.version,
        lossReasonId: v.lossReasonId,
        competitorId: v.competitorId ?? null,
        closeNote: v.closeNote.trim() || undefined,
      },
      {
        onSuccess: () => {
          void message.success(t('deals.lose.done', { name: deal.name }));
          onClose();
        },
        onError: (error) => handleError(error, form),
      },
    );
  return (
    <Modal
      open
      title={t('deals.lose.title', { name: deal.name })}
      okText={t('deals.lose.submit')}
      okButtonProps={{ danger: true }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={lose.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ competitorId: null, closeNote: '' }}
      >
        <Form.Item name="lossReasonId" label={t('deals.lose.reason')} rules={[rules.required]}>
          <Select<string>
            aria-label={t('deals.lose.reason')}
            loading={reasons.isPending}
            options={(reasons.data ?? [])
              .filter((r) => r.active)
              .map((r) => ({ value: r.id, label: r.name }))}
          />
        </Form.Item>
        <Form.Item name="competitorId" label={t('deals.lose.competitor')}>
          <CompetitorSelect aria-label={t('deals.lose.competitor')} />
        </Form.Item>
        <Form.Item name="closeNote" label={t('deals.lose.note')}>
          <Input.TextArea maxLength={2000} rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
