import type {
  Material,
  MaterialDetail,
  MaterialFile,
  MaterialKind,
  MaterialVersion,
} from '@contracts/deal-materials.contract';
import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { can } from '../../../platform/access';
import { changesBetween, writeAudit } from '../../../platform/audit';
import type { Tx } from '../../../platform/db/database';
import { users } from '../../../platform/db/identity.tables';
import { files } from '../../../platform/db/platform.tables';
import { containsPattern } from '../../../platform/db/substring-search';
import { withTenant } from '../../../platform/db/tenancy';
import { AppError, invalidFields } from '../../../platform/http/errors';
import type { Platform } from '../../../platform/platform';
import type { DealCaller } from '../deal-access';
import { materials, materialVersions } from '../materials.tables';

/**
 * The materials library: every user reads it and adds to it; whoever added a material, or may configure the
 * deals area, changes or removes it. Each upload is a numbered version; the material row keeps the latest so
 * lists need no join.
 */

type MaterialRow = typeof materials.$inferSelect;

const AUDITED = ['title', 'kind', 'description', 'tags'] as const;

async function filesById(
  tx: Tx,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, MaterialFile>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await tx
    .select({ id: files.id, name: files.name, contentType: files.contentType, size: files.size })
    .from(files)
    .where(and(eq(files.tenantId, tenantId), inArray(files.id, unique)));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Library rows as the API shows them (proposals list their attached materials the same way). */
export async function presentMaterials(
  tx: Tx,
  tenantId: string,
  rows: readonly MaterialRow[],
): Promise<Material[]> {
  const byId = await filesById(
    tx,
    tenantId,
    rows.flatMap((r) => (r.latestFileId ? [r.latestFileId] : [])),
  );
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    kind: row.kind as MaterialKind,
    description: row.description,
    tags: row.tags,
    latestVersionNo: row.latestVersionNo,
    latestFile: (row.latestFileId && byId.get(row.latestFileId)) || null,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  }));
}

/** A library material's latest file, as a mail attaches it. */
export type MaterialAttachment = {
  materialId: string;
  title: string;
  fileId: string;
  name: string;
  contentType: string;
  size: number;
};

/**
 * The latest version's file of each material, in the order asked. An id that is not a material of the
 * company, or a material with no file yet, is a 400 naming `<path>.<index>`.
 */
export async function materialFilesFor(
  tx: Tx,
  tenantId: string,
  ids: readonly string[],
  path = 'materialIds',
): Promise<MaterialAttachment[]> {
  if (ids.length === 0) return [];
  const rows = await tx
    .select({
      materialId: materials.id,
      title: materials.title,
      fileId: files.id,
      name: files.name,
      contentType: files.contentType,
      size: files.size,
    })
    .from(materials)
    .innerJoin(files, and(eq(files.tenantId, materials.tenantId), eq(files.id, materials.latestFileId)))
    .where(and(eq(materials.tenantId, tenantId), inArray(materials.id, [...new Set(ids)])));
  const byId = new Map(rows.map((r) => [r.materialId, r]));
  const unknown = ids.flatMap((id, i) => (byId.has(id) ? [] : [i]));
  if (unknown.length > 0) {
    throw invalidFields(...unknown.map((i) => ({ path: `${path}.${i}`, code: 'unknown_record' as const })));
  }
  return ids.flatMap((id) => byId.get(id) ?? []);
}

