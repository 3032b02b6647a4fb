import type { EChartsCoreOption } from 'echarts/core';
import * as echarts from 'echarts/core';
import { type RefObject, useEffect, useRef } from 'react';

/**
 * An ECharts instance living as long as the element it draws in: created on mount, resized with the window,
 * disposed on unmount, and given `option` (replacing the previous one) whenever it changes. The caller
 * registers the chart types it uses with `echarts.use` and renders `<div ref={…}>`; `setup` runs once on the
 * new instance (e.g. to listen to clicks).
 */
export function useEChart(
  option: EChartsCoreOption,
  setup?: (chart: echarts.ECharts) => void,
): RefObject<HTMLDivElement | null> {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const initial = useRef(setup);
  useEffect(() => {
    if (!el.current) return;
    const instance = echarts.init(el.current);
    chart.current = instance;
    initial.current?.(instance);
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  return el;
}
