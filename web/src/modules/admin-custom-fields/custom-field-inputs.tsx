import type { CustomField, CustomFieldObject } from '@contracts/custom-fields.contract';
import { Col, DatePicker, Descriptions, Divider, Form, Input, InputNumber, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { UserSelect } from '../../shared/user-select';
import { useUserNames } from '../leads/detail/use-user-names';
import { customValueText, labelOf } from './custom-field-label';
import { useCustomFields } from './use-custom-fields';

/**
 * One input per active custom field, named `custom.<key>`; the form holds values as the API takes them.
 * `requiredOnly`: just the required fields (a quick form that must still pass the server's checks).
 */
export function CustomFieldInputs({
  object,
  requiredOnly = false,
}: {
  object: CustomFieldObject;
  requiredOnly?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const fields = (useCustomFields(object).data ?? []).filter(
    (f) => f.active && (!requiredOnly || f.required),
  );
  if (fields.length === 0) return null;
  return (
    <>
      <Divider titlePlacement="start" plain>
        {t('customFields.section')}
      </Divider>
      <Row gutter={16}>
        {fields.map((f) => (
          <Col key={f.key} xs={24} md={f.type === 'text' || f.type === 'multiselect' ? 24 : 12}>
            <FieldItem field={f} label={labelOf(f, i18n.language)} />
          </Col>
        ))}
      </Row>
    </>
  );
}

function FieldItem({ field, label }: { field: CustomField; label: string }) {
  const { t, i18n } = useTranslation();
  const name = ['custom', field.key];
  const rules = field.required ? [{ required: true, message: t('errors.required') }] : [];
  const options = field.options.map((o) => ({ value: o.value, label: labelOf(o, i18n.language) }));
  switch (field.type) {
    case 'number':
      return (
        <Form.Item name={name} label={label} rules={rules}>
          <InputNumber style={{ width: '100%' }} />
        </Form.Item>
      );
    case 'money':
      // Shown in major units (元), kept in minor units (分) as the API stores them.
      return (
        <Form.Item
          name={name}
          label={label}
          rules={rules}
          getValueProps={(v: unknown) => ({ value: typeof v === 'number' ? v / 100 : v })}
          normalize={(v: number | null) => (typeof v === 'number' ? Math.round(v * 100) : v)}
        >
          <InputNumber style={{ width: '100%' }} precision={2} />
        </Form.Item>
      );
    case 'date':
      return (
        <Form.Item
          name={name}
          label={label}
          rules={rules}
          getValueProps={(v: unknown) => ({ value: typeof v === 'string' && v ? dayjs(v) : null })}
          normalize={(d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null)}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      );
    case 'select':
      return (
        <Form.Item name={name} label={label} rules={rules}>
          <Select allowClear options={options} />
        </Form.Item>
      );
    case 'multiselect':
      return (
        <Form.Item name={name} label={label} rules={rules}>
          <Select mode="multiple" allowClear options={options} />
        </Form.Item>
      );
    case 'user':
      return (
        <Form.Item name={name} label={label} rules={rules}>
          <UserSelect<string | undefined> allowClear />
        </Form.Item>
      );
    case 'boolean':
      // Select options are strings; the form keeps the boolean the API takes.
      return (
        <Form.Item
          name={name}
          label={label}
          rules={rules}
          getValueProps={(v: unknown) => ({ value: typeof v === 'boolean' ? String(v) : undefined })}
          normalize={(v: string | undefined) => (v === undefined ? null : v === 'true')}
        >
          <Select
            allowClear
            options={[
              { value: 'true', label: t('customFields.yes') },
              { value: 'false', label: t('customFields.no') },
            ]}
          />
        </Form.Item>
      );
    default:
      return (
        <Form.Item name={name} label={label} rules={rules}>
          <Input maxLength={2000} />
        </Form.Item>
      );
  }
}

/** The record's custom values as description items, for its page. */
export function useCustomValueItems(object: CustomFieldObject, values: Record<string, unknown>) {
  const { t, i18n } = useTranslation();
  const fields = (useCustomFields(object).data ?? []).filter((f) => f.active && values[f.key] !== undefined);
  const userIds = fields.filter((f) => f.type === 'user').map((f) => String(values[f.key]));
  const names = useUserNames(userIds);
  return fields.map((f) => ({
    key: `custom.${f.key}`,
    label: labelOf(f, i18n.language),
    children:
      f.type === 'user'
        ? (names.get(String(values[f.key])) ?? t('common.empty'))
        : customValueText(f, values[f.key], i18n.language, {
            yes: t('customFields.yes'),
            no: t('customFields.no'),
          }),
  }));
}

/** A block of the record's custom values, or nothing when it has none. */
export function CustomValues({
  object,
  values,
}: {
  object: CustomFieldObject;
  values: Record<string, unknown>;
}) {
  const items = useCustomValueItems(object, values);
  if (items.length === 0) return null;
  return <Descriptions size="small" column={{ xs: 1, md: 2 }} items={items} />;
}
