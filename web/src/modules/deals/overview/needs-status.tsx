import { Skeleton, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../../../shared/use-format-date-time';
import { useDealNeeds } from '../needs/use-deal-needs';

/** Where a deal's needs analysis stands: not started, in progress (core pain points so far) or confirmed. */
export function NeedsStatus({ dealId }: { dealId: string }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const needs = useDealNeeds(dealId);
  if (needs.isError) return <Tag>{t('common.empty')}</Tag>;
  if (!needs.data) return <Skeleton.Input size="small" active />;
  const { confirmation, corePainPoints, version } = needs.data;
  if (confirmation) {
    return (
      <Tag color={confirmation.changedSinceConfirmation ? 'orange' : 'green'}>
        {t(
          confirmation.changedSinceConfirmation ? 'deals.needsStatus.changed' : 'deals.needsStatus.confirmed',
          {
            time: formatDateTime(confirmation.confirmedAt),
          },
        )}
      </Tag>
    );
  }
  if (version === 0) return <Tag>{t('deals.needsStatus.notStarted')}</Tag>;
  return <Tag color="blue">{t('deals.needsStatus.inProgress', { count: corePainPoints })}</Tag>;
}
