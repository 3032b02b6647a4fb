import type { CustomerRetention } from '@contracts/retention.contract';
import { Card, Descriptions, Flex, Progress, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../../../shared/use-format-date-time';
import { useFormatMoney } from '../../leads/campaigns/use-format-money';
import { TIER_COLORS } from '../customer-colors';
import { daysSince } from './retention-text';

type TierCardProps = { retention: CustomerRetention; windowDays: number | undefined; now: Date };

/**
 * The RFM tier with each score (1–5) and the fact behind it, from the source the grading used: contracts and
 * payments once the customer has a signed contract (days since the last payment or signing, contracts signed,
 * amount received), won deals before (days since the last win, wins and amount).
 */
export function TierCard({ retention, windowDays, now }: TierCardProps) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const formatMoney = useFormatMoney();
  const { tier, rfm } = retention;
  const window = windowDays ?? t('common.empty');
  const cash = rfm.source === 'cash';
  const score = (label: string, value: number, fact: ReactNode) => ({
    key: label,
    label,
    children: (
      <Flex vertical gap={2}>
        <Flex align="center" gap={8}>
          <Progress
            steps={5}
            percent={value * 20}
            showInfo={false}
            size="small"
            aria-label={`${label} ${t('retention.tier.scoreOf', { score: value })}`}
          />
          <Typography.Text strong>{t('retention.tier.scoreOf', { score: value })}</Typography.Text>
        </Flex>
        <Typography.Text type="secondary">{fact}</Typography.Text>
      </Flex>
    ),
  });
  return (
    <Card
      size="small"
      title={t('retention.tier.title')}
      extra={
        tier ? (
          <Tag color={TIER_COLORS[tier]}>{t(`customers.tier.${tier}`)}</Tag>
        ) : (
          <Typography.Text type="secondary">{t('retention.tier.none')}</Typography.Text>
        )
      }
      style={{ marginBottom: 16 }}
    >
      {rfm.score === 0 ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('retention.tier.noWin')}
        </Typography.Paragraph>
      ) : (
        <>
          <Flex align="center" gap={8} wrap style={{ marginBottom: 8 }}>
            <Typography.Text strong>{t('retention.tier.score', { score: rfm.score })}</Typography.Text>
            <Tag color={cash ? 'green' : 'default'}>
              {t(cash ? 'retention.tier.sourceCash' : 'retention.tier.sourceWonDeals')}
            </Tag>
          </Flex>
          <Descriptions
            size="small"
            column={1}
            items={[
              score(
                t('retention.tier.recency'),
                rfm.recency,
                rfm.lastWonAt
                  ? t(cash ? 'retention.tier.recencyTextCash' : 'retention.tier.recencyText', {
                      days: daysSince(rfm.lastWonAt, now),
                      date: formatDateTime(rfm.lastWonAt),
                    })
                  : t('retention.tier.recencyNone'),
              ),
              score(
                t('retention.tier.frequency'),
                rfm.frequency,
                t(cash ? 'retention.tier.frequencyTextCash' : 'retention.tier.frequencyText', {
                  window,
                  count: rfm.wonDeals,
                }),
              ),
              score(
                t('retention.tier.monetary'),
                rfm.monetary,
                t(cash ? 'retention.tier.monetaryTextCash' : 'retention.tier.monetaryText', {
                  window,
                  amount: formatMoney(rfm.wonAmountMinor, rfm.currency),
                }),
              ),
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
            {t('retention.tier.meaning')}
          </Typography.Paragraph>
        </>
      )}
    </Card>
  );
}
