import { login } from '@contracts/auth.contract';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { z } from 'zod';
import { ApiError } from '../../api/api-error';
import { call } from '../../api/http';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useFormRules } from '../../shared/use-form-rules';
import { returnPath } from './return-path';
import { useSetupStatus } from './use-setup-status';
import { useStoreMe } from './use-store-me';

type LoginValues = { email: string; password: string; tenantId?: string };
type TenantChoice = { tenantId: string; name: string };

const TenantChoices = z.object({ choices: z.array(z.object({ tenantId: z.string(), name: z.string() })) });

export function LoginPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<LoginValues>();
  const [choices, setChoices] = useState<TenantChoice[]>([]);
  const setup = useSetupStatus();
  const storeMe = useStoreMe();
  const handleError = useErrorHandler();
  const rules = useFormRules();
  const navigate = useNavigate();
  const location = useLocation();
  const mutation = useMutation({
    mutationFn: (values: LoginValues) => call(login, { body: values }),
    onSuccess: async (me) => {
      await storeMe(me);
      await navigate(returnPath(location.state), { replace: true });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409 && error.code === 'tenant_choice_required') {
        const parsed = TenantChoices.safeParse(error.body);
        if (parsed.success) {
          setChoices(parsed.data.choices);
          form.setFieldValue('tenantId', parsed.data.choices[0]?.tenantId);
          return;
        }
      }
      handleError(error, form);
    },
  });

  if (setup.data?.needed) return <Navigate to="/setup" replace />;
  return (
    <>
      <Typography.Title level={2}>{t('login.title')}</Typography.Title>
      <Form<LoginValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Form.Item name="email" label={t('fields.email')} rules={[rules.required, rules.email]}>
          <Input type="email" autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item name="password" label={t('fields.password')} rules={[rules.required]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        {choices.length > 0 && (
          <>
            <Alert type="info" showIcon title={t('login.chooseCompany')} style={{ marginBottom: 16 }} />
            <Form.Item name="tenantId" label={t('login.company')} rules={[rules.required]}>
              <Select options={choices.map((c) => ({ value: c.tenantId, label: c.name }))} />
            </Form.Item>
          </>
        )}
        <Form.Item>
          <Button type="primary" htmlType="submit" block loading={mutation.isPending}>
            {t('login.submit')}
          </Button>
        </Form.Item>
      </Form>
      <Link to="/forgot-password">{t('login.forgot')}</Link>
    </>
  );
}
