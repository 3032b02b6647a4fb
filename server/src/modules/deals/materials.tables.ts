import { sql } from 'drizzle-orm';
import { foreignKey, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { instant, tenantId, tenantPolicy, timestamps, version } from '../../platform/db/columns';
import { tenants } from '../../platform/db/identity.tables';
import { files } from '../../platform/db/platform.tables';
import { proposals } from './proposals.tables';

/**
 * The sales materials library: decks, brochures, case studies, videos, each with tags and numbered file
 * versions, the latest first; proposals and e-mails attach them.
 */

export const materials = pgTable(
  'materials',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    title: text('title').notNull(),
    /** deck | brochure | case_study | video | other */
    kind: text('kind').notNull(),
    description: text('description').notNull().default(''),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    /** The newest version's number and file (kept here so lists need no join). */
    latestVersionNo: integer('latest_version_no').notNull().default(0),
    latestFileId: uuid('latest_file_id'),
    createdBy: uuid('created_by'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('materials_updated_idx').on(t.tenantId, t.updatedAt, t.id),
    index('materials_tags_idx').using('gin', t.tags),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.tenantId] }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.latestFileId], foreignColumns: [files.tenantId, files.id] }),
    tenantPolicy(t),
  ],
);

export const materialVersions = pgTable(
  'material_versions',
  {
    tenantId: tenantId(),
    materialId: uuid('material_id').notNull(),
    versionNo: integer('version_no').notNull(),
    fileId: uuid('file_id').notNull(),
    note: text('note').notNull().default(''),
    createdBy: uuid('created_by'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.materialId, t.versionNo] }),
    foreignKey({
      columns: [t.tenantId, t.materialId],
      foreignColumns: [materials.tenantId, materials.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.fileId], foreignColumns: [files.tenantId, files.id] }),
    tenantPolicy(t),
  ],
);

/** Materials attached to a proposal version. */
export const proposalMaterials = pgTable(
  'proposal_materials',
  {
    tenantId: tenantId(),
    proposalId: uuid('proposal_id').notNull(),
    materialId: uuid('material_id').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.proposalId, t.materialId] }),
    foreignKey({
      columns: [t.tenantId, t.proposalId],
      foreignColumns: [proposals.tenantId, proposals.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.tenantId, t.materialId],
      foreignColumns: [materials.tenantId, materials.id],
    }).onDelete('cascade'),
    tenantPolicy(t),
  ],
);
