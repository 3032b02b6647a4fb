import type { LeadSettings } from '@contracts/leads.contract';
import { App, Button, Checkbox, Flex, Form, InputNumber, Select, Skeleton, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert';
import { PageTitle } from '../../../shared/page-title';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useNurtureTracks } from '../nurture/use-nurture-tracks';
import { useLeadSettings, useUpdateLeadSettings } from './use-lead-settings';

type SettingsValues = Omit<LeadSettings, 'version' | 'slaHoursC'> & {
  slaHoursC: number | null;
  /** C leads have a response SLA at all. */
  slaForC: boolean;
};

const toValues = (s: LeadSettings): SettingsValues => ({ ...s, slaForC: s.slaHoursC !== null });

/** The Settings tab: MQL threshold, response SLAs per grade, revisit delay, default nurture track, model threshold. */
export function LeadSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<SettingsValues>();
  const settings = useLeadSettings();
  const tracks = useNurtureTracks();
  const save = useUpdateLeadSettings();
  const handleError = useErrorHandler();
  const slaForC = Form.useWatch('slaForC', form);
  useEffect(() => {
    if (settings.data) form.setFieldsValue(toValues(settings.data));
  }, [settings.data, form]);
  if (settings.isError) return <ErrorAlert error={settings.error} />;
  if (!settings.data) return <Skeleton active />;
  const version = settings.data.version;
  const submit = ({ slaForC: withC, ...values }: SettingsValues) =>
    save.mutate(
      {
        version,
        mqlThreshold: values.mqlThreshold,
        slaHoursA: values.slaHoursA,
        slaHoursB: values.slaHoursB,
        slaHoursC: withC ? values.slaHoursC : null,
        revisitDays: values.revisitDays,
        defaultNurtureTrackId: values.defaultNurtureTrackId ?? null,
        predictiveMinOutcomes: values.predictiveMinOutcomes,
      },
      {
        onSuccess: () => void message.success(t('leadRouting.settings.saved')),
        onError: (error) => handleError(error, form),
      },
    );
  const number = (name: keyof SettingsValues, label: string, unit: string, min: number, max: number) => (
    <Flex gap={8} align="center">
      <Form.Item name={name} noStyle rules={[{ required: true, message: t('errors.required') }]}>
        <InputNumber precision={0} min={min} max={max} aria-label={label} />
      </Form.Item>
      <Typography.Text type="secondary">{unit}</Typography.Text>
    </Flex>
  );
  return (
    <>
      <PageTitle>{t('leadRouting.settings.title')}</PageTitle>
      <Form<SettingsValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={toValues(settings.data)}
        onFinish={submit}
        onValuesChange={(changed: Partial<SettingsValues>) => {
          // Turning the C-grade SLA on starts from a sensible number of hours instead of an empty box.
          if (changed.slaForC && form.getFieldValue('slaHoursC') === null)
            form.setFieldValue('slaHoursC', 72);
        }}
        style={{ maxWidth: 640 }}
      >
        <Form.Item label={t('leadRouting.settings.mqlThreshold')} extra={t('leadRouting.settings.mqlHint')}>
          {number(
            'mqlThreshold',
            t('leadRouting.settings.mqlThreshold'),
            t('leadRouting.settings.points'),
            1,
            10_000,
          )}
        </Form.Item>
        <Typography.Title level={4}>{t('leadRouting.settings.slaTitle')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('leadRouting.settings.slaHint')}</Typography.Paragraph>
        <Form.Item label={t('leadRouting.settings.slaA')}>
          {number('slaHoursA', t('leadRouting.settings.slaA'), t('leadRouting.settings.hours'), 1, 24 * 90)}
        </Form.Item>
        <Form.Item label={t('leadRouting.settings.slaB')}>
          {number('slaHoursB', t('leadRouting.settings.slaB'), t('leadRouting.settings.hours'), 1, 24 * 90)}
        </Form.Item>
        <Form.Item label={t('leadRouting.settings.slaC')}>
          <Flex gap={16} align="center" wrap>
            <Form.Item name="slaForC" valuePropName="checked" noStyle>
              <Checkbox>{t('leadRouting.settings.slaC')}</Checkbox>
            </Form.Item>
            {slaForC ? (
              number('slaHoursC', t('leadRouting.settings.slaC'), t('leadRouting.settings.hours'), 1, 24 * 90)
            ) : (
              <Typography.Text type="secondary">{t('leadRouting.settings.noSla')}</Typography.Text>
            )}
          </Flex>
        </Form.Item>
        <Form.Item
          label={t('leadRouting.settings.revisitDays')}
          extra={t('leadRouting.settings.revisitHint')}
        >
          {number(
            'revisitDays',
            t('leadRouting.settings.revisitDays'),
            t('leadRouting.settings.days'),
            1,
            3650,
          )}
        </Form.Item>
        <Form.Item
          name="defaultNurtureTrackId"
          label={t('leadRouting.settings.defaultTrack')}
          extra={t('leadRouting.settings.defaultTrackHint')}
        >
          <Select<string | null>
            allowClear
            placeholder={t('leadRouting.settings.noDefaultTrack')}
            loading={tracks.isPending}
            options={(tracks.data ?? [])
              .filter((track) => track.active)
              .map((track) => ({ value: track.id, label: track.name }))}
          />
        </Form.Item>
        <Form.Item
          label={t('leadRouting.settings.predictiveMinOutcomes')}
          extra={t('leadRouting.settings.predictiveHint')}
        >
          {number(
            'predictiveMinOutcomes',
            t('leadRouting.settings.predictiveMinOutcomes'),
            t('leadRouting.settings.leads'),
            10,
            100_000,
          )}
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('common.save')}
        </Button>
      </Form>
    </>
  );
}
