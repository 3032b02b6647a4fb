import type { RouteContract } from '@contracts/common';
import * as c from '@contracts/lead-import.contract';
import type { FastifyInstance, FastifySchema } from 'fastify';
import type { z } from 'zod';
import { AppError, invalidFields } from '../../../platform/http/errors';
import { actorOf } from '../../../platform/http/principal';
import { authorize, bindRoute } from '../../../platform/http/route';
import type { Platform } from '../../../platform/platform';
import { callerOf } from '../leads.routes';
import { exportLeads } from './export';
import * as imports from './import.service';
import { importReport } from './import-report';
import { attachment } from './spreadsheet';

/**
 * Import and export routes. Upload is multipart (the files module registers the parser; this route sets
 * its own, larger size limit). Report and export stream files, so they are plain routes that authorise
 * with the contract like bindRoute does and send a stream instead of validated JSON.
 */

function fileRoute(contract: RouteContract): FastifySchema {
  return {
    summary: contract.summary,
    tags: [...contract.tags],
    ...(contract.params ? { params: contract.params } : {}),
    ...(contract.query ? { querystring: contract.query } : {}),
    security: [{ session: [] }, { bearer: [] }] as { [name: string]: string[] }[],
  };
}

export function registerLeadImportRoutes(app: FastifyInstance, platform: Platform): void {
  bindRoute(app, platform, c.uploadLeadImport, async ({ req, principal, actor }) => {
    if (!req.isMultipart()) throw new AppError('unsupported_media_type', { expected: 'multipart/form-data' });
    const part = await req.file({ limits: { fileSize: platform.config.leadImportMaxBytes, files: 1 } });
    if (!part) throw invalidFields({ path: 'file', code: 'required' });
    return imports.uploadImport(platform, callerOf(principal, actor), {
      fileName: part.filename,
      file: part.file,
    });
  });
  bindRoute(app, platform, c.listLeadImports, async ({ principal, actor, query }) =>
    imports.listImports(platform, callerOf(principal, actor), query),
  );
  bindRoute(app, platform, c.getLeadImport, async ({ principal, actor, params }) =>
    imports.getImport(platform, callerOf(principal, actor), params.id),
  );
  bindRoute(app, platform, c.startLeadImport, async ({ principal, actor, params, body }) =>
    imports.startImport(platform, callerOf(principal, actor), params.id, body),
  );
  bindRoute(app, platform, c.cancelLeadImport, async ({ principal, actor, params }) =>
    imports.cancelImport(platform, callerOf(principal, actor), params.id),
  );
  bindRoute(app, platform, c.listLeadImportIssues, async ({ principal, actor, params, query }) =>
    imports.listIssues(platform, callerOf(principal, actor), params.id, query),
  );

  app.get(
    c.downloadLeadImportReport.path,
    { schema: fileRoute(c.downloadLeadImportReport) },
    async (req, reply) => {
      const principal = authorize(c.downloadLeadImportReport, req);
      const { id } = req.params as z.output<typeof c.downloadLeadImportReport.params>;
      const report = await importReport(
        platform,
        callerOf(principal, actorOf(principal, req.id, req.ip)),
        id,
        req.locale,
      );
      reply.type('text/csv; charset=utf-8').header('content-disposition', attachment(report.fileName));
      return reply.send(report.body);
    },
  );

  app.get(c.exportLeads.path, { schema: fileRoute(c.exportLeads) }, async (req, reply) => {
    const principal = authorize(c.exportLeads, req);
    const query = req.query as z.output<typeof c.exportLeads.query>;
    const file = await exportLeads(
      platform,
      callerOf(principal, actorOf(principal, req.id, req.ip)),
      query,
      req.locale,
      principal.timeZone,
    );
    reply
      .type(file.contentType)
      .header('content-disposition', attachment(file.fileName))
      .header('cache-control', 'no-store');
    return reply.send(file.body);
  });
}
