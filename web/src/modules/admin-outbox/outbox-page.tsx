import { listFailedJobs } from '@contracts/admin.contract';
import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../shared/page-title';
import { useSession } from '../auth/use-session';
import { FailedJobsTab } from './failed-jobs-tab';
import { OutboxTab } from './outbox-tab';

export function OutboxPage() {
  const { t } = useTranslation();
  const me = useSession();
  const canSeeJobs = me.permissions.includes(listFailedJobs.permission);
  return (
    <>
      <PageTitle>{t('nav.outbox')}</PageTitle>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'mails', label: t('outbox.mails'), children: <OutboxTab /> },
          ...(canSeeJobs
            ? [{ key: 'jobs', label: t('outbox.failedJobs'), children: <FailedJobsTab /> }]
            : []),
        ]}
      />
    </>
  );
}