async function detail(tx: Tx, tenantId: string, row: MaterialRow): Promise<MaterialDetail> {
  const versions = await tx
    .select({
      versionNo: materialVersions.versionNo,
      fileId: materialVersions.fileId,
      note: materialVersions.note,
      createdBy: materialVersions.createdBy,
      createdByName: users.name,
      createdAt: materialVersions.createdAt,
    })
    .from(materialVersions)
    .leftJoin(
      users,
      and(eq(users.tenantId, materialVersions.tenantId), eq(users.id, materialVersions.createdBy)),
    )
    .where(and(eq(materialVersions.tenantId, tenantId), eq(materialVersions.materialId, row.id)))
    .orderBy(desc(materialVersions.versionNo));
  const byId = await filesById(
    tx,
    tenantId,
    versions.map((v) => v.fileId),
  );
  const [material] = await presentMaterials(tx, tenantId, [row]);
  if (!material) throw new AppError('internal');
  return {
    ...material,
    versions: versions.flatMap((v): MaterialVersion[] => {
      const file = byId.get(v.fileId);
      return file
        ? [
            {
              versionNo: v.versionNo,
              file,
              note: v.note,
              createdBy: v.createdBy,
              createdByName: v.createdByName,
              createdAt: v.createdAt.toISOString(),
            },
          ]
        : [];
    }),
  };
}

async function materialRow(tx: Tx, tenantId: string, id: string, lock = false): Promise<MaterialRow> {
  const query = tx
    .select()
    .from(materials)
    .where(and(eq(materials.tenantId, tenantId), eq(materials.id, id)));
  const [row] = await (lock ? query.for('update') : query);
  if (!row) throw new AppError('not_found');
  return row;
}

/** A material the caller may see (everyone in the company may), for attaching it elsewhere. */
export function readableMaterial(tx: Tx, tenantId: string, id: string): Promise<MaterialRow> {
  return materialRow(tx, tenantId, id);
}

function assertMayChange(caller: DealCaller, row: MaterialRow): void {
  if (row.createdBy !== caller.actor.userId && !can(caller.role, 'deals.configure')) {
    throw new AppError('forbidden');
  }
}

async function assertFile(tx: Tx, tenantId: string, fileId: string): Promise<void> {
  const found = await filesById(tx, tenantId, [fileId]);
  if (!found.has(fileId)) throw invalidFields({ path: 'fileId', code: 'unknown_record' });
}

export type ListMaterialsParams = {
  tag?: string | undefined;
  kind?: MaterialKind | undefined;
  q?: string | undefined;
  limit: number;
};

export async function listMaterials(
  platform: Platform,
  caller: DealCaller,
  params: ListMaterialsParams,
): Promise<{ items: Material[]; tags: string[] }> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const conditions: (SQL | undefined)[] = [eq(materials.tenantId, tenantId)];
    if (params.tag) conditions.push(sql`${materials.tags} @> ARRAY[${params.tag}]::text[]`);
    if (params.kind) conditions.push(eq(materials.kind, params.kind));
    if (params.q) {
      const like = containsPattern(params.q);
      conditions.push(sql`(${materials.title} ILIKE ${like} OR ${materials.description} ILIKE ${like})`);
    }
    const rows = await tx
      .select()
      .from(materials)
      .where(and(...conditions))
      .orderBy(desc(materials.updatedAt), desc(materials.id))
      .limit(params.limit);
    const tag = sql<string>`unnest(${materials.tags})`;
    const tags = await tx
      .selectDistinct({ tag })
      .from(materials)
      .where(eq(materials.tenantId, tenantId))
      .orderBy(tag)
      .limit(500);
    return { items: await presentMaterials(tx, tenantId, rows), tags: tags.map((r) => r.tag) };
  });
}

export async function getMaterial(
  platform: Platform,
  caller: DealCaller,
  id: string,
): Promise<MaterialDetail> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) =>
    detail(tx, tenantId, await materialRow(tx, tenantId, id)),
  );
}

const uniqueTags = (tags: readonly string[]) => [...new Set(tags)];

