import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { activities, dailyLogs } from './activities.tables';

/**
 * When duplicate customers or contacts are merged, their activities (and so their timelines) follow the
 * record that stays, and daily logs' key points name it. Returns how many activities moved.
 */
export async function moveActivitiesOf(
  tx: Tx,
  tenantId: string,
  link: { kind: 'customer' | 'contact'; from: string; to: string },
): Promise<number> {
  const column = link.kind === 'customer' ? activities.customerId : activities.contactId;
  const moved = await tx
    .update(activities)
    .set(link.kind === 'customer' ? { customerId: link.to } : { contactId: link.to })
    .where(and(eq(activities.tenantId, tenantId), eq(column, link.from)))
    .returning({ id: activities.id });
  if (link.kind === 'customer') {
    // Key points are [{ customerId, text }]: rewrite the merged-away id inside the logs that mention it.
    await tx
      .update(dailyLogs)
      .set({
        keyPoints: sql`(SELECT coalesce(jsonb_agg(CASE WHEN p->>'customerId' = ${link.from}
            THEN jsonb_set(p, '{customerId}', to_jsonb(${link.to}::text)) ELSE p END), '[]'::jsonb)
          FROM jsonb_array_elements(${dailyLogs.keyPoints}) AS p)`,
      })
      .where(
        and(
          eq(dailyLogs.tenantId, tenantId),
          sql`${dailyLogs.keyPoints} @> ${JSON.stringify([{ customerId: link.from }])}::jsonb`,
        ),
      );
  }
  return moved.length;
}
