import { COMPANY_SIZES, type CompanySize } from '@contracts/leads.contract';
import type { LeadForm, LeadFormField, LeadFormSubmission } from '@contracts/marketing.contract';
import type { TableColumnsType } from 'antd';
import { Descriptions, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../shared/error-alert';
import { LoadMore } from '../../../shared/load-more';
import { useFormatDateTime } from '../../../shared/use-format-date-time';
import { useFieldName } from './use-field-name';
import { useFormSubmissions } from './use-lead-forms';

type FormSubmissionsProps = { form: LeadForm };

const isCompanySize = (value: string): value is CompanySize =>
  (COMPANY_SIZES as readonly string[]).includes(value);

/** What visitors sent, newest first. Every value is shown as plain text, never as markup. */
export function FormSubmissions({ form }: FormSubmissionsProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  const submissions = useFormSubmissions(form.id);
  const formatDateTime = useFormatDateTime();
  const fieldName = useFieldName();
  const labelOf = (key: string) =>
    form.fields.find((f) => f.field === key)?.label[lang] ?? fieldName(key as LeadFormField);

  const columns: TableColumnsType<LeadFormSubmission> = [
    {
      title: t('marketing.forms.receivedAt'),
      key: 'createdAt',
      render: (_, s) => formatDateTime(s.createdAt),
    },
    {
      title: t('marketing.forms.submissionLead'),
      key: 'lead',
      render: (_, s) => (
        <Flex gap={4} wrap align="center">
          <Link to={`/leads/${s.leadId}`}>{s.leadName ?? s.leadId}</Link>
          <Tag color={s.leadCreated ? 'green' : 'blue'}>
            {s.leadCreated ? t('marketing.forms.newLead') : t('marketing.forms.existingLead')}
          </Tag>
        </Flex>
      ),
    },
    {
      title: t('marketing.forms.values'),
      key: 'values',
      render: (_, s) => (
        <Flex vertical gap={2}>
          {Object.entries(s.values).map(([key, value]) => (
            <Typography.Text key={key} style={{ whiteSpace: 'pre-wrap' }}>
              <Typography.Text type="secondary">{labelOf(key)}: </Typography.Text>
              {key === 'companySize' && isCompanySize(value) ? t(`leads.companySize.${value}`) : value}
            </Typography.Text>
          ))}
        </Flex>
      ),
    },
    {
      title: t('marketing.forms.consentColumn'),
      key: 'consent',
      render: (_, s) =>
        s.consent ? (
          <Tag color="green">{t('marketing.forms.consentGiven')}</Tag>
        ) : (
          <Tag>{t('marketing.forms.noConsent')}</Tag>
        ),
    },
  ];

  return (
    <>
      {submissions.isError && <ErrorAlert error={submissions.error} />}
      <Table<LeadFormSubmission>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={submissions.data}
        loading={submissions.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('marketing.forms.noSubmissions') }}
        expandable={{
          expandedRowRender: (s) => (
            <Descriptions size="small" column={1} title={t('marketing.forms.attribution')}>
              {Object.entries(s.utm).map(([key, value]) => (
                <Descriptions.Item key={key} label={`utm_${key}`}>
                  {value}
                </Descriptions.Item>
              ))}
              <Descriptions.Item label={t('marketing.forms.referrer')}>
                {s.referrer ?? t('common.empty')}
              </Descriptions.Item>
              <Descriptions.Item label={t('marketing.forms.pageUrl')}>
                {s.pageUrl ?? t('common.empty')}
              </Descriptions.Item>
              <Descriptions.Item label={t('marketing.forms.ip')}>
                {s.ip ?? t('common.empty')}
              </Descriptions.Item>
              <Descriptions.Item label={t('marketing.forms.userAgent')}>
                {s.userAgent ?? t('common.empty')}
              </Descriptions.Item>
            </Descriptions>
          ),
        }}
      />
      <LoadMore
        hasMore={submissions.hasNextPage}
        loading={submissions.isFetchingNextPage}
        onLoad={() => void submissions.fetchNextPage()}
      />
    </>
  );
}
