import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_SEVERITIES,
  type Complaint,
  type ComplaintCategory,
  type ComplaintSeverity,
} from '@contracts/after-sales.contract';
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../shared/use-error-handler';
import { UserSelect } from '../../shared/user-select';
import { CustomerSelect } from '../customers/customer-select';
import { useCustomerContacts } from '../customers/use-customers';
import { useCreateComplaint, usePatchComplaint } from './use-after-sales';

/** A complaint to record (for a given customer, or one to pick) or one to edit. */
export type ComplaintTarget =
  | { kind: 'new'; customerId?: string; customerName?: string }
  | { kind: 'edit'; complaint: Complaint };

type Values = {
  customerId: string | null;
  contactId: string | null;
  title: string;
  description: string;
  category: ComplaintCategory;
  severity: ComplaintSeverity;
  ownerId: string | undefined;
  receivedAt: Dayjs | null;
};

type ComplaintDialogProps = { target: ComplaintTarget | null; onClose: () => void };

/** Records a complaint or edits one; the server's field errors show on the fields. */
export function ComplaintDialog({ target, onClose }: ComplaintDialogProps) {
  if (!target) return null;
  const key = target.kind === 'edit' ? target.complaint.id : `new:${target.customerId ?? ''}`;
  return <ComplaintForm key={key} target={target} onClose={onClose} />;
}

/** The contacts of the chosen customer; mounted only once there is one, so no request goes out without it. */
function ContactSelect({
  customerId,
  value,
  onChange,
}: {
  customerId: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
}) {
  const { t } = useTranslation();
  const contacts = useCustomerContacts(customerId);
  return (
    <Select<string | null>
      allowClear
      aria-label={t('afterSales.complaints.contact')}
      placeholder={t('afterSales.complaints.noContact')}
      loading={contacts.isPending}
      value={value ?? null}
      onChange={(v) => onChange?.(v ?? null)}
      options={(contacts.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
      showSearch={{ optionFilterProp: 'label' }}
    />
  );
}

function ComplaintForm({ target, onClose }: { target: ComplaintTarget; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useErrorHandler();
  const [form] = Form.useForm<Values>();
  const create = useCreateComplaint();
  const patch = usePatchComplaint();
  const editing = target.kind === 'edit' ? target.complaint : null;
  const presetCustomer = target.kind === 'new' ? target.customerId : editing?.customerId;
  const chosenCustomer = Form.useWatch('customerId', form) ?? presetCustomer ?? null;
  const initialValues: Values = editing
    ? {
        customerId: editing.customerId,
        contactId: editing.contactId,
        title: editing.title,
        description: editing.description,
        category: editing.category,
        severity: editing.severity,
        ownerId: editing.ownerId ?? undefined,
        receivedAt: dayjs(editing.receivedAt),
      }
    : {
        customerId: presetCustomer ?? null,
        contactId: null,
        title: '',
        description: '',
        category: 'other',
        severity: 'medium',
        ownerId: undefined,
        receivedAt: null,
      };
  const submit = (v: Values) => {
    const onError = (error: unknown) => handleError(error, form);
    if (editing) {
      patch.mutate(
        {
          id: editing.id,
          version: editing.version,
          title: v.title,
          description: v.description ?? '',
          category: v.category,
          severity: v.severity,
          contactId: v.contactId ?? null,
          ownerId: v.ownerId ?? null,
        },
        {
          onSuccess: () => {
            void message.success(t('afterSales.complaints.saved'));
            onClose();
          },
          onError,
        },
      );
      return;
    }
    // A preset customer has no field of its own, so it is not among the submitted values.
    const customerId = v.customerId ?? presetCustomer;
    if (!customerId) return;
    create.mutate(
      {
        customerId,
        contactId: v.contactId ?? null,
        title: v.title,
        description: v.description ?? '',
        category: v.category,
        severity: v.severity,
        ownerId: v.ownerId ?? undefined,
        receivedAt: v.receivedAt ? v.receivedAt.toISOString() : undefined,
      },
      {
        onSuccess: () => {
          void message.success(t('afterSales.complaints.created'));
          onClose();
        },
        onError,
      },
    );
  };
  return (
    <Modal
      open
      title={editing ? t('afterSales.complaints.editTitle') : t('afterSales.complaints.record')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || patch.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        // Named: its field ids (title, description…) must not repeat another form's on the customer page.
        name="complaint"
        layout="vertical"
        initialValues={initialValues}
        onFinish={submit}
        onValuesChange={(changed: Partial<Values>) => {
          // A contact belongs to one customer: picking another customer clears it.
          if ('customerId' in changed) form.setFieldValue('contactId', null);
        }}
      >
        {!presetCustomer && (
          <Form.Item
            name="customerId"
            label={t('afterSales.complaints.customer')}
            rules={[{ required: true, message: t('afterSales.complaints.customerRequired') }]}
          >
            <CustomerSelect aria-label={t('afterSales.complaints.customer')} />
          </Form.Item>
        )}
        {chosenCustomer && (
          <Form.Item name="contactId" label={t('afterSales.complaints.contact')}>
            <ContactSelect customerId={chosenCustomer} />
          </Form.Item>
        )}
        <Form.Item
          name="title"
          label={t('afterSales.complaints.complaintTitle')}
          rules={[{ required: true, whitespace: true, message: t('afterSales.complaints.titleRequired') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label={t('afterSales.complaints.description')}>
          <Input.TextArea maxLength={5000} autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
        <Form.Item name="category" label={t('afterSales.complaints.category')}>
          <Select<ComplaintCategory>
            aria-label={t('afterSales.complaints.category')}
            options={COMPLAINT_CATEGORIES.map((c) => ({
              value: c,
              label: t(`afterSales.complaints.categoryName.${c}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="severity" label={t('afterSales.complaints.severity')}>
          <Select<ComplaintSeverity>
            aria-label={t('afterSales.complaints.severity')}
            options={COMPLAINT_SEVERITIES.map((s) => ({
              value: s,
              label: t(`afterSales.complaints.severityName.${s}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="ownerId"
          label={t('afterSales.complaints.owner')}
          extra={t('afterSales.complaints.ownerHint')}
        >
          <UserSelect<string | undefined>
            allowClear
            aria-label={t('afterSales.complaints.owner')}
            knownUsers={
              editing?.ownerId && editing.ownerName ? [{ id: editing.ownerId, name: editing.ownerName }] : []
            }
          />
        </Form.Item>
        {!editing && (
          <Form.Item
            name="receivedAt"
            label={t('afterSales.complaints.receivedAt')}
            extra={t('afterSales.complaints.receivedAtHint')}
          >
            <DatePicker
              showTime
              aria-label={t('afterSales.complaints.receivedAt')}
              disabledDate={(day) => day.isAfter(dayjs(), 'day')}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
