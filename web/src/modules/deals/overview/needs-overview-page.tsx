import { Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../../shared/page-title';
import { NeedsStatus } from './needs-status';
import { OpenDealsTable } from './open-deals-table';

/** The needs-analysis module: the open deals the user sees with where each one's needs record stands. */
export function NeedsOverviewPage() {
  const { t } = useTranslation();
  const extra = useMemo(
    () => ({
      title: t('deals.overview.needsStatus'),
      render: (d: { id: string }) => <NeedsStatus dealId={d.id} />,
    }),
    [t],
  );
  return (
    <>
      <PageTitle>{t('module.needs')}</PageTitle>
      <Typography.Paragraph type="secondary">{t('deals.overview.needsIntro')}</Typography.Paragraph>
      <OpenDealsTable label={t('module.needs')} tab="needs" extra={extra} />
    </>
  );
}
