import type { Lead } from '@contracts/leads.contract';
import {
  App,
  Button,
  Col,
  Divider,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { isVersionConflict } from '../../../api/api-error';
import { useErrorHandler } from '../../../shared/use-error-handler';
import {
  BANT_ITEMS,
  MAN_ITEMS,
  metCount,
  type QualificationValues,
  qualificationOf,
  qualificationValuesOf,
} from './qualification-values';
import { useFollowVersion } from './use-follow-version';
import { useLead, useUpdateLead } from './use-lead';

type QualificationFormProps = { lead: Lead };

/**
 * The MAN and BANT checklists (DOMAIN.md §1): each item met, not met or not yet known, with a note; the
 * number of decision makers (three or fewer is preferred) and the industry's growth. Saved as `qualification`.
 */
export function QualificationForm({ lead }: QualificationFormProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<QualificationValues>();
  const update = useUpdateLead();
  const reload = useLead(lead.id).refetch;
  const handleError = useErrorHandler();
  const readOnly = !lead.can.edit;

  useFollowVersion(form, lead.version);

  const submit = (values: QualificationValues) =>
    update.mutate(
      { id: lead.id, version: lead.version, qualification: qualificationOf(values) },
      {
        onSuccess: () => {
          form.resetFields();
          void message.success(t('common.saved'));
        },
        onError: (error) => {
          handleError(error, form);
          if (isVersionConflict(error)) void reload().then(() => form.resetFields());
        },
      },
    );

  const metOptions = [
    { value: 'yes', label: t('leadScreens.qualification.yes') },
    { value: 'no', label: t('leadScreens.qualification.no') },
    { value: 'unknown', label: t('leadScreens.qualification.unknown') },
  ];
  const checklist = (list: 'man' | 'bant', items: readonly (readonly [string, string])[]) =>
    items.map(([item, label]) => {
      return (
        <Row key={item} gutter={12} align="middle" style={{ marginBottom: 8 }}>
          <Col xs={24} md={6}>
            <Typography.Text strong>{label}</Typography.Text>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={[list, item, 'met']} noStyle>
              <Radio.Group optionType="button" size="small" options={metOptions} aria-label={label} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name={[list, item, 'note']} noStyle>
              <Input
                size="small"
                maxLength={1000}
                placeholder={t('leadScreens.qualification.note')}
                aria-label={t('leadScreens.qualification.noteFor', { item: label })}
              />
            </Form.Item>
          </Col>
        </Row>
      );
    });
  const man = metCount(lead.qualification.man);
  const bant = metCount(lead.qualification.bant);

  return (
    <Form<QualificationValues>
      form={form}
      layout="vertical"
      initialValues={qualificationValuesOf(lead.qualification)}
      disabled={readOnly}
      onFinish={submit}
    >
      <Divider titlePlacement="start">
        <Space>
          {t('leadScreens.qualification.manTitle')}
          <Tag color={man.met === man.of ? 'green' : 'default'}>
            {t('leadScreens.qualification.metOf', man)}
          </Tag>
        </Space>
      </Divider>
      {checklist(
        'man',
        MAN_ITEMS.map((i) => [i, t(`leadScreens.qualification.man.${i}`)] as const),
      )}
      <Divider titlePlacement="start">
        <Space>
          {t('leadScreens.qualification.bantTitle')}
          <Tag color={bant.met === bant.of ? 'green' : 'default'}>
            {t('leadScreens.qualification.metOf', bant)}
          </Tag>
        </Space>
      </Divider>
      {checklist(
        'bant',
        BANT_ITEMS.map((i) => [i, t(`leadScreens.qualification.bant.${i}`)] as const),
      )}
      <Divider titlePlacement="start">{t('leadScreens.qualification.screening')}</Divider>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name="decisionMakers"
            label={t('leadScreens.qualification.decisionMakers')}
            extra={t('leadScreens.qualification.decisionMakersHint')}
          >
            <InputNumber<number> min={0} max={100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="industryGrowth" label={t('leadScreens.qualification.industryGrowth')}>
            <Select
              allowClear
              options={(['high', 'medium', 'low'] as const).map((g) => ({
                value: g,
                label: t(`leadScreens.qualification.growth.${g}`),
              }))}
            />
          </Form.Item>
        </Col>
      </Row>
      {!readOnly && (
        <Space>
          <Button type="primary" htmlType="submit" loading={update.isPending}>
            {t('common.save')}
          </Button>
          <Button htmlType="button" onClick={() => form.resetFields()}>
            {t('leadScreens.detail.discard')}
          </Button>
        </Space>
      )}
    </Form>
  );
}
