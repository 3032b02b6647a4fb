import * as m from '@contracts/deal-materials.contract';
import * as c from '@contracts/deal-proposals.contract';
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../../platform/audit';
import type { Principal } from '../../../platform/http/principal';
import { bindRoute } from '../../../platform/http/route';
import type { Platform } from '../../../platform/platform';
import type { DealCaller } from '../deal-access';
import * as materials from '../materials/materials.service';
import { compareVersions } from './proposal-compare';
import { addFeedback, updateFeedback } from './proposal-feedback';
import { setProposalMaterial } from './proposal-materials';
import { presentToCustomer } from './proposal-presentation';
import { listReviewers, reviewProposal, submitForReview } from './proposal-review';
import * as proposals from './proposals.service';

const callerOf = (principal: Principal, actor: Actor): DealCaller => ({ actor, role: principal.role });

/** Proposal versions of a deal with their review, feedback and comparison; the materials library. */
export function registerProposalRoutes(app: FastifyInstance, platform: Platform): void {
  bindRoute(app, platform, c.listProposals, async ({ principal, actor, params }) =>
    proposals.listProposals(platform, callerOf(principal, actor), params.id),
  );
  bindRoute(app, platform, c.compareProposals, async ({ principal, actor, params, query }) =>
    compareVersions(platform, callerOf(principal, actor), params.id, query.ids),
  );
  bindRoute(app, platform, c.createProposal, async ({ principal, actor, params, body }) =>
    proposals.createProposal(platform, callerOf(principal, actor), params.id, body),
  );
  bindRoute(app, platform, c.getProposal, async ({ principal, actor, params }) =>
    proposals.getProposal(platform, callerOf(principal, actor), params.id, params.proposalId),
  );
  bindRoute(app, platform, c.updateProposal, async ({ principal, actor, params, body, expectedVersion }) => {
    const { version: _version, ...input } = body;
    return proposals.updateProposal(
      platform,
      callerOf(principal, actor),
      params.id,
      params.proposalId,
      expectedVersion,
      input,
    );
  });
  bindRoute(app, platform, c.listProposalReviewers, async ({ principal, actor, params }) =>
    listReviewers(platform, callerOf(principal, actor), params.id),
  );
  bindRoute(app, platform, c.submitProposal, async ({ principal, actor, params, body }) =>
    submitForReview(platform, callerOf(principal, actor), params.id, params.proposalId, body),
  );
  bindRoute(app, platform, c.reviewProposal, async ({ principal, actor, params, body }) =>
    reviewProposal(platform, callerOf(principal, actor), params.id, params.proposalId, body),
  );
  bindRoute(app, platform, c.presentProposal, async ({ principal, actor, params, body }) =>
    presentToCustomer(platform, callerOf(principal, actor), params.id, params.proposalId, body),
  );
  bindRoute(app, platform, c.addProposalFeedback, async ({ principal, actor, params, body }) =>
    addFeedback(platform, callerOf(principal, actor), params.id, params.proposalId, body),
  );
  bindRoute(app, platform, c.updateProposalFeedback, async ({ principal, actor, params, body }) =>
    updateFeedback(
      platform,
      callerOf(principal, actor),
      params.id,
      params.proposalId,
      params.feedbackId,
      body,
    ),
  );
  bindRoute(app, platform, c.attachProposalMaterial, async ({ principal, actor, params }) =>
    setProposalMaterial(
      platform,
      callerOf(principal, actor),
      params.id,
      params.proposalId,
      params.materialId,
      true,
    ),
  );
  bindRoute(app, platform, c.detachProposalMaterial, async ({ principal, actor, params }) =>
    setProposalMaterial(
      platform,
      callerOf(principal, actor),
      params.id,
      params.proposalId,
      params.materialId,
      false,
    ),
  );

  bindRoute(app, platform, m.listMaterials, async ({ principal, actor, query }) =>
    materials.listMaterials(platform, callerOf(principal, actor), query),
  );
  bindRoute(app, platform, m.createMaterial, async ({ principal, actor, body }) =>
    materials.createMaterial(platform, callerOf(principal, actor), body),
  );
  bindRoute(app, platform, m.getMaterial, async ({ principal, actor, params }) =>
    materials.getMaterial(platform, callerOf(principal, actor), params.id),
  );
  bindRoute(app, platform, m.updateMaterial, async ({ principal, actor, params, body, expectedVersion }) => {
    const { version: _version, ...input } = body;
    return materials.updateMaterial(platform, callerOf(principal, actor), params.id, expectedVersion, input);
  });
  bindRoute(app, platform, m.addMaterialVersion, async ({ principal, actor, params, body }) =>
    materials.addMaterialVersion(platform, callerOf(principal, actor), params.id, body),
  );
  bindRoute(app, platform, m.deleteMaterial, async ({ principal, actor, params }) => {
    await materials.deleteMaterial(platform, callerOf(principal, actor), params.id);
    return null;
  });
}
