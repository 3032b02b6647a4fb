import type { Lead } from '@contracts/leads.contract';
import { Alert, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../../../shared/use-format-date-time';

type ConvertedCardProps = { lead: Lead };

/** A converted lead is the history of its customer: what it became, and that it no longer changes. */
export function ConvertedCard({ lead }: ConvertedCardProps) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const id = (value: string | null) =>
    value ? (
      <Typography.Text code copyable>
        {value}
      </Typography.Text>
    ) : (
      t('common.empty')
    );
  return (
    <Alert
      type="success"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('leadScreens.converted.title', { time: formatDateTime(lead.convertedAt) })}
      description={
        <>
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            {t('leadScreens.converted.readOnly')}
          </Typography.Paragraph>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'customer', label: t('leadScreens.converted.customer'), children: id(lead.customerId) },
              { key: 'contact', label: t('leadScreens.converted.contact'), children: id(lead.contactId) },
              { key: 'deal', label: t('leadScreens.converted.deal'), children: id(lead.dealId) },
            ]}
          />
        </>
      }
    />
  );
}
