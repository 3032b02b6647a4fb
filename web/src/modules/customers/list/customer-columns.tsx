import type { CustomerSort, CustomerSummary } from '@contracts/customers.contract';
import type { TableColumnType } from 'antd';
import { Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatDateTime } from '../../../shared/use-format-date-time';
import { LIFECYCLE_COLORS, TIER_COLORS } from '../customer-colors';
import { CustomerTagList } from '../customer-tag-list';
import { HealthScore } from '../retention/health-score';
import { orderOf } from '../url-filters';

type Column = TableColumnType<CustomerSummary>;

/** Columns a user may show, in the list's order; `name` links to the customer and always stays. */
export const CUSTOMER_COLUMNS = [
  'name',
  'legalName',
  'tier',
  'lifecycleStage',
  'healthScore',
  'tags',
  'owner',
  'team',
  'industry',
  'region',
  'companySize',
  'phone',
  'creditCode',
  'lastActivityAt',
  'createdAt',
  'updatedAt',
] as const;
export type CustomerColumn = (typeof CUSTOMER_COLUMNS)[number];

export const DEFAULT_CUSTOMER_COLUMNS: readonly CustomerColumn[] = [
  'name',
  'tier',
  'lifecycleStage',
  'healthScore',
  'tags',
  'owner',
  'industry',
  'region',
  'lastActivityAt',
];

/** Sortable columns and the API sort field each stands for. */
export const SORT_FIELDS: Partial<Record<CustomerColumn, string>> = {
  name: 'name',
  healthScore: 'healthScore',
  lastActivityAt: 'lastActivityAt',
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
};

const TITLE_KEYS = {
  name: 'customers.fields.name',
  legalName: 'customers.fields.legalName',
  tier: 'customers.fields.tier',
  lifecycleStage: 'customers.fields.lifecycleStage',
  healthScore: 'retention.list.healthScore',
  tags: 'customers.fields.tags',
  owner: 'customers.fields.owner',
  team: 'customers.fields.team',
  industry: 'customers.fields.industry',
  region: 'customers.fields.region',
  companySize: 'customers.fields.companySize',
  phone: 'customers.fields.phone',
  creditCode: 'customers.fields.creditCode',
  lastActivityAt: 'customers.fields.lastActivityAt',
  createdAt: 'customers.fields.createdAt',
  updatedAt: 'customers.fields.updatedAt',
} as const satisfies Record<CustomerColumn, string>;

export function useColumnTitle(): (column: CustomerColumn) => string {
  const { t } = useTranslation();
  return (column) => t(TITLE_KEYS[column]);
}

/** The list's columns, built once per change of what they depend on (never per row). */
export function useCustomerColumns(visible: readonly CustomerColumn[], sort: CustomerSort): Column[] {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  return useMemo(() => {
    const empty = t('common.empty');
    const text = (value: string | null) => value || empty;
    const all: Record<CustomerColumn, Column> = {
      name: {
        width: 220,
        fixed: 'start',
        render: (_, c) => (
          <Link to={`/customers/${c.id}`} aria-label={t('customers.list.open', { name: c.name })}>
            {c.name}
          </Link>
        ),
      },
      legalName: { width: 240, render: (_, c) => text(c.legalName) },
      tier: {
        width: 100,
        render: (_, c) =>
          c.tier ? <Tag color={TIER_COLORS[c.tier]}>{t(`customers.tier.${c.tier}`)}</Tag> : empty,
      },
      lifecycleStage: {
        width: 110,
        render: (_, c) =>
          c.lifecycleStage ? (
            <Tag color={LIFECYCLE_COLORS[c.lifecycleStage]}>
              {t(`customers.lifecycle.${c.lifecycleStage}`)}
            </Tag>
          ) : (
            empty
          ),
      },
      healthScore: { width: 130, render: (_, c) => <HealthScore score={c.healthScore} atRisk={c.atRisk} /> },
      tags: { width: 220, render: (_, c) => <CustomerTagList tags={c.tags} /> },
      owner: {
        width: 130,
        render: (_, c) =>
          c.ownerName ?? <Typography.Text type="secondary">{t('customers.list.unassigned')}</Typography.Text>,
      },
      team: { width: 120, render: (_, c) => text(c.teamName) },
      industry: { width: 130, render: (_, c) => text(c.industry) },
      region: { width: 110, render: (_, c) => text(c.region) },
      companySize: {
        width: 160,
        render: (_, c) => (c.companySize ? t(`leads.companySize.${c.companySize}`) : empty),
      },
      phone: { width: 150, render: (_, c) => text(c.phone) },
      creditCode: { width: 200, render: (_, c) => text(c.creditCode) },
      lastActivityAt: { width: 170, render: (_, c) => formatDateTime(c.lastActivityAt) },
      createdAt: { width: 170, render: (_, c) => formatDateTime(c.createdAt) },
      updatedAt: { width: 170, render: (_, c) => formatDateTime(c.updatedAt) },
    };
    return visible.map((key) => {
      const field = SORT_FIELDS[key];
      return {
        // One line per row keeps every row the same height, which the virtual body scrolls best with.
        ellipsis: true,
        ...all[key],
        key,
        title: t(TITLE_KEYS[key]),
        ...(field
          ? { sorter: true, sortOrder: orderOf(sort, field), sortDirections: ['descend', 'ascend'] }
          : {}),
      } satisfies Column;
    });
  }, [visible, sort, t, formatDateTime]);
}
