/**
 * Customers module: accounts with their profile, contacts with the decision chain, managed customer tags;
 * and what other modules call: the duplicate check's look-up, conversion's creates, activities' timestamps; the public pool's sweep job.
 */

export { canSeeCustomer } from './customers.policy';
export { registerCustomerRoutes } from './customers.routes';
export {
  type ContactRow,
  type CustomerRow,
  createContact,
  createCustomer,
  findKnown,
  getContact,
  getCustomer,
  type KnownMatch,
  type NewContact,
  type NewCustomer,
  noteActivity,
} from './customers.service';
export { type DemoAccount, demoAccounts } from './demo/demo-accounts';
export { seedDemoCustomers } from './demo/seed-demo-customers';
export { poolSweepJob } from './pool/pool-sweep';
export { customerAndContactNames } from './record-names';
