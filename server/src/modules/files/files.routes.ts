import * as c from '@contracts/admin.contract';
import { IdParams } from '@contracts/common';
import multipart from '@fastify/multipart';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { writeAudit } from '../../platform/audit';
import { files } from '../../platform/db/platform.tables';
import { withTenant } from '../../platform/db/tenancy';
import { FileMissingError, FileTooLargeError } from '../../platform/files/files';
import { AppError } from '../../platform/http/errors';
import { authorize, bindRoute } from '../../platform/http/route';
import type { Platform } from '../../platform/platform';

/**
 * Attachments: streamed to the store, then recorded; a failed store or insert leaves neither bytes nor row.
 * Downloads are `attachment` unless the sniffed type is an image, so uploaded HTML never renders inline.
 */

const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

function present(row: typeof files.$inferSelect) {
  return {
    id: row.id,
    name: row.name,
    contentType: row.contentType,
    size: row.size,
    sha256: row.sha256,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function registerFileRoutes(app: FastifyInstance, platform: Platform): Promise<void> {
  await app.register(multipart, { limits: { fileSize: platform.config.filesMaxBytes, files: 1, fields: 5 } });

  bindRoute(app, platform, c.uploadFile, async ({ req, principal, actor }) => {
    if (!req.isMultipart()) throw new AppError('unsupported_media_type', { expected: 'multipart/form-data' });
    const part = await req.file();
    if (!part) throw new AppError('validation_failed');
    const id = uuidv7();
    let stored: Awaited<ReturnType<typeof platform.files.put>>;
    try {
      stored = await platform.files.put(principal.tenantId, id, part.file);
    } catch (error) {
      if (error instanceof FileTooLargeError || part.file.truncated) {
        throw new AppError('payload_too_large', {
          limit: `${Math.round(platform.config.filesMaxBytes / 1048576)} MB`,
        });
      }
      req.log.error({ err: error }, 'file store failed');
      throw new AppError('storage_failed');
    }
    try {
      return await withTenant(platform.db, principal.tenantId, async (tx) => {
        const [row] = await tx
          .insert(files)
          .values({
            tenantId: principal.tenantId,
            id,
            name: part.filename.slice(0, 255) || 'file',
            contentType: stored.sniffedType ?? 'application/octet-stream',
            size: stored.size,
            sha256: stored.sha256,
            storageKey: stored.storageKey,
            uploadedBy: principal.userId,
          })
          .returning();
        if (!row) throw new AppError('internal');
        await writeAudit(tx, actor, {
          entity: 'file',
          entityId: id,
          action: 'upload',
          changes: { name: { from: null, to: row.name }, size: { from: null, to: row.size } },
        });
        return present(row);
      });
    } catch (error) {
      await platform.files.remove(stored.storageKey);
      throw error;
    }
  });

  bindRoute(app, platform, c.getFileInfo, async ({ principal, params }) => {
    const [row] = await withTenant(platform.db, principal.tenantId, (tx) =>
      tx.select().from(files).where(eq(files.id, params.id)),
    );
    if (!row) throw new AppError('not_found');
    return present(row);
  });

  const download = {
    method: 'GET',
    path: '/api/v1/files/:id/content',
    summary: 'Download an attachment',
    tags: ['files'],
    access: 'session',
    scope: 'read',
    response: {},
  } as const;
  app.get(
    download.path,
    { schema: { summary: download.summary, tags: [...download.tags], params: IdParams } },
    async (req, reply) => {
      const principal = authorize(download, req);
      const { id } = req.params as { id: string };
      const [row] = await withTenant(platform.db, principal.tenantId, (tx) =>
        tx.select().from(files).where(eq(files.id, id)),
      );
      if (!row) throw new AppError('not_found');
      const body = await platform.files.open(row.storageKey).catch((error: unknown) => {
        if (error instanceof FileMissingError) throw new AppError('not_found');
        throw error;
      });
      const inline = INLINE_TYPES.has(row.contentType);
      const encoded = encodeURIComponent(row.name);
      reply
        .type(inline ? row.contentType : 'application/octet-stream')
        .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encoded}`)
        .header('content-length', String(row.size));
      return reply.send(body);
    },
  );
}
