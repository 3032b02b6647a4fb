import { Alert, App, Button, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useFormRules } from '../../../shared/use-form-rules';
import { MaterialPicker } from './material-picker';
import { MergeFieldHint } from './merge-field-hint';
import { useEmailTemplates, usePreviewEmail, useSendEmail } from './use-email';

type ComposeValues = { subject: string; body: string; materialIds: string[] };
type EmailComposeModalProps = {
  /** The contact to write to; null: closed. */
  contact: { id: string; name: string; email: string | null } | null;
  onClose: () => void;
};

/**
 * Writes to a contact from their record: start from a template or blank, attach library materials, preview
 * with the merge fields filled, send. The mail goes out through the outbox and the email shows on the contact's and customer's timeline.
 */
export function EmailComposeModal({ contact, onClose }: EmailComposeModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ComposeValues>();
  const templates = useEmailTemplates();
  const preview = usePreviewEmail();
  const send = useSendEmail();
  const handleError = useErrorHandler();
  const rules = useFormRules();
  const [shown, setShown] = useState<{ subject: string; body: string } | null>(null);
  const close = () => {
    setShown(null);
    onClose();
  };
  const values = () => {
    const { subject, body } = form.getFieldsValue();
    return { contactId: contact?.id ?? '', subject, body };
  };
  return (
    <Modal
      open={contact !== null}
      title={t('email.composeTitle', { name: contact?.name ?? '' })}
      onCancel={close}
      destroyOnHidden
      width={680}
      footer={
        <Space>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button
            loading={preview.isPending}
            onClick={() =>
              form
                .validateFields()
                .then(() =>
                  preview.mutate(values(), {
                    onSuccess: (p) => setShown(p),
                    onError: (error) => handleError(error, form),
                  }),
                )
                .catch(() => undefined)
            }
          >
            {t('email.preview')}
          </Button>
          <Button type="primary" loading={send.isPending} onClick={() => form.submit()}>
            {t('email.send')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph>{t('email.to', { email: contact?.email ?? '' })}</Typography.Paragraph>
      <Select<string>
        allowClear
        aria-label={t('email.template')}
        placeholder={t('email.template')}
        loading={templates.isPending}
        options={(templates.data ?? []).map((tpl) => ({ value: tpl.id, label: tpl.name }))}
        onChange={(id) => {
          const tpl = templates.data?.find((x) => x.id === id);
          if (tpl) form.setFieldsValue({ subject: tpl.subject, body: tpl.body });
          setShown(null);
        }}
        style={{ width: '100%', marginBottom: 12 }}
      />
      <Form<ComposeValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ subject: '', body: '', materialIds: [] }}
        onValuesChange={() => setShown(null)}
        onFinish={(v) =>
          send.mutate(
            { contactId: contact?.id ?? '', ...v },
            {
              onSuccess: (sent) => {
                void message.success(t('email.sent', { email: sent.to }));
                close();
              },
              onError: (error) => handleError(error, form),
            },
          )
        }
      >
        <Form.Item name="subject" label={t('email.subject')} rules={[rules.required]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="body" label={t('email.body')} rules={[rules.required]}>
          <Input.TextArea autoSize={{ minRows: 6, maxRows: 16 }} maxLength={20_000} />
        </Form.Item>
        <Form.Item name="materialIds" label={t('email.materials')}>
          <MaterialPicker />
        </Form.Item>
      </Form>
      <MergeFieldHint />
      {shown && (
        <Alert
          type="info"
          title={shown.subject}
          description={<div style={{ whiteSpace: 'pre-wrap' }}>{shown.body}</div>}
        />
      )}
    </Modal>
  );
}
