import type { Deal } from '@contracts/deals.contract';
import { App, Button, Form, Input, InputNumber, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useFormRules } from '../../../shared/use-form-rules';
import { useUpdateDeal } from '../use-deals';

type Values = { probability: number | null; reason: string };

type ProbabilityModalProps = { deal: Deal; open: boolean; onClose: () => void };

/** Overrides the stage's default win probability with a reason, or returns to the default. */
export function ProbabilityModal({ deal, open, onClose }: ProbabilityModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const rules = useFormRules();
  const handleError = useErrorHandler();
  const [form] = Form.useForm<Values>();
  const update = useUpdateDeal(deal.id);
  const save = (body: { probability: number | null; probabilityReason: string | null }) =>
    update.mutate(
      { version: deal.version, ...body },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          onClose();
        },
        onError: (error) => handleError(error, form),
      },
    );
  return (
    <Modal
      open={open}
      title={t('deals.probability.title')}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        deal.probabilityOverridden && (
          <Button key="reset" onClick={() => save({ probability: null, probabilityReason: null })}>
            {t('deals.probability.reset')}
          </Button>
        ),
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="save" type="primary" loading={update.isPending} onClick={() => form.submit()}>
          {t('common.save')}
        </Button>,
      ]}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ probability: deal.probability, reason: deal.probabilityReason ?? '' }}
        onFinish={(v) => save({ probability: v.probability, probabilityReason: v.reason.trim() })}
      >
        <Form.Item
          name="probability"
          label={t('deals.fields.probability')}
          rules={[{ required: true, message: t('errors.required') }]}
        >
          <InputNumber
            min={0}
            max={100}
            precision={0}
            suffix="%"
            aria-label={t('deals.fields.probability')}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('deals.probability.reason')} rules={[rules.required]}>
          <Input.TextArea maxLength={500} rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
