import { Badge, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { PageTitle } from '../../shared/page-title';
import { useMyPendingApprovals } from '../approvals/use-approvals';
import { useSession } from '../auth/use-session';
import { QUOTE_TO_CASH_TABS } from './quote-to-cash-tabs';

/**
 * The quote-to-cash area: a tab per view the user may open, then the view. A record's own page (a quote, a
 * contract) shows without the tab bar. The approvals tab counts the requests waiting for the user's decision.
 */
export function QuoteToCashLayout() {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const pending = useMyPendingApprovals();
  const tabs = QUOTE_TO_CASH_TABS.filter((tab) => !tab.permission || me.permissions.includes(tab.permission));
  const first = tabs[0];
  if (pathname === '/quote-to-cash' && first) return <Navigate to={first.path} replace />;
  const active = tabs.find((tab) => pathname === tab.path || pathname.startsWith(`${tab.path}/`));
  // Record pages (`/quote-to-cash/quotes/:id`) take the whole page.
  const onRecord = active !== undefined && pathname !== active.path && !active.path.endsWith('/catalog');
  if (!active || onRecord) return <Outlet />;
  return (
    <>
      <PageTitle>{t('module.quoteToCash')}</PageTitle>
      <Tabs
        activeKey={active.key}
        onChange={(key) => {
          const tab = tabs.find((x) => x.key === key);
          if (tab) navigate(tab.path);
        }}
        items={tabs.map((tab) => ({
          key: tab.key,
          label:
            tab.key === 'approvals' ? (
              <Badge count={pending.data?.count ?? 0} size="small" offset={[8, -2]}>
                {t('quoteToCash.tabs.approvals')}
              </Badge>
            ) : (
              t(`quoteToCash.tabs.${tab.key}`)
            ),
        }))}
        style={{ marginBottom: 8 }}
      />
      <Outlet />
    </>
  );
}
