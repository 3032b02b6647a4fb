import { FormOutlined, PlusOutlined } from '@ant-design/icons';
import { DEFAULT_LEAD_COLUMNS, type LeadListColumn, type LeadView } from '@contracts/lead-views.contract';
import type { LeadSummary } from '@contracts/leads.contract';
import type { TableProps } from 'antd';
import { App, Button, Empty, Flex, Space, Table, Typography } from 'antd';
import { type UIEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../shared/error-alert';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useSession } from '../../auth/use-session';
import { ExportLeadsButton } from '../export-leads-button';
import { LeadBulkBar } from './lead-bulk-bar';
import { LeadColumnChooser } from './lead-column-chooser';
import { LeadFilterBar } from './lead-filter-bar';
import { LeadFormDrawer } from './lead-form-drawer';
import { leadName } from './lead-name';
import {
  cleanFilters,
  DEFAULT_SORT,
  type ListFilters,
  type ListState,
  readListState,
  sameFilters,
  sortFor,
  writeListState,
} from './list-params';
import { QuickAddModal } from './quick-add-modal';
import { SavedViewsBar } from './saved-views-bar';
import { useFillHeight } from './use-fill-height';
import { SORT_FIELDS, useLeadColumns } from './use-lead-columns';
import { useLeadCount, useLeadList } from './use-lead-list';
import { useLeadViews, useUpdateLeadView } from './use-lead-views';
import { useNow } from './use-now';
import { useStoredColumns } from './use-stored-columns';

/** Start loading the next page this many pixels before the end of the loaded rows. */
const PREFETCH_PX = 800;
const ROW_KEY = (lead: LeadSummary) => lead.id;

const sameColumns = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((c, i) => c === b[i]);

/**
 * The lead list: filters in the address bar, saved views, a column chooser, bulk actions and a virtual
 * table that pages through the cursor API as the user scrolls, so 100,000 matching leads stay fluid.
 */
export function LeadListPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const navigate = useNavigate();
  const handleError = useErrorHandler();
  const [search, setSearch] = useSearchParams();
  const state = useMemo(() => readListState(search), [search]);
  const { filters, sort, viewId } = state;

  const views = useLeadViews();
  const updateView = useUpdateLeadView();
  const current = useMemo(
    () => (viewId ? ((views.data ?? []).find((v) => v.id === viewId) ?? null) : null),
    [views.data, viewId],
  );
  const [storedColumns, storeColumns] = useStoredColumns();
  const [override, setOverride] = useState<{ viewId: string; columns: LeadListColumn[] } | null>(null);
  const viewColumns = useMemo(
    () => (current ? (current.columns.length > 0 ? current.columns : [...DEFAULT_LEAD_COLUMNS]) : null),
    [current],
  );
  const columnsShown =
    override && override.viewId === current?.id ? override.columns : (viewColumns ?? storedColumns);
  const dirty =
    current !== null &&
    (!sameFilters(filters, current.filters) ||
      sort !== current.sort ||
      !sameColumns(columnsShown, viewColumns ?? []));

  const list = useLeadList(filters, sort);
  const count = useLeadCount(filters);
  const rows = list.data ?? [];
  const now = useNow(30_000);
  const columns = useLeadColumns(columnsShown, sort, now);

  const [selected, setSelected] = useState<string[]>([]);
  const [quickAdd, setQuickAdd] = useState(false);
  const [fullForm, setFullForm] = useState(false);
  const tableTop = useRef<HTMLDivElement>(null);
  // Room below the rows: the table's header and footer, and the page's padding.
  const scrollY = useFillHeight(tableTop, 140, 320);

  const go = useCallback((next: ListState) => setSearch(writeListState(next)), [setSearch]);
  const setFilters = (next: ListFilters) => go({ ...state, filters: next });
  const selectView = (view: LeadView | null) => {
    setOverride(null);
    if (view) go({ filters: cleanFilters(view.filters), sort: view.sort, viewId: view.id });
    else go({ filters: {}, sort: DEFAULT_SORT, viewId: null });
  };
  const columnSave = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latestView = useRef(current);
  latestView.current = current;
  useEffect(() => () => clearTimeout(columnSave.current), []);
  const chooseColumns = (next: LeadListColumn[]) => {
    if (!current) return storeColumns(next);
    setOverride({ viewId: current.id, columns: next });
    if (current.ownerId !== me.user.id) return;
    // My own view remembers its columns; a burst of clicks is saved once, with the version read last.
    clearTimeout(columnSave.current);
    columnSave.current = setTimeout(() => {
      const view = latestView.current;
      if (!view || view.id !== current.id) return;
      updateView.mutate(
        { id: view.id, version: view.version, columns: next },
        {
          onSuccess: () => setOverride((o) => (o && sameColumns(o.columns, next) ? null : o)),
          onError: (error) => handleError(error),
        },
      );
    }, 600);
  };

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
  const onChange: TableProps<LeadSummary>['onChange'] = (_p, _f, sorter) => {
    const one = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = one?.columnKey ? SORT_FIELDS[one.columnKey as LeadListColumn] : undefined;
    const next = field ? sortFor(field, one?.order) : DEFAULT_SORT;
    if (next !== sort) go({ ...state, sort: next });
  };
  const rowSelection = useMemo<TableProps<LeadSummary>['rowSelection']>(
    () => ({
      selectedRowKeys: selected,
      preserveSelectedRowKeys: true,
      onChange: (keys) => setSelected(keys.map(String)),
      getCheckboxProps: (lead) => ({
        'aria-label': t('leadScreens.list.select', { name: leadName(lead, t('common.empty')) }),
      }),
      columnWidth: 48,
    }),
    [selected, t],
  );
  const names = useMemo(() => {
    if (selected.length === 0) return new Map<string, string>();
    const wanted = new Set(selected);
    const empty = t('common.empty');
    return new Map(rows.filter((r) => wanted.has(r.id)).map((r) => [r.id, leadName(r, empty)]));
  }, [rows, selected, t]);

  const number = new Intl.NumberFormat(i18n.language);
  const countText = count.data
    ? t(count.data.capped ? 'leadScreens.list.countCapped' : 'leadScreens.list.count', {
        formatted: number.format(count.data.count),
      })
    : t('leadScreens.list.counting');
  const scrollX = useMemo(
    () => columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : 120), 48),
    [columns],
  );

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Space align="baseline">
          <Typography.Title level={2} style={{ margin: 0 }}>
            {t('leadScreens.list.title')}
          </Typography.Title>
          <Typography.Text type="secondary" aria-live="polite">
            {countText}
          </Typography.Text>
        </Space>
        <Space wrap>
          <LeadColumnChooser value={columnsShown} onChange={chooseColumns} />
          <ExportLeadsButton filter={filters} disabled={count.data?.count === 0} />
          <Button icon={<FormOutlined />} onClick={() => setFullForm(true)}>
            {t('leadScreens.list.fullForm')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setQuickAdd(true)}>
            {t('leadScreens.list.quickAdd')}
          </Button>
        </Space>
      </Flex>
      <SavedViewsBar
        current={current}
        dirty={dirty}
        filters={filters}
        sort={sort}
        columns={columnsShown}
        onSelect={selectView}
      />
      <LeadFilterBar value={filters} onChange={setFilters} />
      <LeadBulkBar ids={selected} names={names} onClear={() => setSelected([])} onDone={setSelected} />
      {list.isError && <ErrorAlert error={list.error} />}
      <div ref={tableTop} />
      <Table<LeadSummary>
        virtual
        aria-label={t('leadScreens.list.table')}
        size="small"
        rowKey={ROW_KEY}
        columns={columns}
        dataSource={rows}
        loading={list.isPending}
        pagination={false}
        scroll={{ x: scrollX, y: scrollY }}
        rowSelection={rowSelection}
        onChange={onChange}
        onScroll={onScroll}
        showSorterTooltip={false}
        locale={{ emptyText: <Empty description={t('leadScreens.list.empty')} /> }}
        footer={
          list.hasNextPage || list.isFetchingNextPage
            ? () => (
                <Typography.Text type="secondary">
                  {list.isFetchingNextPage
                    ? t('leadScreens.list.loadingMore')
                    : t('leadScreens.list.loaded', { formatted: number.format(rows.length) })}
                </Typography.Text>
              )
            : undefined
        }
      />
      <QuickAddModal
        open={quickAdd}
        onClose={() => setQuickAdd(false)}
        onCreated={(lead) => {
          setQuickAdd(false);
          void message.success({
            content: t('leadScreens.quickAdd.created', { name: leadName(lead, '') }),
            onClick: () => void navigate(`/leads/${lead.id}`),
          });
        }}
      />
      <LeadFormDrawer
        open={fullForm}
        onClose={() => setFullForm(false)}
        onCreated={(lead) => {
          setFullForm(false);
          void navigate(`/leads/${lead.id}`);
        }}
      />
    </>
  );
}
