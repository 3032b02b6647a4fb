import { COMPANY_SIZES, LEAD_GRADES, LEAD_SOURCES, UTM_KEYS } from '@contracts/leads.contract';
import { Col, Divider, Form, Input, Radio, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormRules } from '../../../shared/use-form-rules';
import { CustomFieldInputs } from '../../admin-custom-fields/custom-field-inputs';
import { CampaignSelect } from './campaign-select';
import { useCompanyOrContactRule } from './use-company-or-contact-rule';

type LeadFieldItemsProps = {
  /** Only the six fields a rep has at hand after a call (quick add), the company field focused. */
  quick?: boolean;
};

/**
 * Every field a person edits on a lead, as items of the surrounding form (full form and lead profile): the
 * register of DOMAIN.md §1 with UTM parameters and campaign for cost per lead, then the company's custom fields.
 */
export function LeadFieldItems({ quick = false }: LeadFieldItemsProps) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const companyOrContact = useCompanyOrContactRule();
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name="companyName"
            label={t('leads.fields.companyName')}
            dependencies={['contactName']}
            rules={[companyOrContact]}
          >
            <Input maxLength={200} autoFocus={quick} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="contactName" label={t('leads.fields.contactName')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        {!quick && (
          <Col xs={24} md={12}>
            <Form.Item name="title" label={t('leads.fields.title')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} md={12}>
          <Form.Item name="phone" label={t('leads.fields.phone')}>
            <Input maxLength={50} inputMode="tel" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="email" label={t('leads.fields.email')} rules={[rules.email]}>
            <Input maxLength={254} inputMode="email" />
          </Form.Item>
        </Col>
        {!quick && (
          <>
            <Col xs={24} md={12}>
              <Form.Item name="region" label={t('leads.fields.region')}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="industry" label={t('leads.fields.industry')}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="companySize" label={t('leads.fields.companySize')}>
                <Select
                  allowClear
                  options={COMPANY_SIZES.map((s) => ({ value: s, label: t(`leads.companySize.${s}`) }))}
                />
              </Form.Item>
            </Col>
          </>
        )}
        <Col xs={24} md={12}>
          {/* Quick add keeps source optional: it starts at 'other' and shows no required mark. */}
          <Form.Item
            name="source"
            label={t('leads.fields.source')}
            rules={quick ? undefined : [{ required: true }]}
          >
            <Select options={LEAD_SOURCES.map((s) => ({ value: s, label: t(`leads.source.${s}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="grade" label={t('leads.fields.grade')}>
            <Select
              allowClear
              options={LEAD_GRADES.map((g) => ({ value: g, label: t(`leads.grade.${g}`) }))}
            />
          </Form.Item>
        </Col>
        {!quick && (
          <>
            <Col xs={24} md={12}>
              <Form.Item name="campaignId" label={t('leads.fields.campaign')}>
                <CampaignSelect allowClear aria-label={t('leads.fields.campaign')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="consent" label={t('leadScreens.form.consent')}>
                <Radio.Group
                  optionType="button"
                  options={[
                    { value: 'yes', label: t('leadScreens.form.consentYes') },
                    { value: 'no', label: t('leadScreens.form.consentNo') },
                    { value: 'unknown', label: t('leadScreens.form.consentUnknown') },
                  ]}
                />
              </Form.Item>
            </Col>
          </>
        )}
      </Row>
      {!quick && (
        <>
          <Divider titlePlacement="start" plain>
            {t('leadScreens.form.utm')}
          </Divider>
          <Row gutter={16}>
            {UTM_KEYS.map((key) => (
              <Col xs={24} md={12} key={key}>
                <Form.Item name={['utm', key]} label={`utm_${key}`}>
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
            ))}
            <Col xs={24} md={12}>
              <Form.Item name="referrer" label={t('leads.fields.referrer')}>
                <Input maxLength={2000} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="notes" label={t('leads.fields.notes')}>
            <Input.TextArea maxLength={10_000} autoSize={{ minRows: 3, maxRows: 10 }} />
          </Form.Item>
        </>
      )}
      {/* Quick add asks only for the custom fields a lead cannot be saved without. */}
      <CustomFieldInputs object="lead" requiredOnly={quick} />
    </>
  );
}
