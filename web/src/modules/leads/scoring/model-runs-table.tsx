import type { ScoringModel } from '@contracts/lead-scoring.contract';
import type { TableColumnsType } from 'antd';
import { Table, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../../../shared/use-format-date-time';

type ModelRunsTableProps = { runs: readonly ScoringModel[] };

/** Recent training runs: when, whether there were enough outcomes, and how good the model was. */
export function ModelRunsTable({ runs }: ModelRunsTableProps) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const columns: TableColumnsType<ScoringModel> = [
    { title: t('leadScoring.model.trainedColumn'), key: 'at', render: (_, r) => formatDateTime(r.trainedAt) },
    {
      title: t('leads.fields.status'),
      key: 'status',
      render: (_, r) => (
        <>
          <Tag color={r.status === 'ready' ? 'green' : undefined}>
            {t(`leadScoring.model.status.${r.status}`)}
          </Tag>
          {r.active && <Tag color="blue">{t('leadScoring.model.active')}</Tag>}
        </>
      ),
    },
    {
      title: t('leadScoring.model.aucColumn'),
      key: 'auc',
      render: (_, r) => (r.auc === null ? t('common.empty') : r.auc.toFixed(2)),
    },
    {
      title: <Tooltip title={t('leadScoring.model.outcomesHint')}>{t('leadScoring.model.outcomes')}</Tooltip>,
      key: 'outcomes',
      render: (_, r) =>
        t('leadScoring.model.outcomesValue', { converted: r.positives, disqualified: r.negatives }),
    },
  ];
  return (
    <Table<ScoringModel>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={[...runs]}
      pagination={false}
      scroll={{ x: 'max-content' }}
    />
  );
}
