import type { Milestone, Proposal, RoiInput } from '@contracts/deal-proposals.contract';
import type { ProposalBody } from './use-proposals';

/** A line being edited: the server assigns ids to new lines (the key is only React's). */
export type DraftLine = {
  key: string;
  id?: string;
  description: string;
  quantity: number;
  unitPriceMinor: number;
  discountPercent: number;
};

export type DraftRoi = Required<RoiInput>;

/** What the editor changes of a version before it saves. */
export type ProposalDraft = {
  title: string;
  overview: string;
  valueProposition: string;
  pricingNote: string;
  currency: string;
  lines: DraftLine[];
  milestones: Milestone[];
  roi: DraftRoi | null;
  answers: Record<string, string>;
};

let nextKey = 0;
export const newLineKey = () => `new-${++nextKey}`;

export function draftOf(p: Proposal): ProposalDraft {
  return {
    title: p.title,
    overview: p.overview,
    valueProposition: p.valueProposition,
    pricingNote: p.pricingNote,
    currency: p.currency,
    lines: p.lines.map(({ totalMinor: _total, ...line }) => ({ ...line, key: line.id })),
    milestones: p.milestones,
    roi: p.roi
      ? {
          investmentMinor: p.roi.investmentMinor,
          yearlyBenefitMinor: p.roi.yearlyBenefitMinor,
          yearlySavingMinor: p.roi.yearlySavingMinor,
        }
      : null,
    answers: { ...p.answers },
  };
}

/** The PATCH body of a draft: lines without their keys, blank answers left out (the pain point stays flagged). */
export function bodyOf(draft: ProposalDraft, version: number): ProposalBody {
  return {
    version,
    title: draft.title,
    overview: draft.overview,
    valueProposition: draft.valueProposition,
    pricingNote: draft.pricingNote,
    currency: draft.currency,
    lines: draft.lines.map(({ key: _key, ...line }) => line),
    milestones: draft.milestones,
    roi: draft.roi,
    answers: Object.fromEntries(Object.entries(draft.answers).filter(([, text]) => text.trim() !== '')),
  };
}
