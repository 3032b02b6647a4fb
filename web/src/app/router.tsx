import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import { createBrowserRouter, Navigate } from 'react-router';
import { CalendarPage } from '../modules/activities/calendar/calendar-page';
import { DailyLogPage } from '../modules/activities/daily-log/daily-log-page';
import { MyDayPage } from '../modules/activities/my-day/my-day-page';
import { AuditPage } from '../modules/admin-audit/audit-page';
import { CustomFieldsPage } from '../modules/admin-custom-fields/custom-fields-page';
import { OutboxPage } from '../modules/admin-outbox/outbox-page';
import { RolesPage } from '../modules/admin-roles/roles-page';
import { SettingsPage } from '../modules/admin-settings/settings-page';
import { TeamsPage } from '../modules/admin-teams/teams-page';
import { UsersPage } from '../modules/admin-users/users-page';
import { afterSalesRoutes } from '../modules/after-sales/after-sales-routes';
import { AuthLayout } from '../modules/auth/auth-layout';
import { ForgotPasswordPage } from '../modules/auth/forgot-password-page';
import { InvitePage } from '../modules/auth/invite-page';
import { LoginPage } from '../modules/auth/login-page';
import { ResetPasswordPage } from '../modules/auth/reset-password-page';
import { SetupPage } from '../modules/auth/setup-page';
import { customerRoutes } from '../modules/customers/customer-routes';
import { CustomersLayout } from '../modules/customers/customers-layout';
import { dealRoutes } from '../modules/deals/deal-routes';
import { DealsLayout } from '../modules/deals/deals-layout';
import { NeedsOverviewPage } from '../modules/deals/overview/needs-overview-page';
import { NegotiationOverviewPage } from '../modules/deals/overview/negotiation-overview-page';
import { ProposalsOverviewPage } from '../modules/deals/overview/proposals-overview-page';
import { leadRoutes } from '../modules/leads/lead-routes';
import { LeadsLayout } from '../modules/leads/leads-layout';
import { ProfilePage } from '../modules/me/profile-page';
import { QuoteToCashLayout } from '../modules/quote-to-cash/quote-to-cash-layout';
import { quoteToCashRoutes } from '../modules/quote-to-cash/quote-to-cash-routes';
import { ModulePage } from '../modules/shell/module-page';
import type { AdminKey, ModuleKey } from '../modules/shell/nav-items';
import { ADMIN_PAGES, SALES_MODULES } from '../modules/shell/nav-items';
import { AppLayout } from './app-layout';
import { NotFoundPage } from './not-found-page';
import { RedirectIfSignedIn } from './redirect-if-signed-in';
import { RequirePermission } from './require-permission';
import { RequireSession } from './require-session';

/** Sales modules with screens of their own (the others show their name only). */
const BUILT_MODULES = new Set<ModuleKey>([
  'leads',
  'customers',
  'deals',
  'needs',
  'proposals',
  'negotiation',
  'quoteToCash',
  'delivery',
]);

const ADMIN_SCREENS: Record<AdminKey, ReactNode> = {
  users: <UsersPage />,
  teams: <TeamsPage />,
  roles: <RolesPage />,
  settings: <SettingsPage />,
  audit: <AuditPage />,
  outbox: <OutboxPage />,
  customFields: <CustomFieldsPage />,
};

export const routes: RouteObject[] = [
  {
    element: <AuthLayout />,
    children: [
      {
        element: <RedirectIfSignedIn />,
        children: [
          { path: 'login', element: <LoginPage /> },
          { path: 'setup', element: <SetupPage /> },
        ],
      },
      { path: 'forgot-password', element: <ForgotPasswordPage /> },
      { path: 'reset-password', element: <ResetPasswordPage /> },
      { path: 'invite', element: <InvitePage /> },
    ],
  },
  {
    element: <RequireSession />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <Navigate to={SALES_MODULES[0]?.path ?? '/profile'} replace /> },
          { path: 'leads', element: <LeadsLayout />, children: leadRoutes },
          { path: 'my-day', element: <MyDayPage /> },
          { path: 'calendar', element: <CalendarPage /> },
          { path: 'daily-log', element: <DailyLogPage /> },
          { path: 'customers', element: <CustomersLayout />, children: customerRoutes },
          { path: 'deals', element: <DealsLayout />, children: dealRoutes },
          { path: 'needs', element: <NeedsOverviewPage /> },
          { path: 'proposals', element: <ProposalsOverviewPage /> },
          { path: 'negotiation', element: <NegotiationOverviewPage /> },
          { path: 'quote-to-cash', element: <QuoteToCashLayout />, children: quoteToCashRoutes },
          { path: 'after-sales', children: afterSalesRoutes },
          ...SALES_MODULES.filter((m) => !BUILT_MODULES.has(m.key)).map((m) => ({
            path: m.path,
            element: <ModulePage key={m.key} module={m.key} />,
          })),
          ...ADMIN_PAGES.map((p) => ({
            path: p.path,
            element: <RequirePermission permission={p.permission}>{ADMIN_SCREENS[p.key]}</RequirePermission>,
          })),
          { path: 'profile', element: <ProfilePage /> },
          { path: 'profile/tokens', element: <ProfilePage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
