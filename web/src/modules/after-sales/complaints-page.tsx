import { PlusOutlined } from '@ant-design/icons';
import {
  COMPLAINT_SEVERITIES,
  COMPLAINT_STATUSES,
  type ComplaintSeverity,
  type ComplaintStatus,
} from '@contracts/after-sales.contract';
import { Button, Checkbox, Flex, Select, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/error-alert';
import { LoadMore } from '../../shared/load-more';
import { PageTitle } from '../../shared/page-title';
import { useSession } from '../auth/use-session';
import { ComplaintDialog, type ComplaintTarget } from './complaint-dialog';
import { ComplaintsTable } from './complaints-table';
import { type ComplaintListQuery, useComplaintList } from './use-after-sales';

/**
 * /after-sales/complaints: the complaints of every customer the user may see, open ones by default, filtered by
 * severity and by who handles them, a page at a time.
 */
export function ComplaintsPage() {
  const { t } = useTranslation();
  const me = useSession();
  const [status, setStatus] = useState<ComplaintStatus | undefined>('open');
  const [severity, setSeverity] = useState<ComplaintSeverity | undefined>(undefined);
  const [mine, setMine] = useState(false);
  const [creating, setCreating] = useState<ComplaintTarget | null>(null);
  const query: ComplaintListQuery = { status, severity, ownerId: mine ? me.user.id : undefined, limit: 50 };
  const list = useComplaintList(query);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageTitle
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating({ kind: 'new' })}>
            {t('afterSales.complaints.record')}
          </Button>
        }
      >
        {t('module.delivery')}
      </PageTitle>
      {/* The area's views as tabs, as in the other modules; complaints are its first. */}
      <Tabs activeKey="complaints" items={[{ key: 'complaints', label: t('afterSales.complaints.title') }]} />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Select<ComplaintStatus>
          allowClear
          aria-label={t('afterSales.complaints.status')}
          placeholder={t('afterSales.complaints.anyStatus')}
          style={{ width: 160 }}
          value={status}
          onChange={setStatus}
          options={COMPLAINT_STATUSES.map((s) => ({
            value: s,
            label: t(`afterSales.complaints.statusName.${s}`),
          }))}
        />
        <Select<ComplaintSeverity>
          allowClear
          aria-label={t('afterSales.complaints.severity')}
          placeholder={t('afterSales.complaints.anySeverity')}
          style={{ width: 160 }}
          value={severity}
          onChange={setSeverity}
          options={COMPLAINT_SEVERITIES.map((s) => ({
            value: s,
            label: t(`afterSales.complaints.severityName.${s}`),
          }))}
        />
        <Checkbox checked={mine} onChange={(e) => setMine(e.target.checked)}>
          {t('afterSales.complaints.mine')}
        </Checkbox>
      </Flex>
      {list.isError && <ErrorAlert error={list.error} />}
      <ComplaintsTable complaints={items} loading={list.isLoading} showCustomer />
      <LoadMore
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onLoad={() => list.fetchNextPage()}
      />
      <ComplaintDialog target={creating} onClose={() => setCreating(null)} />
    </>
  );
}
