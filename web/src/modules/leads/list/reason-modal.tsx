import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormRules } from '../../../shared/use-form-rules';

type ReasonModalProps = {
  open: boolean;
  title: string;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (reason: string) => void;
};

/** Disqualifying or archiving a lead needs a reason (kept on the lead and in its history). */
export function ReasonModal({ open, title, busy, onCancel, onSubmit }: ReasonModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const rules = useFormRules();
  return (
    <Modal
      open={open}
      title={title}
      okText={t('leadScreens.bulk.apply')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form<{ reason: string }> form={form} layout="vertical" onFinish={(v) => onSubmit(v.reason.trim())}>
        <Form.Item name="reason" label={t('leads.fields.statusReason')} rules={[rules.required]}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 6 }} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
