import { BellOutlined } from '@ant-design/icons';
import type { Notification } from '@contracts/notifications.contract';
import { Badge, Button, Card, Empty, Flex, Popover, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useErrorHandler } from '../../shared/use-error-handler';
import { LEAD_TABS } from '../leads/lead-tabs';
import { NotificationItem } from './notification-item';
import { notificationTarget } from './notification-target';
import { notificationText } from './notification-text';
import { relativeTime } from './relative-time';
import { useMarkNotificationsRead, useNotifications } from './use-notifications';

/** The top bar's bell: unread count, the latest notifications, and a click that opens what each is about. */
export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const notifications = useNotifications();
  const markRead = useMarkNotificationsRead();
  const handleError = useErrorHandler();
  const [open, setOpen] = useState(false);
  const unread = notifications.data?.unreadCount ?? 0;
  const items = notifications.data?.items ?? [];
  const importPath = LEAD_TABS.find((tab) => tab.key === 'import')?.path ?? null;
  const now = Date.now();

  const openOne = (n: Notification) => {
    if (n.readAt === null) markRead.mutate({ ids: [n.id] }, { onError: (error) => handleError(error) });
    const target = notificationTarget(n, importPath);
    if (target) {
      setOpen(false);
      void navigate(target);
    }
  };

  const content = (
    <Card
      size="small"
      title={t('notification.title')}
      extra={
        <Button
          type="link"
          size="small"
          disabled={unread === 0}
          loading={markRead.isPending}
          onClick={() => markRead.mutate({ all: true }, { onError: (error) => handleError(error) })}
        >
          {t('notification.markAllRead')}
        </Button>
      }
      style={{ width: 380 }}
      styles={{ body: { padding: 4, maxHeight: 440, overflowY: 'auto' } }}
    >
      {notifications.isPending ? (
        <Flex justify="center" style={{ padding: 16 }}>
          <Spin />
        </Flex>
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notification.empty')} />
      ) : (
        items.map((n) => (
          <NotificationItem
            key={n.id}
            notification={n}
            text={notificationText(n, t)}
            when={relativeTime(n.createdAt, now, i18n.language)}
            onOpen={openOne}
          />
        ))
      )}
      {notifications.isError && (
        <Typography.Text type="danger" style={{ padding: 8, display: 'block' }}>
          {t('notification.loadFailed')}
        </Typography.Text>
      )}
    </Card>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      content={content}
      styles={{ container: { padding: 0 } }}
      arrow={false}
    >
      <Button
        type="text"
        aria-label={t('notification.bell', { n: unread })}
        style={{ color: '#fff' }}
        icon={
          <Badge count={unread} size="small" overflowCount={99}>
            <BellOutlined style={{ color: '#fff', fontSize: 18 }} />
          </Badge>
        }
      />
    </Popover>
  );
}
