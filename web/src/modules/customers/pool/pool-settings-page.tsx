import type { CustomerPoolSettings } from '@contracts/customer-pool.contract';
import { CUSTOMER_TIERS, type CustomerTier } from '@contracts/customers.contract';
import { App, Button, Card, Form, InputNumber, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert';
import { PageTitle } from '../../../shared/page-title';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { usePoolSettings, useSavePoolSettings } from './use-pool';

type Values = Omit<CustomerPoolSettings, 'version'>;

const TIER_FIELD: Record<CustomerTier, keyof Values> = {
  strategic: 'returnDaysStrategic',
  growth: 'returnDaysGrowth',
  potential: 'returnDaysPotential',
  dormant: 'returnDaysDormant',
};

/** The company's public pool rules (managers and admins): return days (per tier), warning, claim limits. */
export function PoolSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const settings = usePoolSettings();
  const save = useSavePoolSettings();
  const handleError = useErrorHandler();
  const [form] = Form.useForm<Values>();
  if (settings.isError) return <ErrorAlert error={settings.error} />;
  if (!settings.data) return <Skeleton active />;
  const current = settings.data;
  const days = { min: 1, max: 3650, precision: 0, addonAfter: t('customers.poolSettings.days') };
  return (
    <>
      <PageTitle>{t('customers.poolSettings.title')}</PageTitle>
      <Card size="small" style={{ maxWidth: 720 }}>
        <Typography.Paragraph type="secondary">{t('customers.poolSettings.intro')}</Typography.Paragraph>
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={current}
          key={current.version}
          onFinish={(values) =>
            save
              .mutateAsync({
                ...values,
                returnDaysStrategic: values.returnDaysStrategic ?? null,
                returnDaysGrowth: values.returnDaysGrowth ?? null,
                returnDaysPotential: values.returnDaysPotential ?? null,
                returnDaysDormant: values.returnDaysDormant ?? null,
                holdLimit: values.holdLimit ?? null,
                version: current.version,
              })
              .then(() => message.success(t('customers.poolSettings.saved')))
              .catch((error: unknown) => handleError(error, form))
          }
        >
          <Form.Item
            name="returnDays"
            label={t('customers.poolSettings.returnDays')}
            extra={t('customers.poolSettings.returnDaysHint')}
            rules={[{ required: true }]}
          >
            <InputNumber {...days} />
          </Form.Item>
          {CUSTOMER_TIERS.map((tier) => (
            <Form.Item
              key={tier}
              name={TIER_FIELD[tier]}
              label={t('customers.poolSettings.returnDaysTier', { tier: t(`customers.tier.${tier}`) })}
            >
              <InputNumber {...days} placeholder={t('customers.poolSettings.sameAsDefault')} />
            </Form.Item>
          ))}
          <Form.Item
            name="warnDays"
            label={t('customers.poolSettings.warnDays')}
            extra={t('customers.poolSettings.warnDaysHint')}
            rules={[{ required: true }]}
          >
            <InputNumber min={0} max={365} precision={0} addonAfter={t('customers.poolSettings.days')} />
          </Form.Item>
          <Form.Item
            name="claimLimit"
            label={t('customers.poolSettings.claimLimit')}
            rules={[{ required: true }]}
          >
            <InputNumber min={0} max={10_000} precision={0} />
          </Form.Item>
          <Form.Item
            name="claimPeriodDays"
            label={t('customers.poolSettings.claimPeriodDays')}
            rules={[{ required: true }]}
          >
            <InputNumber {...days} />
          </Form.Item>
          <Form.Item
            name="holdLimit"
            label={t('customers.poolSettings.holdLimit')}
            extra={t('customers.poolSettings.holdLimitHint')}
          >
            <InputNumber
              min={0}
              max={100_000}
              precision={0}
              placeholder={t('customers.poolSettings.noCap')}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
