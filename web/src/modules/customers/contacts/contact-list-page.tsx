import { ClearOutlined } from '@ant-design/icons';
import { ATTITUDES, CONTACT_SORTS, ContactFilter, DECISION_ROLES } from '@contracts/customers.contract';
import { Button, Flex, Input, Select, Typography } from 'antd';
import { type UIEvent, useCallback, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../shared/error-alert';
import { OwnerFilter } from '../../leads/list/owner-filter';
import { useFillHeight } from '../../leads/list/use-fill-height';
import { ContactsTable } from '../detail/contacts-table';
import { RecordImportButtons } from '../import/record-import-buttons';
import { joinCsv, readFilters, readSort, splitCsv, type UrlFilters, writeFilters } from '../url-filters';
import { useContactList } from '../use-customers';
import { ContactDrawer } from './contact-drawer';

const PREFETCH_PX = 800;

/**
 * Every contact of the customers the user may see, filtered by role, attitude and owner; `?open=<id>`
 * opens a contact's drawer (links from duplicate warnings land here).
 */
export function ContactListPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => readFilters(search, ContactFilter), [search]);
  const sort = useMemo(() => readSort(search, CONTACT_SORTS, '-createdAt'), [search]);
  const openId = search.get('open');
  const go = (next: UrlFilters, open: string | null = null) => {
    const params = writeFilters(next, sort, '-createdAt');
    if (open) params.set('open', open);
    setSearch(params);
  };
  const set = (patch: Record<string, string | undefined>) => {
    const next: UrlFilters = {};
    for (const [key, v] of Object.entries({ ...filters, ...patch })) if (v) next[key] = v;
    go(next);
  };
  const list = useContactList({ ...filters, sort });
  const tableTop = useRef<HTMLDivElement>(null);
  const scrollY = useFillHeight(tableTop, 140, 320);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  const onScroll = useCallback(
    (e: UIEvent<HTMLDivElement>) => {
      const el = e.currentTarget;
      if (
        hasNextPage &&
        !isFetchingNextPage &&
        el.scrollHeight - el.scrollTop - el.clientHeight < PREFETCH_PX
      ) {
        void fetchNextPage();
      }
    },
    [hasNextPage, isFetchingNextPage, fetchNextPage],
  );
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('customers.contacts.listTitle')}
        </Typography.Title>
        <Flex wrap gap={8}>
          <RecordImportButtons object="contact" filter={filters} />
        </Flex>
      </Flex>
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Input.Search
          key={filters.q ?? ''}
          allowClear
          aria-label={t('customers.filters.search')}
          placeholder={t('customers.contacts.name')}
          defaultValue={filters.q}
          onSearch={(q) => set({ q: q.trim() || undefined })}
          style={{ width: 240 }}
        />
        <OwnerFilter value={filters.ownerId} onChange={(ownerId) => set({ ownerId })} />
        <Select<string[]>
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          aria-label={t('customers.filters.role')}
          placeholder={t('customers.filters.role')}
          value={splitCsv(filters.role)}
          onChange={(v) => set({ role: joinCsv(v) })}
          options={DECISION_ROLES.map((r) => ({ value: r, label: t(`customers.role.${r}`) }))}
          popupMatchSelectWidth={false}
          style={{ minWidth: 150 }}
        />
        <Select<string[]>
          mode="multiple"
          allowClear
          aria-label={t('customers.filters.attitude')}
          placeholder={t('customers.filters.attitude')}
          value={splitCsv(filters.attitude)}
          onChange={(v) => set({ attitude: joinCsv(v) })}
          options={ATTITUDES.map((a) => ({ value: a, label: t(`customers.attitude.${a}`) }))}
          popupMatchSelectWidth={false}
          style={{ minWidth: 130 }}
        />
        {Object.keys(filters).length > 0 && (
          <Button icon={<ClearOutlined />} onClick={() => go({})}>
            {t('customers.filters.clear')}
          </Button>
        )}
      </Flex>
      {list.isError && <ErrorAlert error={list.error} />}
      <div ref={tableTop} />
      <ContactsTable
        contacts={list.data ?? []}
        loading={list.isPending}
        withCustomer
        onOpen={(id) => go(filters, id)}
        scroll={{ y: scrollY }}
        onScroll={onScroll}
        footer={
          list.isFetchingNextPage
            ? () => <Typography.Text type="secondary">{t('customers.list.loadingMore')}</Typography.Text>
            : undefined
        }
      />
      <ContactDrawer target={openId ? { kind: 'existing', id: openId } : null} onClose={() => go(filters)} />
    </>
  );
}
