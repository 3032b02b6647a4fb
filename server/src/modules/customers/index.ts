/**
 * Customers module: accounts with their profile, contacts with the decision chain, managed customer tags;
 * and what other modules call: the duplicate check's look-up, conversion's creates, activities' timestamps; the public pool's sweep job.
 */

export { addCustomerCustomValues } from './carry-custom-values';
export { customerOpenToSql, customerOwnership } from './customer-access';
export { applyCustomerGrades, customerFactsSql } from './customer-grades';
export {
  type CustomerCaller,
  readableCustomer,
  soleTeamOf,
  viewerOf,
  visibleCustomer,
} from './customer-profile.service';
export { canReadCustomer, canSeeCustomer } from './customers.policy';
export { namesOf, visibleCustomersSql } from './customers.queries';
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
export { contacts, customers } from './customers.tables';
export { type DemoAccount, demoAccounts } from './demo/demo-accounts';
export { seedDemoCustomers } from './demo/seed-demo-customers';
export { recordImportJobs } from './import/record-import.jobs';
export { registerRecordImportRoutes } from './import/record-import.routes';
export { poolSweepJob } from './pool/pool-sweep';
export { type ContactCard, contactCards, customerAndContactNames } from './record-names';
