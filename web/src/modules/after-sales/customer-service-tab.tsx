import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/error-alert';
import { LoadMore } from '../../shared/load-more';
import { ComplaintDialog, type ComplaintTarget } from './complaint-dialog';
import { ComplaintsTable } from './complaints-table';
import { UsageCard } from './usage-card';
import { useComplaintList } from './use-after-sales';

type CustomerServiceTabProps = { customerId: string; customerName: string; editable: boolean };

/** A customer's "Service" tab: their complaints, with one to record, and their reported product usage. */
export function CustomerServiceTab({ customerId, customerName, editable }: CustomerServiceTabProps) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<ComplaintTarget | null>(null);
  const list = useComplaintList({ customerId, limit: 50 });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('afterSales.complaints.title')}
        </Typography.Title>
        {editable && (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setTarget({ kind: 'new', customerId, customerName })}
          >
            {t('afterSales.complaints.record')}
          </Button>
        )}
      </Flex>
      {list.isError && <ErrorAlert error={list.error} />}
      <ComplaintsTable complaints={items} loading={list.isLoading} editable={editable} />
      <LoadMore
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onLoad={() => list.fetchNextPage()}
      />
      <div style={{ marginTop: 16 }}>
        <UsageCard customerId={customerId} />
      </div>
      <ComplaintDialog target={target} onClose={() => setTarget(null)} />
    </>
  );
}
