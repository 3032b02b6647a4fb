/**
 * Contracts module (DOMAIN.md §5): drafting from minutes and the accepted quote, numbering, legal review with
 * versions, built-in e-signature, the progress table and the handover to delivery; and what other modules call.
 */

export { type ContractCaller, type ContractRow, contractFor, visibleContractIds } from './contract-access';
export { type ContractName, contractNames } from './contract-links';
export { contractStatusJob } from './contract-status-sweep';
export { registerContractRoutes } from './contracts.routes';
export { seedDemoContracts } from './demo/seed-demo-contracts';
export {
  type ContractCashFacts,
  contractCashFacts,
  contractsOfCustomer,
  markRenewalReminded,
  renewalCandidates,
  signedContractsSql,
} from './receivable-links';
