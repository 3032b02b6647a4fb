import type { RouteContract } from '@contracts/common';
import {
  contactImportRoutes,
  customerImportRoutes,
  exportContacts,
  exportCustomers,
  type RecordImport,
  type RecordImportIssue,
  type RecordImportIssueReason,
  type RecordImportObject,
} from '@contracts/record-import.contract';
import type { FastifyInstance, FastifySchema } from 'fastify';
import type { z } from 'zod';
import { AppError, invalidFields } from '../../../platform/http/errors';
import { actorOf, type Principal } from '../../../platform/http/principal';
import { authorize, bindRoute } from '../../../platform/http/route';
import type { Platform } from '../../../platform/platform';
import {
  attachment,
  cancelObjectImport,
  getObjectImport,
  type ImportSpec,
  listObjectImports,
  listObjectIssues,
  objectImportReport,
  startObjectImport,
  uploadObjectImport,
} from '../../leads';
import type { CustomerCaller } from '../customer-profile.service';
import { contactImportSpec } from './contact-import';
import { customerImportSpec } from './customer-import';
import { exportContacts as writeContacts, exportCustomers as writeCustomers } from './record-export';

/**
 * Customer and contact import and export routes. Upload is multipart (the files module registers the
 * parser); report and export stream files, so they are plain routes that authorise with the contract like
 * bindRoute does and send a stream instead of validated JSON.
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

const callerOf = (principal: Principal, actor: CustomerCaller['actor']): CustomerCaller => ({
  actor,
  role: principal.role,
});

function registerImportRoutes<Ctx, R>(
  app: FastifyInstance,
  platform: Platform,
  object: RecordImportObject,
  routes: typeof customerImportRoutes | typeof contactImportRoutes,
  spec: ImportSpec<RecordImport, Ctx, R>,
): void {
  bindRoute(app, platform, routes.upload, async ({ req, principal, actor }) => {
    if (!req.isMultipart()) throw new AppError('unsupported_media_type', { expected: 'multipart/form-data' });
    const part = await req.file({ limits: { fileSize: platform.config.leadImportMaxBytes, files: 1 } });
    if (!part) throw invalidFields({ path: 'file', code: 'required' });
    return uploadObjectImport(platform, spec, callerOf(principal, actor), {
      fileName: part.filename,
      file: part.file,
    });
  });
  bindRoute(app, platform, routes.list, async ({ principal, actor, query }) => {
    const out = await listObjectImports(platform, spec.object, callerOf(principal, actor), query);
    return { ...out, items: out.items.map((i) => ({ ...i, object })) };
  });
  bindRoute(app, platform, routes.get, async ({ principal, actor, params }) =>
    getObjectImport(platform, spec, callerOf(principal, actor), params.id),
  );
  bindRoute(app, platform, routes.start, async ({ principal, actor, params, body }) =>
    startObjectImport(platform, spec, callerOf(principal, actor), params.id, body),
  );
  bindRoute(app, platform, routes.cancel, async ({ principal, actor, params }) =>
    cancelObjectImport(platform, spec, callerOf(principal, actor), params.id),
  );
  bindRoute(app, platform, routes.issues, async ({ principal, actor, params, query }) => {
    const out = await listObjectIssues(platform, spec.object, callerOf(principal, actor), params.id, query);
    const items: RecordImportIssue[] = out.items.map((i) => ({
      ...i,
      reason: i.reason as RecordImportIssueReason,
    }));
    return { items, nextCursor: out.nextCursor };
  });
  app.get(routes.report.path, { schema: fileRoute(routes.report) }, async (req, reply) => {
    const principal = authorize(routes.report, req);
    const { id } = req.params as z.output<typeof routes.report.params>;
    const report = await objectImportReport(
      platform,
      spec,
      callerOf(principal, actorOf(principal, req.id, req.ip)),
      id,
      req.locale,
    );
    reply.type('text/csv; charset=utf-8').header('content-disposition', attachment(report.fileName));
    return reply.send(report.body);
  });
}

export function registerRecordImportRoutes(app: FastifyInstance, platform: Platform): void {
  registerImportRoutes(app, platform, 'customer', customerImportRoutes, customerImportSpec);
  registerImportRoutes(app, platform, 'contact', contactImportRoutes, contactImportSpec);

  app.get(exportCustomers.path, { schema: fileRoute(exportCustomers) }, async (req, reply) => {
    const principal = authorize(exportCustomers, req);
    const query = req.query as z.output<typeof exportCustomers.query>;
    const file = await writeCustomers(
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
  app.get(exportContacts.path, { schema: fileRoute(exportContacts) }, async (req, reply) => {
    const principal = authorize(exportContacts, req);
    const query = req.query as z.output<typeof exportContacts.query>;
    const file = await writeContacts(
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
