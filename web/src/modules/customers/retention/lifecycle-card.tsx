import { EditOutlined, UndoOutlined } from '@ant-design/icons';
import { LIFECYCLE_STAGES, type LifecycleStage } from '@contracts/customers.contract';
import {
  type CustomerRetention,
  LIFECYCLE_ACTIONS,
  type LifecycleAction,
} from '@contracts/retention.contract';
import {
  App,
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useFormatDateTime } from '../../../shared/use-format-date-time';
import { useSession } from '../../auth/use-session';
import { useUserNames } from '../../leads/detail/use-user-names';
import { LIFECYCLE_COLORS } from '../customer-colors';
import { useCheckLifecycleAction, useOverrideLifecycle } from './use-retention';

type LifecycleCardProps = { customerName: string; retention: CustomerRetention; canEdit: boolean };

/** Stages a person may set by hand; churned comes only with a churn reason (the churn action). */
const OVERRIDE_STAGES = LIFECYCLE_STAGES.filter(
  (s): s is Exclude<LifecycleStage, 'churned'> => s !== 'churned',
);

const ALL_ACTIONS: readonly string[] = Object.values(LIFECYCLE_ACTIONS).flat();
const isKnownAction = (action: string): action is LifecycleAction => ALL_ACTIONS.includes(action);

/** The lifecycle stage with why it is so (computed reasons or the override), since when, and its checklist. */
export function LifecycleCard({ customerName, retention, canEdit }: LifecycleCardProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const formatDateTime = useFormatDateTime();
  const handleError = useErrorHandler();
  const { lifecycle } = retention;
  const override = useOverrideLifecycle(retention.customerId);
  const check = useCheckLifecycleAction(retention.customerId);
  const churned = lifecycle.stage === 'churned';
  // Churn is kept as an override whose reason is the churn code; the churn panel explains it, not this card.
  const manual = churned ? null : lifecycle.override;
  const reasons = churned ? (['churnedByUser'] as const) : lifecycle.reasons;
  const names = useUserNames(manual?.by ? [manual.by] : []);
  // Reading another user may need a permission the caller lacks; their own name is known from the session.
  const byName = (id: string | null) =>
    (id && names.get(id)) || (id === me.user.id ? me.user.name : t('retention.lifecycle.someone'));
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<{ stage: Exclude<LifecycleStage, 'churned'>; reason: string }>();
  return (
    <Card
      size="small"
      title={t('retention.lifecycle.title')}
      extra={
        lifecycle.stage ? (
          <Space size={4}>
            <Tag color={LIFECYCLE_COLORS[lifecycle.stage]}>{t(`customers.lifecycle.${lifecycle.stage}`)}</Tag>
            {manual && <Tag>{t('retention.lifecycle.overridden')}</Tag>}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('retention.lifecycle.none')}</Typography.Text>
        )
      }
      style={{ marginBottom: 16 }}
    >
      <Flex vertical gap={8}>
        {lifecycle.since && (
          <Typography.Text type="secondary">
            {t('retention.lifecycle.since', { time: formatDateTime(lifecycle.since) })}
          </Typography.Text>
        )}
        {manual ? (
          <>
            <Typography.Text>
              {t('retention.lifecycle.overrideBy', {
                stage: t(`customers.lifecycle.${manual.stage}`),
                name: byName(manual.by),
                time: formatDateTime(manual.at),
                reason: manual.reason,
              })}
            </Typography.Text>
            {lifecycle.computed && (
              <Typography.Text type="secondary">
                {t('retention.lifecycle.computed', { stage: t(`customers.lifecycle.${lifecycle.computed}`) })}
              </Typography.Text>
            )}
          </>
        ) : (
          reasons.length > 0 && (
            <Space size={[4, 4]} wrap>
              {reasons.map((reason) => (
                <Tag key={reason} bordered={false}>
                  {t(`retention.lifecycle.reasons.${reason}`)}
                </Tag>
              ))}
            </Space>
          )
        )}
        <Typography.Text strong>{t('retention.lifecycle.checklist')}</Typography.Text>
        {lifecycle.checklist.length === 0 ? (
          <Typography.Text type="secondary">{t('retention.lifecycle.checklistEmpty')}</Typography.Text>
        ) : (
          <Flex vertical gap={4} role="group" aria-label={t('retention.lifecycle.checklist')}>
            {lifecycle.checklist.map((item) => (
              <Checkbox
                key={item.action}
                checked={item.done}
                disabled={!canEdit || check.isPending}
                onChange={(e) =>
                  check
                    .mutateAsync({ action: item.action, done: e.target.checked })
                    .catch((error: unknown) => handleError(error))
                }
              >
                {isKnownAction(item.action) ? t(`retention.lifecycle.actions.${item.action}`) : item.action}
              </Checkbox>
            ))}
          </Flex>
        )}
        {canEdit && !churned && (
          <Space wrap>
            <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('retention.lifecycle.override')}
            </Button>
            {lifecycle.override && (
              <Popconfirm
                title={t('retention.lifecycle.clearConfirm')}
                okText={t('retention.lifecycle.clear')}
                cancelText={t('common.cancel')}
                onConfirm={() =>
                  override
                    .mutateAsync({ stage: null, reason: '' })
                    .then(() => message.success(t('retention.lifecycle.cleared')))
                    .catch((error: unknown) => handleError(error))
                }
              >
                <Button size="small" icon={<UndoOutlined />}>
                  {t('retention.lifecycle.clear')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        )}
      </Flex>
      <Modal
        open={editing}
        title={t('retention.lifecycle.overrideTitle', { name: customerName })}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={override.isPending}
        onCancel={() => setEditing(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{
            stage: lifecycle.stage && lifecycle.stage !== 'churned' ? lifecycle.stage : OVERRIDE_STAGES[0],
          }}
          onFinish={(values) =>
            override
              .mutateAsync({ stage: values.stage, reason: values.reason })
              .then(() => {
                setEditing(false);
                void message.success(t('retention.lifecycle.overrideSaved'));
              })
              .catch((error: unknown) => handleError(error, form))
          }
        >
          <Typography.Paragraph type="secondary">
            {t('retention.lifecycle.overrideHint')}
          </Typography.Paragraph>
          <Form.Item name="stage" label={t('retention.lifecycle.stage')} rules={[{ required: true }]}>
            <Select
              options={OVERRIDE_STAGES.map((s) => ({ value: s, label: t(`customers.lifecycle.${s}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('retention.lifecycle.reason')}
            rules={[
              { required: true, whitespace: true, message: t('retention.lifecycle.reasonRequired') },
              { max: 500 },
            ]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
