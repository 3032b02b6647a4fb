import type { RouteObject } from 'react-router';
import { RequirePermission } from '../../app/require-permission';
import { ContactListPage } from './contacts/contact-list-page';
import { CustomerPage } from './detail/customer-page';
import { CustomerListPage } from './list/customer-list-page';
import { CustomerTagsPage } from './tags/customer-tags-page';

/** Routes under /customers: the list, contacts, managed tags and a customer's page (`:id`). */
export const customerRoutes: RouteObject[] = [
  { index: true, element: <CustomerListPage /> },
  { path: 'contacts', element: <ContactListPage /> },
  {
    path: 'tags',
    element: (
      <RequirePermission permission="customers.configure">
        <CustomerTagsPage />
      </RequirePermission>
    ),
  },
  { path: ':id', element: <CustomerPage /> },
];
