import type { Locale } from '@contracts/common';
import type { TenantSettings } from '@contracts/tenant.contract';
import { App, Button, Card, Form, Input, Select, Spin } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CurrencySelect } from '../../shared/currency-select';
import { ErrorAlert } from '../../shared/error-alert';
import { LocaleSelect } from '../../shared/locale-select';
import { PageTitle } from '../../shared/page-title';
import { TimeZoneSelect } from '../../shared/time-zone-select';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useFormRules } from '../../shared/use-form-rules';
import { useTenantSettings, useUpdateTenantSettings } from './use-tenant-settings';

type SettingsValues = {
  name: string;
  currency: string;
  timeZone: string;
  fiscalYearStartMonth: number;
  defaultLocale: Locale;
};

function toValues(s: TenantSettings): SettingsValues {
  return {
    name: s.name,
    currency: s.currency,
    timeZone: s.timeZone,
    fiscalYearStartMonth: s.fiscalYearStartMonth,
    defaultLocale: s.defaultLocale,
  };
}

export function SettingsPage() {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<SettingsValues>();
  const { message } = App.useApp();
  const settings = useTenantSettings();
  const update = useUpdateTenantSettings();
  const handleError = useErrorHandler();
  const rules = useFormRules();
  const months = useMemo(() => {
    const format = new Intl.DateTimeFormat(i18n.language, { month: 'long', timeZone: 'UTC' });
    return Array.from({ length: 12 }, (_, i) => ({
      value: i + 1,
      label: format.format(Date.UTC(2000, i, 1)),
    }));
  }, [i18n.language]);

  // Refill the form whenever the server copy changes (after saving, or after a version conflict).
  useEffect(() => {
    if (settings.data) form.setFieldsValue(toValues(settings.data));
  }, [settings.data, form]);

  const save = (values: SettingsValues) => {
    if (!settings.data) return;
    update.mutate(
      { ...values, version: settings.data.version },
      {
        onSuccess: () => void message.success(t('common.saved')),
        onError: (error) => handleError(error, form),
      },
    );
  };

  return (
    <>
      <PageTitle>{t('nav.settings')}</PageTitle>
      {settings.isError && <ErrorAlert error={settings.error} />}
      {settings.isPending ? (
        <Spin />
      ) : (
        <Card style={{ maxWidth: 560 }}>
          <Form<SettingsValues> form={form} layout="vertical" requiredMark={false} onFinish={save}>
            <Form.Item name="name" label={t('fields.companyName')} rules={[rules.required]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="currency" label={t('fields.currency')}>
              <CurrencySelect />
            </Form.Item>
            <Form.Item name="timeZone" label={t('fields.timeZone')}>
              <TimeZoneSelect />
            </Form.Item>
            <Form.Item name="fiscalYearStartMonth" label={t('settings.fiscalYearStartMonth')}>
              <Select options={months} />
            </Form.Item>
            <Form.Item name="defaultLocale" label={t('settings.defaultLocale')}>
              <LocaleSelect />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={update.isPending}>
              {t('common.save')}
            </Button>
          </Form>
        </Card>
      )}
    </>
  );
}
