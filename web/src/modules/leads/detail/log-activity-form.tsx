import { ACTIVITY_KINDS, type ActivityKind, type Lead } from '@contracts/leads.contract';
import { App, Button, Col, DatePicker, Form, Input, Radio, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useFormRules } from '../../../shared/use-form-rules';
import { useLogActivity } from './use-lead';

type LogActivityFormProps = { lead: Lead };
type Values = {
  kind: ActivityKind;
  subject: string;
  body: string;
  direction: 'inbound' | 'outbound' | null;
  occurredAt: Dayjs | null;
  dueAt: Dayjs | null;
};

/** Calls and emails have a direction; a task has a due date instead of having happened. */
const DIRECTED: readonly ActivityKind[] = ['call', 'email'];

/**
 * Log a call, email, meeting, visit or note, or plan a task. The first contact stops the response SLA and
 * moves a new lead to contacted, so the lead is read again afterwards.
 */
export function LogActivityForm({ lead }: LogActivityFormProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const log = useLogActivity(lead.id);
  const handleError = useErrorHandler();
  const rules = useFormRules();
  const kind = Form.useWatch('kind', form) ?? 'call';
  const submit = (v: Values) =>
    log.mutate(
      {
        kind: v.kind,
        subject: v.subject.trim(),
        body: v.body?.trim() ?? '',
        direction: DIRECTED.includes(v.kind) ? (v.direction ?? null) : null,
        ...(v.kind !== 'task' && v.occurredAt ? { occurredAt: v.occurredAt.toISOString() } : {}),
        ...(v.kind === 'task' ? { dueAt: v.dueAt ? v.dueAt.toISOString() : null } : {}),
      },
      {
        onSuccess: () => {
          form.resetFields();
          void message.success(t('leadScreens.activity.logged'));
        },
        onError: (error) => handleError(error, form),
      },
    );
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{
        kind: 'call',
        direction: 'outbound',
        subject: '',
        body: '',
        occurredAt: null,
        dueAt: null,
      }}
      onFinish={submit}
      aria-label={t('leadScreens.activity.title')}
    >
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item name="kind" label={t('leadScreens.activity.kind')}>
            <Select<ActivityKind>
              aria-label={t('leadScreens.activity.kind')}
              options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`leads.activityKind.${k}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name="subject" label={t('leadScreens.activity.subject')} rules={[rules.required]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        {DIRECTED.includes(kind) && (
          <Col xs={24} md={8}>
            <Form.Item name="direction" label={t('leadScreens.activity.directionLabel')}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'outbound', label: t('leadScreens.activity.direction.outbound') },
                  { value: 'inbound', label: t('leadScreens.activity.direction.inbound') },
                ]}
              />
            </Form.Item>
          </Col>
        )}
        {kind === 'task' ? (
          <Col xs={24} md={16}>
            <Form.Item name="dueAt" label={t('leadScreens.activity.due')}>
              <DatePicker showTime={{ format: 'HH:mm' }} aria-label={t('leadScreens.activity.due')} />
            </Form.Item>
          </Col>
        ) : (
          <Col xs={24} md={16}>
            <Form.Item
              name="occurredAt"
              label={t('leadScreens.activity.when')}
              extra={t('leadScreens.activity.whenHint')}
            >
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                aria-label={t('leadScreens.activity.when')}
                disabledDate={(d) => d.isAfter(dayjs().endOf('day'))}
              />
            </Form.Item>
          </Col>
        )}
      </Row>
      <Form.Item name="body" label={t('leadScreens.activity.body')}>
        <Input.TextArea maxLength={10_000} autoSize={{ minRows: 2, maxRows: 8 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={log.isPending}>
        {t('leadScreens.activity.submit')}
      </Button>
    </Form>
  );
}
