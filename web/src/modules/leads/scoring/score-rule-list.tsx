import type { ScoreRule } from '@contracts/lead-scoring.contract';
import {
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { App, Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../../shared/use-error-handler';
import type { RuleKind } from './rule-form-values';
import { SortableScoreRuleRow } from './sortable-score-rule-row';
import { useDeleteScoreRule, useReorderScoreRules } from './use-scoring';

type ScoreRuleListProps = {
  kind: RuleKind;
  /** Every rule in order: a move within this kind keeps the other kind's rules where they are. */
  rules: readonly ScoreRule[];
  editable: boolean;
  onEdit: (rule: ScoreRule) => void;
};

/** The rules of one kind in order; dragging one (mouse or keyboard) saves the new order. */
export function ScoreRuleList({ kind, rules, editable, onEdit }: ScoreRuleListProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reorder = useReorderScoreRules();
  const remove = useDeleteScoreRule();
  const handleError = useErrorHandler();
  const sensors = useSensors(
    useSensor(PointerSensor),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const mine = rules.filter((r) => r.kind === kind);
  if (mine.length === 0) {
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={t(
          kind === 'attribute' ? 'leadScoring.rules.emptyAttributes' : 'leadScoring.rules.emptyBehaviour',
        )}
      />
    );
  }
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const from = mine.findIndex((r) => r.id === active.id);
    const to = mine.findIndex((r) => r.id === over?.id);
    if (from < 0 || to < 0 || from === to) return;
    const moved = arrayMove(mine, from, to);
    let next = 0;
    const ids = rules.map((r) => (r.kind === kind ? (moved[next++]?.id ?? r.id) : r.id));
    reorder.mutate(ids, { onError: (error) => handleError(error) });
  };
  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
      <SortableContext items={mine.map((r) => r.id)} strategy={verticalListSortingStrategy}>
        {mine.map((rule) => (
          <SortableScoreRuleRow
            key={rule.id}
            rule={rule}
            editable={editable}
            onEdit={() => onEdit(rule)}
            onDelete={() =>
              remove.mutate(rule.id, {
                onSuccess: () => void message.success(t('leadScoring.rescoring')),
                onError: (error) => handleError(error),
              })
            }
          />
        ))}
      </SortableContext>
    </DndContext>
  );
}
