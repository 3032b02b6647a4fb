import { DownOutlined } from '@ant-design/icons';
import {
  CUSTOMER_BULK_MAX_IDS,
  CUSTOMER_BULK_MAX_MATCHES,
  type CustomerBulkAction,
  type CustomerBulkKind,
} from '@contracts/customer-bulk.contract';
import { Alert, Button, Dropdown, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type BulkOutcome, BulkResultModal } from '../../../shared/bulk-result-modal';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useSession } from '../../auth/use-session';
import type { UrlFilters } from '../url-filters';
import { useBulkUpdateCustomers } from '../use-customers';
import { CustomerBulkModal } from './customer-bulk-modal';

/** What a bulk action runs on: the rows picked, or every customer the list's filters (or segment) match. */
export type CustomerPicks = { kind: 'ids'; ids: readonly string[] } | { kind: 'filter'; count: number };

type CustomerBulkBarProps = {
  picks: CustomerPicks;
  /** The list's filters, as the address bar carries them (the segment included). */
  filters: UrlFilters;
  /** How many customers the filters match, when counted (and not capped). */
  matching: number | null;
  names: ReadonlyMap<string, string>;
  /** Every matching customer instead of the rows picked. */
  onPickAll: () => void;
  onClear: () => void;
  /** After a run: the customers that failed stay picked, so they can be looked at or retried. */
  onDone: (failedIds: string[]) => void;
};

/**
 * Reassign, tag, untag or release the picked customers, or all that the filters match; each customer
 * succeeds or fails on its own. Stays mounted without picks, so a run's result still shows after it.
 */
export function CustomerBulkBar({
  picks,
  filters,
  matching,
  names,
  onPickAll,
  onClear,
  onDone,
}: CustomerBulkBarProps) {
  const { t, i18n } = useTranslation();
  const me = useSession();
  const bulk = useBulkUpdateCustomers();
  const handleError = useErrorHandler();
  const [kind, setKind] = useState<CustomerBulkKind | null>(null);
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);
  const count = picks.kind === 'ids' ? picks.ids.length : picks.count;
  const tooMany = picks.kind === 'ids' ? count > CUSTOMER_BULK_MAX_IDS : count > CUSTOMER_BULK_MAX_MATCHES;
  const number = new Intl.NumberFormat(i18n.language);
  const canPickAll =
    picks.kind === 'ids' && matching !== null && matching > count && matching <= CUSTOMER_BULK_MAX_MATCHES;

  const run = (action: CustomerBulkAction) =>
    bulk.mutate(picks.kind === 'ids' ? { ids: [...picks.ids], action } : { filter: filters, action }, {
      onSuccess: (result) => {
        setKind(null);
        setOutcome(result);
        onDone(result.failed.map((f) => f.id));
      },
      onError: (error) => handleError(error),
    });

  const busy = tooMany || bulk.isPending;
  return (
    <>
      {count > 0 && (
        <Flex
          wrap
          gap={8}
          align="center"
          style={{ marginBottom: 12 }}
          role="toolbar"
          aria-label={t('customers.bulk.toolbar')}
        >
          <Typography.Text strong>
            {picks.kind === 'ids'
              ? t('customers.bulk.selected', { count, formatted: number.format(count) })
              : t('customers.bulk.allSelected', { count, formatted: number.format(count) })}
          </Typography.Text>
          {canPickAll && (
            <Button type="link" onClick={onPickAll}>
              {t('customers.bulk.pickAll', { count: matching, formatted: number.format(matching) })}
            </Button>
          )}
          {me.permissions.includes('customers.assign') && (
            <Button disabled={busy} onClick={() => setKind('assign')}>
              {t('customers.bulk.assign')}
            </Button>
          )}
          <Dropdown
            disabled={busy}
            trigger={['click']}
            menu={{
              items: (['addTags', 'removeTags'] as const).map((k) => ({
                key: k,
                label: t(`customers.bulk.${k}`),
              })),
              onClick: ({ key }) => setKind(key as CustomerBulkKind),
            }}
          >
            <Button>
              {t('customers.bulk.tags')} <DownOutlined />
            </Button>
          </Dropdown>
          <Button disabled={busy} onClick={() => setKind('release')}>
            {t('customers.bulk.release')}
          </Button>
          <Button type="link" onClick={onClear}>
            {t('customers.bulk.clear')}
          </Button>
          {bulk.isPending && (
            <Typography.Text type="secondary">{t('customers.bulk.running')}</Typography.Text>
          )}
        </Flex>
      )}
      {tooMany && (
        <Alert
          type="warning"
          showIcon
          title={t('customers.bulk.tooMany', {
            max: picks.kind === 'ids' ? CUSTOMER_BULK_MAX_IDS : CUSTOMER_BULK_MAX_MATCHES,
          })}
          style={{ marginBottom: 12 }}
        />
      )}
      <CustomerBulkModal
        kind={kind}
        count={count}
        busy={bulk.isPending}
        onCancel={() => setKind(null)}
        onSubmit={run}
      />
      <BulkResultModal outcome={outcome} names={names} onClose={() => setOutcome(null)} />
    </>
  );
}
