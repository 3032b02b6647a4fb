import { TOKEN_SCOPES } from '@contracts/auth.contract';
import { Checkbox, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyField } from '../../shared/copy-field';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useFormRules } from '../../shared/use-form-rules';
import { useCreateToken } from './use-tokens';

type TokenScope = (typeof TOKEN_SCOPES)[number];
type TokenValues = { name: string; scopes: TokenScope[]; expiresInDays?: number | null };
type CreateTokenModalProps = { open: boolean; onClose: () => void };

/** Creates a token, then shows its secret once: after closing, nobody can see it again. */
export function CreateTokenModal({ open, onClose }: CreateTokenModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TokenValues>();
  const [secret, setSecret] = useState<string | null>(null);
  const handleError = useErrorHandler();
  const rules = useFormRules();
  const create = useCreateToken();
  const close = () => {
    setSecret(null);
    form.resetFields();
    onClose();
  };
  const submit = ({ expiresInDays, ...values }: TokenValues) =>
    create.mutate(
      { ...values, expiresInDays: expiresInDays ?? undefined },
      { onSuccess: (token) => setSecret(token.secret), onError: (error) => handleError(error, form) },
    );

  if (secret) {
    return (
      <Modal
        open={open}
        title={t('tokens.secretTitle')}
        onCancel={close}
        onOk={close}
        okText={t('common.close')}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        <Typography.Paragraph>{t('tokens.secretText')}</Typography.Paragraph>
        <CopyField value={secret} />
      </Modal>
    );
  }
  return (
    <Modal
      open={open}
      title={t('tokens.create')}
      onCancel={close}
      onOk={() => form.submit()}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form<TokenValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ scopes: ['read'] }}
        onFinish={submit}
      >
        <Form.Item name="name" label={t('fields.name')} rules={[rules.required]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="scopes"
          label={t('tokens.scopes')}
          rules={[{ required: true, message: t('errors.required') }]}
        >
          <Checkbox.Group options={TOKEN_SCOPES.map((s) => ({ value: s, label: t(`tokens.scope.${s}`) }))} />
        </Form.Item>
        <Form.Item name="expiresInDays" label={t('tokens.expiresInDays')} extra={t('tokens.noExpiry')}>
          <InputNumber min={1} max={3650} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
