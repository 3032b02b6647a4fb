import { Layout, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { NotificationBell } from '../modules/notifications/notification-bell';
import { SideNav } from '../modules/shell/side-nav';
import { UserMenu } from '../modules/shell/user-menu';

/** The signed-in frame: product bar with the notification bell and account menu on top, navigation on the left. */
export function AppLayout() {
  const { t } = useTranslation();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', paddingInline: 24 }}
      >
        <Typography.Text strong style={{ color: '#fff', fontSize: 18 }}>
          {t('app.name')}
        </Typography.Text>
        <Space size={4}>
          <NotificationBell />
          <UserMenu />
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider theme="light" width={232} breakpoint="lg" collapsedWidth={0}>
          <SideNav />
        </Layout.Sider>
        <Layout.Content style={{ padding: 24, minWidth: 0 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
