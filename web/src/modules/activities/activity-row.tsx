import type { ActivityItem } from '@contracts/activities.contract';
import { App, Button, Checkbox, Flex, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useFormatDateTime } from '../../shared/use-format-date-time';
import { ActivityComposer } from './activity-composer';
import { ActivityKindIcon } from './activity-kind-icon';
import { useDeleteActivity, useSetTaskDone } from './use-activities';

type ActivityRowProps = {
  activity: ActivityItem;
  /** Leave out the owner's name (the list is one person's). */
  hideOwner?: boolean;
  now?: number;
};

/**
 * One activity in a list: what, when, with whom and for whom; a task can be ticked off, and the people it
 * belongs to may edit or delete it.
 */
export function ActivityRow({ activity: a, hideOwner, now = Date.now() }: ActivityRowProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const formatDateTime = useFormatDateTime();
  const handleError = useErrorHandler();
  const setDone = useSetTaskDone();
  const remove = useDeleteActivity();
  const [editing, setEditing] = useState(false);
  const overdue = a.kind === 'task' && !a.doneAt && a.dueAt !== null && Date.parse(a.dueAt) < now;
  const when = a.kind === 'task' ? a.dueAt : a.occurredAt;
  return (
    <Flex gap={12} align="flex-start" style={{ padding: '8px 0' }}>
      {a.kind === 'task' ? (
        <Checkbox
          checked={a.doneAt !== null}
          disabled={!a.can.edit || setDone.isPending}
          aria-label={t(a.doneAt ? 'activities.item.reopen' : 'activities.item.markDone')}
          onChange={(e) =>
            setDone.mutate(
              { activity: a, done: e.target.checked },
              { onError: (error) => handleError(error) },
            )
          }
        />
      ) : (
        <ActivityKindIcon kind={a.kind} />
      )}
      <div style={{ flex: 1, minWidth: 0 }}>
        <Space wrap size={6}>
          <Tag color="blue">{t(`activities.kind.${a.kind}`)}</Tag>
          {a.direction && <Tag>{t(`activities.direction.${a.direction}`)}</Tag>}
          {a.kind === 'task' && a.priority !== 'normal' && (
            <Tag color={a.priority === 'high' ? 'red' : 'default'}>
              {t(`activities.priority.${a.priority}`)}
            </Tag>
          )}
          <Typography.Text strong delete={a.doneAt !== null}>
            {a.subject}
          </Typography.Text>
          {overdue && <Tag color="error">{t('activities.item.overdue')}</Tag>}
        </Space>
        <div>
          <Space wrap size={8}>
            <Typography.Text type={overdue ? 'danger' : 'secondary'}>
              {a.kind === 'task'
                ? t('activities.item.due', { time: formatDateTime(when) })
                : formatDateTime(when)}
            </Typography.Text>
            {a.location && <Typography.Text type="secondary">{a.location}</Typography.Text>}
            {a.customerId && (
              <Link to={`/customers/${a.customerId}`}>{a.customerName ?? t('activities.item.customer')}</Link>
            )}
            {a.contactName && <Typography.Text type="secondary">{a.contactName}</Typography.Text>}
            {a.dealName && <Typography.Text type="secondary">{a.dealName}</Typography.Text>}
            {a.leadId && <Link to={`/leads/${a.leadId}`}>{t('activities.item.lead')}</Link>}
            {!hideOwner && a.ownerName && <Typography.Text type="secondary">{a.ownerName}</Typography.Text>}
            {a.remindAt && !a.doneAt && (
              <Typography.Text type="secondary">
                {t('activities.item.remind', { time: formatDateTime(a.remindAt) })}
              </Typography.Text>
            )}
          </Space>
        </div>
        {a.body && (
          <Typography.Paragraph
            type="secondary"
            ellipsis={{ rows: 2, expandable: true }}
            style={{ margin: 0 }}
          >
            {a.body}
          </Typography.Paragraph>
        )}
      </div>
      {(a.can.edit || a.can.delete) && (
        <Space size={0}>
          {a.can.edit && (
            <Button type="link" size="small" onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
          )}
          {a.can.delete && (
            <Popconfirm
              title={t('activities.item.deleteConfirm')}
              onConfirm={() =>
                remove.mutate(a.id, {
                  onSuccess: () => void message.success(t('activities.item.deleted')),
                  onError: (error) => handleError(error),
                })
              }
            >
              <Button type="link" size="small" danger>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      )}
      <Modal
        open={editing}
        title={t('activities.composer.editTitle')}
        footer={null}
        onCancel={() => setEditing(false)}
        destroyOnHidden
        width={720}
      >
        <ActivityComposer activity={a} onDone={() => setEditing(false)} onCancel={() => setEditing(false)} />
      </Modal>
    </Flex>
  );
}
