import type { Tx } from '../../platform/db/database';
import { AppError } from '../../platform/http/errors';
import {
  type ContractCashFacts,
  contractCashFacts,
  contractFor,
  contractsOfCustomer,
  markRenewalReminded,
  renewalCandidates,
  visibleContractIds,
} from '../contracts';
import type { CustomerCaller } from '../customers';

/**
 * Every read and write receivables makes on contracts, in one place, through the contracts module's index:
 * `contractFor` is the door (whoever may see the contract's deal sees the contract and its cash).
 */

export type CashContract = ContractCashFacts;

/** Statuses before signing: no money is received or invoiced on them yet. */
const UNSIGNED = new Set(['draft', 'in_review', 'approved', 'sent']);

export function isSigned(contract: Pick<CashContract, 'status'>): boolean {
  return !UNSIGNED.has(contract.status);
}

export async function cashContract(
  tx: Tx,
  caller: CustomerCaller,
  contractId: string,
): Promise<CashContract> {
  const row = await contractFor(tx, caller, contractId, 'read');
  const facts = (await contractCashFacts(tx, caller.actor.tenantId, [row.id])).get(row.id);
  if (!facts) throw new AppError('not_found');
  return facts;
}

/** Contract numbers by id, for lists. */
export async function contractNumbers(
  tx: Tx,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const facts = await contractCashFacts(tx, tenantId, ids);
  return new Map([...facts].map(([id, c]) => [id, c.number]));
}

export {
  contractCashFacts as contractFacts,
  contractsOfCustomer,
  markRenewalReminded,
  renewalCandidates as liveContractsEnding,
  visibleContractIds,
};
