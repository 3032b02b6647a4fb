import { ArrowDownOutlined, ArrowUpOutlined, ExperimentOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, List, Space, Statistic, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useFormatDateTime } from '../../../shared/use-format-date-time';
import { aucQuality } from './auc-quality';
import { ModelRunsTable } from './model-runs-table';
import { PredictionFactorLabel } from './prediction-factor-label';
import { type TrainingWait, useScoringModel, useTrainModel } from './use-scoring';

const QUALITY_COLOURS = { weak: 'red', fair: 'orange', good: 'green', excellent: 'green' } as const;

type ModelCardProps = { canTrain: boolean };

/** The predictive model: how good it is in plain words, what it learnt from, what matters most, its runs. */
export function ModelCard({ canTrain }: ModelCardProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [waiting, setWaiting] = useState<TrainingWait>(null);
  const model = useScoringModel(waiting);
  const train = useTrainModel();
  const handleError = useErrorHandler();
  const formatDateTime = useFormatDateTime();
  const data = model.data;
  const active = data?.active ?? null;

  const trainNow = () => {
    const previousRunId = data?.runs[0]?.id ?? null;
    train.mutate(undefined, {
      onSuccess: () => {
        setWaiting({ previousRunId });
        void message.info(t('leadScoring.model.training'));
      },
      onError: (error) => handleError(error),
    });
  };
  const stillWaiting = waiting !== null && (data?.runs[0]?.id ?? null) === waiting.previousRunId;

  return (
    <Card
      title={t('leadScoring.model.title')}
      loading={model.isPending}
      extra={
        canTrain && (
          <Button icon={<ExperimentOutlined />} onClick={trainNow} loading={train.isPending || stillWaiting}>
            {t('leadScoring.model.trainNow')}
          </Button>
        )
      }
    >
      {model.isError && <ErrorAlert error={model.error} />}
      {data && active && (
        <Flex vertical gap={12}>
          <Flex gap={32} wrap align="end">
            <Tooltip title={t('leadScoring.model.aucHint')}>
              <Statistic
                title={t('leadScoring.model.auc')}
                value={active.auc === null ? t('common.empty') : active.auc.toFixed(2)}
                suffix={
                  active.auc !== null && (
                    <Tag color={QUALITY_COLOURS[aucQuality(active.auc)]} style={{ marginInlineStart: 8 }}>
                      {t(`leadScoring.model.quality.${aucQuality(active.auc)}`)}
                    </Tag>
                  )
                }
              />
            </Tooltip>
            <Typography.Text type="secondary">
              {t('leadScoring.model.trainedAt', { at: formatDateTime(active.trainedAt) })}
            </Typography.Text>
          </Flex>
          <Typography.Text>
            {t('leadScoring.model.learntFrom', {
              converted: active.positives,
              disqualified: active.negatives,
            })}{' '}
            {t('leadScoring.model.testedOn', { count: active.testSize })}
          </Typography.Text>
          <List
            size="small"
            header={<Typography.Text strong>{t('leadScoring.model.strongest')}</Typography.Text>}
            dataSource={active.topWeights}
            renderItem={(w) => (
              <List.Item>
                <Space size={6}>
                  {w.weight >= 0 ? (
                    <ArrowUpOutlined
                      style={{ color: '#389e0d' }}
                      aria-label={t('leadScoring.model.raises')}
                    />
                  ) : (
                    <ArrowDownOutlined
                      style={{ color: '#cf1322' }}
                      aria-label={t('leadScoring.model.lowers')}
                    />
                  )}
                  <PredictionFactorLabel feature={w.feature} />
                </Space>
              </List.Item>
            )}
          />
        </Flex>
      )}
      {data && !active && (
        <Alert
          type="info"
          showIcon
          title={t('leadScoring.model.none')}
          description={t('leadScoring.model.insufficient', {
            needed: data.outcomes.needed,
            perClass: data.outcomes.neededPerClass,
            converted: data.outcomes.converted,
            disqualified: data.outcomes.disqualified,
          })}
        />
      )}
      {data && (
        <>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            {t('leadScoring.model.nightly')}
          </Typography.Paragraph>
          {data.runs.length > 0 && (
            <>
              <Typography.Title level={5}>{t('leadScoring.model.runs')}</Typography.Title>
              <ModelRunsTable runs={data.runs} />
            </>
          )}
        </>
      )}
    </Card>
  );
}
