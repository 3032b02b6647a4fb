import { requestPasswordReset } from '@contracts/auth.contract';
import { useMutation } from '@tanstack/react-query';
import { Button, Form, Input, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { call } from '../../api/http';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useFormRules } from '../../shared/use-form-rules';

type ForgotValues = { email: string };

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<ForgotValues>();
  const handleError = useErrorHandler();
  const rules = useFormRules();
  const mutation = useMutation({
    mutationFn: (body: ForgotValues) => call(requestPasswordReset, { body }),
    onError: (error) => handleError(error, form),
  });
  if (mutation.isSuccess) {
    return (
      <Result
        status="success"
        title={t('forgot.sentTitle')}
        subTitle={t('forgot.sentText')}
        extra={<Link to="/login">{t('common.backToSignIn')}</Link>}
      />
    );
  }
  return (
    <>
      <Typography.Title level={2}>{t('forgot.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('forgot.intro')}</Typography.Paragraph>
      <Form<ForgotValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Form.Item name="email" label={t('fields.email')} rules={[rules.required, rules.email]}>
          <Input type="email" autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" block loading={mutation.isPending}>
            {t('forgot.submit')}
          </Button>
        </Form.Item>
      </Form>
      <Link to="/login">{t('common.backToSignIn')}</Link>
    </>
  );
}
