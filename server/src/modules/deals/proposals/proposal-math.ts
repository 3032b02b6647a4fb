import {
  computeRoi,
  lineTotalMinor,
  type Milestone,
  type ProposalLine,
  type ProposalLineInput,
  type Roi,
  type RoiInput,
} from '@contracts/deal-proposals.contract';
import { uuidv7 } from 'uuidv7';

/**
 * The arithmetic of a proposal, exact: a line's total is quantity × unit price × (1 − discount %), computed on
 * integers (quantity in thousandths, discount in hundredths of a percent) and rounded half up to a whole minor
 * unit per line; the proposal total is the sum of the line totals. Kept free of I/O so each rule is tested alone.
 */

/** Lines as stored: each with an id (new lines and repeated ids get a fresh one) and its total. */
export function priceLines(input: readonly ProposalLineInput[]): {
  lines: ProposalLine[];
  totalMinor: number;
} {
  const seen = new Set<string>();
  const lines = input.map((line) => {
    const id = line.id && !seen.has(line.id) ? line.id : uuidv7();
    seen.add(id);
    const priced = {
      id,
      description: line.description,
      quantity: line.quantity,
      unitPriceMinor: line.unitPriceMinor,
      discountPercent: line.discountPercent ?? 0,
    };
    return { ...priced, totalMinor: lineTotalMinor(priced) };
  });
  return { lines, totalMinor: lines.reduce((sum, line) => sum + line.totalMinor, 0) };
}

/** Stored lines read back (jsonb), with their totals recomputed so a reader never trusts a stale figure. */
export function storedLines(raw: readonly unknown[]): ProposalLine[] {
  return raw.flatMap((value) => {
    if (!value || typeof value !== 'object') return [];
    const v = value as Record<string, unknown>;
    if (typeof v.id !== 'string' || typeof v.description !== 'string') return [];
    const line = {
      id: v.id,
      description: v.description,
      quantity: Number(v.quantity) || 0,
      unitPriceMinor: Number(v.unitPriceMinor) || 0,
      discountPercent: Number(v.discountPercent) || 0,
    };
    return [{ ...line, totalMinor: lineTotalMinor(line) }];
  });
}

export function storedMilestones(raw: readonly unknown[]): Milestone[] {
  return raw.flatMap((value) => {
    if (!value || typeof value !== 'object') return [];
    const v = value as Record<string, unknown>;
    if (typeof v.title !== 'string') return [];
    return [
      {
        title: v.title,
        dueOn: typeof v.dueOn === 'string' ? v.dueOn : null,
        owner: typeof v.owner === 'string' ? v.owner : '',
      },
    ];
  });
}

/** The ROI inputs as stored (defaults applied). */
export function roiInputs(input: RoiInput): Required<RoiInput> {
  return {
    investmentMinor: input.investmentMinor,
    yearlyBenefitMinor: input.yearlyBenefitMinor ?? 0,
    yearlySavingMinor: input.yearlySavingMinor ?? 0,
  };
}

/** The stored ROI inputs (jsonb) with the computed payback and 3-year ROI. */
export function storedRoi(raw: Record<string, unknown> | null): Roi | null {
  if (!raw) return null;
  return computeRoi({
    investmentMinor: Number(raw.investmentMinor) || 0,
    yearlyBenefitMinor: Number(raw.yearlyBenefitMinor) || 0,
    yearlySavingMinor: Number(raw.yearlySavingMinor) || 0,
  });
}

export type LineChanges = {
  added: ProposalLine[];
  removed: ProposalLine[];
  changed: { before: ProposalLine; after: ProposalLine; fields: string[] }[];
};

const COMPARED_FIELDS = ['description', 'quantity', 'unitPriceMinor', 'discountPercent'] as const;
const normalised = (text: string) => text.trim().toLowerCase();

/**
 * What changed from one version's lines to the next: lines are the same line when they share an id (a copied
 * version keeps them), else when their descriptions match; what is left is added or removed.
 */
export function diffLines(before: readonly ProposalLine[], after: readonly ProposalLine[]): LineChanges {
  const unmatchedBefore = new Map(before.map((line) => [line.id, line]));
  const pairs: [ProposalLine, ProposalLine][] = [];
  const unmatchedAfter: ProposalLine[] = [];
  for (const line of after) {
    const same = unmatchedBefore.get(line.id);
    if (same) {
      unmatchedBefore.delete(line.id);
      pairs.push([same, line]);
    } else unmatchedAfter.push(line);
  }
  const added: ProposalLine[] = [];
  for (const line of unmatchedAfter) {
    const match = [...unmatchedBefore.values()].find(
      (old) => normalised(old.description) === normalised(line.description),
    );
    if (match) {
      unmatchedBefore.delete(match.id);
      pairs.push([match, line]);
    } else added.push(line);
  }
  const changed = pairs.flatMap(([old, line]) => {
    const fields = COMPARED_FIELDS.filter((field) => old[field] !== line[field]);
    return fields.length > 0 ? [{ before: old, after: line, fields: [...fields] }] : [];
  });
  return { added, removed: [...unmatchedBefore.values()], changed };
}
