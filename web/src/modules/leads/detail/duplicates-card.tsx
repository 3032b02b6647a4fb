import type { DuplicateMatch, Lead } from '@contracts/leads.contract';
import { Button, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { DuplicateMatchList } from '../list/duplicate-match-list';

type DuplicatesCardProps = { lead: Lead; onConvertInto: (customerId: string) => void };

/** Records that look like this lead: another lead can be merged in, a customer can absorb it on conversion. */
export function DuplicatesCard({ lead, onConvertInto }: DuplicatesCardProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const actions = (m: DuplicateMatch) => {
    if (m.kind === 'lead' && lead.can.edit) {
      return [
        <Button key="merge" size="small" onClick={() => navigate(`/leads/${lead.id}/merge/${m.id}`)}>
          {t('leadScreens.duplicates.merge')}
        </Button>,
      ];
    }
    if (m.kind === 'customer' && lead.can.convert) {
      return [
        <Button key="convert" size="small" onClick={() => onConvertInto(m.id)}>
          {t('leadScreens.duplicates.convertInto')}
        </Button>,
      ];
    }
    return [];
  };
  return (
    <Card size="small" title={t('leadScreens.duplicates.title')} style={{ marginBottom: 16 }}>
      {lead.duplicates.length === 0 ? (
        <Typography.Text type="secondary">{t('leadScreens.duplicates.none')}</Typography.Text>
      ) : (
        <DuplicateMatchList matches={lead.duplicates} actions={actions} />
      )}
    </Card>
  );
}
