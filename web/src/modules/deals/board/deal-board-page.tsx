import type { DealSummary } from '@contracts/deals.contract';
import type { UnmetGate } from '@contracts/pipelines.contract';
import {
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  PointerSensor,
  useDroppable,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { Empty, Flex, Skeleton, Typography } from 'antd';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useFillHeight } from '../../leads/list/use-fill-height';
import { DealFilterBar } from '../deal-filter-bar';
import type { MoneyTotal } from '../deal-money';
import { LoseDealModal } from '../detail/lose-deal-modal';
import { WinDealModal } from '../detail/win-deal-modal';
import { unmetGatesOf } from '../gate-problem';
import { useDealFilters } from '../use-deal-filters';
import { useBoard, useMoveDeal } from '../use-deals';
import { BoardColumn, type ColumnBlock } from './board-column';
import { DealCard } from './deal-card';

type Pending = { deal: DealSummary; from: string | null; to: string };

const NO_DEALS: DealSummary[] = [];
const NO_IDS = new Set<string>();
const NO_TOTALS: MoneyTotal[] = [];

function CloseZone({ id, label, danger }: { id: 'won' | 'lost'; label: string; danger?: boolean }) {
  const { setNodeRef, isOver } = useDroppable({ id });
  const color = danger ? 'var(--ant-color-error, #ff4d4f)' : 'var(--ant-color-success, #52c41a)';
  return (
    <div
      ref={setNodeRef}
      data-close-zone={id}
      style={{
        flex: 1,
        textAlign: 'center',
        padding: '10px 0',
        border: `2px dashed ${color}`,
        borderRadius: 8,
        color,
        background: isOver ? 'var(--ant-color-fill-secondary, #f0f0f0)' : undefined,
      }}
    >
      {label}
    </div>
  );
}

/**
 * The kanban board of a pipeline: a column per stage with its count and sums, cards dragged between stages
 * (the server checks the gates of each stage left; a refusal shows its criteria on the column and the card
 * returns), and zones to close a deal as won or lost.
 */
