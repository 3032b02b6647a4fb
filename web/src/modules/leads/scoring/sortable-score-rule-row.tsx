import type { ScoreRule } from '@contracts/lead-scoring.contract';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SortableRow } from '../../../shared/sortable-row';
import { useDescribeRule } from './use-describe-rule';

type SortableScoreRuleRowProps = {
  rule: ScoreRule;
  /** Configurers drag, edit and delete; everyone else reads. */
  editable: boolean;
  onEdit: () => void;
  onDelete: () => void;
};

/** One scoring rule: drag handle, name, the condition and points in words, edit and delete. */
export function SortableScoreRuleRow({ rule, editable, onEdit, onDelete }: SortableScoreRuleRowProps) {
  const { t } = useTranslation();
  const describe = useDescribeRule();
  return (
    <SortableRow
      id={rule.id}
      name={rule.name}
      active={rule.active}
      editable={editable}
      compact
      labels={{
        dragHandle: t('leadScoring.rules.dragHandle'),
        inactive: t('leadScoring.rules.inactive'),
        deleteConfirm: t('leadScoring.rules.deleteConfirm', { name: rule.name }),
      }}
      onEdit={onEdit}
      onDelete={onDelete}
    >
      <Typography.Text type="secondary">{describe(rule)}</Typography.Text>
    </SortableRow>
  );
}
