import { BarChart, type BarSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useEChart } from '../../../shared/use-echart';
import { useFormatMoney } from '../../leads/campaigns/use-format-money';
import { amountSeries, type MoneyTotal } from '../deal-money';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Option = echarts.ComposeOption<
  BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

type MoneyBarChartProps = {
  label: string;
  rows: readonly { name: string; count: number; totals: readonly MoneyTotal[] }[];
  currency: string;
};

/** Amount and weighted amount per row (a stage or a forecast category) in one currency, as bars. */
export function MoneyBarChart({ label, rows, currency }: MoneyBarChartProps) {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  const option = useMemo<Option>(() => {
    const amounts = amountSeries(rows, currency, 'amountMinor');
    const weighted = amountSeries(rows, currency, 'weightedMinor');
    const minorOf = (index: number, field: 'amountMinor' | 'weightedMinor') =>
      rows[index]?.totals.find((x) => x.currency === currency)?.[field] ?? 0;
    return {
      tooltip: {
        trigger: 'axis',
        formatter: (params) => {
          const list = Array.isArray(params) ? params : [params];
          const index = list[0]?.dataIndex ?? 0;
          const row = rows[index];
          if (!row) return '';
          return [
            `${row.name} · ${t('deals.summary.count', { count: row.count })}`,
            `${t('deals.summary.amount')}: ${formatMoney(minorOf(index, 'amountMinor'), currency)}`,
            `${t('deals.summary.weighted')}: ${formatMoney(minorOf(index, 'weightedMinor'), currency)}`,
          ].join('<br/>');
        },
      },
      legend: { data: [t('deals.summary.amount'), t('deals.summary.weighted')] },
      grid: { left: 8, right: 8, bottom: 8, top: 40, containLabel: true },
      xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0 } },
      yAxis: { type: 'value' },
      series: [
        // Plotted as numbers (the chart's scale only); the tooltip shows the exact sums.
        { type: 'bar', name: t('deals.summary.amount'), data: amounts.map(Number) },
        { type: 'bar', name: t('deals.summary.weighted'), data: weighted.map(Number) },
      ],
    };
  }, [rows, currency, t, formatMoney]);
  const el = useEChart(option);
  return <div ref={el} role="img" aria-label={label} style={{ width: '100%', height: 320 }} />;
}
