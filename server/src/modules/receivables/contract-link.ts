import { visibilityOf } from '../../platform/access';
import type { Tx } from '../../platform/db/database';
import { AppError } from '../../platform/http/errors';
import {
  type ContractCashFacts,
  contractCashFacts,
  contractFor,
  contractsOfCustomer,
  markRenewalReminded,
  renewalCandidates,
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

/**
 * Which of `contractIds` the caller may see: all of them for company-wide roles; otherwise each through the
 * contracts module's door (a rep's or manager's open receivables are a short list).
 */
export async function visibleContractIds(
  tx: Tx,
  caller: CustomerCaller,
  contractIds: readonly string[],
): Promise<Set<string>> {
  const unique = [...new Set(contractIds)];
  if (visibilityOf(caller.role) === 'tenant') return new Set(unique);
  const visible = new Set<string>();
  for (const id of unique) {
    try {
      await contractFor(tx, caller, id, 'read');
      visible.add(id);
    } catch (error) {
      if (!(error instanceof AppError) || (error.code !== 'not_found' && error.code !== 'forbidden'))
        throw error;
    }
  }
  return visible;
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
};
