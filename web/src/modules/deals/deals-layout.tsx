import { PlusOutlined } from '@ant-design/icons';
import { Button, Select, Space, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { PageTitle } from '../../shared/page-title';
import { useSession } from '../auth/use-session';
import { DealFormDrawer } from './deal-form-drawer';
import { DEAL_TABS } from './deal-tabs';
import { useDealFilters } from './use-deal-filters';

/**
 * The deals area: the title with the pipeline picker and "New deal", a tab per view the user may open, then
 * the view. A deal's own page (`/deals/:id`) shows without the tab bar.
 */
export function DealsLayout() {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  const { pipelines, pipeline, setPipeline } = useDealFilters();
  const [creating, setCreating] = useState(false);
  const tabs = DEAL_TABS.filter((tab) => !tab.permission || me.permissions.includes(tab.permission));
  const active = [...tabs]
    .sort((a, b) => b.path.length - a.path.length)
    .find((tab) => pathname === tab.path || pathname.startsWith(`${tab.path}/`));
  const inView = active !== undefined && (active.key !== 'board' || pathname === '/deals');
  if (!inView) return <Outlet />;
  const showPicker = active.key !== 'settings';
  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            {showPicker && (
              <Select<string>
                aria-label={t('deals.pipeline')}
                style={{ minWidth: 220 }}
                loading={pipelines.isPending}
                value={pipeline?.id}
                onChange={setPipeline}
                options={(pipelines.data ?? [])
                  .filter((p) => !p.archived)
                  .map((p) => ({ value: p.id, label: p.name }))}
              />
            )}
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('deals.create.button')}
            </Button>
          </Space>
        }
      >
        {t('module.deals')}
      </PageTitle>
      <Tabs
        activeKey={active.key}
        onChange={(key) => {
          const tab = tabs.find((x) => x.key === key);
          // The pipeline and filters travel with the address between views.
          if (tab) navigate(tab.key === 'settings' ? tab.path : `${tab.path}${search}`);
        }}
        items={tabs.map((tab) => ({ key: tab.key, label: t(`deals.tabs.${tab.key}`) }))}
        style={{ marginBottom: 8 }}
      />
      <Outlet />
      <DealFormDrawer open={creating} pipelineId={pipeline?.id} onClose={() => setCreating(false)} />
    </>
  );
}
