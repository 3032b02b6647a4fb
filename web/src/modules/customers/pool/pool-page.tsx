import { CUSTOMER_TIERS, type CustomerSummary, type CustomerTier } from '@contracts/customers.contract';
import type { TableColumnType } from 'antd';
import { Alert, App, Button, Empty, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../../shared/error-alert';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useFormatDateTime } from '../../../shared/use-format-date-time';
import { useDebounced } from '../../leads/list/use-lead-intake';
import { TIER_COLORS } from '../customer-colors';
import { useClaimCustomer, usePool } from './use-pool';

/**
 * The public pool (公海): customers without owner that any rep may claim, with the caller's claim limit and
 * what is left of it. A claim that lost a race or hit the limit says so and the list refreshes.
 */
export function PoolPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const handleError = useErrorHandler();
  const formatDateTime = useFormatDateTime();
  const [q, setQ] = useState('');
  const [tier, setTier] = useState<CustomerTier[]>([]);
  const search = useDebounced(q.trim(), 300);
  const pool = usePool({
    ...(search ? { q: search } : {}),
    ...(tier.length > 0 ? { tier: tier.join(',') } : {}),
  });
  const claim = useClaimCustomer();
  const quota = pool.data?.quota;
  const columns = useMemo<TableColumnType<CustomerSummary>[]>(
    () => [
      { key: 'name', title: t('customers.fields.name'), render: (_, c) => c.name },
      { key: 'industry', title: t('customers.fields.industry'), render: (_, c) => c.industry ?? '—' },
      { key: 'region', title: t('customers.fields.region'), render: (_, c) => c.region ?? '—' },
      {
        key: 'tier',
        title: t('customers.fields.tier'),
        width: 110,
        render: (_, c) =>
          c.tier ? <Tag color={TIER_COLORS[c.tier]}>{t(`customers.tier.${c.tier}`)}</Tag> : '—',
      },
      {
        key: 'tags',
        title: t('customers.fields.tags'),
        render: (_, c) => c.tags.map((tag) => <Tag key={tag}>{tag}</Tag>),
      },
      {
        key: 'lastActivityAt',
        title: t('customers.fields.lastActivityAt'),
        width: 170,
        render: (_, c) => formatDateTime(c.lastActivityAt),
      },
      {
        key: 'actions',
        title: t('common.actions'),
        width: 110,
        render: (_, c) => (
          <Button
            size="small"
            type="primary"
            disabled={quota !== undefined && quota.remaining <= 0}
            loading={claim.isPending && claim.variables === c.id}
            onClick={() =>
              claim
                .mutateAsync(c.id)
                .then(() => {
                  void message.success(t('customers.pool.claimed', { name: c.name }));
                  void navigate(`/customers/${c.id}`);
                })
                .catch((error: unknown) => handleError(error))
            }
          >
            {t('customers.pool.claim')}
          </Button>
        ),
      },
    ],
    [t, formatDateTime, quota, claim, message, navigate, handleError],
  );
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('customers.pool.title')}
        </Typography.Title>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={t('customers.pool.search')}
            aria-label={t('customers.pool.search')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            style={{ width: 240 }}
          />
          <Select<CustomerTier[]>
            mode="multiple"
            allowClear
            placeholder={t('customers.fields.tier')}
            aria-label={t('customers.fields.tier')}
            value={tier}
            onChange={setTier}
            options={CUSTOMER_TIERS.map((x) => ({ value: x, label: t(`customers.tier.${x}`) }))}
            style={{ minWidth: 180 }}
          />
        </Space>
      </Flex>
      {quota && (
        <Alert
          style={{ marginBottom: 12 }}
          type={quota.remaining > 0 ? 'info' : 'warning'}
          message={
            quota.holdLimit === null
              ? t('customers.pool.quota', {
                  remaining: quota.remaining,
                  claimed: quota.claimedInPeriod,
                  limit: quota.claimLimit,
                  days: quota.claimPeriodDays,
                })
              : t('customers.pool.quotaHold', {
                  remaining: quota.remaining,
                  claimed: quota.claimedInPeriod,
                  limit: quota.claimLimit,
                  days: quota.claimPeriodDays,
                  held: quota.held,
                  holdLimit: quota.holdLimit,
                })
          }
        />
      )}
      {pool.isError && <ErrorAlert error={pool.error} />}
      <Table<CustomerSummary>
        aria-label={t('customers.pool.table')}
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={pool.data?.items ?? []}
        loading={pool.isPending}
        pagination={false}
        locale={{ emptyText: <Empty description={t('customers.pool.empty')} /> }}
        footer={pool.data?.nextCursor ? () => t('customers.pool.more') : undefined}
      />
    </>
  );
}
