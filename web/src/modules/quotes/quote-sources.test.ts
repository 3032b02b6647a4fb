import type { ProposalSummary } from '@contracts/deal-proposals.contract';
import { describe, expect, it } from 'vitest';
import { quotableProposals } from './quote-sources';

const proposal = (versionNo: number, status: ProposalSummary['status']) =>
  ({ id: `p${versionNo}`, versionNo, status }) as ProposalSummary;

describe('proposals a quote may start from', () => {
  it('offers only approved and presented versions, newest first', () => {
    const list = [
      proposal(1, 'superseded'),
      proposal(2, 'approved'),
      proposal(3, 'draft'),
      proposal(4, 'presented'),
      proposal(5, 'in_review'),
      proposal(6, 'returned'),
    ];
    expect(quotableProposals(list).map((p) => p.versionNo)).toEqual([4, 2]);
  });
});
