import { APPROVAL_STATUSES, type ApprovalStatus, type ApprovalSummary } from '@contracts/approvals.contract';
import type { TableColumnType } from 'antd';
import { Button, Flex, Segmented, Select, Table, Tag } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../shared/error-alert';
import { LoadMore } from '../../shared/load-more';
import { useSession } from '../auth/use-session';
import { useFormatMoney } from '../leads/campaigns/use-format-money';
import { ApprovalDrawer } from './approval-drawer';
import { bpText, waitedText } from './approval-format';
import { useApprovalList } from './use-approvals';

type Box = 'inbox' | 'mine' | 'all';

const STATUS_COLORS: Record<ApprovalStatus, string> = {
  pending: 'gold',
  approved: 'green',
  returned: 'red',
  cancelled: 'default',
};

/**
 * /quote-to-cash/approvals: requests waiting for me, those I sent, and (approvals.configure) all of them. A
 * row opens the request in a drawer; `?open=<id>` (a notification's link) opens it directly.
 */
export function ApprovalsPage() {
  const { t, i18n } = useTranslation();
  const me = useSession();
  const formatMoney = useFormatMoney();
  const configure = me.permissions.includes('approvals.configure');
  const [params, setParams] = useSearchParams();
  const box = (['inbox', 'mine', 'all'] as const).find((b) => b === params.get('box')) ?? 'inbox';
  const status = APPROVAL_STATUSES.find((s) => s === params.get('status'));
  const openId = params.get('open');
  const list = useApprovalList({ box, status });
  const now = Date.now();

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    setParams(next, { replace: true });
  };

  const columns = useMemo<TableColumnType<ApprovalSummary>[]>(
    () => [
      {
        key: 'subject',
        title: t('approvals.columns.subject'),
        ellipsis: true,
        render: (_, r) =>
          r.subjectLink ? (
            <Link to={r.subjectLink} onClick={(e) => e.stopPropagation()}>
              {r.title}
            </Link>
          ) : (
            r.title
          ),
      },
      { key: 'requester', title: t('approvals.columns.requester'), render: (_, r) => r.requestedBy.name },
      {
        key: 'discount',
        title: t('approvals.columns.discount'),
        align: 'end',
        render: (_, r) => bpText(r.discountBp, i18n.language),
      },
      {
        key: 'margin',
        title: t('approvals.columns.margin'),
        align: 'end',
        render: (_, r) => bpText(r.marginBp, i18n.language),
      },
      {
        key: 'amount',
        title: t('approvals.columns.amount'),
        align: 'end',
        render: (_, r) => (r.currency ? formatMoney(r.amountMinor, r.currency) : t('common.empty')),
      },
      {
        key: 'waitingFor',
        title: t('approvals.columns.waitingFor'),
        render: (_, r) =>
          r.waitingFor ? t(`approvals.levels.${r.waitingFor as 'manager'}`, r.waitingFor) : t('common.empty'),
      },
      {
        key: 'waiting',
        title: t('approvals.columns.waiting'),
        align: 'end',
        render: (_, r) => waitedText(r.waitingSince, now, t),
      },
      {
        key: 'status',
        title: t('approvals.columns.status'),
        render: (_, r) => <Tag color={STATUS_COLORS[r.status]}>{t(`approvals.status.${r.status}`)}</Tag>,
      },
    ],
    [t, i18n.language, formatMoney, now],
  );

  const boxes: Box[] = configure ? ['inbox', 'mine', 'all'] : ['inbox', 'mine'];
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <Segmented<Box>
          value={box}
          options={boxes.map((b) => ({ value: b, label: t(`approvals.boxes.${b}`) }))}
          onChange={(value) => update({ box: value })}
        />
        <Select<ApprovalStatus | 'any'>
          value={status ?? 'any'}
          style={{ minWidth: 140 }}
          options={[
            { value: 'any', label: t('approvals.anyStatus') },
            ...APPROVAL_STATUSES.map((s) => ({ value: s, label: t(`approvals.status.${s}`) })),
          ]}
          onChange={(value) => update({ status: value === 'any' ? null : value })}
        />
        {configure ? (
          <Link to="/quote-to-cash/approvals/settings" style={{ marginInlineStart: 'auto' }}>
            <Button>{t('approvals.rules')}</Button>
          </Link>
        ) : null}
      </Flex>
      {list.isError ? <ErrorAlert error={list.error} /> : null}
      <Table<ApprovalSummary>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        columns={columns}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: t('approvals.empty') }}
        onRow={(r) => ({
          onClick: () => update({ open: r.id }),
          // Reachable and opened from the keyboard too, not only with a mouse.
          tabIndex: 0,
          onKeyDown: (e) => {
            if (e.target === e.currentTarget && (e.key === 'Enter' || e.key === ' ')) {
              e.preventDefault();
              update({ open: r.id });
            }
          },
          style: { cursor: 'pointer' },
        })}
      />
      <LoadMore
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onLoad={() => void list.fetchNextPage()}
      />
      <ApprovalDrawer id={openId} onClose={() => update({ open: null })} />
    </>
  );
}
