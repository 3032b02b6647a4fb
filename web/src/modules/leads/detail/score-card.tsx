import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import type { Lead } from '@contracts/leads.contract';
import { Card, Empty, Progress, Space, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PlainList } from '../../../shared/plain-list';
import { PredictionFactorLabel } from '../scoring/prediction-factor-label';

type ScoreCardProps = { lead: Lead };

/** Factors shown: the strongest few, whichever way they push. */
const TOP_FACTORS = 5;

/** The rule score with the points each rule gave, and the model's conversion probability with its top factors. */
export function ScoreCard({ lead }: ScoreCardProps) {
  const { t } = useTranslation();
  const factors = [...lead.predictionFactors]
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
    .slice(0, TOP_FACTORS);
  return (
    <Card size="small" title={t('leadScreens.score.title')} style={{ marginBottom: 16 }}>
      <Statistic title={t('leads.fields.score')} value={lead.score} />
      {lead.scoreBreakdown.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('leadScreens.score.noRules')}</Typography.Paragraph>
      ) : (
        <PlainList
          label={t('leadScreens.score.breakdown')}
          items={lead.scoreBreakdown}
          itemKey={(item) => item.ruleId}
          render={(item) => (
            <Space wrap size={4}>
              <Typography.Text>{item.name}</Typography.Text>
              {item.events !== undefined && (
                <Typography.Text type="secondary">
                  {t('leadScreens.score.events', { n: item.events })}
                </Typography.Text>
              )}
              {item.capped && <Tag>{t('leadScreens.score.capped')}</Tag>}
            </Space>
          )}
          actions={(item) => (
            <Typography.Text strong type={item.points < 0 ? 'danger' : undefined}>
              {item.points > 0 ? `+${item.points}` : item.points}
            </Typography.Text>
          )}
        />
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('leads.fields.probability')}
      </Typography.Title>
      {lead.conversionProbability === null ? (
        <Typography.Paragraph type="secondary">{t('leadScreens.score.noModel')}</Typography.Paragraph>
      ) : (
        <>
          <Progress
            percent={Math.round(lead.conversionProbability * 100)}
            aria-label={t('leads.fields.probability')}
          />
          {factors.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('leadScreens.score.noFactors')} />
          ) : (
            <>
              <Typography.Text type="secondary">{t('leadScreens.score.factors')}</Typography.Text>
              <PlainList
                label={t('leadScreens.score.factors')}
                items={factors}
                itemKey={(f) => f.feature}
                render={(f) => (
                  <Space size={6}>
                    {f.weight >= 0 ? (
                      <ArrowUpOutlined
                        style={{ color: '#389e0d' }}
                        aria-label={t('leadScreens.score.raises')}
                      />
                    ) : (
                      <ArrowDownOutlined
                        style={{ color: '#cf1322' }}
                        aria-label={t('leadScreens.score.lowers')}
                      />
                    )}
                    <PredictionFactorLabel feature={f.feature} />
                  </Space>
                )}
              />
            </>
          )}
        </>
      )}
    </Card>
  );
}
