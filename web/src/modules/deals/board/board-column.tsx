import type { DealSummary } from '@contracts/deals.contract';
import type { Stage, UnmetGate } from '@contracts/pipelines.contract';
import { useDroppable } from '@dnd-kit/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Alert, Badge, Flex, Spin, Typography } from 'antd';
import { memo, type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatMoney } from '../../leads/campaigns/use-format-money';
import type { MoneyTotal } from '../deal-money';
import { type BoardQuery, useColumnMore } from '../use-deals';
import { DealCard } from './deal-card';

export type ColumnBlock = { dealName: string; unmet: readonly UnmetGate[] };

type BoardColumnProps = {
  stage: Stage;
  count: number;
  totals: readonly MoneyTotal[];
  /** The column's first cards from the board answer. */
  first: readonly DealSummary[];
  nextCursor: string | null;
  query: BoardQuery;
  /** Cards being moved here (shown at once) and away (hidden) while the server decides. */
  incoming: readonly DealSummary[];
  outgoing: ReadonlySet<string>;
  block: ColumnBlock | null;
  onCloseBlock: (stageId: string) => void;
  unmetByDeal: ReadonlyMap<string, readonly UnmetGate[]>;
  height: number;
};

const CARD_HEIGHT = 118;

/** The column's drop target; only it re-renders as a drag moves, its content is kept as it is. */
function DroppableSection({ stage, children }: { stage: Stage; children: ReactNode }) {
  const { setNodeRef, isOver } = useDroppable({ id: stage.id });
  return (
    <section
      ref={setNodeRef}
      aria-label={stage.name}
      data-stage-column={stage.id}
      style={{
        flex: '0 0 272px',
        display: 'flex',
        flexDirection: 'column',
        background: isOver
          ? 'var(--ant-color-primary-bg, #e6f4ff)'
          : 'var(--ant-color-fill-quaternary, #fafafa)',
        borderRadius: 8,
        padding: 8,
        transition: 'background .15s',
      }}
    >
      {children}
    </section>
  );
}

/**
 * One stage of the board: its count and sums per currency, then its cards in a virtualised list (only the
 * visible ones are drawn), reading more from the server as the user scrolls to the end.
 */
export const BoardColumn = memo(function BoardColumn({
  stage,
  count,
  totals,
  first,
  nextCursor,
  query,
  incoming,
  outgoing,
  block,
  onCloseBlock,
  unmetByDeal,
  height,
}: BoardColumnProps) {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  const [wantMore, setWantMore] = useState(false);
  const more = useColumnMore(stage.id, nextCursor, query, wantMore);
  const deals = useMemo(() => {
    const seen = new Set<string>();
    const out: DealSummary[] = [];
    for (const deal of [...incoming, ...first, ...(more.data ?? [])]) {
      if (seen.has(deal.id) || outgoing.has(deal.id)) continue;
      seen.add(deal.id);
      out.push(deal);
    }
    return out;
  }, [incoming, first, more.data, outgoing]);
  const hasMore = wantMore ? more.hasNextPage : Boolean(nextCursor);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: deals.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => CARD_HEIGHT,
    overscan: 6,
    getItemKey: (index) => deals[index]?.id ?? index,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? -1;
  useEffect(() => {
    if (!hasMore || lastIndex < deals.length - 5) return;
    if (!wantMore) setWantMore(true);
    else if (!more.isFetching) void more.fetchNextPage();
  }, [hasMore, lastIndex, deals.length, wantMore, more]);
  return (
    <DroppableSection stage={stage}>
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Text strong ellipsis>
          {stage.name}
        </Typography.Text>
        <Badge count={count} showZero overflowCount={99_999} color="#8c8c8c" />
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('deals.board.probability', { value: stage.probability })}
      </Typography.Text>
      <div style={{ minHeight: 40, margin: '4px 0 8px' }}>
        {totals.length === 0 ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('deals.board.noAmount')}
          </Typography.Text>
        ) : (
          totals.map((total) => (
            <div key={total.currency} style={{ fontSize: 12 }}>
              <Typography.Text>{formatMoney(total.amountMinor, total.currency)}</Typography.Text>
              <Typography.Text type="secondary">
                {' · '}
                {t('deals.board.weighted', { amount: formatMoney(total.weightedMinor, total.currency) })}
              </Typography.Text>
            </div>
          ))
        )}
      </div>
      {block && (
        <Alert
          type="warning"
          showIcon
          closable={{ onClose: () => onCloseBlock(stage.id) }}
          title={t('deals.board.blocked', { name: block.dealName })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {block.unmet.map((gate) => (
                <li key={`${gate.stageId}:${gate.message}`}>{gate.message}</li>
              ))}
            </ul>
          }
          style={{ marginBottom: 8 }}
        />
      )}
      <div ref={scrollRef} data-column-scroll style={{ height, overflowY: 'auto', contain: 'strict' }}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const deal = deals[item.index];
            if (!deal) return null;
            return (
              <div
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  transform: `translateY(${item.start}px)`,
                  paddingBottom: 8,
                }}
              >
                <DealCard deal={deal} unmet={unmetByDeal.get(deal.id)} />
              </div>
            );
          })}
        </div>
        {more.isFetching && (
          <Flex justify="center" style={{ padding: 8 }}>
            <Spin size="small" />
          </Flex>
        )}
      </div>
    </DroppableSection>
  );
});
