import { PlusOutlined } from '@ant-design/icons';
import type { EmailTemplate } from '@contracts/email.contract';
import type { TableColumnsType } from 'antd';
import { Button, Form, Input, Modal, Popconfirm, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isVersionConflict } from '../../../api/api-error';
import { ErrorAlert } from '../../../shared/error-alert';
import { PageTitle } from '../../../shared/page-title';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useFormRules } from '../../../shared/use-form-rules';
import { MergeFieldHint } from './merge-field-hint';
import {
  useCreateEmailTemplate,
  useDeleteEmailTemplate,
  useEmailTemplates,
  useUpdateEmailTemplate,
} from './use-email';

/** Customers → E-mail templates: the company's templates with merge fields, for mails written from a record. */
export function EmailTemplatesPage() {
  const { t } = useTranslation();
  const templates = useEmailTemplates();
  const remove = useDeleteEmailTemplate();
  const handleError = useErrorHandler();
  const [editing, setEditing] = useState<EmailTemplate | 'new' | null>(null);
  const columns: TableColumnsType<EmailTemplate> = [
    { title: t('email.name'), dataIndex: 'name' },
    { title: t('email.subject'), dataIndex: 'subject' },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, tpl) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(tpl)}>
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('email.deleteConfirm', { name: tpl.name })}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => remove.mutateAsync(tpl.id).catch((error: unknown) => handleError(error))}
          >
            <Button type="link" size="small" danger>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];
  return (
    <>
      <PageTitle
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('email.createTemplate')}
          </Button>
        }
      >
        {t('email.templatesTitle')}
      </PageTitle>
      {templates.isError && <ErrorAlert error={templates.error} />}
      <Table<EmailTemplate>
        rowKey="id"
        columns={columns}
        dataSource={templates.data}
        loading={templates.isPending}
        pagination={false}
        locale={{ emptyText: t('email.noTemplates') }}
        expandable={{ expandedRowRender: (tpl) => <div style={{ whiteSpace: 'pre-wrap' }}>{tpl.body}</div> }}
      />
      <TemplateModal template={editing} onClose={() => setEditing(null)} />
    </>
  );
}

type TemplateValues = { name: string; subject: string; body: string };

function TemplateModal({
  template,
  onClose,
}: {
  template: EmailTemplate | 'new' | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TemplateValues>();
  const create = useCreateEmailTemplate();
  const update = useUpdateEmailTemplate();
  const handleError = useErrorHandler();
  const rules = useFormRules();
  const editing = template !== null && template !== 'new' ? template : null;
  const onError = (error: unknown) => {
    handleError(error, form);
    if (isVersionConflict(error)) onClose();
  };
  return (
    <Modal
      open={template !== null}
      title={editing ? t('email.editTemplate') : t('email.createTemplate')}
      okText={editing ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={680}
    >
      <Form<TemplateValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{
          name: editing?.name ?? '',
          subject: editing?.subject ?? '',
          body: editing?.body ?? '',
        }}
        onFinish={(values) =>
          editing
            ? update.mutate(
                { id: editing.id, version: editing.version, ...values },
                { onSuccess: onClose, onError },
              )
            : create.mutate(values, { onSuccess: onClose, onError })
        }
      >
        <Form.Item name="name" label={t('email.name')} rules={[rules.required]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="subject" label={t('email.subject')} rules={[rules.required]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="body" label={t('email.body')} rules={[rules.required]}>
          <Input.TextArea autoSize={{ minRows: 6, maxRows: 16 }} maxLength={20_000} />
        </Form.Item>
      </Form>
      <MergeFieldHint />
    </Modal>
  );
}
