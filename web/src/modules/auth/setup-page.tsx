import { runSetup } from '@contracts/auth.contract';
import type { Locale } from '@contracts/common';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { call } from '../../api/http';
import { currentLocale } from '../../i18n/i18n';
import { CurrencySelect } from '../../shared/currency-select';
import { LocaleSelect } from '../../shared/locale-select';
import { TimeZoneSelect } from '../../shared/time-zone-select';
import { browserTimeZone } from '../../shared/time-zones';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useFormRules } from '../../shared/use-form-rules';
import { setupStatusKey, useSetupStatus } from './use-setup-status';
import { useStoreMe } from './use-store-me';

type SetupValues = {
  companyName: string;
  name: string;
  email: string;
  password: string;
  confirmPassword: string;
  locale: Locale;
  timeZone: string;
  currency: string;
};

/** First run: the company and its first admin, created in one go. */
export function SetupPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<SetupValues>();
  const setup = useSetupStatus();
  const storeMe = useStoreMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const handleError = useErrorHandler();
  const rules = useFormRules();
  const mutation = useMutation({
    mutationFn: ({ confirmPassword: _, ...body }: SetupValues) => call(runSetup, { body }),
    onSuccess: async (me) => {
      queryClient.setQueryData(setupStatusKey, { needed: false });
      await storeMe(me);
      await navigate('/', { replace: true });
    },
    onError: (error) => handleError(error, form),
  });

  if (setup.data && !setup.data.needed) return <Navigate to="/login" replace />;
  const locale = currentLocale();
  return (
    <>
      <Typography.Title level={2}>{t('setup.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('setup.intro')}</Typography.Paragraph>
      <Form<SetupValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ locale, timeZone: browserTimeZone(), currency: locale === 'zh-CN' ? 'CNY' : 'USD' }}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Form.Item name="companyName" label={t('fields.companyName')} rules={[rules.required]}>
          <Input autoFocus maxLength={200} />
        </Form.Item>
        <Form.Item name="name" label={t('fields.yourName')} rules={[rules.required]}>
          <Input autoComplete="name" maxLength={100} />
        </Form.Item>
        <Form.Item name="email" label={t('setup.adminEmail')} rules={[rules.required, rules.email]}>
          <Input type="email" autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label={t('fields.password')} rules={[rules.required, rules.password]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('fields.confirmPassword')}
          dependencies={['password']}
          rules={[rules.required, rules.sameAs('password')]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="locale" label={t('language.label')}>
          <LocaleSelect />
        </Form.Item>
        <Form.Item name="timeZone" label={t('fields.timeZone')}>
          <TimeZoneSelect />
        </Form.Item>
        <Form.Item name="currency" label={t('fields.currency')}>
          <CurrencySelect />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" block loading={mutation.isPending}>
            {t('setup.submit')}
          </Button>
        </Form.Item>
      </Form>
    </>
  );
}
