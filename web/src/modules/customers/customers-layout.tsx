import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useSession } from '../auth/use-session';
import { CUSTOMER_TABS } from './customer-tabs';

/** The customers area: a tab per screen the user may open, then the screen. */
export function CustomersLayout() {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const tabs = CUSTOMER_TABS.filter((tab) => !tab.permission || me.permissions.includes(tab.permission));
  const active = [...tabs]
    .sort((a, b) => b.path.length - a.path.length)
    .find((tab) => pathname.startsWith(tab.path));
  return (
    <>
      <Tabs
        activeKey={active?.key}
        onChange={(key) => {
          const tab = tabs.find((x) => x.key === key);
          if (tab) navigate(tab.path);
        }}
        items={tabs.map((tab) => ({ key: tab.key, label: t(`customers.tabs.${tab.key}`) }))}
        style={{ marginBottom: 8 }}
      />
      <Outlet />
    </>
  );
}
