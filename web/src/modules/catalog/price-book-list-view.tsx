import type { PriceBook } from '@contracts/catalog.contract';
import { Button, Flex, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/error-alert';
import { PriceBookDrawer } from './price-book-drawer';
import { PricePreview } from './price-preview';
import { usePriceBooks } from './use-catalog';

/** The price books, highest priority first, with who they apply to and when; a row opens its editor. */
export function PriceBookListView({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const books = usePriceBooks();
  const [open, setOpen] = useState<string | 'new' | null>(null);
  return (
    <>
      <Flex justify="flex-end" style={{ marginBottom: 12 }}>
        {canManage && (
          <Button type="primary" onClick={() => setOpen('new')}>
            {t('catalog.books.new')}
          </Button>
        )}
      </Flex>
      {books.error && <ErrorAlert error={books.error} />}
      <Table<PriceBook>
        rowKey="id"
        size="middle"
        loading={books.isLoading}
        dataSource={books.data ?? []}
        pagination={false}
        onRow={(row) => ({ onClick: () => setOpen(row.id), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('catalog.books.name'),
            render: (_, b) => (
              <>
                {b.name} {!b.active && <Tag>{t('catalog.status.archived')}</Tag>}
              </>
            ),
          },
          { title: t('catalog.books.currency'), dataIndex: 'currency', width: 90 },
          {
            title: t('catalog.books.criteria'),
            render: (_, b) =>
              !b.customerTier && !b.region && !b.channel ? (
                t('catalog.books.anyone')
              ) : (
                <Space size={4} wrap>
                  {b.customerTier && <Tag color="gold">{t(`catalog.tiers.${b.customerTier}`)}</Tag>}
                  {b.region && <Tag color="blue">{b.region}</Tag>}
                  {b.channel && <Tag color="green">{b.channel}</Tag>}
                </Space>
              ),
          },
          {
            title: t('catalog.books.validity'),
            render: (_, b) =>
              !b.validFrom && !b.validTo
                ? t('catalog.books.always')
                : `${b.validFrom ?? '…'} – ${b.validTo ?? '…'}`,
          },
          { title: t('catalog.books.priority'), dataIndex: 'priority', align: 'right', width: 90 },
          { title: t('catalog.books.entries'), dataIndex: 'entryCount', align: 'right', width: 90 },
        ]}
      />
      <PricePreview />
      {open !== null && (
        <PriceBookDrawer
          bookId={open === 'new' ? null : open}
          canManage={canManage}
          onClose={() => setOpen(null)}
          onCreated={(id) => setOpen(id)}
        />
      )}
    </>
  );
}
