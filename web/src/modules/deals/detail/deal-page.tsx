import { Button, Result, Skeleton, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../../api/api-error';
import { ErrorAlert } from '../../../shared/error-alert';
import { RecordTimeline } from '../../activities/record-timeline';
import { DealQuotesTab } from '../../quotes/deal-quotes-tab';
import { DealNeedsTab } from '../needs/deal-needs-tab';
import { DealNegotiationTab } from '../negotiation/deal-negotiation-tab';
import { DealProposalsTab } from '../proposals/deal-proposals-tab';
import { useDeal, usePipelines } from '../use-deals';
import { DealContactsTab } from './deal-contacts-tab';
import { DealHeader } from './deal-header';
import { DealOverview } from './deal-overview';

export const DEAL_PAGE_TABS = [
  'overview',
  'needs',
  'proposals',
  'negotiation',
  'quotes',
  'contacts',
  'timeline',
] as const;
type DealPageTab = (typeof DEAL_PAGE_TABS)[number];

function isTab(value: string | null): value is DealPageTab {
  return (DEAL_PAGE_TABS as readonly (string | null)[]).includes(value);
}

/** A deal's page (the tab in the address, `?tab=needs`), or why it cannot be shown. */
export function DealPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const deal = useDeal(id);
  const pipelines = usePipelines();
  const tabParam = params.get('tab');
  const tab: DealPageTab = isTab(tabParam) ? tabParam : 'overview';
  if (deal.isError) {
    if (deal.error instanceof ApiError && deal.error.status === 404) {
      return (
        <Result
          status="404"
          title={t('deals.detail.notFound')}
          extra={
            <Link to="/deals">
              <Button>{t('deals.detail.back')}</Button>
            </Link>
          }
        />
      );
    }
    return <ErrorAlert error={deal.error} />;
  }
  if (!deal.data) return <Skeleton active />;
  const data = deal.data;
  const stages = (pipelines.data ?? []).find((p) => p.id === data.pipelineId)?.stages ?? [];
  return (
    <>
      <DealHeader deal={data} stages={stages} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'overview' ? {} : { tab: key }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'overview', label: t('deals.detail.tabs.overview'), children: <DealOverview deal={data} /> },
          { key: 'needs', label: t('deals.detail.tabs.needs'), children: <DealNeedsTab dealId={data.id} /> },
          {
            key: 'proposals',
            label: t('deals.detail.tabs.proposals'),
            children: <DealProposalsTab dealId={data.id} />,
          },
          {
            key: 'negotiation',
            label: t('deals.detail.tabs.negotiation'),
            children: <DealNegotiationTab dealId={data.id} />,
          },
          {
            key: 'quotes',
            label: t('quotes.title'),
            children: <DealQuotesTab dealId={data.id} />,
          },
          {
            key: 'contacts',
            label: t('deals.detail.tabs.contacts'),
            children: <DealContactsTab key={data.version} deal={data} />,
          },
          {
            key: 'timeline',
            label: t('deals.detail.tabs.timeline'),
            children: <RecordTimeline record="deal" id={data.id} canLog={data.can.edit} />,
          },
        ]}
      />
    </>
  );
}
