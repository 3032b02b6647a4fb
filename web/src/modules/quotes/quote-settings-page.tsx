import { putQuoteSettings } from '@contracts/quotes.contract';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Skeleton,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isVersionConflict } from '../../api/api-error';
import { ErrorAlert } from '../../shared/error-alert';
import { PageTitle } from '../../shared/page-title';
import { permissionLabel } from '../../shared/permission-label';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useSession } from '../auth/use-session';
import { NumberPatternField } from '../quote-to-cash/number-pattern-field';
import { VersionConflictAlert } from '../quote-to-cash/version-conflict-alert';
import { LogoField } from './logo-field';
import { type QuoteSettingsFormValues, quoteSettingsForm, quoteSettingsInput } from './quote-settings-form';
import { useQuoteSettings, useSaveQuoteSettings } from './use-quotes';

/** /quote-to-cash/quotes/settings: numbering, validity and the PDF template (logo, company, terms). */
export function QuoteSettingsPage() {
  const { t } = useTranslation();
  const settings = useQuoteSettings();
  const data = settings.data;
  if (settings.isError) return <ErrorAlert error={settings.error} />;
  if (!data) return <Skeleton active />;
  return (
    <Flex vertical gap={16} style={{ maxWidth: 900 }}>
      <Link to="/quote-to-cash/quotes">{t('quotes.backToList')}</Link>
      <PageTitle>{t('quotes.settings.title')}</PageTitle>
      {/* A new version (saved here or reloaded after a conflict) starts the form afresh. */}
      <QuoteSettingsForm
        key={data.version}
        values={quoteSettingsForm(data)}
        version={data.version}
        reload={settings.refetch}
        reloading={settings.isFetching}
      />
    </Flex>
  );
}

function QuoteSettingsForm({
  values,
  version,
  reload,
  reloading,
}: {
  values: QuoteSettingsFormValues;
  version: number;
  reload: () => unknown;
  reloading: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const editable = me.permissions.includes(putQuoteSettings.permission);
  const save = useSaveQuoteSettings();
  const onError = useErrorHandler();
  const [form] = Form.useForm<QuoteSettingsFormValues>();
  const [conflict, setConflict] = useState(false);
  const pattern = Form.useWatch('numberPattern', form) ?? values.numberPattern;
  const onFinish = (v: QuoteSettingsFormValues) =>
    save.mutate(quoteSettingsInput({ ...v, company: { ...values.company, ...v.company } }, version), {
      onSuccess: () => void message.success(t('common.saved')),
      onError: (error) => (isVersionConflict(error) ? setConflict(true) : onError(error, form)),
    });
  const text = (max: number) => <Input maxLength={max} />;
  return (
    <Form<QuoteSettingsFormValues>
      form={form}
      layout="vertical"
      initialValues={values}
      disabled={!editable}
      onFinish={onFinish}
    >
      <Flex vertical gap={16}>
        {!editable && (
          <Alert
            type="info"
            showIcon
            title={t('quoteToCash.settings.readOnly', {
              permission: permissionLabel(t, putQuoteSettings.permission),
            })}
          />
        )}
        {conflict && <VersionConflictAlert onReload={() => void reload()} loading={reloading} />}
        <Card size="small" title={t('quotes.settings.numbering')}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <NumberPatternField pattern={pattern} />
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="validityDays"
                label={t('quotes.settings.validityDays')}
                extra={t('quotes.settings.validityHelp')}
                rules={[{ required: true }]}
              >
                <InputNumber min={1} max={365} precision={0} suffix={t('quotes.settings.days')} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card size="small" title={t('quotes.settings.company')}>
          <Typography.Paragraph type="secondary">{t('quotes.settings.companyHelp')}</Typography.Paragraph>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name={['company', 'nameZh']} label={t('quotes.settings.nameZh')}>
                {text(200)}
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['company', 'nameEn']} label={t('quotes.settings.nameEn')}>
                {text(200)}
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name={['company', 'address']} label={t('quotes.settings.address')}>
                {text(500)}
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['company', 'phone']} label={t('quotes.settings.phone')}>
                {text(50)}
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name={['company', 'email']}
                label={t('quotes.settings.email')}
                rules={[{ type: 'email' }]}
              >
                {text(200)}
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['company', 'taxId']} label={t('quotes.settings.taxId')}>
                {text(50)}
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['company', 'bank']} label={t('quotes.settings.bank')}>
                {text(300)}
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card size="small" title={t('quotes.settings.logo')}>
          <Form.Item name="logoFileId" extra={t('quotes.settings.logoHelp')} style={{ marginBottom: 0 }}>
            <LogoField disabled={!editable} />
          </Form.Item>
        </Card>
        <Card size="small" title={t('quotes.settings.terms')}>
          <Form.Item name="paymentTerms" label={t('quotes.settings.paymentTerms')}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
          </Form.Item>
          <Form.Item name="termsZh" label={t('quotes.settings.termsZh')}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={5000} showCount />
          </Form.Item>
          <Form.Item name="termsEn" label={t('quotes.settings.termsEn')}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={5000} showCount />
          </Form.Item>
        </Card>
        {editable && (
          <div>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </div>
        )}
      </Flex>
    </Form>
  );
}
