import { Card, Col, Empty, Row, Segmented, Skeleton, Statistic, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert';
import { useFormatMoney } from '../../leads/campaigns/use-format-money';
import { DealFilterBar } from '../deal-filter-bar';
import { currenciesOf } from '../deal-money';
import { useDealFilters } from '../use-deal-filters';
import { useDealSummary } from '../use-deals';
import { MoneyBarChart } from './money-bar-chart';

/** For managers: open amount by stage and by forecast category, and what was won and lost. */
export function DealSummaryPage() {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  const { pipeline, filters, setFilters } = useDealFilters();
  const summary = useDealSummary(
    pipeline
      ? {
          pipelineId: pipeline.id,
          ownerId: filters.ownerId,
          teamId: filters.teamId,
          closeMonth: filters.closeMonth,
        }
      : null,
  );
  const data = summary.data;
  const byForecast = useMemo(
    () => (data?.byForecast ?? []).map((row) => ({ ...row, name: t(`deals.forecast.${row.category}`) })),
    [data, t],
  );
  const currencies = useMemo(
    () => (data ? currenciesOf([...data.byStage, ...data.byForecast, data.won, data.lost]) : []),
    [data],
  );
  const [chosen, setChosen] = useState<string | undefined>();
  const currency = chosen && currencies.includes(chosen) ? chosen : currencies[0];
  return (
    <>
      <DealFilterBar filters={filters} onChange={setFilters} withSearch={false} />
      {summary.isError && <ErrorAlert error={summary.error} />}
      {!data ? (
        <Skeleton active />
      ) : (
        <>
          {currencies.length > 1 && (
            <Segmented<string>
              aria-label={t('fields.currency')}
              options={currencies}
              value={currency}
              onChange={setChosen}
              style={{ marginBottom: 12 }}
            />
          )}
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('deals.summary.byStage')}>
                {currency ? (
                  <MoneyBarChart label={t('deals.summary.byStage')} rows={data.byStage} currency={currency} />
                ) : (
                  <Empty description={t('deals.summary.noAmounts')} />
                )}
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('deals.summary.byForecast')}>
                {currency ? (
                  <MoneyBarChart
                    label={t('deals.summary.byForecast')}
                    rows={byForecast}
                    currency={currency}
                  />
                ) : (
                  <Empty description={t('deals.summary.noAmounts')} />
                )}
              </Card>
            </Col>
            {(['won', 'lost'] as const).map((kind) => (
              <Col xs={24} md={12} key={kind}>
                <Card size="small" title={t(`deals.summary.${kind}`)}>
                  <Statistic title={t('deals.summary.deals')} value={data[kind].count} />
                  {data[kind].totals.map((total) => (
                    <Typography.Paragraph key={total.currency} style={{ margin: 0 }}>
                      {formatMoney(total.amountMinor, total.currency)}
                    </Typography.Paragraph>
                  ))}
                </Card>
              </Col>
            ))}
          </Row>
        </>
      )}
    </>
  );
}
