import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { leads } from './leads.tables';

/**
 * When duplicate customers or contacts are merged, leads that name the merged-away record name the one that
 * stays: converted leads' links (their conversion history stays whole), and the entries of leads' duplicate
 * lists, which take the survivor's id and name (an entry already naming the survivor absorbs the moved one).
 * Returns the ids of the converted leads relinked.
 */
export async function relinkLeadsOf(
  tx: Tx,
  tenantId: string,
  link: { kind: 'customer' | 'contact'; from: string; to: string; toName: string },
): Promise<string[]> {
  const column = link.kind === 'customer' ? leads.customerId : leads.contactId;
  const moved = await tx
    .update(leads)
    .set(link.kind === 'customer' ? { customerId: link.to } : { contactId: link.to })
    .where(and(eq(leads.tenantId, tenantId), eq(column, link.from)))
    .returning({ id: leads.id });
  await relinkDuplicateEntries(tx, tenantId, link);
  return moved.map((l) => l.id);
}

/** Rewrites the duplicate-list entries naming the merged-away record, keeping each list's order. */
async function relinkDuplicateEntries(
  tx: Tx,
  tenantId: string,
  link: { kind: 'customer' | 'contact'; from: string; to: string; toName: string },
): Promise<void> {
  const probe = JSON.stringify([{ kind: link.kind, id: link.from }]);
  await tx.execute(
    sql`UPDATE ${leads} AS l SET duplicates = (
        SELECT coalesce(jsonb_agg(kept.e ORDER BY kept.ord), '[]'::jsonb)
        FROM (
          SELECT DISTINCT ON (m.e ->> 'kind', m.e ->> 'id') m.e, m.ord
          FROM (
            SELECT CASE WHEN d.e ->> 'kind' = ${link.kind} AND d.e ->> 'id' = ${link.from}
                     THEN d.e || jsonb_build_object('id', ${link.to}::text, 'name', ${link.toName}::text)
                     ELSE d.e END AS e,
                   d.ord
            FROM jsonb_array_elements(l.duplicates) WITH ORDINALITY AS d(e, ord)
          ) m
          ORDER BY m.e ->> 'kind', m.e ->> 'id', m.ord
        ) kept
      )
      WHERE l.tenant_id = ${tenantId} AND l.duplicates @> ${probe}::jsonb`,
  );
}
