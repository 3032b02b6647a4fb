import { confirmPasswordReset } from '@contracts/auth.contract';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Form, Input, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { call } from '../../api/http';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useFormRules } from '../../shared/use-form-rules';

type ResetValues = { password: string; confirmPassword: string };

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [form] = Form.useForm<ResetValues>();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const handleError = useErrorHandler();
  const rules = useFormRules();
  const mutation = useMutation({
    mutationFn: ({ password }: ResetValues) => call(confirmPasswordReset, { body: { token, password } }),
    onSuccess: async () => {
      void message.success(t('reset.done'));
      await navigate('/login', { replace: true });
    },
    onError: (error) => handleError(error, form),
  });
  if (!token) {
    return (
      <Result
        status="warning"
        title={t('reset.missingToken')}
        extra={<Link to="/forgot-password">{t('login.forgot')}</Link>}
      />
    );
  }
  return (
    <>
      <Typography.Title level={2}>{t('reset.title')}</Typography.Title>
      <Form<ResetValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Form.Item name="password" label={t('reset.newPassword')} rules={[rules.required, rules.password]}>
          <Input.Password autoComplete="new-password" autoFocus />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('fields.confirmPassword')}
          dependencies={['password']}
          rules={[rules.required, rules.sameAs('password')]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" block loading={mutation.isPending}>
            {t('reset.submit')}
          </Button>
        </Form.Item>
      </Form>
    </>
  );
}
