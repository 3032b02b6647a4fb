import { App, Button, Form, InputNumber, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { usePipelineRules, useUpdatePipelineRules } from '../use-deals';

type Values = { proposalGraceDays: number };

/** The company's pipeline rules: how late a promised proposal may be before the owner and manager hear. */
export function PipelineRulesCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useErrorHandler();
  const [form] = Form.useForm<Values>();
  const rules = usePipelineRules();
  const update = useUpdatePipelineRules();
  if (rules.isError) return <ErrorAlert error={rules.error} />;
  if (!rules.data) return <Skeleton active />;
  const version = rules.data.version;
  return (
    <Form<Values>
      key={version}
      form={form}
      layout="vertical"
      style={{ maxWidth: 480 }}
      initialValues={{ proposalGraceDays: rules.data.proposalGraceDays }}
      onFinish={(v) =>
        update.mutate(
          { version, proposalGraceDays: v.proposalGraceDays },
          {
            onSuccess: () => void message.success(t('common.saved')),
            onError: (error) => handleError(error, form),
          },
        )
      }
    >
      <Form.Item
        name="proposalGraceDays"
        label={t('deals.rules.proposalGraceDays')}
        extra={t('deals.rules.proposalGraceDaysHint')}
        rules={[{ required: true, message: t('errors.required') }]}
      >
        <InputNumber min={0} max={60} precision={0} aria-label={t('deals.rules.proposalGraceDays')} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={update.isPending}>
        {t('common.save')}
      </Button>
    </Form>
  );
}
