import { z } from 'zod';
import { defineRoute, IdParams, IsoDateTime, Uuid } from './common';

/**
 * The sales materials library (DOMAIN.md §3, issue 6): decks, brochures, case studies and videos with tags and
 * numbered file versions, the latest first. A file is uploaded with `POST /api/v1/files` first; a material or a
 * new version names the uploaded file's id.
 */

export const MATERIAL_KINDS = ['deck', 'brochure', 'case_study', 'video', 'other'] as const;
export const MaterialKind = z.enum(MATERIAL_KINDS);
export type MaterialKind = z.infer<typeof MaterialKind>;

const text = (max: number) => z.string().trim().max(max);
const Tag = z.string().trim().min(1).max(50);

export const MaterialFile = z.object({
  id: Uuid,
  name: z.string(),
  contentType: z.string(),
  size: z.number().int(),
});
export type MaterialFile = z.infer<typeof MaterialFile>;

export const MaterialVersion = z.object({
  versionNo: z.number().int(),
  file: MaterialFile,
  note: z.string(),
  createdBy: Uuid.nullable(),
  createdByName: z.string().nullable(),
  createdAt: IsoDateTime,
});
export type MaterialVersion = z.infer<typeof MaterialVersion>;

export const Material = z.object({
  id: Uuid,
  title: z.string(),
  kind: MaterialKind,
  description: z.string(),
  tags: z.array(z.string()),
  latestVersionNo: z.number().int(),
  /** The newest version's file. */
  latestFile: MaterialFile.nullable(),
  createdBy: Uuid.nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.number().int(),
});
export type Material = z.infer<typeof Material>;

export const MaterialDetail = Material.extend({
  /** Every version, the latest first. */
  versions: z.array(MaterialVersion),
});
export type MaterialDetail = z.infer<typeof MaterialDetail>;

export const listMaterials = defineRoute({
  method: 'GET',
  path: '/api/v1/materials',
  summary: 'The materials library, most recently changed first, filtered by tag, kind and a search text',
  tags: ['materials'],
  access: 'session',
  scope: 'read',
  query: z.strictObject({
    /** Materials carrying this tag. */
    tag: Tag.optional(),
    kind: MaterialKind.optional(),
    /** Substring of the title or description. */
    q: text(100).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(100),
  }),
  response: { 200: z.object({ items: z.array(Material), tags: z.array(z.string()) }) },
});

export const createMaterial = defineRoute({
  method: 'POST',
  path: '/api/v1/materials',
  summary: 'Add a material with its first version (the id of a file uploaded to /api/v1/files)',
  tags: ['materials'],
  access: 'session',
  scope: 'write',
  body: z.strictObject({
    title: z.string().trim().min(1).max(200),
    kind: MaterialKind.default('other'),
    description: text(2000).default(''),
    tags: z.array(Tag).max(20).default([]),
    fileId: Uuid,
    note: text(500).default(''),
  }),
  response: { 201: MaterialDetail },
});

export const getMaterial = defineRoute({
  method: 'GET',
  path: '/api/v1/materials/:id',
  summary: 'A material with every version, the latest first',
  tags: ['materials'],
  access: 'session',
  scope: 'read',
  params: IdParams,
  response: { 200: MaterialDetail },
});

export const updateMaterial = defineRoute({
  method: 'PATCH',
  path: '/api/v1/materials/:id',
  summary: "Change a material's title, kind, description or tags",
  tags: ['materials'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: z.strictObject({
    version: z.number().int().optional(),
    title: z.string().trim().min(1).max(200).optional(),
    kind: MaterialKind.optional(),
    description: text(2000).optional(),
    tags: z.array(Tag).max(20).optional(),
  }),
  response: { 200: MaterialDetail },
});

export const addMaterialVersion = defineRoute({
  method: 'POST',
  path: '/api/v1/materials/:id/versions',
  summary: 'Add a new version of a material (it becomes the latest)',
  tags: ['materials'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: z.strictObject({ fileId: Uuid, note: text(500).default('') }),
  response: { 201: MaterialDetail },
});

export const deleteMaterial = defineRoute({
  method: 'DELETE',
  path: '/api/v1/materials/:id',
  summary: 'Remove a material from the library (and from the proposals it was attached to)',
  tags: ['materials'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  response: { 204: z.null() },
});
