import {
  approveApproval,
  cancelApproval,
  countMyPendingApprovals,
  getApproval,
  getApprovalSettings,
  listApprovals,
  putApprovalSettings,
  returnApproval,
} from '@contracts/approvals.contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/audit';
import { AppError } from '../../platform/http/errors';
import type { Principal } from '../../platform/http/principal';
import { bindRoute } from '../../platform/http/route';
import type { Platform } from '../../platform/platform';
import { configureApprovalMail } from './approval-requests';
import * as rules from './approval-rules';
import * as service from './approvals.service';

const callerOf = (principal: Principal, actor: Actor) => ({ actor, role: principal.role });

/**
 * The request version a decision is about: If-Match, else body.version. Decisions are POSTs, which bindRoute
 * leaves to the route; without it a stale screen could approve a request that changed meanwhile.
 */
function versionOf(req: FastifyRequest, body: { version?: number | undefined }): number {
  const header = req.headers['if-match'];
  if (typeof header === 'string') {
    const m = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
    if (!m) throw new AppError('version_required');
    return Number(m[1]);
  }
  if (typeof body.version === 'number') return body.version;
  throw new AppError('version_required');
}

export function registerApprovalRoutes(app: FastifyInstance, platform: Platform): void {
  configureApprovalMail(platform.config);

  bindRoute(app, platform, getApprovalSettings, async ({ actor }) =>
    rules.getApprovalSettings(platform, actor.tenantId),
  );
  bindRoute(app, platform, putApprovalSettings, async ({ actor, body }) =>
    rules.updateApprovalSettings(platform, actor, body),
  );
  bindRoute(app, platform, listApprovals, async ({ principal, actor, query }) =>
    service.listApprovals(platform, callerOf(principal, actor), query),
  );
  bindRoute(app, platform, countMyPendingApprovals, async ({ principal, actor }) => ({
    count: await service.countMyPending(platform, callerOf(principal, actor)),
  }));
  bindRoute(app, platform, getApproval, async ({ principal, actor, params }) =>
    service.getApproval(platform, callerOf(principal, actor), params.id),
  );
  bindRoute(app, platform, approveApproval, async ({ principal, actor, params, body, req }) =>
    service.approve(platform, callerOf(principal, actor), params.id, body, versionOf(req, body)),
  );
  bindRoute(app, platform, returnApproval, async ({ principal, actor, params, body, req }) =>
    service.returnRequest(platform, callerOf(principal, actor), params.id, body, versionOf(req, body)),
  );
  bindRoute(app, platform, cancelApproval, async ({ principal, actor, params, body, req }) =>
    service.cancelRequest(platform, callerOf(principal, actor), params.id, versionOf(req, body)),
  );
}