export async function createMaterial(
  platform: Platform,
  caller: DealCaller,
  input: {
    title: string;
    kind: MaterialKind;
    description: string;
    tags: string[];
    fileId: string;
    note: string;
  },
): Promise<MaterialDetail> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    await assertFile(tx, tenantId, input.fileId);
    const now = platform.clock.now();
    const [row] = await tx
      .insert(materials)
      .values({
        tenantId,
        id: uuidv7(),
        title: input.title,
        kind: input.kind,
        description: input.description,
        tags: uniqueTags(input.tags),
        latestVersionNo: 1,
        latestFileId: input.fileId,
        createdBy: caller.actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new AppError('internal');
    await tx.insert(materialVersions).values({
      tenantId,
      materialId: row.id,
      versionNo: 1,
      fileId: input.fileId,
      note: input.note,
      createdBy: caller.actor.userId,
      createdAt: now,
    });
    await writeAudit(tx, caller.actor, {
      entity: 'material',
      entityId: row.id,
      action: 'create',
      changes: {
        ...changesBetween(null, row, AUDITED),
        fileId: { from: null, to: input.fileId },
      },
    });
    return detail(tx, tenantId, row);
  });
}

export async function updateMaterial(
  platform: Platform,
  caller: DealCaller,
  id: string,
  expectedVersion: number | null,
  input: {
    title?: string | undefined;
    kind?: MaterialKind | undefined;
    description?: string | undefined;
    tags?: string[] | undefined;
  },
): Promise<MaterialDetail> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const before = await materialRow(tx, tenantId, id, true);
    assertMayChange(caller, before);
    if (expectedVersion !== null && expectedVersion !== before.version)
      throw new AppError('version_conflict');
    const [after] = await tx
      .update(materials)
      .set({
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.kind !== undefined ? { kind: input.kind } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.tags !== undefined ? { tags: uniqueTags(input.tags) } : {}),
        version: before.version + 1,
        updatedAt: platform.clock.now(),
      })
      .where(and(eq(materials.tenantId, tenantId), eq(materials.id, id)))
      .returning();
    if (!after) throw new AppError('not_found');
    await writeAudit(tx, caller.actor, {
      entity: 'material',
      entityId: id,
      action: 'update',
      changes: changesBetween(before, after, AUDITED),
    });
    return detail(tx, tenantId, after);
  });
}

export async function addMaterialVersion(
  platform: Platform,
  caller: DealCaller,
  id: string,
  input: { fileId: string; note: string },
): Promise<MaterialDetail> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const before = await materialRow(tx, tenantId, id, true);
    assertMayChange(caller, before);
    await assertFile(tx, tenantId, input.fileId);
    const now = platform.clock.now();
    const versionNo = before.latestVersionNo + 1;
    await tx.insert(materialVersions).values({
      tenantId,
      materialId: id,
      versionNo,
      fileId: input.fileId,
      note: input.note,
      createdBy: caller.actor.userId,
      createdAt: now,
    });
    const [after] = await tx
      .update(materials)
      .set({
        latestVersionNo: versionNo,
        latestFileId: input.fileId,
        version: before.version + 1,
        updatedAt: now,
      })
      .where(and(eq(materials.tenantId, tenantId), eq(materials.id, id)))
      .returning();
    if (!after) throw new AppError('not_found');
    await writeAudit(tx, caller.actor, {
      entity: 'material',
      entityId: id,
      action: 'add_version',
      changes: {
        latestVersionNo: { from: before.latestVersionNo, to: versionNo },
        fileId: { from: before.latestFileId, to: input.fileId },
      },
    });
    return detail(tx, tenantId, after);
  });
}

export async function deleteMaterial(platform: Platform, caller: DealCaller, id: string): Promise<void> {
  const tenantId = caller.actor.tenantId;
  await withTenant(platform.db, tenantId, async (tx) => {
    const before = await materialRow(tx, tenantId, id, true);
    assertMayChange(caller, before);
    await tx.delete(materials).where(and(eq(materials.tenantId, tenantId), eq(materials.id, id)));
    await writeAudit(tx, caller.actor, {
      entity: 'material',
      entityId: id,
      action: 'delete',
      changes: changesBetween(before, null, AUDITED),
    });
  });
}
