import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../../shared/page-title';
import { CompetitorsPage } from '../negotiation/competitors-page';
import { ObjectionPlaybookPage } from '../negotiation/objection-playbook-page';
import { OpenDealsTable } from './open-deals-table';

/** The negotiation module: the company's competitors, its objection playbook, and the open deals. */
export function NegotiationOverviewPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('module.negotiation')}</PageTitle>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'competitors', label: t('deals.overview.competitors'), children: <CompetitorsPage /> },
          { key: 'playbook', label: t('deals.overview.playbook'), children: <ObjectionPlaybookPage /> },
          {
            key: 'deals',
            label: t('deals.overview.openDeals'),
            children: <OpenDealsTable label={t('deals.overview.openDeals')} tab="negotiation" />,
          },
        ]}
      />
    </>
  );
}
