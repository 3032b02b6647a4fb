import type { RouteObject } from 'react-router';
import { RequirePermission } from '../../app/require-permission';
import { CampaignsPage } from './campaigns/campaigns-page';
import { LeadPage } from './detail/lead-page';
import { LeadMergePage } from './detail/merge/lead-merge-page';
import { FormBuilderPage } from './forms/form-builder-page';
import { FormsPage } from './forms/forms-page';
import { ImportPage } from './import/import-page';
import { LeadListPage } from './list/lead-list-page';
import { NurturePage } from './nurture/nurture-page';
import { RoutingPage } from './routing/routing-page';
import { ScoringPage } from './scoring/scoring-page';
import { LeadSettingsPage } from './settings/lead-settings-page';
import { SlaPage } from './sla/sla-page';

/**
 * Routes under /leads, one per screen (the list is the index route, a lead's page is `:id`). Each screen adds
 * its entry here; paths match LEAD_TABS.
 */
export const leadRoutes: RouteObject[] = [
  { index: true, element: <LeadListPage /> },
  { path: ':id', element: <LeadPage /> },
  { path: ':id/merge/:otherId', element: <LeadMergePage /> },
  {
    path: 'import',
    element: (
      <RequirePermission permission="leads.import">
        <ImportPage />
      </RequirePermission>
    ),
  },
  {
    path: 'campaigns',
    element: (
      <RequirePermission permission="marketing.manage">
        <CampaignsPage />
      </RequirePermission>
    ),
  },
  {
    path: 'forms',
    element: (
      <RequirePermission permission="marketing.manage">
        <FormsPage />
      </RequirePermission>
    ),
  },
  {
    path: 'forms/new',
    element: (
      <RequirePermission permission="marketing.manage">
        <FormBuilderPage />
      </RequirePermission>
    ),
  },
  {
    path: 'forms/:formId',
    element: (
      <RequirePermission permission="marketing.manage">
        <FormBuilderPage />
      </RequirePermission>
    ),
  },
  {
    path: 'sla',
    element: (
      <RequirePermission permission="leads.assign">
        <SlaPage />
      </RequirePermission>
    ),
  },
  {
    path: 'routing',
    element: (
      <RequirePermission permission="leads.configure">
        <RoutingPage />
      </RequirePermission>
    ),
  },
  {
    path: 'nurture',
    element: (
      <RequirePermission permission="leads.configure">
        <NurturePage />
      </RequirePermission>
    ),
  },
  {
    path: 'settings',
    element: (
      <RequirePermission permission="leads.configure">
        <LeadSettingsPage />
      </RequirePermission>
    ),
  },
  // Everyone who sees leads reads the rules and the model; the page offers changes to configurers only.
  { path: 'scoring', element: <ScoringPage /> },
];
