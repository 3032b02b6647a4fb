import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database';
import { leadImportMappings } from '../leads.tables';
import { normalizeHeader } from './header-matching';
import type { ImportObjectName } from './import-object';

/** Column headers a company mapped before, per object: normalised header → field ('' = left out). */

export async function savedMappings(
  tx: Tx,
  tenantId: string,
  object: ImportObjectName,
  headers: readonly string[],
): Promise<Map<string, string>> {
  const keys = [...new Set(headers.map(normalizeHeader).filter(Boolean))];
  if (keys.length === 0) return new Map<string, string>();
  const rows = await tx
    .select({ header: leadImportMappings.header, field: leadImportMappings.field })
    .from(leadImportMappings)
    .where(
      and(
        eq(leadImportMappings.tenantId, tenantId),
        eq(leadImportMappings.object, object),
        inArray(leadImportMappings.header, keys),
      ),
    );
  return new Map(rows.map((r) => [r.header, r.field]));
}

/** Remembers each header's field (or '' for "leave this column out", so a synonym does not bring it back). */
export async function rememberMappings(
  tx: Tx,
  tenantId: string,
  object: ImportObjectName,
  headers: readonly string[],
  mapping: Readonly<Record<string, string | null>>,
  now: Date,
): Promise<void> {
  const remembered = new Map<string, string>();
  for (const [index, field] of Object.entries(mapping)) {
    const header = normalizeHeader(headers[Number(index)] ?? '');
    if (header && !remembered.has(header)) remembered.set(header, field ?? '');
  }
  if (remembered.size === 0) return;
  await tx
    .insert(leadImportMappings)
    .values([...remembered].map(([header, field]) => ({ tenantId, object, header, field, updatedAt: now })))
    .onConflictDoUpdate({
      target: [leadImportMappings.tenantId, leadImportMappings.object, leadImportMappings.header],
      set: { field: sql`excluded.field`, updatedAt: now },
    });
}
