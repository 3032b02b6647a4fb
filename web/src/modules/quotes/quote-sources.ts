import type { ProposalSummary } from '@contracts/deal-proposals.contract';

/**
 * The proposal versions a quote may start from: the server takes approved and presented ones (a presented
 * version was approved first), newest version first.
 */
export function quotableProposals(proposals: readonly ProposalSummary[]): ProposalSummary[] {
  return proposals
    .filter((p) => p.status === 'approved' || p.status === 'presented')
    .sort((a, b) => b.versionNo - a.versionNo);
}
