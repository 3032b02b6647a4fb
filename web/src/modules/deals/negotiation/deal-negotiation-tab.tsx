import { Skeleton, Space } from 'antd';
import { ErrorAlert } from '../../../shared/error-alert';
import { useDeal } from '../use-deals';
import { DealCompetitorsSection } from './deal-competitors-section';
import { MinutesSection } from './minutes-section';
import { ObjectionsSection } from './objections-section';

/**
 * The negotiation tab of a deal (DOMAIN.md §4): the objections raised and how they were answered, the
 * competitors in the deal, and the minutes of each negotiation meeting with the price floor, the customer's
 * sign-off and the manager's approval of a price below the floor.
 */
export function DealNegotiationTab({ dealId }: { dealId: string }) {
  const deal = useDeal(dealId);
  if (deal.isError) return <ErrorAlert error={deal.error} />;
  if (!deal.data) return <Skeleton active />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <ObjectionsSection dealId={dealId} readOnly={deal.data.status !== 'open'} />
      <DealCompetitorsSection dealId={dealId} currency={deal.data.currency} />
      <MinutesSection dealId={dealId} readOnly={deal.data.status !== 'open'} />
    </Space>
  );
}
