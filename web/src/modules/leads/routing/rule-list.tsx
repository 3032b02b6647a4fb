import type { AssignmentRule } from '@contracts/lead-routing.contract';
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
import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { SortableRuleRow } from './sortable-rule-row';
import { useDeleteRule, useReorderRules } from './use-routing';

type RuleListProps = { rules: readonly AssignmentRule[]; onEdit: (rule: AssignmentRule) => void };

/** The rules in the order they are tried; dragging one (mouse or keyboard) saves the new order. */
export function RuleList({ rules, onEdit }: RuleListProps) {
  const { t } = useTranslation();
  const reorder = useReorderRules();
  const remove = useDeleteRule();
  const handleError = useErrorHandler();
  const sensors = useSensors(
    useSensor(PointerSensor),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  if (rules.length === 0) return <Empty description={t('leadRouting.rules.empty')} />;
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const from = rules.findIndex((r) => r.id === active.id);
    const to = rules.findIndex((r) => r.id === over?.id);
    if (from < 0 || to < 0 || from === to) return;
    const ids = arrayMove(
      rules.map((r) => r.id),
      from,
      to,
    );
    reorder.mutate(ids, { onError: (error) => handleError(error) });
  };
  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
      <SortableContext items={rules.map((r) => r.id)} strategy={verticalListSortingStrategy}>
        {rules.map((rule, i) => (
          <SortableRuleRow
            key={rule.id}
            rule={rule}
            priority={i + 1}
            onEdit={() => onEdit(rule)}
            onDelete={() => remove.mutate(rule.id, { onError: (error) => handleError(error) })}
          />
        ))}
      </SortableContext>
    </DndContext>
  );
}
