import type { Lead } from '@contracts/leads.contract';
import { Card, Col, Row, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConvertLeadModal } from './convert/convert-lead-modal';
import { ConvertedCard } from './converted-card';
import { DuplicatesCard } from './duplicates-card';
import { LeadHeader } from './lead-header';
import { LeadProfileForm } from './lead-profile-form';
import { LeadTimeline } from './lead-timeline';
import { QualificationForm } from './qualification-form';
import { ScoreCard } from './score-card';
import { SlaCard } from './sla-card';

type LeadViewProps = { lead: Lead };

/** The lead as read: header and actions, timeline, profile and checklists, SLA, scores and duplicates. */
export function LeadView({ lead }: LeadViewProps) {
  const { t } = useTranslation();
  const [converting, setConverting] = useState<{ customerId: string | null } | null>(null);
  return (
    <>
      <LeadHeader lead={lead} onConvert={() => setConverting({ customerId: null })} />
      {lead.status === 'converted' && <ConvertedCard lead={lead} />}
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Tabs
              items={[
                {
                  key: 'timeline',
                  label: t('leadScreens.detail.tabs.timeline'),
                  children: <LeadTimeline lead={lead} />,
                },
                {
                  key: 'profile',
                  label: t('leadScreens.detail.tabs.profile'),
                  children: <LeadProfileForm lead={lead} />,
                },
                {
                  key: 'qualification',
                  label: t('leadScreens.detail.tabs.qualification'),
                  children: <QualificationForm lead={lead} />,
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <SlaCard lead={lead} />
          <ScoreCard lead={lead} />
          <DuplicatesCard lead={lead} onConvertInto={(customerId) => setConverting({ customerId })} />
        </Col>
      </Row>
      <ConvertLeadModal
        lead={lead}
        open={converting !== null}
        customerId={converting?.customerId ?? null}
        onClose={() => setConverting(null)}
      />
    </>
  );
}
