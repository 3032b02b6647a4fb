import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  CUSTOM_FIELD_TYPES,
  type CustomField,
  type CustomFieldObject,
  type CustomFieldType,
} from '@contracts/custom-fields.contract';
import { Button, Checkbox, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { isVersionConflict } from '../../api/api-error';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useFormRules } from '../../shared/use-form-rules';
import { useCreateCustomField, useUpdateCustomField } from './use-custom-fields';

type Option = { value: string; labelZh: string; labelEn: string };
type FieldValues = {
  key: string;
  labelZh: string;
  labelEn: string;
  type: CustomFieldType;
  options: Option[];
  required: boolean;
  position: number;
};

type CustomFieldModalProps = {
  object: CustomFieldObject;
  /** null: closed; 'new': define one; a field: edit it (key and type stay as created). */
  field: CustomField | 'new' | null;
  nextPosition: number;
  onClose: () => void;
};

const hasOptions = (type: CustomFieldType | undefined) => type === 'select' || type === 'multiselect';

export function CustomFieldModal({ object, field, nextPosition, onClose }: CustomFieldModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FieldValues>();
  const create = useCreateCustomField();
  const update = useUpdateCustomField();
  const handleError = useErrorHandler();
  const rules = useFormRules();
  const editing = field !== null && field !== 'new' ? field : null;
  const type = Form.useWatch('type', form) ?? editing?.type;
  const onError = (error: unknown) => {
    handleError(error, form);
    if (isVersionConflict(error)) onClose();
  };
  const submit = (values: FieldValues) => {
    const options = hasOptions(values.type ?? editing?.type) ? (values.options ?? []) : [];
    if (editing) {
      update.mutate(
        {
          id: editing.id,
          version: editing.version,
          labelZh: values.labelZh,
          labelEn: values.labelEn,
          options,
          required: values.required,
          position: values.position,
        },
        { onSuccess: onClose, onError },
      );
    } else {
      create.mutate({ ...values, object, options }, { onSuccess: onClose, onError });
    }
  };
  const kept = new Set(editing?.options.map((o) => o.value) ?? []);
  return (
    <Modal
      open={field !== null}
      title={editing ? t('customFields.editTitle') : t('customFields.createTitle')}
      okText={editing ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      <Form<FieldValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{
          key: editing?.key ?? '',
          labelZh: editing?.labelZh ?? '',
          labelEn: editing?.labelEn ?? '',
          type: editing?.type ?? 'text',
          options: editing?.options ?? [],
          required: editing?.required ?? false,
          position: editing?.position ?? nextPosition,
        }}
        onFinish={submit}
      >
        <Space.Compact block>
          <Form.Item
            name="labelZh"
            label={t('customFields.labelZh')}
            rules={[rules.required]}
            style={{ flex: 1 }}
          >
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item
            name="labelEn"
            label={t('customFields.labelEn')}
            rules={[rules.required]}
            style={{ flex: 1 }}
          >
            <Input maxLength={60} />
          </Form.Item>
        </Space.Compact>
        <Form.Item
          name="key"
          label={t('customFields.key')}
          extra={t('customFields.keyHelp')}
          rules={[
            rules.required,
            { pattern: /^[a-z][a-z0-9_]{0,39}$/, message: t('customFields.keyFormat') },
          ]}
        >
          <Input maxLength={40} disabled={editing !== null} />
        </Form.Item>
        <Form.Item
          name="type"
          label={t('customFields.type')}
          extra={editing ? t('customFields.typeFixed') : null}
        >
          <Select
            disabled={editing !== null}
            options={CUSTOM_FIELD_TYPES.map((value) => ({ value, label: t(`customFields.types.${value}`) }))}
          />
        </Form.Item>
        {hasOptions(type) && (
          <Form.List name="options">
            {(items, { add, remove }) => (
              <Form.Item label={t('customFields.options')} extra={t('customFields.optionsHelp')}>
                {items.map((item, index) => {
                  const value = form.getFieldValue(['options', index, 'value']) as string | undefined;
                  const locked = value !== undefined && kept.has(value);
                  return (
                    <Space key={item.key} align="baseline" style={{ display: 'flex' }}>
                      <Form.Item name={[item.name, 'value']} rules={[rules.required]}>
                        <Input placeholder={t('customFields.optionValue')} maxLength={60} disabled={locked} />
                      </Form.Item>
                      <Form.Item name={[item.name, 'labelZh']} rules={[rules.required]}>
                        <Input placeholder={t('customFields.labelZh')} maxLength={60} />
                      </Form.Item>
                      <Form.Item name={[item.name, 'labelEn']} rules={[rules.required]}>
                        <Input placeholder={t('customFields.labelEn')} maxLength={60} />
                      </Form.Item>
                      {!locked && (
                        <MinusCircleOutlined
                          aria-label={t('common.delete')}
                          onClick={() => remove(item.name)}
                        />
                      )}
                    </Space>
                  );
                })}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ value: '', labelZh: '', labelEn: '' })}
                >
                  {t('customFields.addOption')}
                </Button>
              </Form.Item>
            )}
          </Form.List>
        )}
        <Space size="large">
          <Form.Item name="required" valuePropName="checked">
            <Checkbox>{t('customFields.requiredHelp')}</Checkbox>
          </Form.Item>
          <Form.Item name="position" label={t('customFields.position')}>
            <InputNumber min={0} max={1000} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
