import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert';
import { PageTitle } from '../../../shared/page-title';
import { useSession } from '../../auth/use-session';
import { ModelCard } from './model-card';
import type { RuleKind } from './rule-form-values';
import { type RuleEditing, ScoreRuleFormModal } from './score-rule-form-modal';
import { ScoreRuleList } from './score-rule-list';
import { useMqlThreshold, useScoreRules } from './use-scoring';

/** The Scoring tab: attribute and behaviour rules, the MQL threshold, and the predictive model. */
export function ScoringPage() {
  const { t } = useTranslation();
  const me = useSession();
  const canEdit = me.permissions.includes('leads.configure');
  const rules = useScoreRules();
  const threshold = useMqlThreshold();
  const [editing, setEditing] = useState<RuleEditing>(null);

  const section = (kind: RuleKind) => (
    <Card
      title={t(kind === 'attribute' ? 'leadScoring.rules.attributes' : 'leadScoring.rules.behaviour')}
      extra={
        canEdit && (
          <Button type="link" icon={<PlusOutlined />} onClick={() => setEditing({ kind })}>
            {t(kind === 'attribute' ? 'leadScoring.rules.addAttribute' : 'leadScoring.rules.addBehaviour')}
          </Button>
        )
      }
      loading={rules.isPending}
      style={{ marginBottom: 16 }}
    >
      <Typography.Paragraph type="secondary">
        {t(kind === 'attribute' ? 'leadScoring.rules.attributesHint' : 'leadScoring.rules.behaviourHint')}
      </Typography.Paragraph>
      <ScoreRuleList
        kind={kind}
        rules={rules.data ?? []}
        editable={canEdit}
        onEdit={(rule) => setEditing({ rule })}
      />
    </Card>
  );

  return (
    <>
      <PageTitle>{t('leadScoring.title')}</PageTitle>
      <Typography.Paragraph type="secondary">{t('leadScoring.intro')}</Typography.Paragraph>
      {threshold.data !== undefined && (
        <Alert
          type="info"
          showIcon
          title={t('leadScoring.mqlNote', { threshold: threshold.data })}
          style={{ marginBottom: 16 }}
        />
      )}
      {rules.isError && <ErrorAlert error={rules.error} />}
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          {section('attribute')}
          {section('behaviour')}
        </Col>
        <Col xs={24} xl={10}>
          <ModelCard canTrain={canEdit} />
        </Col>
      </Row>
      <ScoreRuleFormModal editing={editing} onClose={() => setEditing(null)} />
    </>
  );
}
