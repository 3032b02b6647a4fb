import { WarningOutlined } from '@ant-design/icons';
import type { LeadListColumn, LeadSort } from '@contracts/lead-views.contract';
import type { LeadSummary } from '@contracts/leads.contract';
import type { TableColumnType } from 'antd';
import { Tag, Tooltip, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatDateTime } from '../../../shared/use-format-date-time';
import { formatDuration } from './format-duration';
import { GRADE_COLORS, STATUS_COLORS } from './lead-colors';
import { leadName } from './lead-name';
import { orderOf } from './list-params';
import { slaState } from './sla-state';
import { useColumnTitle } from './use-column-title';

type Column = TableColumnType<LeadSummary>;

/** Sortable columns and the API sort field each one stands for (LEAD_SORTS). */
export const SORT_FIELDS: Partial<Record<LeadListColumn, string>> = {
  companyName: 'companyName',
  score: 'score',
  sla: 'slaDueAt',
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
};

function renderSla(lead: LeadSummary, now: number, t: TFunction, formatDateTime: (iso: string) => string) {
  const state = slaState(lead, now);
  switch (state.kind) {
    case 'none':
      return t('common.empty');
    case 'contacted':
      return (
        <Tooltip title={t('leadScreens.sla.contactedAt', { time: formatDateTime(state.at) })}>
          <Typography.Text type={state.late ? 'warning' : 'success'}>
            {t(state.late ? 'leadScreens.sla.contactedLate' : 'leadScreens.sla.contacted')}
          </Typography.Text>
        </Tooltip>
      );
    case 'breached':
      return (
        <Typography.Text type="danger" strong>
          {t('leadScreens.sla.breachedAgo', { duration: formatDuration(state.sinceMs, t) })}
        </Typography.Text>
      );
    case 'overdue':
      return (
        <Typography.Text type="danger" strong>
          {t('leadScreens.sla.overdueBy', { duration: formatDuration(state.byMs, t) })}
        </Typography.Text>
      );
    case 'due':
      return (
        <Typography.Text type={state.soon ? 'warning' : undefined} strong={state.soon}>
          {t('leadScreens.sla.dueIn', { duration: formatDuration(state.inMs, t) })}
        </Typography.Text>
      );
  }
}

/**
 * The list's columns, built once per change of what they depend on (never per row): the visible set, the
 * sort shown in the headers, and the minute the SLA countdowns were computed at.
 */
export function useLeadColumns(visible: readonly LeadListColumn[], sort: LeadSort, now: number): Column[] {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const titleOf = useColumnTitle();
  return useMemo(() => {
    const empty = t('common.empty');
    const text = (value: string | null) => value || empty;
    const all: Record<LeadListColumn, Column> = {
      companyName: {
        width: 240,
        fixed: 'start',
        render: (_, lead) => (
          <Link
            to={`/leads/${lead.id}`}
            aria-label={t('leadScreens.list.open', { name: leadName(lead, empty) })}
          >
            {lead.companyName || lead.contactName || empty}
          </Link>
        ),
      },
      contactName: { width: 130, render: (_, l) => text(l.contactName) },
      title: { width: 130, render: (_, l) => text(l.title) },
      phone: { width: 150, render: (_, l) => text(l.phone) },
      email: { width: 220, render: (_, l) => text(l.email) },
      status: {
        width: 110,
        render: (_, l) => <Tag color={STATUS_COLORS[l.status]}>{t(`leads.status.${l.status}`)}</Tag>,
      },
      grade: {
        width: 80,
        render: (_, l) =>
          l.grade ? (
            <Tooltip title={t(`leads.grade.${l.grade}`)}>
              <Tag color={GRADE_COLORS[l.grade]}>{l.grade}</Tag>
            </Tooltip>
          ) : (
            empty
          ),
      },
      score: { width: 90, align: 'end', render: (_, l) => l.score },
      probability: {
        width: 120,
        align: 'end',
        render: (_, l) =>
          l.conversionProbability === null ? empty : `${Math.round(l.conversionProbability * 100)}%`,
      },
      sla: {
        width: 170,
        render: (_, l) => renderSla(l, now, t, formatDateTime),
      },
      owner: {
        width: 130,
        render: (_, l) =>
          l.ownerName ?? (
            <Typography.Text type="secondary">{t('leadScreens.list.unassigned')}</Typography.Text>
          ),
      },
      team: { width: 130, render: (_, l) => text(l.teamName) },
      source: { width: 150, render: (_, l) => t(`leads.source.${l.source}`) },
      region: { width: 110, render: (_, l) => text(l.region) },
      industry: { width: 130, render: (_, l) => text(l.industry) },
      companySize: {
        width: 160,
        render: (_, l) => (l.companySize ? t(`leads.companySize.${l.companySize}`) : empty),
      },
      duplicates: {
        width: 100,
        render: (_, l) =>
          l.hasDuplicates ? (
            <Tag icon={<WarningOutlined />} color="warning">
              {t('leadScreens.list.duplicate')}
            </Tag>
          ) : null,
      },
      lastActivityAt: {
        width: 170,
        render: (_, l) => formatDateTime(l.lastActivityAt),
      },
      createdAt: { width: 170, render: (_, l) => formatDateTime(l.createdAt) },
      updatedAt: { width: 170, render: (_, l) => formatDateTime(l.updatedAt) },
    };
    return visible.map((key) => {
      const field = SORT_FIELDS[key];
      return {
        // One line per row keeps every row the same height, which the virtual body scrolls best with.
        ellipsis: true,
        ...all[key],
        key,
        title: titleOf(key),
        ...(field
          ? { sorter: true, sortOrder: orderOf(sort, field), sortDirections: ['descend', 'ascend'] }
          : {}),
      } satisfies Column;
    });
  }, [visible, sort, now, t, formatDateTime, titleOf]);
}
