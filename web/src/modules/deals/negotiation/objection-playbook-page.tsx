import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  MAX_PRICE_BUFFER_PERCENT,
  OBJECTION_TYPES,
  type ObjectionResponse,
  type ObjectionType,
  RESPONSE_METHODS,
  type ResponseMethod,
} from '@contracts/deal-negotiation.contract';
import type { TableColumnType } from 'antd';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Segmented,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert';
import { PageTitle } from '../../../shared/page-title';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useFormRules } from '../../../shared/use-form-rules';
import { useSession } from '../../auth/use-session';
import {
  useCreatePlaybookEntry,
  useDeletePlaybookEntry,
  useNegotiationSettings,
  usePlaybook,
  useSaveNegotiationSettings,
  useUpdatePlaybookEntry,
} from './use-negotiation';

type Values = { type: ObjectionType; title: string; method: ResponseMethod; body: string; active: boolean };

/**
 * The objection playbook (话术库): proven responses by objection type, which reps pick when they record an
 * objection; and the price-floor buffer of negotiations. Everyone reads; holders of deals.configure edit.
 */
export function ObjectionPlaybookPage() {
  const { t } = useTranslation();
  const me = useSession();
  const mayEdit = me.permissions.includes('deals.configure');
  const [type, setType] = useState<ObjectionType | 'all'>('all');
  const playbook = usePlaybook({ ...(type === 'all' ? {} : { type }), includeInactive: mayEdit });
  const remove = useDeletePlaybookEntry();
  const handleError = useErrorHandler();
  const [editing, setEditing] = useState<ObjectionResponse | 'new' | null>(null);
  const columns = useMemo<TableColumnType<ObjectionResponse>[]>(
    () => [
      {
        key: 'type',
        title: t('dealNegotiation.objections.type'),
        width: 110,
        render: (_, r) => <Tag>{t(`dealNegotiation.objectionType.${r.type}`)}</Tag>,
      },
      {
        key: 'title',
        title: t('dealNegotiation.playbook.responseTitle'),
        width: 220,
        render: (_, r) => (
          <Space orientation="vertical" size={0}>
            <Typography.Text strong>{r.title}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`dealNegotiation.method.${r.method}`)}
            </Typography.Text>
            {!r.active && <Tag>{t('dealNegotiation.playbook.inactive')}</Tag>}
          </Space>
        ),
      },
      {
        key: 'body',
        title: t('dealNegotiation.playbook.body'),
        render: (_, r) => (
          <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 3 }}>
            {r.body}
          </Typography.Paragraph>
        ),
      },
      ...(mayEdit
        ? [
            {
              key: 'actions',
              title: t('common.actions'),
              width: 100,
              render: (_: unknown, r: ObjectionResponse) => (
                <Space>
                  <Button
                    size="small"
                    icon={<EditOutlined />}
                    aria-label={t('common.edit')}
                    onClick={() => setEditing(r)}
                  />
                  <Popconfirm
                    title={t('dealNegotiation.playbook.deleteConfirm', { title: r.title })}
                    okText={t('common.delete')}
                    cancelText={t('common.cancel')}
                    okButtonProps={{ danger: true }}
                    onConfirm={() => remove.mutateAsync(r.id).catch((error: unknown) => handleError(error))}
                  >
                    <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                  </Popconfirm>
                </Space>
              ),
            },
          ]
        : []),
    ],
    [t, mayEdit, remove, handleError],
  );
  return (
    <>
      <PageTitle
        extra={
          mayEdit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('dealNegotiation.playbook.add')}
            </Button>
          )
        }
      >
        {t('dealNegotiation.playbook.title')}
      </PageTitle>
      <Typography.Paragraph type="secondary">{t('dealNegotiation.playbook.intro')}</Typography.Paragraph>
      <Segmented<ObjectionType | 'all'>
        style={{ marginBottom: 12 }}
        value={type}
        onChange={setType}
        options={[
          { value: 'all', label: t('dealNegotiation.playbook.allTypes') },
          ...OBJECTION_TYPES.map((value) => ({ value, label: t(`dealNegotiation.objectionType.${value}`) })),
        ]}
      />
      {playbook.isError && <ErrorAlert error={playbook.error} />}
      <Table<ObjectionResponse>
        aria-label={t('dealNegotiation.playbook.table')}
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={playbook.data ?? []}
        loading={playbook.isPending}
        pagination={false}
        locale={{ emptyText: t('dealNegotiation.playbook.empty') }}
      />
      <PriceBufferCard mayEdit={mayEdit} />
      {editing && (
        <PlaybookModal
          entry={editing === 'new' ? null : editing}
          defaultType={type === 'all' ? 'price' : type}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}

function PlaybookModal({
  entry,
  defaultType,
  onClose,
}: {
  entry: ObjectionResponse | null;
  defaultType: ObjectionType;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const [form] = Form.useForm<Values>();
  const create = useCreatePlaybookEntry();
  const update = useUpdatePlaybookEntry();
  const handleError = useErrorHandler();
  const submit = (v: Values) => {
    const body = {
      type: v.type,
      title: v.title.trim(),
      method: v.method,
      body: v.body.trim(),
      active: v.active,
    };
    const options = { onSuccess: onClose, onError: (error: unknown) => handleError(error, form) };
    if (entry) update.mutate({ id: entry.id, version: entry.version, ...body }, options);
    else create.mutate(body, options);
  };
  return (
    <Modal
      open
      width={640}
      title={t(entry ? 'dealNegotiation.playbook.editTitle' : 'dealNegotiation.playbook.createTitle')}
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
        initialValues={{
          type: entry?.type ?? defaultType,
          title: entry?.title ?? '',
          method: entry?.method ?? 'other',
          body: entry?.body ?? '',
          active: entry?.active ?? true,
        }}
      >
        <Space wrap>
          <Form.Item name="type" label={t('dealNegotiation.objections.type')}>
            <Select
              aria-label={t('dealNegotiation.objections.type')}
              style={{ width: 160 }}
              options={OBJECTION_TYPES.map((value) => ({
                value,
                label: t(`dealNegotiation.objectionType.${value}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="method" label={t('dealNegotiation.playbook.method')}>
            <Select
              aria-label={t('dealNegotiation.playbook.method')}
              style={{ width: 180 }}
              options={RESPONSE_METHODS.map((value) => ({
                value,
                label: t(`dealNegotiation.method.${value}`),
              }))}
            />
          </Form.Item>
        </Space>
        <Form.Item name="title" label={t('dealNegotiation.playbook.responseTitle')} rules={[rules.required]}>
          <Input maxLength={200} autoFocus />
        </Form.Item>
        <Form.Item name="body" label={t('dealNegotiation.playbook.body')} rules={[rules.required]}>
          <Input.TextArea rows={6} maxLength={5000} />
        </Form.Item>
        <Form.Item name="active" label={t('dealNegotiation.playbook.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function PriceBufferCard({ mayEdit }: { mayEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const settings = useNegotiationSettings();
  const save = useSaveNegotiationSettings();
  const handleError = useErrorHandler();
  const [form] = Form.useForm<{ priceBufferPercent: number }>();
  return (
    <Card size="small" title={t('dealNegotiation.settings.title')} style={{ marginTop: 16, maxWidth: 640 }}>
      <Typography.Paragraph type="secondary">{t('dealNegotiation.settings.intro')}</Typography.Paragraph>
      {settings.isError && <ErrorAlert error={settings.error} />}
      {settings.data && (
        <Form
          key={settings.data.version}
          form={form}
          layout="inline"
          disabled={!mayEdit}
          initialValues={{ priceBufferPercent: settings.data.priceBufferPercent }}
          onFinish={(v) =>
            save.mutate(
              { version: settings.data.version, priceBufferPercent: v.priceBufferPercent },
              {
                onSuccess: () => void message.success(t('common.saved')),
                onError: (error) => handleError(error, form),
              },
            )
          }
        >
          <Form.Item
            name="priceBufferPercent"
            label={t('dealNegotiation.settings.buffer')}
            rules={[{ required: true, message: t('errors.required') }]}
          >
            <InputNumber min={0} max={MAX_PRICE_BUFFER_PERCENT} precision={0} />
          </Form.Item>
          {mayEdit && (
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          )}
        </Form>
      )}
    </Card>
  );
}
