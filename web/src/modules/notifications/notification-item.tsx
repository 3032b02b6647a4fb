import type { Notification } from '@contracts/notifications.contract';
import { Badge, Flex, Typography } from 'antd';

type NotificationItemProps = {
  notification: Notification;
  text: string;
  when: string;
  onOpen: (notification: Notification) => void;
};

/** One line of the bell: unread dot, the message, and how long ago. */
export function NotificationItem({ notification, text, when, onOpen }: NotificationItemProps) {
  const unread = notification.readAt === null;
  return (
    <button
      type="button"
      onClick={() => onOpen(notification)}
      style={{
        display: 'block',
        width: '100%',
        textAlign: 'start',
        border: 0,
        background: unread ? 'rgba(22, 119, 255, 0.06)' : 'transparent',
        padding: '8px 12px',
        cursor: 'pointer',
        borderRadius: 6,
      }}
    >
      <Flex component="span" gap={8} align="flex-start">
        <Badge
          status={unread ? 'processing' : 'default'}
          style={{ visibility: unread ? 'visible' : 'hidden' }}
        />
        <Flex component="span" vertical gap={2} style={{ minWidth: 0 }}>
          <Typography.Text strong={unread}>{text}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {when}
          </Typography.Text>
        </Flex>
      </Flex>
    </button>
  );
}
