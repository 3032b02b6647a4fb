import { StopOutlined, UndoOutlined } from '@ant-design/icons';
import { CHURN_REASONS, type ChurnReason, type CustomerRetention } from '@contracts/retention.contract';
import {
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useFormatDateTime } from '../../../shared/use-format-date-time';
import { useCustomerContacts } from '../use-customers';
import { surveyRecipients, winBackByDefault } from './retention-text';
import { useChurnCustomer, useReactivateCustomer } from './use-retention';

type ChurnValues = {
  reason: ChurnReason;
  competitor?: string;
  note?: string;
  surveyContactId?: string;
  winBack: boolean;
};

type CustomerRef = { id: string; name: string };

/** Marks the customer churned: why, to whom, an optional survey to a contact and the win-back plan. */
export function ChurnButton({ customer }: { customer: CustomerRef }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useErrorHandler();
  const churn = useChurnCustomer(customer.id);
  const [open, setOpen] = useState(false);
  const contacts = useCustomerContacts(customer.id);
  const [form] = Form.useForm<ChurnValues>();
  const reason = Form.useWatch('reason', form);
  return (
    <>
      <Button size="small" danger icon={<StopOutlined />} onClick={() => setOpen(true)}>
        {t('retention.churn.action')}
      </Button>
      <Modal
        open={open}
        title={t('retention.churn.title', { name: customer.name })}
        okText={t('retention.churn.submit')}
        okButtonProps={{ danger: true }}
        cancelText={t('common.cancel')}
        confirmLoading={churn.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form<ChurnValues>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ winBack: true }}
          onValuesChange={(changed: Partial<ChurnValues>) => {
            // The win-back plan follows the reason until the user decides; a competitor win is not planned back.
            if (changed.reason) form.setFieldValue('winBack', winBackByDefault(changed.reason));
          }}
          onFinish={(values) =>
            churn
              .mutateAsync({
                reason: values.reason,
                competitor: values.reason === 'competitor' ? (values.competitor ?? null) : null,
                note: values.note ?? '',
                surveyContactId: values.surveyContactId ?? null,
                winBack: values.winBack,
              })
              .then(() => {
                setOpen(false);
                void message.success(t('retention.churn.done', { name: customer.name }));
              })
              .catch((error: unknown) => handleError(error, form))
          }
        >
          <Form.Item
            name="reason"
            label={t('retention.churn.reason')}
            rules={[{ required: true, message: t('retention.churn.reasonRequired') }]}
          >
            <Radio.Group
              options={CHURN_REASONS.map((r) => ({ value: r, label: t(`retention.churn.reasons.${r}`) }))}
            />
          </Form.Item>
          {reason === 'competitor' && (
            <Form.Item
              name="competitor"
              label={t('retention.churn.competitor')}
              rules={[
                { required: true, whitespace: true, message: t('retention.churn.competitorRequired') },
                { max: 200 },
              ]}
            >
              <Input maxLength={200} />
            </Form.Item>
          )}
          <Form.Item name="note" label={t('retention.churn.note')} rules={[{ max: 2000 }]}>
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
          <Form.Item
            name="surveyContactId"
            label={t('retention.churn.survey')}
            extra={t('retention.churn.surveyHint')}
          >
            <Select
              allowClear
              placeholder={t('retention.churn.noSurvey')}
              loading={contacts.isPending}
              options={surveyRecipients(contacts.data ?? [])}
            />
          </Form.Item>
          <Form.Item
            name="winBack"
            label={t('retention.churn.winBack')}
            extra={t('retention.churn.winBackHint')}
            valuePropName="checked"
          >
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

type ChurnPanelProps = {
  customer: CustomerRef;
  churn: NonNullable<CustomerRetention['churn']>;
  canEdit: boolean;
};

/** A churned customer's churn record, and taking them back with a reason. */
export function ChurnPanel({ customer, churn, canEdit }: ChurnPanelProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const formatDateTime = useFormatDateTime();
  const handleError = useErrorHandler();
  const reactivate = useReactivateCustomer(customer.id);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const empty = t('common.empty');
  return (
    <Card
      size="small"
      title={<Tag color="red">{t('retention.churn.panel')}</Tag>}
      extra={
        canEdit && (
          <Button size="small" icon={<UndoOutlined />} onClick={() => setOpen(true)}>
            {t('retention.churn.reactivate')}
          </Button>
        )
      }
      style={{ marginBottom: 16 }}
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'reason',
            label: t('retention.churn.reason'),
            children: t(`retention.churn.reasons.${churn.reason}`),
          },
          ...(churn.competitor
            ? [{ key: 'competitor', label: t('retention.churn.competitor'), children: churn.competitor }]
            : []),
          { key: 'at', label: t('retention.churn.at'), children: formatDateTime(churn.at) },
          { key: 'winBack', label: t('retention.churn.winBackTasks'), children: churn.winBackTasks },
          {
            key: 'survey',
            label: t('retention.churn.surveySentTo'),
            children: churn.surveySentTo ?? t('retention.churn.noneSent'),
          },
          {
            key: 'note',
            label: t('retention.churn.note'),
            children: churn.note ? (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                {churn.note}
              </Typography.Paragraph>
            ) : (
              empty
            ),
          },
        ]}
      />
      <Modal
        open={open}
        title={t('retention.churn.reactivateTitle', { name: customer.name })}
        okText={t('retention.churn.reactivate')}
        cancelText={t('common.cancel')}
        confirmLoading={reactivate.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={(values) =>
            reactivate
              .mutateAsync({ reason: values.reason })
              .then(() => {
                setOpen(false);
                void message.success(t('retention.churn.reactivated', { name: customer.name }));
              })
              .catch((error: unknown) => handleError(error, form))
          }
        >
          <Form.Item
            name="reason"
            label={t('retention.churn.reactivateReason')}
            rules={[
              { required: true, whitespace: true, message: t('retention.churn.reactivateRequired') },
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
