import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type DealObjection,
  OBJECTION_STATUSES,
  OBJECTION_TYPES,
  type ObjectionStatus,
  type ObjectionType,
} from '@contracts/deal-negotiation.contract';
import type { TableColumnType } from 'antd';
import { Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useFormRules } from '../../../shared/use-form-rules';
import { useFormatDateTime } from '../../../shared/use-format-date-time';
import {
  useCreateObjection,
  useDealObjections,
  useDeleteObjection,
  usePlaybook,
  useUpdateObjection,
} from './use-negotiation';

export const OBJECTION_STATUS_COLORS: Record<ObjectionStatus, string> = {
  open: 'orange',
  resolved: 'green',
  unresolved: 'red',
};

type Values = {
  type: ObjectionType;
  description: string;
  /** '' for an own strategy. */
  responseId: string;
  responseStrategy: string;
  outcome: string;
  status: ObjectionStatus;
};

/** The objections of a deal with the response used and the outcome; open ones block the agreement gate. */
/** readOnly: a won or lost deal keeps its objections as they were. */
export function ObjectionsSection({ dealId, readOnly = false }: { dealId: string; readOnly?: boolean }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const objections = useDealObjections(dealId);
  const remove = useDeleteObjection(dealId);
  const handleError = useErrorHandler();
  const [editing, setEditing] = useState<DealObjection | 'new' | null>(null);
  const columns = useMemo<TableColumnType<DealObjection>[]>(
    () => [
      {
        key: 'type',
        title: t('dealNegotiation.objections.type'),
        width: 110,
        render: (_, o) => <Tag>{t(`dealNegotiation.objectionType.${o.type}`)}</Tag>,
      },
      {
        key: 'description',
        title: t('dealNegotiation.objections.description'),
        render: (_, o) => (
          <>
            <Typography.Text>{o.description}</Typography.Text>
            {o.responseStrategy && (
              <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }} ellipsis={{ rows: 2 }}>
                {o.responseTitle ? `${o.responseTitle}: ` : ''}
                {o.responseStrategy}
              </Typography.Paragraph>
            )}
          </>
        ),
      },
      {
        key: 'outcome',
        title: t('dealNegotiation.objections.outcome'),
        ellipsis: true,
        render: (_, o) => o.outcome || t('common.empty'),
      },
      {
        key: 'status',
        title: t('dealNegotiation.objections.status'),
        width: 150,
        render: (_, o) => (
          <Space orientation="vertical" size={0}>
            <Tag color={OBJECTION_STATUS_COLORS[o.status]}>
              {t(`dealNegotiation.objectionStatus.${o.status}`)}
            </Tag>
            {o.resolvedAt && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('dealNegotiation.objections.resolvedAt', { date: formatDateTime(o.resolvedAt) })}
              </Typography.Text>
            )}
          </Space>
        ),
      },
      {
        key: 'actions',
        title: t('common.actions'),
        width: 100,
        render: (_, o) =>
          readOnly ? null : (
            <Space>
              <Button
                size="small"
                icon={<EditOutlined />}
                aria-label={t('common.edit')}
                onClick={() => setEditing(o)}
              />
              <Popconfirm
                title={t('dealNegotiation.objections.deleteConfirm')}
                okText={t('common.delete')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() => remove.mutateAsync(o.id).catch((error: unknown) => handleError(error))}
              >
                <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
              </Popconfirm>
            </Space>
          ),
      },
    ],
    [t, formatDateTime, remove, handleError, readOnly],
  );
  return (
    <Card
      size="small"
      title={t('dealNegotiation.objections.title')}
      extra={
        !readOnly && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('dealNegotiation.objections.add')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('dealNegotiation.objections.openHint')}</Typography.Paragraph>
      {objections.isError && <ErrorAlert error={objections.error} />}
      <Table<DealObjection>
        aria-label={t('dealNegotiation.objections.table')}
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={objections.data?.items ?? []}
        loading={objections.isPending}
        pagination={false}
        locale={{ emptyText: t('dealNegotiation.objections.empty') }}
      />
      {editing && (
        <ObjectionModal
          dealId={dealId}
          objection={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Card>
  );
}

function ObjectionModal({
  dealId,
  objection,
  onClose,
}: {
  dealId: string;
  objection: DealObjection | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const [form] = Form.useForm<Values>();
  const create = useCreateObjection(dealId);
  const update = useUpdateObjection(dealId);
  const handleError = useErrorHandler();
  const type = Form.useWatch('type', form) ?? objection?.type ?? 'price';
  const playbook = usePlaybook({ type });
  const pick = (responseId: string) => {
    const chosen = playbook.data?.find((r) => r.id === responseId);
    if (chosen) form.setFieldValue('responseStrategy', chosen.body);
  };
  const submit = (v: Values) => {
    const options = { onSuccess: onClose, onError: (error: unknown) => handleError(error, form) };
    const body = {
      type: v.type,
      description: v.description.trim(),
      responseId: v.responseId || null,
      responseStrategy: v.responseStrategy ?? '',
      outcome: v.outcome ?? '',
      status: v.status,
    };
    if (objection) update.mutate({ objectionId: objection.id, version: objection.version, ...body }, options);
    else create.mutate(body, options);
  };
  return (
    <Modal
      open
      width={640}
      title={t(objection ? 'dealNegotiation.objections.editTitle' : 'dealNegotiation.objections.createTitle')}
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
        onFinish={submit}
        initialValues={
          objection
            ? {
                type: objection.type,
                description: objection.description,
                responseId: objection.responseId ?? '',
                responseStrategy: objection.responseStrategy,
                outcome: objection.outcome,
                status: objection.status,
              }
            : {
                type: 'price',
                description: '',
                responseId: '',
                responseStrategy: '',
                outcome: '',
                status: 'open',
              }
        }
      >
        <Form.Item name="type" label={t('dealNegotiation.objections.type')}>
          <Select
            aria-label={t('dealNegotiation.objections.type')}
            options={OBJECTION_TYPES.map((value) => ({
              value,
              label: t(`dealNegotiation.objectionType.${value}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('dealNegotiation.objections.description')}
          rules={[rules.required]}
        >
          <Input.TextArea rows={2} maxLength={2000} autoFocus />
        </Form.Item>
        <Form.Item
          name="responseId"
          label={t('dealNegotiation.objections.response')}
          extra={t('dealNegotiation.objections.responseHint')}
        >
          <Select<string>
            aria-label={t('dealNegotiation.objections.response')}
            loading={playbook.isPending}
            onChange={pick}
            options={[
              { value: '', label: t('dealNegotiation.objections.noResponse') },
              ...(playbook.data ?? []).map((r) => ({
                value: r.id,
                label: `${r.title} · ${t(`dealNegotiation.method.${r.method}`)}`,
              })),
            ]}
          />
        </Form.Item>
        <Form.Item name="responseStrategy" label={t('dealNegotiation.objections.strategy')}>
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
        <Form.Item name="outcome" label={t('dealNegotiation.objections.outcome')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="status" label={t('dealNegotiation.objections.status')}>
          <Select
            aria-label={t('dealNegotiation.objections.status')}
            options={OBJECTION_STATUSES.map((value) => ({
              value,
              label: t(`dealNegotiation.objectionStatus.${value}`),
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
