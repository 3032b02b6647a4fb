import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { DailyLog } from '@contracts/activities.contract';
import { Alert, App, Button, Col, Form, Input, Popconfirm, Row, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { CustomerSelect } from '../../customers/customer-select';
import { useSaveDailyLog, useSubmitDailyLog } from './use-daily-logs';

type Values = {
  summary: string;
  keyPoints: { customerId: string | null; text: string }[];
  plans: string;
};

type DailyLogEditorProps = { log: DailyLog };

/**
 * The rep's own log of a day: the summary, key points per customer and plans, prefilled from the day's
 * activities until first saved. Submitting saves any edits first; a submitted log is read-only.
 */
export function DailyLogEditor({ log }: DailyLogEditorProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveDailyLog();
  const submit = useSubmitDailyLog();
  const handleError = useErrorHandler();
  const names = new Map(log.keyPoints.map((k) => [k.customerId, k.customerName]));
  const points = Form.useWatch('keyPoints', form);

  const body = (v: Values, version: number) => ({
    day: log.day,
    version,
    summary: v.summary?.trim() ?? '',
    keyPoints: (v.keyPoints ?? [])
      .filter((k) => k.text?.trim())
      .map((k) => ({ customerId: k.customerId ?? null, text: k.text.trim() })),
    plans: v.plans?.trim() ?? '',
  });

  const onSave = (v: Values) =>
    save.mutate(body(v, log.version), {
      onSuccess: () => void message.success(t('common.saved')),
      onError: (error) => handleError(error, form),
    });

  const onSubmit = async () => {
    try {
      const v = await form.validateFields();
      const saved =
        form.isFieldsTouched() || !log.stored ? await save.mutateAsync(body(v, log.version)) : log;
      await submit.mutateAsync({ day: log.day, version: saved.version });
      void message.success(t('activities.dailyLog.submittedMessage'));
    } catch (error) {
      // A failed field check has already marked the fields; anything else came from the server.
      if (!(error && typeof error === 'object' && 'errorFields' in error)) handleError(error, form);
    }
  };

  return (
    <Form<Values>
      key={`${log.day}-${log.version}`}
      form={form}
      layout="vertical"
      initialValues={{ summary: log.summary, keyPoints: log.keyPoints, plans: log.plans }}
      onFinish={onSave}
      aria-label={t('activities.dailyLog.tabs.mine')}
    >
      {!log.stored && (
        <Alert type="info" showIcon title={t('activities.dailyLog.draft')} style={{ marginBottom: 16 }} />
      )}
      <Form.Item name="summary" label={t('activities.dailyLog.summary')}>
        <Input.TextArea maxLength={20_000} autoSize={{ minRows: 2, maxRows: 8 }} />
      </Form.Item>
      <Form.List name="keyPoints">
        {(fields, { add, remove }) => (
          <Form.Item label={t('activities.dailyLog.keyPoints')}>
            {fields.map((field) => (
              <Row key={field.key} gutter={8} align="top">
                <Col xs={24} md={7}>
                  <Form.Item name={[field.name, 'customerId']}>
                    <CustomerSelect
                      aria-label={t('activities.field.customer')}
                      placeholder={t('activities.dailyLog.noCustomer')}
                      knownName={names.get(points?.[field.name]?.customerId ?? null) ?? null}
                      allowClear
                    />
                  </Form.Item>
                </Col>
                <Col xs={21} md={16}>
                  <Form.Item
                    name={[field.name, 'text']}
                    rules={[{ required: true, whitespace: true, message: t('errors.required') }]}
                  >
                    <Input.TextArea maxLength={2000} autoSize={{ minRows: 1, maxRows: 6 }} />
                  </Form.Item>
                </Col>
                <Col xs={3} md={1}>
                  <Button
                    type="text"
                    aria-label={t('common.delete')}
                    icon={<DeleteOutlined />}
                    onClick={() => remove(field.name)}
                  />
                </Col>
              </Row>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ customerId: null, text: '' })}>
              {t('activities.dailyLog.addKeyPoint')}
            </Button>
          </Form.Item>
        )}
      </Form.List>
      <Form.Item name="plans" label={t('activities.dailyLog.plans')}>
        <Input.TextArea maxLength={10_000} autoSize={{ minRows: 2, maxRows: 8 }} />
      </Form.Item>
      <Space>
        <Button htmlType="submit" loading={save.isPending}>
          {t('common.save')}
        </Button>
        <Popconfirm title={t('activities.dailyLog.submitConfirm')} onConfirm={() => void onSubmit()}>
          <Button type="primary" loading={submit.isPending}>
            {t('activities.dailyLog.submit')}
          </Button>
        </Popconfirm>
      </Space>
    </Form>
  );
}
