import type { Notification } from '@contracts/notifications.contract';

/** Where clicking a notification takes the reader; null when its record has no page of its own. */
export function notificationTarget(
  n: Pick<Notification, 'entity' | 'entityId'> & { params?: Notification['params'] },
  importPath: string | null,
): string | null {
  if (!n.entityId) return null;
  switch (n.entity) {
    case 'lead':
      return `/leads/${n.entityId}`;
    case 'lead_import':
      return importPath;
    case 'customer_import':
      return `/customers/import?id=${encodeURIComponent(n.entityId)}`;
    case 'contact_import':
      return `/customers/contacts/import?id=${encodeURIComponent(n.entityId)}`;
    case 'activity':
      return '/my-day';
    case 'customer':
      return `/customers/${n.entityId}`;
    case 'deal':
      return `/deals/${n.entityId}`;
    case 'customer_pool':
      return '/customers/pool';
    case 'quote':
      return `/quote-to-cash/quotes/${n.entityId}`;
    case 'contract':
      return `/quote-to-cash/contracts/${n.entityId}`;
    case 'approval':
      return `/quote-to-cash/approvals?open=${encodeURIComponent(n.entityId)}`;
    case 'daily_log': {
      const day = n.params?.day;
      return typeof day === 'string' ? `/daily-log?day=${encodeURIComponent(day)}` : '/daily-log';
    }
    default:
      return null;
  }
}
