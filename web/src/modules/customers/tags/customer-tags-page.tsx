import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { CUSTOMER_TAG_COLORS, type CustomerTag, type CustomerTagColor } from '@contracts/customers.contract';
import type { TableColumnType } from 'antd';
import { Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert';
import { PageTitle } from '../../../shared/page-title';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useFormRules } from '../../../shared/use-form-rules';
import {
  useCreateCustomerTag,
  useCustomerTags,
  useDeleteCustomerTag,
  useUpdateCustomerTag,
} from '../use-customer-tags';

type Values = { name: string; color: CustomerTagColor; description: string };

/** The company's managed customer tags (managers and admins): name, colour and what the tag means. */
export function CustomerTagsPage() {
  const { t } = useTranslation();
  const tags = useCustomerTags();
  const remove = useDeleteCustomerTag();
  const handleError = useErrorHandler();
  const [editing, setEditing] = useState<CustomerTag | 'new' | null>(null);
  const columns = useMemo<TableColumnType<CustomerTag>[]>(
    () => [
      {
        key: 'name',
        title: t('customers.tags.name'),
        render: (_, tag) => <Tag color={tag.color}>{tag.name}</Tag>,
      },
      {
        key: 'color',
        title: t('customers.tags.color'),
        width: 120,
        render: (_, tag) => t(`customers.color.${tag.color}`),
      },
      {
        key: 'description',
        title: t('customers.tags.description'),
        ellipsis: true,
        render: (_, tag) => tag.description,
      },
      {
        key: 'actions',
        title: t('common.actions'),
        width: 120,
        render: (_, tag) => (
          <Space>
            <Button
              size="small"
              icon={<EditOutlined />}
              aria-label={t('common.edit')}
              onClick={() => setEditing(tag)}
            />
            <Popconfirm
              title={t('customers.tags.deleteConfirm', { name: tag.name })}
              okText={t('common.delete')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => remove.mutateAsync(tag.id).catch((error: unknown) => handleError(error))}
            >
              <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
            </Popconfirm>
          </Space>
        ),
      },
    ],
    [t, remove, handleError],
  );
  return (
    <>
      <PageTitle
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('customers.tags.add')}
          </Button>
        }
      >
        {t('customers.tags.title')}
      </PageTitle>
      <Typography.Paragraph type="secondary">{t('customers.tags.intro')}</Typography.Paragraph>
      {tags.isError && <ErrorAlert error={tags.error} />}
      <Table<CustomerTag>
        aria-label={t('customers.tags.table')}
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={tags.data ?? []}
        loading={tags.isPending}
        pagination={false}
        locale={{ emptyText: t('customers.tags.empty') }}
      />
      {editing && <TagModal tag={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function TagModal({ tag, onClose }: { tag: CustomerTag | null; onClose: () => void }) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const [form] = Form.useForm<Values>();
  const create = useCreateCustomerTag();
  const update = useUpdateCustomerTag();
  const handleError = useErrorHandler();
  const submit = (values: Values) => {
    const options = { onSuccess: onClose, onError: (error: unknown) => handleError(error, form) };
    if (tag) update.mutate({ id: tag.id, version: tag.version, ...values }, options);
    else create.mutate(values, options);
  };
  return (
    <Modal
      open
      title={t(tag ? 'customers.tags.editTitle' : 'customers.tags.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={tag ?? { name: '', color: 'default', description: '' }}
        onFinish={submit}
      >
        <Form.Item
          name="name"
          label={t('customers.tags.name')}
          rules={[rules.required]}
          extra={tag ? t('customers.tags.renameHint') : undefined}
        >
          <Input maxLength={50} autoFocus />
        </Form.Item>
        <Form.Item name="color" label={t('customers.tags.color')}>
          <Select
            options={CUSTOMER_TAG_COLORS.map((color) => ({
              value: color,
              label: <Tag color={color}>{t(`customers.color.${color}`)}</Tag>,
            }))}
          />
        </Form.Item>
        <Form.Item name="description" label={t('customers.tags.description')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
