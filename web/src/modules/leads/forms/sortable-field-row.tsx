import { DeleteOutlined, HolderOutlined } from '@ant-design/icons';
import type { LeadFormField } from '@contracts/marketing.contract';
import { useSortable } from '@dnd-kit/sortable';
import { Button, Flex, Form, Input, Switch, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormRules } from '../../../shared/use-form-rules';
import { useFieldName } from './use-field-name';

type SortableFieldRowProps = {
  /** Sortable id of the row (stable while it moves). */
  id: string;
  /** Index of the row in the form's `fields` list. */
  name: number;
  field: LeadFormField | undefined;
  onRemove: () => void;
};

/** One field of the form builder: drag handle, both labels, required switch, remove button. */
export function SortableFieldRow({ id, name, field, onRemove }: SortableFieldRowProps) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const fieldName = useFieldName();
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id });
  const long = field === 'consent';
  const LabelInput = long ? Input.TextArea : Input;
  return (
    <div
      ref={setNodeRef}
      style={{
        transform: transform ? `translate3d(${transform.x}px, ${transform.y}px, 0)` : undefined,
        transition,
        opacity: isDragging ? 0.6 : 1,
        background: 'var(--ant-color-bg-container, #fff)',
        borderBottom: '1px solid var(--ant-color-split, #f0f0f0)',
        padding: '8px 0',
      }}
    >
      <Flex gap={8} align="start" wrap>
        <Tooltip title={t('marketing.forms.dragHandle')}>
          <Button
            type="text"
            size="small"
            icon={<HolderOutlined />}
            aria-label={t('marketing.forms.dragHandle')}
            style={{ cursor: 'grab', marginTop: 4 }}
            {...attributes}
            {...listeners}
          />
        </Tooltip>
        <Typography.Text strong style={{ width: 104, paddingTop: 5 }}>
          {field ? fieldName(field) : ''}
        </Typography.Text>
        <Form.Item name={[name, 'field']} hidden>
          <Input />
        </Form.Item>
        <Form.Item
          name={[name, 'label', 'zh-CN']}
          rules={[rules.required]}
          style={{ flex: 1, minWidth: 120, marginBottom: 0 }}
        >
          <LabelInput
            placeholder={t('marketing.forms.labelZh')}
            aria-label={t('marketing.forms.labelZh')}
            maxLength={2000}
            {...(long ? { autoSize: { minRows: 1, maxRows: 4 } } : {})}
          />
        </Form.Item>
        <Form.Item
          name={[name, 'label', 'en-US']}
          rules={[rules.required]}
          style={{ flex: 1, minWidth: 120, marginBottom: 0 }}
        >
          <LabelInput
            placeholder={t('marketing.forms.labelEn')}
            aria-label={t('marketing.forms.labelEn')}
            maxLength={2000}
            {...(long ? { autoSize: { minRows: 1, maxRows: 4 } } : {})}
          />
        </Form.Item>
        <Flex gap={6} align="center" style={{ paddingTop: 5 }}>
          <Form.Item name={[name, 'required']} valuePropName="checked" noStyle>
            <Switch size="small" aria-label={t('marketing.forms.required')} />
          </Form.Item>
          <Typography.Text>{t('marketing.forms.required')}</Typography.Text>
        </Flex>
        <Tooltip title={t('marketing.forms.removeField')}>
          <Button
            type="text"
            size="small"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('marketing.forms.removeField')}
            onClick={onRemove}
            style={{ marginTop: 4 }}
          />
        </Tooltip>
      </Flex>
    </div>
  );
}
