import type { ProposalStatus } from '@contracts/deal-proposals.contract';

/** Tag colour of each proposal status. */
export const PROPOSAL_STATUS_COLORS: Record<ProposalStatus, string> = {
  draft: 'default',
  in_review: 'processing',
  approved: 'green',
  returned: 'orange',
  presented: 'blue',
  superseded: 'default',
};
