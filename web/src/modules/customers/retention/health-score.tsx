import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** A customer's health score in a list cell: red with an "at risk" tag below the company's threshold. */
export function HealthScore({ score, atRisk }: { score: number | null; atRisk: boolean }) {
  const { t } = useTranslation();
  if (score === null) return <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>;
  return (
    <Space size={4}>
      <Typography.Text strong type={atRisk ? 'danger' : undefined}>
        {score}
      </Typography.Text>
      {atRisk && (
        <Tag color="red" bordered={false}>
          {t('retention.health.atRisk')}
        </Tag>
      )}
    </Space>
  );
}
