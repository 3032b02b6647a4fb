import type { Lead } from '@contracts/leads.contract';
import { App, Button, Form, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { isVersionConflict } from '../../../api/api-error';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { LeadFieldItems } from '../list/lead-field-items';
import { changedFields, formValuesOf, type LeadFormValues } from '../list/lead-form-values';
import { useFollowVersion } from './use-follow-version';
import { useLead, useUpdateLead } from './use-lead';

type LeadProfileFormProps = { lead: Lead };

/**
 * Every field of the lead, saved as one PATCH of the changed fields with the version read. A newer
 * version from the server refreshes the form unless the user is editing; a 412 reloads it (the error
 * handler says why) and the form shows the other person's values.
 */
export function LeadProfileForm({ lead }: LeadProfileFormProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<LeadFormValues>();
  const update = useUpdateLead();
  const reload = useLead(lead.id).refetch;
  const handleError = useErrorHandler();
  const readOnly = !lead.can.edit;
  const initial = formValuesOf(lead);

  useFollowVersion(form, lead.version);

  const submit = (values: LeadFormValues) => {
    const changes = changedFields(lead, values);
    if (Object.keys(changes).length === 0) {
      form.resetFields();
      return;
    }
    update.mutate(
      { id: lead.id, version: lead.version, ...changes },
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
  };

  return (
    <Form<LeadFormValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      disabled={readOnly}
      onFinish={submit}
    >
      <LeadFieldItems />
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
