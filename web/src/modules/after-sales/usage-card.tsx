import type { UsageSeries } from '@contracts/after-sales.contract';
import { Card, Col, Empty, Flex, Row, Skeleton, Statistic, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/error-alert';
import { useRetentionSettings } from '../customers/retention/use-retention';
import { formatChange, trendTone, type UsageTrend, usageTrend } from './after-sales-format';
import { UsageChart } from './usage-chart';
import { useCustomerUsage } from './use-after-sales';

/**
 * A customer's reported product usage: per metric a daily line, the last window's total against the one before,
 * and the change, in red once it falls by the health rule's percentage (which costs health points).
 */
export function UsageCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const settings = useRetentionSettings();
  // The rule's window once the settings are in; the server's default (30 days) if they cannot be read.
  const usage = useCustomerUsage(
    customerId,
    settings.isPending ? undefined : (settings.data?.rules.health.usageWindowDays ?? 30),
  );
  const dropPercent = settings.data?.rules.health.usageDropPercent;
  const data = usage.data;
  return (
    <Card size="small" title={t('afterSales.usage.title')} style={{ marginBottom: 16 }}>
      {usage.isError && <ErrorAlert error={usage.error} />}
      {usage.isPending && <Skeleton active />}
      {data && data.metrics.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('afterSales.usage.empty')} />
      )}
      {data && data.metrics.length > 0 && (
        <>
          <Typography.Paragraph type="secondary">
            {t('afterSales.usage.period', { from: data.from, to: data.to, days: data.windowDays })}
          </Typography.Paragraph>
          {data.metrics.map((series) => (
            <MetricUsage
              key={series.metric}
              series={series}
              windowDays={data.windowDays}
              trend={usageTrend(series.changePercent, dropPercent)}
              dropPercent={dropPercent}
            />
          ))}
        </>
      )}
    </Card>
  );
}

type MetricUsageProps = {
  series: UsageSeries;
  windowDays: number;
  trend: UsageTrend;
  dropPercent: number | undefined;
};

function MetricUsage({ series, windowDays, trend, dropPercent }: MetricUsageProps) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const tone = trendTone(trend);
  const color = trend === 'falling' ? token.colorError : token.colorPrimary;
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
  return (
    <div style={{ marginBottom: 16 }}>
      <Flex justify="space-between" align="baseline" wrap gap={8}>
        <Typography.Text strong>{series.metric}</Typography.Text>
        {trend === 'falling' && dropPercent !== undefined && (
          <Typography.Text type="danger">
            {t('afterSales.usage.falling', { percent: dropPercent })}
          </Typography.Text>
        )}
      </Flex>
      <Row gutter={12} style={{ margin: '8px 0' }}>
        <Col span={8}>
          <Statistic
            title={t('afterSales.usage.recent', { days: windowDays })}
            value={number.format(series.recentTotal)}
          />
        </Col>
        <Col span={8}>
          <Statistic
            title={t('afterSales.usage.previous', { days: windowDays })}
            value={number.format(series.previousTotal)}
          />
        </Col>
        <Col span={8}>
          <Typography.Text type="secondary">{t('afterSales.usage.change')}</Typography.Text>
          <div>
            {series.changePercent === null ? (
              <Typography.Text type="secondary">{t('afterSales.usage.noChange')}</Typography.Text>
            ) : (
              <Typography.Text type={tone} strong style={{ fontSize: 24 }}>
                {formatChange(series.changePercent)}
              </Typography.Text>
            )}
          </div>
        </Col>
      </Row>
      <UsageChart
        label={t('afterSales.usage.chart', { metric: series.metric })}
        series={series}
        color={color}
      />
    </div>
  );
}
