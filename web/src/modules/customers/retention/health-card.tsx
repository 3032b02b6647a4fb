import type { CustomerRetention } from '@contracts/retention.contract';
import { Card, Flex, Progress, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PlainList } from '../../../shared/plain-list';
import { deduction, signalMessage, signalsByWeight } from './retention-text';

/** The health score as a gauge against the company's threshold, and every signal that took points off. */
export function HealthCard({ retention }: { retention: CustomerRetention }) {
  const { t } = useTranslation();
  const { health } = retention;
  const signals = signalsByWeight(health.signals);
  // A churned customer is off the at-risk list: its score is shown, but not judged against the threshold.
  const judged = health.score !== null && !retention.churn;
  return (
    <Card
      size="small"
      title={t('retention.health.title')}
      extra={
        health.score === null ? (
          <Typography.Text type="secondary">{t('retention.health.none')}</Typography.Text>
        ) : !judged ? null : health.atRisk ? (
          <Tag color="red">{t('retention.health.atRisk')}</Tag>
        ) : (
          <Tag color="green">{t('retention.health.healthy')}</Tag>
        )
      }
      style={{ marginBottom: 16 }}
    >
      {health.score !== null && (
        <Flex align="center" gap={16} style={{ marginBottom: 8 }}>
          <Progress
            type="dashboard"
            size={96}
            percent={health.score}
            status={!judged ? 'normal' : health.atRisk ? 'exception' : 'success'}
            format={() => health.score}
            aria-label={t('retention.health.score', { score: health.score })}
          />
          <Flex vertical>
            <Typography.Text strong>{t('retention.health.score', { score: health.score })}</Typography.Text>
            <Typography.Text type="secondary">
              {t('retention.health.threshold', { threshold: health.threshold })}
            </Typography.Text>
          </Flex>
        </Flex>
      )}
      {health.score !== null &&
        (signals.length === 0 ? (
          <Typography.Text type="secondary">{t('retention.health.noSignals')}</Typography.Text>
        ) : (
          <PlainList
            label={t('retention.health.signals')}
            items={signals}
            itemKey={(s) => s.signal}
            render={(s) => {
              const message = signalMessage(s);
              return <Typography.Text>{t(message.key, { value: message.value })}</Typography.Text>;
            }}
            actions={(s) => (
              <Typography.Text
                strong
                type="danger"
                aria-label={t('retention.health.points', { points: deduction(s.points) })}
              >
                {deduction(s.points)}
              </Typography.Text>
            )}
          />
        ))}
    </Card>
  );
}
