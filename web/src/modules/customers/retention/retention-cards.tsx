import { ReloadOutlined } from '@ant-design/icons';
import type { Customer } from '@contracts/customers.contract';
import { App, Button, Flex, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useFormatDateTime } from '../../../shared/use-format-date-time';
import { ChurnButton, ChurnPanel } from './churn';
import { HealthCard } from './health-card';
import { LifecycleCard } from './lifecycle-card';
import { TierCard } from './tier-card';
import { useRefreshRetention, useRetention, useRetentionSettings } from './use-retention';

/**
 * How the customer stands (DOMAIN.md §7): tier, lifecycle stage and health, each with the reasons behind it,
 * a recompute on demand, and churn with its record once churned.
 */
export function RetentionCards({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const formatDateTime = useFormatDateTime();
  const handleError = useErrorHandler();
  const retention = useRetention(customer.id);
  const settings = useRetentionSettings();
  const refresh = useRefreshRetention(customer.id);
  if (retention.isError) return <ErrorAlert error={retention.error} />;
  if (!retention.data) return <Skeleton active />;
  const data = retention.data;
  const canEdit = customer.can.edit;
  return (
    <div>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">
          {data.computedAt
            ? t('retention.cards.computedAt', { time: formatDateTime(data.computedAt) })
            : t('retention.cards.notComputed')}
        </Typography.Text>
        {canEdit && (
          <Space wrap>
            <Button
              size="small"
              icon={<ReloadOutlined />}
              loading={refresh.isPending}
              onClick={() =>
                refresh
                  .mutateAsync(undefined)
                  .then(() => message.success(t('retention.cards.refreshed')))
                  .catch((error: unknown) => handleError(error))
              }
            >
              {t('retention.cards.refresh')}
            </Button>
            {!data.churn && <ChurnButton customer={customer} />}
          </Space>
        )}
      </Flex>
      {data.churn && <ChurnPanel customer={customer} churn={data.churn} canEdit={canEdit} />}
      <HealthCard retention={data} />
      <LifecycleCard customerName={customer.name} retention={data} canEdit={canEdit} />
      <TierCard retention={data} windowDays={settings.data?.rules.rfm.windowDays} now={new Date()} />
    </div>
  );
}
