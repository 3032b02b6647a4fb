import { type Proposal, updateProposal } from '@contracts/deal-proposals.contract';
import { describe, expect, it } from 'vitest';
import { bodyOf, draftOf, newLineKey } from './proposal-draft';

const proposal: Proposal = {
  id: '01a20d59-bb4f-7f7b-9f6e-27121d151a4a',
  dealId: '01a20d59-bacf-700d-9522-d9415b813694',
  versionNo: 2,
  title: 'CRM for Acme',
  status: 'draft',
  currency: 'CNY',
  totalMinor: 2_625_450,
  reviewerId: null,
  reviewerName: null,
  createdBy: null,
  createdByName: null,
  submittedAt: null,
  reviewedAt: null,
  presentedAt: null,
  createdAt: '2026-11-24T10:00:00.000Z',
  updatedAt: '2026-11-24T10:00:00.000Z',
  version: 3,
  overview: 'Overview',
  valueProposition: 'Value',
  answers: { '01a20d59-0000-7000-8000-000000000001': 'Templates' },
  painPoints: [],
  lines: [
    {
      id: '01a20d59-0000-7000-8000-0000000000aa',
      description: 'Licences',
      quantity: 25,
      unitPriceMinor: 120_000,
      discountPercent: 12.5,
      totalMinor: 2_625_000,
    },
  ],
  milestones: [{ title: 'Kick-off', dueOn: '2026-12-01', owner: 'Ray' }],
  pricingNote: '',
  roi: {
    investmentMinor: 100,
    yearlyBenefitMinor: 10,
    yearlySavingMinor: 5,
    paybackMonths: 80,
    threeYearRoiPercent: -55,
  },
  presentationActivityId: null,
  reviews: [],
  feedback: [],
  materials: [],
  can: { edit: true, submit: true, review: false, present: false },
};

describe('the proposal draft', () => {
  it('sends back what the contract accepts: no totals, no React keys, no computed ROI, no blank answers', () => {
    const draft = draftOf(proposal);
    draft.lines.push({
      key: newLineKey(),
      description: 'Training',
      quantity: 1,
      unitPriceMinor: 500,
      discountPercent: 0,
    });
    draft.answers['01a20d59-0000-7000-8000-000000000002'] = '   ';
    const body = bodyOf(draft, proposal.version);
    const parsed = updateProposal.body.safeParse(body);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(body.lines?.[0]).toEqual({
      id: '01a20d59-0000-7000-8000-0000000000aa',
      description: 'Licences',
      quantity: 25,
      unitPriceMinor: 120_000,
      discountPercent: 12.5,
    });
    expect(body.lines?.[1]).not.toHaveProperty('id');
    expect(body.roi).toEqual({ investmentMinor: 100, yearlyBenefitMinor: 10, yearlySavingMinor: 5 });
    expect(Object.keys(body.answers ?? {})).toEqual(['01a20d59-0000-7000-8000-000000000001']);
    expect(body.version).toBe(3);
  });
});
