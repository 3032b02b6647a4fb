import type { UnmetGate } from '@contracts/pipelines.contract';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { groupUnmetByStage } from './gate-problem';

/** Why the server refused a move or a win: the unmet criteria, grouped by the stage they guard. */
export function UnmetGatesAlert({ unmet }: { unmet: readonly UnmetGate[] }) {
  const { t } = useTranslation();
  if (unmet.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      title={t('deals.gates.blocked')}
      description={groupUnmetByStage(unmet).map((group) => (
        <div key={group.stageId}>
          <strong>{group.stageName}</strong>
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {group.messages.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </div>
      ))}
      style={{ marginBottom: 16 }}
    />
  );
}
