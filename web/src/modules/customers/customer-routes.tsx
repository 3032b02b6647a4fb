import type { RouteObject } from 'react-router';
import { RequirePermission } from '../../app/require-permission';
import { ContactListPage } from './contacts/contact-list-page';
import { CustomerPage } from './detail/customer-page';
import { EmailTemplatesPage } from './email/email-templates-page';
import { RecordImportPage } from './import/record-import-page';
import { CustomerListPage } from './list/customer-list-page';
import { mergeRoutes } from './merge/merge-routes';
import { PoolPage } from './pool/pool-page';
import { PoolSettingsPage } from './pool/pool-settings-page';
import { AtRiskPage } from './retention/at-risk-page';
import { RetentionSettingsPage } from './retention/retention-settings-page';
import { CustomerTagsPage } from './tags/customer-tags-page';

/**
 * Routes under /customers: the list, contacts, their imports, customers at risk, the public pool and its rules, managed tags,
 * the retention rules and a customer's page (`:id`).
 */
export const customerRoutes: RouteObject[] = [
  { index: true, element: <CustomerListPage /> },
  { path: 'contacts', element: <ContactListPage /> },
  { path: 'import', element: <RecordImportPage object="customer" /> },
  { path: 'contacts/import', element: <RecordImportPage object="contact" /> },
  { path: 'at-risk', element: <AtRiskPage /> },
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
    path: 'retention-settings',
    element: (
      <RequirePermission permission="customers.configure">
        <RetentionSettingsPage />
      </RequirePermission>
    ),
  },
  {
    path: 'email-templates',
    element: (
      <RequirePermission permission="customers.configure">
        <EmailTemplatesPage />
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
  ...mergeRoutes,
  { path: ':id', element: <CustomerPage /> },
];
