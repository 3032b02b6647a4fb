import {
  ACTIVITY_KINDS,
  ACTIVITY_PRIORITIES,
  type ActivityItem,
  type ActivityKind,
  type ActivityPriority,
  DIRECTED_KINDS,
  REMINDABLE_KINDS,
  SCHEDULED_KINDS,
} from '@contracts/activities.contract';
import { App, Button, Col, DatePicker, Form, Input, Radio, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useFormRules } from '../../shared/use-form-rules';
import { CustomerSelect } from '../customers/customer-select';
import { useCreateActivity, usePeople, useUpdateActivity } from './use-activities';

export type ActivityLinks = { leadId?: string; customerId?: string; contactId?: string; dealId?: string };

type ActivityComposerProps = {
  /** The records a new activity is about; without any, the user picks a customer. */
  links?: ActivityLinks;
  /** Edit this activity instead of logging a new one (its kind stays). */
  activity?: ActivityItem;
  defaultKind?: ActivityKind;
  onDone?: (activity: ActivityItem) => void;
  onCancel?: () => void;
};

type Values = {
  kind: ActivityKind;
  subject: string;
  body: string;
  direction: 'inbound' | 'outbound' | null;
  occurredAt: Dayjs | null;
  endsAt: Dayjs | null;
  location: string;
  dueAt: Dayjs | null;
  priority: ActivityPriority;
  remindAt: Dayjs | null;
  ownerId: string | null;
  customerId: string | null;
};

const TIME = { format: 'HH:mm' } as const;
const iso = (d: Dayjs | null) => (d ? d.toISOString() : null);
const day = (value: string | null | undefined) => (value ? dayjs(value) : null);

function initialValues(activity: ActivityItem | undefined, kind: ActivityKind): Values {
  if (!activity) {
    return {
      kind,
      subject: '',
      body: '',
      direction: 'outbound',
      occurredAt: null,
      endsAt: null,
      location: '',
      dueAt: null,
      priority: 'normal',
      remindAt: null,
      ownerId: null,
      customerId: null,
    };
  }
  return {
    kind: activity.kind,
    subject: activity.subject,
    body: activity.body,
    direction: activity.direction,
    occurredAt: day(activity.occurredAt),
    endsAt: day(activity.endsAt),
    location: activity.location ?? '',
    dueAt: day(activity.dueAt),
    priority: activity.priority,
    remindAt: day(activity.remindAt),
    ownerId: activity.ownerId,
    customerId: activity.customerId,
  };
}

/** The fields a kind takes, as the server checks them: only those are sent. */
function fieldsFor(kind: ActivityKind, v: Values) {
  const scheduled = SCHEDULED_KINDS.includes(kind);
  return {
    subject: v.subject.trim(),
    body: v.body?.trim() ?? '',
    ...(DIRECTED_KINDS.includes(kind) ? { direction: v.direction ?? null } : {}),
    ...(kind !== 'task' && v.occurredAt ? { occurredAt: v.occurredAt.toISOString() } : {}),
    ...(scheduled ? { endsAt: iso(v.endsAt), location: v.location?.trim() || null } : {}),
    ...(kind === 'task' ? { dueAt: iso(v.dueAt), priority: v.priority } : {}),
    ...(REMINDABLE_KINDS.includes(kind) ? { remindAt: iso(v.remindAt) } : {}),
    ...(kind === 'task' && v.ownerId ? { ownerId: v.ownerId } : {}),
  };
}

/**
 * Logs a call, email, meeting, visit or note, or plans a task, on any record (or edits one): each kind shows
 * its own fields. Embed it with the record's links; the server checks them and stops a lead's SLA on contact.
 */
