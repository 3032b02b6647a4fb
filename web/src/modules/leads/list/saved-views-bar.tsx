import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import type { LeadListColumn, LeadSort, LeadView } from '@contracts/lead-views.contract';
import { App, Button, Popconfirm, Select, Space, Switch, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useSession } from '../../auth/use-session';
import { type ListFilters, toViewFilters } from './list-params';
import { SaveViewModal } from './save-view-modal';
import { useDeleteLeadView, useLeadViews, useUpdateLeadView } from './use-lead-views';

type SavedViewsBarProps = {
  current: LeadView | null;
  /** The list differs from the saved view (filters, sort or columns). */
  dirty: boolean;
  filters: ListFilters;
  sort: LeadSort;
  columns: readonly LeadListColumn[];
  onSelect: (view: LeadView | null) => void;
};

/** My views and the company's shared ones: pick one, save the list as a new one, update, share or delete mine. */
export function SavedViewsBar({ current, dirty, filters, sort, columns, onSelect }: SavedViewsBarProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const views = useLeadViews();
  const update = useUpdateLeadView();
  const remove = useDeleteLeadView();
  const handleError = useErrorHandler();
  const [savingAs, setSavingAs] = useState(false);
  const mine = current !== null && current.ownerId === me.user.id;
  const own = (views.data ?? []).filter((v) => v.ownerId === me.user.id);
  const others = (views.data ?? []).filter((v) => v.ownerId !== me.user.id);
  const option = (v: LeadView) => ({ value: v.id, label: v.name });

  const saveChanges = () => {
    if (!current) return;
    update.mutate(
      {
        id: current.id,
        version: current.version,
        filters: toViewFilters(filters),
        sort,
        columns: [...columns],
      },
      {
        onSuccess: (view) => {
          onSelect(view);
          void message.success(t('leadScreens.views.saved'));
        },
        onError: (error) => handleError(error),
      },
    );
  };

  return (
    <Space wrap style={{ marginBottom: 12 }}>
      <Select<string>
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        aria-label={t('leadScreens.views.label')}
        placeholder={t('leadScreens.views.all')}
        loading={views.isPending}
        value={current?.id}
        onChange={(id) => onSelect((views.data ?? []).find((v) => v.id === id) ?? null)}
        options={[
          { label: t('leadScreens.views.mine'), options: own.map(option) },
          {
            label: t('leadScreens.views.sharedGroup'),
            options: others.map((v) => ({
              value: v.id,
              label: t('leadScreens.views.sharedBy', { name: v.name, owner: v.ownerName ?? '' }),
            })),
          },
        ].filter((group) => group.options.length > 0)}
        style={{ minWidth: 220 }}
      />
      {current && dirty && <Tag color="orange">{t('leadScreens.views.unsaved')}</Tag>}
      {mine && dirty && (
        <Button icon={<SaveOutlined />} loading={update.isPending} onClick={saveChanges}>
          {t('leadScreens.views.save')}
        </Button>
      )}
      <Button onClick={() => setSavingAs(true)}>{t('leadScreens.views.saveAs')}</Button>
      {mine && current && (
        <Tooltip title={t('leadScreens.views.sharedHint')}>
          <Space size={4}>
            <Switch
              size="small"
              aria-label={t('leadScreens.views.share')}
              checked={current.shared}
              loading={update.isPending}
              onChange={(shared) =>
                update.mutate(
                  { id: current.id, version: current.version, shared },
                  { onSuccess: onSelect, onError: (error) => handleError(error) },
                )
              }
            />
            {t('leadScreens.views.share')}
          </Space>
        </Tooltip>
      )}
      {mine && current && (
        <Popconfirm
          title={t('leadScreens.views.deleteConfirm', { name: current.name })}
          okText={t('common.delete')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() =>
            remove
              .mutateAsync(current.id)
              .then(() => onSelect(null))
              .catch((error: unknown) => handleError(error))
          }
        >
          <Button danger icon={<DeleteOutlined />} aria-label={t('leadScreens.views.delete')}>
            {t('leadScreens.views.delete')}
          </Button>
        </Popconfirm>
      )}
      <SaveViewModal
        open={savingAs}
        filters={filters}
        sort={sort}
        columns={columns}
        onClose={() => setSavingAs(false)}
        onSaved={(view) => {
          setSavingAs(false);
          onSelect(view);
          void message.success(t('leadScreens.views.saved'));
        }}
      />
    </Space>
  );
}
