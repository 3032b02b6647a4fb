import { Card, Empty, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert';
import { useFormatDateTime } from '../../../shared/use-format-date-time';
import { usePoolHistory } from './use-pool';

const KIND_COLORS = { claim: 'green', release: 'orange', return: 'red' } as const;

/** Who claimed the customer from the pool, who released it and when the sweep returned it, and why. */
export function PoolHistoryCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const history = usePoolHistory(customerId);
  const items = history.data ?? [];
  return (
    <Card
      size="small"
      title={t('customers.pool.history')}
      style={{ marginBottom: 16 }}
      loading={history.isPending}
    >
      {history.isError && <ErrorAlert error={history.error} />}
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.pool.noHistory')} />
      ) : (
        <Timeline
          items={items.map((e) => ({
            key: e.id,
            color: KIND_COLORS[e.kind],
            children: (
              <>
                <Tag color={KIND_COLORS[e.kind]}>{t(`customers.pool.kind.${e.kind}`)}</Tag>
                <Typography.Text>
                  {e.kind === 'claim'
                    ? t('customers.pool.claimedBy', { user: e.userName ?? '—' })
                    : e.auto
                      ? t('customers.pool.returnedFrom', { user: e.userName ?? '—' })
                      : t('customers.pool.releasedBy', {
                          user: e.userName ?? '—',
                          actor: e.actorName ?? '—',
                        })}
                </Typography.Text>
                {e.reason && !e.auto && (
                  <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                    {t('customers.pool.reason')}: {e.reason}
                  </Typography.Paragraph>
                )}
                <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12 }}>
                  {formatDateTime(e.createdAt)}
                </Typography.Paragraph>
              </>
            ),
          }))}
        />
      )}
    </Card>
  );
}
