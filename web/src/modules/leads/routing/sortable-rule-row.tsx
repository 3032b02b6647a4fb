import type { AssignmentRule } from '@contracts/lead-routing.contract';
import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SortableRow } from '../../../shared/sortable-row';
import { useDescribeConditions } from './use-describe-conditions';

type SortableRuleRowProps = {
  rule: AssignmentRule;
  /** 1-based place in the order the rules are tried. */
  priority: number;
  onEdit: () => void;
  onDelete: () => void;
};

/** One assignment rule: drag handle, priority, conditions in words, target team and how the rep is chosen. */
export function SortableRuleRow({ rule, priority, onEdit, onDelete }: SortableRuleRowProps) {
  const { t } = useTranslation();
  const describe = useDescribeConditions();
  return (
    <SortableRow
      id={rule.id}
      name={rule.name}
      active={rule.active}
      priority={priority}
      labels={{
        dragHandle: t('leadRouting.rules.dragHandle'),
        inactive: t('leadRouting.rules.inactive'),
        deleteConfirm: t('leadRouting.rules.deleteConfirm', { name: rule.name }),
      }}
      onEdit={onEdit}
      onDelete={onDelete}
      tags={rule.seniorOnly && <Tag color="gold">{t('leadRouting.rules.seniorOnly')}</Tag>}
    >
      <Typography.Text>
        {describe(rule.conditions)}{' '}
        <Typography.Text strong>{t('leadRouting.rules.routesTo', { team: rule.teamName })}</Typography.Text>
      </Typography.Text>
      <Typography.Text type="secondary">{t(`leadRouting.rules.strategies.${rule.strategy}`)}</Typography.Text>
    </SortableRow>
  );
}
