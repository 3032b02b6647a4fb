import type { UsageSeries } from '@contracts/after-sales.contract';
import { LineChart, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { useEChart } from '../../shared/use-echart';

echarts.use([LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

type Option = echarts.ComposeOption<LineSeriesOption | GridComponentOption | TooltipComponentOption>;

type UsageChartProps = { label: string; series: UsageSeries; color: string };

/** One usage metric per day as a line, the days without a report at 0. */
export function UsageChart({ label, series, color }: UsageChartProps) {
  const option = useMemo<Option>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 8, bottom: 8, top: 16, containLabel: true },
      xAxis: { type: 'category', data: series.days.map((d) => d.day), boundaryGap: false },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'line',
          name: series.metric,
          data: series.days.map((d) => d.value),
          showSymbol: false,
          smooth: true,
          lineStyle: { color },
          itemStyle: { color },
          areaStyle: { color, opacity: 0.08 },
        },
      ],
    }),
    [series, color],
  );
  const el = useEChart(option);
  return <div ref={el} role="img" aria-label={label} style={{ width: '100%', height: 180 }} />;
}
