import type { Notification } from '@contracts/notifications.contract';

/** Where clicking a notification takes the reader; null when its record has no page of its own. */
export function notificationTarget(
  n: Pick<Notification, 'entity' | 'entityId'>,
  importPath: string | null,
): string | null {
  if (!n.entityId) return null;
  switch (n.entity) {
    case 'lead':
      return `/leads/${n.entityId}`;
    case 'lead_import':
      return importPath;
    default:
      return null;
  }
}