export function ActivityComposer({
  links,
  activity,
  defaultKind = 'call',
  onDone,
  onCancel,
}: ActivityComposerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateActivity();
  const update = useUpdateActivity();
  const people = usePeople();
  const handleError = useErrorHandler();
  const rules = useFormRules();
  const kind = Form.useWatch('kind', form) ?? activity?.kind ?? defaultKind;
  const hasLinks = Boolean(links && Object.values(links).some(Boolean));
  const scheduled = SCHEDULED_KINDS.includes(kind);

  const submit = (v: Values) => {
    const done = (saved: ActivityItem) => {
      void message.success(t(activity ? 'activities.composer.updated' : 'activities.composer.logged'));
      if (!activity) form.resetFields();
      onDone?.(saved);
    };
    if (activity) {
      update.mutate(
        { id: activity.id, version: activity.version, ...fieldsFor(activity.kind, v) },
        { onSuccess: done, onError: (error) => handleError(error, form) },
      );
      return;
    }
    create.mutate(
      {
        kind: v.kind,
        ...fieldsFor(v.kind, v),
        ...(hasLinks ? links : { customerId: v.customerId }),
      },
      { onSuccess: done, onError: (error) => handleError(error, form) },
    );
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={initialValues(activity, defaultKind)}
      onFinish={submit}
      aria-label={t(activity ? 'activities.composer.editTitle' : 'activities.composer.title')}
    >
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item name="kind" label={t('activities.field.kind')}>
            <Select<ActivityKind>
              aria-label={t('activities.field.kind')}
              disabled={Boolean(activity)}
              options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`activities.kind.${k}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name="subject" label={t('activities.field.subject')} rules={[rules.required]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        {!hasLinks && !activity && (
          <Col xs={24}>
            <Form.Item
              name="customerId"
              label={t('activities.field.customer')}
              rules={[{ required: true, message: t('activities.composer.noRecord') }]}
            >
              <CustomerSelect
                aria-label={t('activities.field.customer')}
                placeholder={t('activities.composer.pickCustomer')}
                allowClear
              />
            </Form.Item>
          </Col>
        )}
        {DIRECTED_KINDS.includes(kind) && (
          <Col xs={24} md={8}>
            <Form.Item name="direction" label={t('activities.field.direction')}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'outbound', label: t('activities.direction.outbound') },
                  { value: 'inbound', label: t('activities.direction.inbound') },
                ]}
              />
            </Form.Item>
          </Col>
        )}
        {kind === 'task' ? (
          <>
            <Col xs={24} md={8}>
              <Form.Item
                name="dueAt"
                label={t('activities.field.dueAt')}
                rules={[{ required: true, message: t('errors.required') }]}
              >
                <DatePicker
                  showTime={TIME}
                  aria-label={t('activities.field.dueAt')}
                  style={{ width: '100%' }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="priority" label={t('activities.field.priority')}>
                <Radio.Group
                  optionType="button"
                  options={ACTIVITY_PRIORITIES.map((p) => ({
                    value: p,
                    label: t(`activities.priority.${p}`),
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="ownerId" label={t('activities.field.owner')}>
                <Select<string | null>
                  aria-label={t('activities.field.owner')}
                  placeholder={t('activities.composer.me')}
                  allowClear
                  loading={people.isPending}
                  options={(people.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
                />
              </Form.Item>
            </Col>
          </>
        ) : (
          <Col xs={24} md={8}>
            <Form.Item
              name="occurredAt"
              label={t(scheduled ? 'activities.field.startsAt' : 'activities.field.occurredAt')}
              extra={t('activities.composer.occurredHint')}
            >
              <DatePicker
                showTime={TIME}
                aria-label={t(scheduled ? 'activities.field.startsAt' : 'activities.field.occurredAt')}
                style={{ width: '100%' }}
                // What happened cannot lie in the future; meetings and visits may be planned ahead.
                disabledDate={scheduled ? undefined : (d) => d.isAfter(dayjs().endOf('day'))}
              />
            </Form.Item>
          </Col>
        )}
        {scheduled && (
          <>
            <Col xs={24} md={8}>
              <Form.Item name="endsAt" label={t('activities.field.endsAt')}>
                <DatePicker
                  showTime={TIME}
                  aria-label={t('activities.field.endsAt')}
                  style={{ width: '100%' }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item
                name="location"
                label={t('activities.field.location')}
                rules={kind === 'visit' ? [rules.required] : []}
              >
                <Input maxLength={300} />
              </Form.Item>
            </Col>
          </>
        )}
        {REMINDABLE_KINDS.includes(kind) && (
          <Col xs={24} md={8}>
            <Form.Item name="remindAt" label={t('activities.field.remindAt')}>
              <DatePicker
                showTime={TIME}
                aria-label={t('activities.field.remindAt')}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
        )}
      </Row>
      <Form.Item name="body" label={t('activities.field.body')}>
        <Input.TextArea maxLength={10_000} autoSize={{ minRows: 2, maxRows: 8 }} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending}>
          {t('activities.composer.submit')}
        </Button>
        {onCancel && <Button onClick={onCancel}>{t('common.cancel')}</Button>}
      </Space>
    </Form>
  );
}
