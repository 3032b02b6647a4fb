import type { Contract, PatchContractInput } from '@contracts/contracts.contract';
import type { z } from 'zod';

/**
 * Which lifecycle actions the user may take on the contract, as the server says (`contract.can`: the owner's
 * side, completing an active contract and terminating a signed or active one once counter-signed, dates until
 * it is closed); the title changes only while it is a draft.
 */
export function lifecycleActions(contract: Pick<Contract, 'can'>) {
  return {
    complete: contract.can.complete,
    terminate: contract.can.terminate,
    editDates: contract.can.editTerm,
    editTitle: contract.can.edit,
  };
}

export type TermValues = {
  title: string;
  startsOn: string | null;
  endsOn: string | null;
  deliveryDueOn: string | null;
};

/** The PATCH body: only what changed (an untouched title is not sent, so a non-draft can change its dates). */
export function termPatch(
  contract: Pick<Contract, 'title' | 'startsOn' | 'endsOn' | 'deliveryDueOn' | 'version'>,
  values: TermValues,
): z.input<typeof PatchContractInput> {
  const body: z.input<typeof PatchContractInput> = { version: contract.version };
  const title = values.title.trim();
  if (title && title !== contract.title) body.title = title;
  for (const key of ['startsOn', 'endsOn', 'deliveryDueOn'] as const) {
    const value = values[key] || null;
    if (value !== contract[key]) body[key] = value;
  }
  return body;
}

/** An end date before the start (the server refuses it as well). */
export const termInverted = (v: Pick<TermValues, 'startsOn' | 'endsOn'>) =>
  Boolean(v.startsOn && v.endsOn && v.endsOn < v.startsOn);
