import type { LeadListColumn, LeadSort, LeadView } from '@contracts/lead-views.contract';
import { Checkbox, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useFormRules } from '../../../shared/use-form-rules';
import { type ListFilters, toViewFilters } from './list-params';
import { useCreateLeadView } from './use-lead-views';

type SaveViewModalProps = {
  open: boolean;
  filters: ListFilters;
  sort: LeadSort;
  columns: readonly LeadListColumn[];
  onClose: () => void;
  onSaved: (view: LeadView) => void;
};

type Values = { name: string; shared: boolean };

/** "Save as": the list as it is now (filters, sort, columns) becomes a named view. */
export function SaveViewModal({ open, filters, sort, columns, onClose, onSaved }: SaveViewModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useCreateLeadView();
  const handleError = useErrorHandler();
  const rules = useFormRules();
  const submit = (values: Values) =>
    create.mutate(
      {
        name: values.name,
        shared: values.shared,
        filters: toViewFilters(filters),
        sort,
        columns: [...columns],
      },
      { onSuccess: onSaved, onError: (error) => handleError(error, form) },
    );
  return (
    <Modal
      open={open}
      title={t('leadScreens.views.saveAsTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ name: '', shared: false }}
        onFinish={submit}
      >
        <Form.Item name="name" label={t('leadScreens.views.name')} rules={[rules.required]}>
          <Input maxLength={100} autoFocus />
        </Form.Item>
        <Form.Item name="shared" valuePropName="checked" extra={t('leadScreens.views.sharedHint')}>
          <Checkbox>{t('leadScreens.views.share')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