export function DealBoardPage() {
  const { t } = useTranslation();
  const handleError = useErrorHandler();
  const { pipelines, pipeline, filters, setFilters } = useDealFilters();
  const query = useMemo(
    () => ({
      q: filters.q,
      ownerId: filters.ownerId,
      teamId: filters.teamId,
      closeMonth: filters.closeMonth,
    }),
    [filters],
  );
  const board = useBoard(pipeline?.id, query);
  const move = useMoveDeal();
  const [dragging, setDragging] = useState<DealSummary | null>(null);
  const [pending, setPending] = useState<Pending[]>([]);
  const [blocks, setBlocks] = useState<Map<string, ColumnBlock>>(new Map());
  const [unmetByDeal, setUnmetByDeal] = useState<Map<string, readonly UnmetGate[]>>(new Map());
  const [winning, setWinning] = useState<DealSummary | null>(null);
  const [losing, setLosing] = useState<DealSummary | null>(null);
  const topRef = useRef<HTMLDivElement>(null);
  // Below the filters: the close zones, a column's header and sums, and the page's margin.
  const height = useFillHeight(topRef, 260, 360);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor),
  );

  const onDragStart = useCallback((event: DragStartEvent) => {
    const deal = (event.active.data.current as { deal?: DealSummary } | undefined)?.deal;
    setDragging(deal ?? null);
  }, []);

  const onDragEnd = useCallback(
    (event: DragEndEvent) => {
      setDragging(null);
      const deal = (event.active.data.current as { deal?: DealSummary } | undefined)?.deal;
      const target = event.over?.id;
      if (!deal || typeof target !== 'string' || target === deal.stageId) return;
      if (target === 'won') return setWinning(deal);
      if (target === 'lost') return setLosing(deal);
      const entry: Pending = { deal: { ...deal, stageId: target }, from: deal.stageId, to: target };
      setPending((list) => [...list.filter((p) => p.deal.id !== deal.id), entry]);
      const clearDeal = (map: Map<string, readonly UnmetGate[]>) => {
        const next = new Map(map);
        next.delete(deal.id);
        return next;
      };
      setUnmetByDeal(clearDeal);
      move
        .mutateAsync({ id: deal.id, version: deal.version, stageId: target })
        .catch((error: unknown) => {
          const unmet = unmetGatesOf(error);
          if (unmet) {
            setBlocks((map) => new Map(map).set(target, { dealName: deal.name, unmet }));
            setUnmetByDeal((map) => new Map(map).set(deal.id, unmet));
          } else handleError(error);
        })
        .finally(() => setPending((list) => list.filter((p) => p !== entry)));
    },
    [move, handleError],
  );

  // Stable per-stage lists, so columns no move touches keep their props (and skip re-rendering).
  const moves = useMemo(() => {
    const out = new Map<string, { incoming: DealSummary[]; outgoing: Set<string> }>();
    const of = (stageId: string) => {
      const entry = out.get(stageId) ?? { incoming: [], outgoing: new Set<string>() };
      out.set(stageId, entry);
      return entry;
    };
    for (const p of pending) {
      of(p.to).incoming.push(p.deal);
      if (p.from) of(p.from).outgoing.add(p.deal.id);
    }
    return out;
  }, [pending]);
  const closeBlock = useCallback(
    (stageId: string) =>
      setBlocks((map) => {
        const next = new Map(map);
        next.delete(stageId);
        return next;
      }),
    [],
  );

  if (pipelines.isError) return <ErrorAlert error={pipelines.error} />;
  if (pipelines.data && !pipeline) return <Empty description={t('deals.board.noPipeline')} />;
  const columns = board.data?.columns ?? [];
  return (
    <>
      <div ref={topRef}>
        <DealFilterBar filters={filters} onChange={setFilters} />
      </div>
      {board.isError && <ErrorAlert error={board.error} />}
      {!pipeline || board.isPending ? (
        <Skeleton active />
      ) : (
        <DndContext
          sensors={sensors}
          onDragStart={onDragStart}
          onDragEnd={onDragEnd}
          onDragCancel={() => setDragging(null)}
        >
          <Flex gap={12} style={{ marginBottom: 12 }}>
            <CloseZone id="won" label={t('deals.board.dropWon')} />
            <CloseZone id="lost" label={t('deals.board.dropLost')} danger />
          </Flex>
          <div style={{ display: 'flex', gap: 12, overflowX: 'auto', paddingBottom: 8 }}>
            {pipeline.stages.map((stage) => {
              const column = columns.find((c) => c.stageId === stage.id);
              const moving = moves.get(stage.id);
              return (
                <BoardColumn
                  key={stage.id}
                  stage={stage}
                  count={(column?.count ?? 0) + (moving ? moving.incoming.length - moving.outgoing.size : 0)}
                  totals={column?.totals ?? NO_TOTALS}
                  first={column?.deals ?? NO_DEALS}
                  nextCursor={column?.nextCursor ?? null}
                  query={query}
                  incoming={moving?.incoming ?? NO_DEALS}
                  outgoing={moving?.outgoing ?? NO_IDS}
                  block={blocks.get(stage.id) ?? null}
                  onCloseBlock={closeBlock}
                  unmetByDeal={unmetByDeal}
                  height={height}
                />
              );
            })}
          </div>
          <DragOverlay dropAnimation={null}>
            {dragging ? (
              <div style={{ width: 256 }}>
                <DealCard deal={dragging} overlay />
              </div>
            ) : null}
          </DragOverlay>
        </DndContext>
      )}
      {columns.length > 0 && columns.every((c) => c.count === 0) && (
        <Typography.Paragraph type="secondary">{t('deals.board.empty')}</Typography.Paragraph>
      )}
      <WinDealModal deal={winning} onClose={() => setWinning(null)} />
      <LoseDealModal deal={losing} onClose={() => setLosing(null)} />
    </>
  );
}
