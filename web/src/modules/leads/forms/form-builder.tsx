import { LEAD_SOURCES, type LeadSource } from '@contracts/leads.contract';
import type { LeadForm, LeadFormFieldSpec, LeadFormTexts } from '@contracts/marketing.contract';
import { App, Button, Card, Flex, Form, Input, InputNumber, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isVersionConflict } from '../../../api/api-error';
import { useAllTeams } from '../../../shared/use-all-teams';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useFormRules } from '../../../shared/use-form-rules';
import { UserSelect } from '../../../shared/user-select';
import { useUserNames } from '../detail/use-user-names';
import { CampaignSelect } from '../list/campaign-select';
import { BilingualInput } from './bilingual-input';
import { defaultFields, defaultTexts } from './form-defaults';
import { FormFieldList } from './form-field-list';
import { useCreateLeadForm, useUpdateLeadForm } from './use-lead-forms';

type BuilderValues = {
  name: string;
  fields: LeadFormFieldSpec[];
  texts: LeadFormTexts;
  redirectUrl: string;
  source: LeadSource;
  campaignId: string | null;
  ownerId: string | undefined;
  teamId: string | undefined;
  formRatePerMinute: number;
  ipRatePerHour: number;
  active: boolean;
};

/** `form` null: a new form. */
type FormBuilderProps = { form: LeadForm | null; onSaved?: (form: LeadForm) => void };

/** The definition of a web form: fields, texts in both languages, where its leads go, and its limits. */
export function FormBuilder({ form: saved, onSaved }: FormBuilderProps) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<BuilderValues>();
  const create = useCreateLeadForm();
  const update = useUpdateLeadForm();
  const handleError = useErrorHandler();
  const rules = useFormRules();
  const teams = useAllTeams();
  const ownerNames = useUserNames(saved?.ownerId ? [saved.ownerId] : []);

  const submit = (values: BuilderValues) => {
    const body = {
      ...values,
      fields: values.fields.map((f) => ({ ...f, required: Boolean(f.required) })),
      redirectUrl: values.redirectUrl.trim() || null,
      campaignId: values.campaignId ?? null,
      ownerId: values.ownerId ?? null,
      teamId: values.teamId ?? null,
    };
    const onSuccess = (result: LeadForm) => {
      void message.success(t('marketing.forms.saved'));
      onSaved?.(result);
    };
    const onError = (error: unknown) => {
      if (!isVersionConflict(error)) handleError(error, form);
      else handleError(error);
    };
    if (saved) update.mutate({ id: saved.id, version: saved.version, ...body }, { onSuccess, onError });
    else create.mutate(body, { onSuccess, onError });
  };

  return (
    <Form<BuilderValues>
      form={form}
      layout="vertical"
      requiredMark={false}
      initialValues={{
        name: saved?.name ?? '',
        fields: saved?.fields ?? defaultFields(i18n),
        texts: saved?.texts ?? defaultTexts(i18n),
        redirectUrl: saved?.redirectUrl ?? '',
        source: saved?.source ?? 'website_form',
        campaignId: saved?.campaignId ?? null,
        ownerId: saved?.ownerId ?? undefined,
        teamId: saved?.teamId ?? undefined,
        formRatePerMinute: saved?.formRatePerMinute ?? 60,
        ipRatePerHour: saved?.ipRatePerHour ?? 10,
        active: saved?.active ?? true,
      }}
      onFinish={submit}
    >
      <Flex vertical gap={16}>
        <Card size="small">
          <Flex gap={16} wrap align="end">
            <Form.Item
              name="name"
              label={t('marketing.forms.name')}
              extra={t('marketing.forms.nameHint')}
              rules={[rules.required]}
              style={{ flex: 1, minWidth: 240 }}
            >
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="active" label={t('marketing.forms.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Flex>
        </Card>
        <Card size="small" title={t('marketing.forms.sectionFields')}>
          <FormFieldList />
        </Card>
        <Card size="small" title={t('marketing.forms.sectionTexts')}>
          <BilingualInput text="title" label={t('marketing.forms.textTitle')} required maxLength={200} />
          <BilingualInput text="intro" label={t('marketing.forms.textIntro')} multiline maxLength={2000} />
          <BilingualInput text="submit" label={t('marketing.forms.textSubmit')} required maxLength={50} />
          <BilingualInput
            text="thankYou"
            label={t('marketing.forms.textThankYou')}
            required
            multiline
            maxLength={2000}
          />
          <Form.Item
            name="redirectUrl"
            label={t('marketing.forms.redirectUrl')}
            extra={t('marketing.forms.redirectHint')}
            rules={[{ type: 'url', message: t('marketing.forms.redirectHint') }]}
          >
            <Input maxLength={2000} placeholder="https://www.example.com/thanks" />
          </Form.Item>
        </Card>
        <Card size="small" title={t('marketing.forms.sectionRouting')}>
          <Flex gap={16} wrap>
            <Form.Item name="source" label={t('marketing.forms.source')} style={{ flex: 1, minWidth: 200 }}>
              <Select options={LEAD_SOURCES.map((s) => ({ value: s, label: t(`leads.source.${s}`) }))} />
            </Form.Item>
            <Form.Item
              name="campaignId"
              label={t('marketing.forms.campaign')}
              style={{ flex: 1, minWidth: 200 }}
            >
              <CampaignSelect allowClear placeholder={t('marketing.forms.noCampaign')} />
            </Form.Item>
          </Flex>
          <Flex gap={16} wrap>
            <Form.Item name="ownerId" label={t('marketing.forms.owner')} style={{ flex: 1, minWidth: 200 }}>
              <UserSelect<string | undefined>
                allowClear
                knownUsers={[...ownerNames].map(([id, name]) => ({ id, name }))}
              />
            </Form.Item>
            <Form.Item name="teamId" label={t('marketing.forms.team')} style={{ flex: 1, minWidth: 200 }}>
              <Select<string | undefined>
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                loading={teams.isPending}
                options={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
              />
            </Form.Item>
          </Flex>
          <Typography.Text type="secondary">{t('marketing.forms.routingHint')}</Typography.Text>
        </Card>
        <Card size="small" title={t('marketing.forms.sectionLimits')}>
          <Flex gap={16} wrap>
            <Form.Item name="formRatePerMinute" label={t('marketing.forms.formRate')}>
              <InputNumber min={1} max={10_000} precision={0} />
            </Form.Item>
            <Form.Item name="ipRatePerHour" label={t('marketing.forms.ipRate')}>
              <InputNumber min={1} max={10_000} precision={0} />
            </Form.Item>
          </Flex>
          <Typography.Text type="secondary">{t('marketing.forms.limitsHint')}</Typography.Text>
        </Card>
        <Flex justify="end">
          <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending}>
            {saved ? t('common.save') : t('common.create')}
          </Button>
        </Flex>
      </Flex>
    </Form>
  );
}
