import type { DealSummary } from '@contracts/deals.contract';
import type { UnmetGate } from '@contracts/pipelines.contract';
import { useDraggable } from '@dnd-kit/core';
import { Card, Flex, Tag, Typography } from 'antd';
import { memo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatMoney } from '../../leads/campaigns/use-format-money';

type DealCardProps = {
  deal: DealSummary;
  /** The criteria that refused the last move of this card, shown on it until the next one. */
  unmet?: readonly UnmetGate[];
  /** Drawn under the pointer while dragging (not itself draggable). */
  overlay?: boolean;
};

function CardBody({ deal, unmet }: { deal: DealSummary; unmet?: readonly UnmetGate[] }) {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  return (
    <Flex vertical gap={2}>
      <Flex justify="space-between" gap={8} align="start">
        <Link to={`/deals/${deal.id}`} style={{ fontWeight: 500 }} draggable={false}>
          {deal.name}
        </Link>
        {deal.stale && (
          <Tag color="orange" style={{ marginInlineEnd: 0 }}>
            {t('deals.card.stale')}
          </Tag>
        )}
      </Flex>
      <Typography.Text type="secondary" ellipsis>
        {deal.customerName}
      </Typography.Text>
      <Flex justify="space-between" gap={8}>
        <Typography.Text strong>{formatMoney(deal.amountMinor, deal.currency)}</Typography.Text>
        <Typography.Text type="secondary">{deal.expectedCloseOn ?? t('common.empty')}</Typography.Text>
      </Flex>
      <Typography.Text type="secondary" ellipsis>
        {deal.ownerName ?? t('deals.card.noOwner')}
      </Typography.Text>
      {unmet && unmet.length > 0 && (
        <Typography.Text type="danger" role="alert" style={{ fontSize: 12 }}>
          {unmet.map((gate) => gate.message).join(' · ')}
        </Typography.Text>
      )}
    </Flex>
  );
}

const MemoBody = memo(CardBody);

function Draggable({ deal, children }: { deal: DealSummary; children: ReactNode }) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: deal.id, data: { deal } });
  return (
    <div
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      data-deal-card={deal.id}
      style={{ opacity: isDragging ? 0.4 : 1, cursor: 'grab', touchAction: 'manipulation' }}
    >
      {children}
    </div>
  );
}

/**
 * A deal on the board: name, customer, amount, close date, owner and the stale flag; dragged to move it.
 * Dragging re-renders every draggable on each pointer move, so the card's body is passed down as an element
 * that React can keep as it is.
 */
export const DealCard = memo(function DealCard({ deal, unmet, overlay = false }: DealCardProps) {
  const body = (
    <Card
      size="small"
      styles={{ body: { padding: 10 } }}
      style={overlay ? { boxShadow: '0 6px 16px rgba(0,0,0,.15)', cursor: 'grabbing' } : undefined}
    >
      <MemoBody deal={deal} unmet={unmet} />
    </Card>
  );
  return overlay ? body : <Draggable deal={deal}>{body}</Draggable>;
});
