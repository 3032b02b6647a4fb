import type { ContactSummary } from '@contracts/customers.contract';
import type { TreeDataNode, TreeProps } from 'antd';
import { App, Space, Tag, Tree, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { ATTITUDE_COLORS } from '../customer-colors';
import { useUpdateContact } from '../use-customers';
import { type ReportingNode, reportingForest, wouldLoop } from './decision-chain';

type ReportingTreeProps = {
  contacts: readonly ContactSummary[];
  editable: boolean;
  onOpen: (id: string) => void;
};

/**
 * The reporting lines as an org tree. Dragging a contact onto another makes it report to them; dropping it
 * between two top-level people makes it report to nobody. Loops are refused here and by the server.
 */
export function ReportingTree({ contacts, editable, onOpen }: ReportingTreeProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const update = useUpdateContact();
  const handleError = useErrorHandler();
  const byId = useMemo(() => new Map(contacts.map((c) => [c.id, c])), [contacts]);
  const treeData = useMemo(() => {
    const toNode = (node: ReportingNode<ContactSummary>): TreeDataNode => {
      const c = node.contact;
      return {
        key: c.id,
        title: (
          <Space size={4} wrap>
            <Typography.Text strong>{c.name}</Typography.Text>
            {c.title && <Typography.Text type="secondary">{c.title}</Typography.Text>}
            <Tag color={c.role ? 'geekblue' : 'default'}>
              {c.role ? t(`customers.role.${c.role}`) : t('customers.map.noRole')}
            </Tag>
            <Tag color={ATTITUDE_COLORS[c.attitude]}>{t(`customers.attitude.${c.attitude}`)}</Tag>
          </Space>
        ),
        children: node.reports.map(toNode),
      };
    };
    return reportingForest([...contacts]).map(toNode);
  }, [contacts, t]);

  const onDrop: TreeProps['onDrop'] = (info) => {
    const moved = byId.get(String(info.dragNode.key));
    const target = byId.get(String(info.node.key));
    if (!moved || !target) return;
    // Onto a node: report to it. Into the gap beside a node: report to that node's manager.
    const managerId = info.dropToGap ? target.reportsToId : target.id;
    if (managerId === moved.reportsToId) return;
    if (managerId && wouldLoop(contacts, moved.id, managerId)) {
      void message.error(t('customers.map.loop'));
      return;
    }
    update.mutate(
      { id: moved.id, version: moved.version, reportsToId: managerId },
      {
        onSuccess: () => void message.success(t('customers.map.moved')),
        onError: (error) => handleError(error),
      },
    );
  };

  return (
    <>
      {editable && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('customers.map.dragHint')}
        </Typography.Paragraph>
      )}
      <Tree
        treeData={treeData}
        defaultExpandAll
        blockNode
        draggable={editable && !update.isPending ? { icon: false } : false}
        selectable={false}
        onDrop={onDrop}
        onClick={(_, node) => onOpen(String(node.key))}
      />
    </>
  );
}
