import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useSession } from '../auth/use-session';
import { LEAD_TABS } from './lead-tabs';

/** The leads area: a tab per screen the user may open, then the screen. */
export function LeadsLayout() {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const tabs = LEAD_TABS.filter((tab) => !tab.permission || me.permissions.includes(tab.permission));
  const active = [...tabs]
    .sort((a, b) => b.path.length - a.path.length)
    .find((tab) => pathname.startsWith(tab.path));
  return (
    <>
      {tabs.length > 1 && (
        <Tabs
          activeKey={active?.key}
          onChange={(key) => {
            const tab = tabs.find((x) => x.key === key);
            if (tab) navigate(tab.path);
          }}
          items={tabs.map((tab) => ({ key: tab.key, label: t(`leads.tabs.${tab.key}`) }))}
          style={{ marginBottom: 8 }}
        />
      )}
      <Outlet />
    </>
  );
}
