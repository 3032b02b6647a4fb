import type { ContactSummary } from '@contracts/customers.contract';
import { Alert, Empty, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTITUDE_COLORS } from '../customer-colors';
import { missingRoles } from './decision-chain';
import { DecisionGraph } from './decision-graph';
import { ReportingTree } from './reporting-tree';

type RelationshipMapProps = {
  customerName: string;
  contacts: readonly ContactSummary[];
  editable: boolean;
  onOpen: (id: string) => void;
};

type View = 'graph' | 'tree';

/**
 * The decision chain (决策链/关系图谱): who holds which role, who stands where, who reports to whom, and which
 * roles nobody holds yet (above all, no known decision maker).
 */
export function RelationshipMap({ customerName, contacts, editable, onOpen }: RelationshipMapProps) {
  const { t } = useTranslation();
  const [view, setView] = useState<View>('graph');
  if (contacts.length === 0) return <Empty description={t('customers.map.empty')} />;
  const missing = missingRoles(contacts);
  const others = missing.filter((role) => role !== 'decision_maker');
  const opponents = contacts.filter((c) => c.attitude === 'opponent').length;
  return (
    <>
      <Space orientation="vertical" style={{ width: '100%', marginBottom: 12 }}>
        {missing.includes('decision_maker') && (
          <Alert
            type="error"
            showIcon
            title={t('customers.map.noDecisionMaker')}
            description={t('customers.map.noDecisionMakerText')}
          />
        )}
        {others.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            title={t('customers.map.missing', {
              roles: others.map((r) => t(`customers.role.${r}`)).join(t('customers.map.separator')),
            })}
          />
        ) : (
          missing.length === 0 && <Alert type="success" showIcon title={t('customers.map.complete')} />
        )}
        {opponents > 0 && (
          <Alert type="info" showIcon title={t('customers.map.opponents', { count: opponents })} />
        )}
      </Space>
      <Space wrap style={{ marginBottom: 8 }}>
        <Segmented<View>
          value={view}
          onChange={setView}
          options={[
            { value: 'graph', label: t('customers.map.graph') },
            { value: 'tree', label: t('customers.map.tree') },
          ]}
        />
        <Typography.Text type="secondary">{t('customers.map.legendAttitude')}</Typography.Text>
        {(['supporter', 'neutral', 'opponent', 'unknown'] as const).map((a) => (
          <Tag key={a} color={ATTITUDE_COLORS[a]}>
            {t(`customers.attitude.${a}`)}
          </Tag>
        ))}
      </Space>
      {view === 'graph' ? (
        <DecisionGraph
          contacts={contacts}
          label={t('customers.map.graphLabel', { name: customerName })}
          onOpen={onOpen}
        />
      ) : (
        <ReportingTree contacts={contacts} editable={editable} onOpen={onOpen} />
      )}
    </>
  );
}
