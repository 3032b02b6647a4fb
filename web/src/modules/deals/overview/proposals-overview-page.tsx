import { Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../../shared/page-title';
import { MaterialsPage } from '../materials/materials-page';
import { OpenDealsTable } from './open-deals-table';

/** The proposals module: the open deals whose proposal versions the user opens, and the materials library. */
export function ProposalsOverviewPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('module.proposals')}</PageTitle>
      <Tabs
        destroyOnHidden
        items={[
          {
            key: 'deals',
            label: t('deals.overview.openDeals'),
            children: (
              <>
                <Typography.Paragraph type="secondary">
                  {t('deals.overview.proposalsIntro')}
                </Typography.Paragraph>
                <OpenDealsTable label={t('deals.overview.openDeals')} tab="proposals" />
              </>
            ),
          },
          { key: 'materials', label: t('deals.overview.materials'), children: <MaterialsPage /> },
        ]}
      />
    </>
  );
}
