import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { notifications } from './notifications.tables';

/**
 * When two records are merged, notifications about the merged-away one open the survivor instead (their
 * link would otherwise lead nowhere). Returns how many were repointed.
 */
export async function repointNotifications(
  tx: Tx,
  tenantId: string,
  link: { entity: string; from: string; to: string },
): Promise<number> {
  const moved = await tx
    .update(notifications)
    .set({ entityId: link.to })
    .where(
      and(
        eq(notifications.tenantId, tenantId),
        eq(notifications.entity, link.entity),
        eq(notifications.entityId, link.from),
      ),
    )
    .returning({ id: notifications.id });
  return moved.length;
}
