import { BarChartOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { Competitor, CurrencyAmount } from '@contracts/deal-negotiation.contract';
import type { TableColumnType } from 'antd';
import {
  Button,
  Checkbox,
  Descriptions,
  Form,
  Input,
  Modal,
  Popconfirm,
  Skeleton,
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
import { useFormatMoney } from '../../leads/campaigns/use-format-money';
import {
  useCompetitorRecord,
  useCompetitors,
  useCreateCompetitor,
  useDeleteCompetitor,
  useUpdateCompetitor,
} from './use-negotiation';

type Values = {
  name: string;
  website: string;
  strengths: string;
  weaknesses: string;
  differentiation: string;
  active: boolean;
};

/**
 * The competitors the company meets (DOMAIN.md §4): strengths, weaknesses and how we win, with the record
 * against each over the deals the user sees. Everyone reads; holders of deals.configure edit.
 */
export function CompetitorsPage() {
  const { t } = useTranslation();
  const me = useSession();
  const mayEdit = me.permissions.includes('deals.configure');
  const [q, setQ] = useState('');
  const [includeInactive, setIncludeInactive] = useState(false);
  const competitors = useCompetitors({ q: q.trim(), includeInactive });
  const remove = useDeleteCompetitor();
  const handleError = useErrorHandler();
  const [editing, setEditing] = useState<Competitor | 'new' | null>(null);
  const [recordOf, setRecordOf] = useState<Competitor | null>(null);
  const columns = useMemo<TableColumnType<Competitor>[]>(
    () => [
      {
        key: 'name',
        title: t('dealNegotiation.competitorList.name'),
        width: 200,
        render: (_, c) => (
          <Space orientation="vertical" size={0}>
            <Typography.Text strong>{c.name}</Typography.Text>
            {c.website && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {c.website}
              </Typography.Text>
            )}
            {!c.active && <Tag>{t('dealNegotiation.competitorList.inactive')}</Tag>}
          </Space>
        ),
      },
      {
        key: 'strengths',
        title: t('dealNegotiation.competitorList.strengths'),
        ellipsis: true,
        render: (_, c) => c.strengths || t('common.empty'),
      },
      {
        key: 'weaknesses',
        title: t('dealNegotiation.competitorList.weaknesses'),
        ellipsis: true,
        render: (_, c) => c.weaknesses || t('common.empty'),
      },
      {
        key: 'differentiation',
        title: t('dealNegotiation.competitorList.differentiation'),
        ellipsis: true,
        render: (_, c) => c.differentiation || t('common.empty'),
      },
      {
        key: 'actions',
        title: t('common.actions'),
        width: mayEdit ? 140 : 70,
        render: (_, c) => (
          <Space>
            <Button
              size="small"
              icon={<BarChartOutlined />}
              aria-label={t('dealNegotiation.competitorList.record')}
              title={t('dealNegotiation.competitorList.record')}
              onClick={() => setRecordOf(c)}
            />
            {mayEdit && (
              <>
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  aria-label={t('common.edit')}
                  onClick={() => setEditing(c)}
                />
                <Popconfirm
                  title={t('dealNegotiation.competitorList.deleteConfirm', { name: c.name })}
                  okText={t('common.delete')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => remove.mutateAsync(c.id).catch((error: unknown) => handleError(error))}
                >
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                </Popconfirm>
              </>
            )}
          </Space>
        ),
      },
    ],
    [t, mayEdit, remove, handleError],
  );
  return (
    <>
      <PageTitle
        extra={
          mayEdit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('dealNegotiation.competitorList.add')}
            </Button>
          )
        }
      >
        {t('dealNegotiation.competitorList.title')}
      </PageTitle>
      <Typography.Paragraph type="secondary">
        {t('dealNegotiation.competitorList.intro')}
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('dealNegotiation.competitorList.search')}
          aria-label={t('dealNegotiation.competitorList.search')}
          onSearch={setQ}
          style={{ width: 260 }}
        />
        <Checkbox checked={includeInactive} onChange={(e) => setIncludeInactive(e.target.checked)}>
          {t('dealNegotiation.competitorList.showInactive')}
        </Checkbox>
      </Space>
      {competitors.isError && <ErrorAlert error={competitors.error} />}
      <Table<Competitor>
        aria-label={t('dealNegotiation.competitorList.table')}
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={competitors.data ?? []}
        loading={competitors.isPending}
        pagination={false}
        locale={{ emptyText: t('dealNegotiation.competitorList.empty') }}
      />
      {editing && (
        <CompetitorModal competitor={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
      {recordOf && <RecordModal competitor={recordOf} onClose={() => setRecordOf(null)} />}
    </>
  );
}

function CompetitorModal({ competitor, onClose }: { competitor: Competitor | null; onClose: () => void }) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const [form] = Form.useForm<Values>();
  const create = useCreateCompetitor();
  const update = useUpdateCompetitor();
  const handleError = useErrorHandler();
  const submit = (v: Values) => {
    const body = {
      name: v.name.trim(),
      website: v.website?.trim() || null,
      strengths: v.strengths ?? '',
      weaknesses: v.weaknesses ?? '',
      differentiation: v.differentiation ?? '',
      active: v.active,
    };
    const options = { onSuccess: onClose, onError: (error: unknown) => handleError(error, form) };
    if (competitor) update.mutate({ id: competitor.id, version: competitor.version, ...body }, options);
    else create.mutate(body, options);
  };
  return (
    <Modal
      open
      width={640}
      title={t(
        competitor
          ? 'dealNegotiation.competitorList.editTitle'
          : 'dealNegotiation.competitorList.createTitle',
      )}
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
          name: competitor?.name ?? '',
          website: competitor?.website ?? '',
          strengths: competitor?.strengths ?? '',
          weaknesses: competitor?.weaknesses ?? '',
          differentiation: competitor?.differentiation ?? '',
          active: competitor?.active ?? true,
        }}
      >
        <Form.Item name="name" label={t('dealNegotiation.competitorList.name')} rules={[rules.required]}>
          <Input maxLength={200} autoFocus />
        </Form.Item>
        <Form.Item name="website" label={t('dealNegotiation.competitorList.website')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="strengths" label={t('dealNegotiation.competitorList.strengths')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item name="weaknesses" label={t('dealNegotiation.competitorList.weaknesses')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item name="differentiation" label={t('dealNegotiation.competitorList.differentiation')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item name="active" label={t('dealNegotiation.competitorList.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RecordModal({ competitor, onClose }: { competitor: Competitor; onClose: () => void }) {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  const record = useCompetitorRecord(competitor.id);
  const amounts = (list: CurrencyAmount[]) =>
    list.length === 0
      ? t('common.empty')
      : list.map((a) => formatMoney(a.amountMinor, a.currency)).join(' · ');
  return (
    <Modal
      open
      title={t('dealNegotiation.competitorList.recordTitle', { name: competitor.name })}
      footer={null}
      onCancel={onClose}
      destroyOnHidden
    >
      {record.isError && <ErrorAlert error={record.error} />}
      {!record.data ? (
        !record.isError && <Skeleton active />
      ) : (
        <Descriptions
          size="small"
          column={1}
          bordered
          items={[
            { key: 'deals', label: t('dealNegotiation.competitorList.deals'), children: record.data.deals },
            { key: 'open', label: t('dealNegotiation.competitorList.open'), children: record.data.open },
            { key: 'won', label: t('dealNegotiation.competitorList.won'), children: record.data.won },
            { key: 'lost', label: t('dealNegotiation.competitorList.lost'), children: record.data.lost },
            {
              key: 'lostTo',
              label: t('dealNegotiation.competitorList.lostTo'),
              children: record.data.lostTo,
            },
            {
              key: 'winRate',
              label: t('dealNegotiation.competitorList.winRate'),
              children:
                record.data.winRate === null
                  ? t('dealNegotiation.competitorList.noRate')
                  : `${record.data.winRate} %`,
            },
            {
              key: 'wonAmount',
              label: t('dealNegotiation.competitorList.wonAmount'),
              children: amounts(record.data.wonAmounts),
            },
            {
              key: 'lostAmount',
              label: t('dealNegotiation.competitorList.lostAmount'),
              children: amounts(record.data.lostAmounts),
            },
          ]}
        />
      )}
    </Modal>
  );
}
