import type { Deal } from '@contracts/deals.contract';
import type { Stage } from '@contracts/pipelines.contract';
import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useFormRules } from '../../../shared/use-form-rules';
import { useReopenDeal } from '../use-deals';

type Values = { reason: string; stageId?: string };

type ReopenDealModalProps = { deal: Deal; stages: readonly Stage[]; open: boolean; onClose: () => void };

/** Reopens a won or lost deal with a reason, into the stage it closed in or a chosen one. */
export function ReopenDealModal({ deal, stages, open, onClose }: ReopenDealModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const rules = useFormRules();
  const handleError = useErrorHandler();
  const [form] = Form.useForm<Values>();
  const reopen = useReopenDeal(deal.id);
  const submit = (v: Values) =>
    reopen.mutate(
      { version: deal.version, reason: v.reason.trim(), stageId: v.stageId },
      {
        onSuccess: () => {
          void message.success(t('deals.reopen.done'));
          onClose();
        },
        onError: (error) => handleError(error, form),
      },
    );
  return (
    <Modal
      open={open}
      title={t('deals.reopen.title', { name: deal.name })}
      okText={t('deals.reopen.submit')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={reopen.isPending}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item name="reason" label={t('deals.reopen.reason')} rules={[rules.required]}>
          <Input.TextArea maxLength={1000} rows={3} />
        </Form.Item>
        <Form.Item name="stageId" label={t('deals.reopen.stage')} extra={t('deals.reopen.stageHint')}>
          <Select<string>
            allowClear
            aria-label={t('deals.reopen.stage')}
            options={stages.map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
