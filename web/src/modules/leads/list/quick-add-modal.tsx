import type { Lead } from '@contracts/leads.contract';
import { Alert, Form, Modal, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { DuplicateMatchList } from './duplicate-match-list';
import { LeadFieldItems } from './lead-field-items';
import { createBodyOf, type LeadFormValues } from './lead-form-values';
import { useCreateLead, useDuplicateCheck } from './use-lead-intake';

type QuickAddModalProps = { open: boolean; onClose: () => void; onCreated: (lead: Lead) => void };
type Values = Pick<LeadFormValues, 'companyName' | 'contactName' | 'phone' | 'email' | 'source' | 'grade'>;

/** The six fields a rep has at hand after a call, with possible duplicates shown while they type. */
export function QuickAddModal({ open, onClose, onCreated }: QuickAddModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useCreateLead();
  const handleError = useErrorHandler();
  const phone = Form.useWatch('phone', form);
  const email = Form.useWatch('email', form);
  const companyName = Form.useWatch('companyName', form);
  const duplicates = useDuplicateCheck({ phone, email, companyName });
  const submit = (values: Values) =>
    create.mutate(createBodyOf(values), {
      onSuccess: (lead) => {
        form.resetFields();
        onCreated(lead);
      },
      onError: (error) => handleError(error, form),
    });
  const matches = open ? (duplicates.data ?? []) : [];
  return (
    <Modal
      open={open}
      title={t('leadScreens.quickAdd.title')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ source: 'other', grade: null }}
        onFinish={submit}
      >
        <LeadFieldItems quick />
      </Form>
      {duplicates.isFetching && matches.length === 0 && <Spin size="small" />}
      {matches.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('leadScreens.duplicates.found', { count: matches.length })}
          description={<DuplicateMatchList matches={matches} newTab />}
        />
      )}
    </Modal>
  );
}
