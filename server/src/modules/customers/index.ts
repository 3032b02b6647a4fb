/** Customers module: accounts and their contacts (today: created by lead conversion, found by the duplicate check). */
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
} from './customers.service';
