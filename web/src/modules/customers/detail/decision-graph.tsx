import type { ContactSummary } from '@contracts/customers.contract';
import { GraphChart, type GraphSeriesOption } from 'echarts/charts';
import { TooltipComponent, type TooltipComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useEChart } from '../../../shared/use-echart';
import { useFormatDateTime } from '../../../shared/use-format-date-time';
import { ATTITUDE_FILLS } from '../customer-colors';
import { type ReportingNode, reportingForest } from './decision-chain';

echarts.use([GraphChart, TooltipComponent, CanvasRenderer]);

type Option = echarts.ComposeOption<GraphSeriesOption | TooltipComponentOption>;

const COLUMN = 170;
const ROW = 110;

/** Positions for a top-down chart of the reporting lines: each level a row, leaves side by side. */
function layout(forest: ReportingNode<ContactSummary>[]): Map<string, { x: number; y: number }> {
  const out = new Map<string, { x: number; y: number }>();
  let next = 0;
  const place = (node: ReportingNode<ContactSummary>, depth: number): number => {
    let x: number;
    if (node.reports.length === 0) {
      x = next * COLUMN;
      next += 1;
    } else {
      const xs = node.reports.map((r) => place(r, depth + 1));
      x = ((xs[0] ?? 0) + (xs[xs.length - 1] ?? 0)) / 2;
    }
    out.set(node.contact.id, { x, y: depth * ROW });
    return x;
  };
  for (const root of forest) place(root, 0);
  return out;
}

type DecisionGraphProps = {
  contacts: readonly ContactSummary[];
  label: string;
  onOpen: (id: string) => void;
};

/**
 * The decision chain as a graph: one node per contact, coloured by attitude, larger for decision makers,
 * labelled with the role; arrows run from a contact to the person they report to. Clicking opens the contact.
 */
export function DecisionGraph({ contacts, label, onOpen }: DecisionGraphProps) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const open = useRef(onOpen);
  open.current = onOpen;

  const option = useMemo<Option>(() => {
    const positions = layout(reportingForest([...contacts]));
    const byId = new Map(contacts.map((c) => [c.id, c]));
    const describe = (c: ContactSummary) =>
      [
        c.name + (c.title ? ` · ${c.title}` : ''),
        c.role ? t(`customers.role.${c.role}`) : t('customers.map.noRole'),
        t(`customers.attitude.${c.attitude}`),
        t('customers.map.lastContact', { time: formatDateTime(c.lastActivityAt) }),
      ].join('<br/>');
    return {
      tooltip: {
        formatter: (params) => {
          const one = Array.isArray(params) ? params[0] : params;
          const data = one?.data as { id?: string } | undefined;
          const contact = data?.id ? byId.get(data.id) : undefined;
          return contact ? describe(contact) : '';
        },
      },
      series: [
        {
          type: 'graph',
          layout: 'none',
          roam: true,
          edgeSymbol: ['none', 'arrow'],
          edgeSymbolSize: 8,
          label: { show: true, position: 'bottom', formatter: '{b}' },
          lineStyle: { color: '#8c8c8c', width: 1.5 },
          data: contacts.map((c) => ({
            id: c.id,
            name: `${c.name}\n${c.role ? t(`customers.role.${c.role}`) : t('customers.map.noRole')}`,
            x: positions.get(c.id)?.x ?? 0,
            y: positions.get(c.id)?.y ?? 0,
            symbolSize: c.role === 'decision_maker' ? 46 : 32,
            symbol: c.role ? 'circle' : 'emptyCircle',
            itemStyle: { color: ATTITUDE_FILLS[c.attitude] },
          })),
          links: contacts
            .filter((c) => c.reportsToId && byId.has(c.reportsToId))
            .map((c) => ({ source: c.id, target: c.reportsToId ?? '' })),
        },
      ],
    };
  }, [contacts, t, formatDateTime]);

  const el = useEChart(option, (chart) => {
    chart.on('click', (params) => {
      const data = params.data as { id?: string } | undefined;
      if (params.dataType === 'node' && data?.id) open.current(data.id);
    });
  });

  return <div ref={el} role="img" aria-label={label} style={{ width: '100%', height: 420 }} />;
}
