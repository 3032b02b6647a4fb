import { PlusOutlined } from '@ant-design/icons';
import type { CustomField, CustomFieldObject } from '@contracts/custom-fields.contract';
import type { TableColumnsType } from 'antd';
import { Button, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/error-alert';
import { PageTitle } from '../../shared/page-title';
import { useErrorHandler } from '../../shared/use-error-handler';
import { labelOf } from './custom-field-label';
import { CustomFieldModal } from './custom-field-modal';
import { useCustomFields, useUpdateCustomField } from './use-custom-fields';

/** Admin → Custom fields: the company's fields on customers, contacts and leads, defined, reordered and switched off. */
export function CustomFieldsPage() {
  const { t } = useTranslation();
  const [object, setObject] = useState<CustomFieldObject>('customer');
  return (
    <>
      <PageTitle>{t('nav.customFields')}</PageTitle>
      <Typography.Paragraph type="secondary">{t('customFields.intro')}</Typography.Paragraph>
      <Tabs
        activeKey={object}
        onChange={(key) => setObject(key as CustomFieldObject)}
        items={[
          { key: 'customer', label: t('customFields.object.customer') },
          { key: 'contact', label: t('customFields.object.contact') },
          { key: 'lead', label: t('customFields.object.lead') },
        ]}
      />
      <FieldTable object={object} />
    </>
  );
}

function FieldTable({ object }: { object: CustomFieldObject }) {
  const { t, i18n } = useTranslation();
  const fields = useCustomFields(object);
  const update = useUpdateCustomField();
  const handleError = useErrorHandler();
  const [editing, setEditing] = useState<CustomField | 'new' | null>(null);
  const columns: TableColumnsType<CustomField> = [
    { title: t('customFields.position'), dataIndex: 'position', width: 70 },
    {
      title: t('customFields.label'),
      key: 'label',
      render: (_, f) => (
        <Space orientation="vertical" size={0}>
          <span>{labelOf(f, i18n.language)}</span>
          <Typography.Text type="secondary" code>
            {f.key}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('customFields.type'), key: 'type', render: (_, f) => t(`customFields.types.${f.type}`) },
    {
      title: t('customFields.options'),
      key: 'options',
      render: (_, f) => f.options.map((o) => <Tag key={o.value}>{labelOf(o, i18n.language)}</Tag>),
    },
    {
      title: t('customFields.required'),
      key: 'required',
      render: (_, f) => (f.required ? t('customFields.yes') : t('customFields.no')),
    },
    {
      title: t('customFields.active'),
      key: 'active',
      render: (_, f) => (
        <Switch
          size="small"
          checked={f.active}
          aria-label={t('customFields.active')}
          onChange={(active) =>
            update.mutate(
              { id: f.id, version: f.version, active },
              { onError: (error) => handleError(error) },
            )
          }
        />
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, f) => (
        <Button type="link" size="small" onClick={() => setEditing(f)}>
          {t('common.edit')}
        </Button>
      ),
    },
  ];
  return (
    <>
      {fields.isError && <ErrorAlert error={fields.error} />}
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('customFields.create')}
        </Button>
      </Space>
      <Table<CustomField>
        rowKey="id"
        columns={columns}
        dataSource={fields.data}
        loading={fields.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('customFields.empty') }}
      />
      <CustomFieldModal
        object={object}
        field={editing}
        nextPosition={fields.data?.length ?? 0}
        onClose={() => setEditing(null)}
      />
    </>
  );
}
