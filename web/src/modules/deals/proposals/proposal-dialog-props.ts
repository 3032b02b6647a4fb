import type { Proposal } from '@contracts/deal-proposals.contract';

/** What each review dialog of a version gets. */
export type DialogProps = {
  dealId: string;
  proposal: Proposal;
  onClose: () => void;
  onDone: () => void;
  onError: (error: unknown) => void;
};
