import {
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  ContactsOutlined,
  FileTextOutlined,
  FormOutlined,
  FunnelPlotOutlined,
  IdcardOutlined,
  MailOutlined,
  MessageOutlined,
  ProfileOutlined,
  RiseOutlined,
  ScheduleOutlined,
  SettingOutlined,
  SolutionOutlined,
  TeamOutlined,
  ToolOutlined,
  TransactionOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { MenuProps } from 'antd';
import { Menu } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useSession } from '../auth/use-session';
import type { AdminKey, ModuleKey } from './nav-items';
import { ADMIN_PAGES, SALES_MODULES, WORK_PAGES, type WorkKey } from './nav-items';

const MODULE_ICONS: Record<ModuleKey, ReactNode> = {
  leads: <FunnelPlotOutlined />,
  deals: <RiseOutlined />,
  needs: <SolutionOutlined />,
  proposals: <FileTextOutlined />,
  negotiation: <MessageOutlined />,
  quoteToCash: <TransactionOutlined />,
  delivery: <ToolOutlined />,
  customers: <ContactsOutlined />,
  planning: <BarChartOutlined />,
};

const WORK_ICONS: Record<WorkKey, ReactNode> = {
  myDay: <ScheduleOutlined />,
  calendar: <CalendarOutlined />,
  dailyLog: <ProfileOutlined />,
};

const ADMIN_ICONS: Record<AdminKey, ReactNode> = {
  users: <UserOutlined />,
  teams: <TeamOutlined />,
  roles: <IdcardOutlined />,
  settings: <SettingOutlined />,
  audit: <AuditOutlined />,
  outbox: <MailOutlined />,
  customFields: <FormOutlined />,
};

export function SideNav() {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const adminPages = ADMIN_PAGES.filter((page) => me.permissions.includes(page.permission));
  const items: MenuProps['items'] = [
    {
      type: 'group',
      key: 'work',
      label: t('activities.nav.group'),
      children: WORK_PAGES.map((p) => ({
        key: p.path,
        icon: WORK_ICONS[p.key],
        label: t(`activities.nav.${p.key}`),
      })),
    },
    {
      type: 'group',
      key: 'sales',
      label: t('nav.sales'),
      children: SALES_MODULES.map((m) => ({
        key: m.path,
        icon: MODULE_ICONS[m.key],
        label: t(`module.${m.key}`),
      })),
    },
    ...(adminPages.length
      ? [
          {
            type: 'group' as const,
            key: 'admin',
            label: t('nav.admin'),
            children: adminPages.map((p) => ({
              key: p.path,
              icon: ADMIN_ICONS[p.key],
              label: t(`nav.${p.key}`),
            })),
          },
        ]
      : []),
  ];
  const selected = [...WORK_PAGES, ...SALES_MODULES, ...adminPages].find(
    (entry) => pathname === entry.path || pathname.startsWith(`${entry.path}/`),
  );
  return (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected.path] : []}
      onClick={({ key }) => void navigate(key)}
      style={{ height: '100%', borderInlineEnd: 0 }}
    />
  );
}
