import { PlusOutlined } from '@ant-design/icons';
import type { AssignmentRule } from '@contracts/lead-routing.contract';
import { Button, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert';
import { PageTitle } from '../../../shared/page-title';
import { useSession } from '../../auth/use-session';
import { RepsTable } from './reps-table';
import { RuleFormModal } from './rule-form-modal';
import { RuleList } from './rule-list';
import { UnassignedLeadsCard } from './unassigned-leads-card';
import { useAssignmentRules } from './use-routing';

/** The Assignment tab: rules in priority order, routing unassigned leads again, and the reps' profiles. */
export function RoutingPage() {
  const { t } = useTranslation();
  const me = useSession();
  const canAssign = me.permissions.includes('leads.assign');
  const rules = useAssignmentRules();
  const [editing, setEditing] = useState<AssignmentRule | 'new' | null>(null);
  return (
    <>
      <PageTitle
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('leadRouting.rules.create')}
          </Button>
        }
      >
        {t('leadRouting.rules.title')}
      </PageTitle>
      <Typography.Paragraph type="secondary">{t('leadRouting.rules.intro')}</Typography.Paragraph>
      {rules.isError && <ErrorAlert error={rules.error} />}
      {rules.isPending ? <Skeleton active /> : <RuleList rules={rules.data ?? []} onEdit={setEditing} />}
      {canAssign && <UnassignedLeadsCard />}
      {canAssign && <RepsTable />}
      <RuleFormModal rule={editing} onClose={() => setEditing(null)} />
    </>
  );
}
