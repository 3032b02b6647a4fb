import type { RouteObject } from 'react-router';
import { RequirePermission } from '../../app/require-permission';
import { ContactListPage } from './contacts/contact-list-page';
import { CustomerPage } from './detail/customer-page';
import { CustomerListPage } from './list/customer-list-page';
import { PoolPage } from './pool/pool-page';
import { PoolSettingsPage } from './pool/pool-settings-page';
import { CustomerTagsPage } from './tags/customer-tags-page';

/** Routes under /customers: the list, contacts, the public pool and its rules, managed tags and a customer's page (`:id`). */
export const customerRoutes: RouteObject[] = [
  { index: true, element: <CustomerListPage /> },
  { path: 'contacts', element: <ContactListPage /> },
  { path: 'pool', element: <PoolPage /> },
  {
    path: 'pool-settings',
    element: (
      <RequirePermission permission="customers.configure">
        <PoolSettingsPage />
      </RequirePermission>
    ),
  },
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
