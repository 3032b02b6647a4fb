import type { RouteObject } from 'react-router';
import { ContactMergePage } from './contact-merge-page';
import { CustomerMergePage } from './customer-merge-page';

/** Routes under /customers for merging duplicates: a customer's and a contact's merge screens. */
export const mergeRoutes: RouteObject[] = [
  { path: ':id/merge/:sourceId', element: <CustomerMergePage /> },
  { path: 'contacts/:id/merge/:sourceId', element: <ContactMergePage /> },
];
