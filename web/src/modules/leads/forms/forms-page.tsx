import { PlusOutlined } from '@ant-design/icons';
import type { LeadForm } from '@contracts/marketing.contract';
import type { TableColumnsType } from 'antd';
import { Button, Popconfirm, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '../../../shared/error-alert';
import { LoadMore } from '../../../shared/load-more';
import { PageTitle } from '../../../shared/page-title';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useFormatDateTime } from '../../../shared/use-format-date-time';
import { useDeleteLeadForm, useLeadFormList } from './use-lead-forms';

/** The company's web-to-lead forms with what each brought in. */
export function FormsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const forms = useLeadFormList();
  const remove = useDeleteLeadForm();
  const handleError = useErrorHandler();
  const formatDateTime = useFormatDateTime();
  const columns: TableColumnsType<LeadForm> = [
    {
      title: t('marketing.forms.name'),
      key: 'name',
      render: (_, f) => <Link to={`/leads/forms/${f.id}`}>{f.name}</Link>,
    },
    {
      title: t('marketing.forms.active'),
      key: 'active',
      render: (_, f) =>
        f.active ? (
          <Tag color="green">{t('marketing.forms.active')}</Tag>
        ) : (
          <Tag>{t('marketing.forms.inactive')}</Tag>
        ),
    },
    { title: t('marketing.forms.submissions'), dataIndex: 'submissions', align: 'right' },
    { title: t('marketing.forms.leadsCreated'), dataIndex: 'leadsCreated', align: 'right' },
    {
      title: t('marketing.forms.lastSubmission'),
      key: 'last',
      render: (_, f) => formatDateTime(f.lastSubmissionAt),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, f) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => navigate(`/leads/forms/${f.id}`)}>
            {t('common.edit')}
          </Button>
          <Button type="link" size="small" href={f.url} target="_blank" rel="noopener noreferrer">
            {t('marketing.forms.open')}
          </Button>
          <Popconfirm
            title={t('marketing.forms.deleteConfirm', { name: f.name })}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => remove.mutateAsync(f.id).catch((error: unknown) => handleError(error))}
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
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/leads/forms/new')}>
            {t('marketing.forms.create')}
          </Button>
        }
      >
        {t('marketing.forms.title')}
      </PageTitle>
      {forms.isError && <ErrorAlert error={forms.error} />}
      <Table<LeadForm>
        rowKey="id"
        columns={columns}
        dataSource={forms.data}
        loading={forms.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('marketing.forms.empty') }}
      />
      <LoadMore
        hasMore={forms.hasNextPage}
        loading={forms.isFetchingNextPage}
        onLoad={() => void forms.fetchNextPage()}
      />
    </>
  );
}
