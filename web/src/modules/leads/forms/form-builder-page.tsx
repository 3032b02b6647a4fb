import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Col, Flex, Row, Spin, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../../shared/error-alert';
import { PageTitle } from '../../../shared/page-title';
import { EmbedSnippet } from './embed-snippet';
import { FormBuilder } from './form-builder';
import { FormPreview } from './form-preview';
import { FormSubmissions } from './form-submissions';
import { useLeadForm } from './use-lead-forms';

/** A web form: its builder beside the live page and embed code, and the submissions it received. */
export function FormBuilderPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { formId } = useParams();
  const existing = useLeadForm(formId);
  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/leads/forms')}>
      {t('marketing.forms.back')}
    </Button>
  );

  if (!formId) {
    return (
      <>
        <PageTitle extra={back}>{t('marketing.forms.newTitle')}</PageTitle>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <FormBuilder
              form={null}
              onSaved={(form) => navigate(`/leads/forms/${form.id}`, { replace: true })}
            />
          </Col>
          <Col xs={24} xl={10}>
            <FormPreview form={null} />
          </Col>
        </Row>
      </>
    );
  }
  if (existing.isError) return <ErrorAlert error={existing.error} />;
  const form = existing.data;
  if (!form) return <Spin />;

  return (
    <>
      <PageTitle extra={back}>{t('marketing.forms.editTitle', { name: form.name })}</PageTitle>
      <Tabs
        items={[
          {
            key: 'builder',
            label: t('marketing.forms.tabBuilder'),
            children: (
              <Row gutter={[16, 16]}>
                <Col xs={24} xl={14}>
                  {/* Remounted per version, so a save or a refetch after a conflict shows the stored form. */}
                  <FormBuilder key={form.version} form={form} />
                </Col>
                <Col xs={24} xl={10}>
                  <Flex vertical gap={16}>
                    <FormPreview form={form} />
                    <EmbedSnippet form={form} />
                  </Flex>
                </Col>
              </Row>
            ),
          },
          {
            key: 'submissions',
            label: `${t('marketing.forms.tabSubmissions')} (${form.submissions})`,
            children: <FormSubmissions form={form} />,
          },
        ]}
      />
    </>
  );
}
