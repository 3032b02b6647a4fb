import { DeleteOutlined, HolderOutlined, MailOutlined, ScheduleOutlined } from '@ant-design/icons';
import { useSortable } from '@dnd-kit/sortable';
import { Button, Flex, Form, Input, InputNumber, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormRules } from '../../../shared/use-form-rules';

type SortableStepRowProps = {
  /** Sortable id of the row (stable while it moves). */
  id: string;
  /** Index of the step in the form's `steps` list. */
  name: number;
  kind: 'email' | 'task' | undefined;
  first: boolean;
  canRemove: boolean;
  onRemove: () => void;
};

/** One touch of a track: drag handle, kind, wait in days, subject and text. */
export function SortableStepRow({ id, name, kind, first, canRemove, onRemove }: SortableStepRowProps) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id });
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
      <Flex gap={8} align="start">
        <Tooltip title={t('leadRouting.nurture.dragHandle')}>
          <Button
            type="text"
            size="small"
            icon={<HolderOutlined />}
            aria-label={t('leadRouting.nurture.dragHandle')}
            style={{ cursor: 'grab', marginTop: 4 }}
            {...attributes}
            {...listeners}
          />
        </Tooltip>
        <Flex vertical gap={8} style={{ flex: 1, minWidth: 0 }}>
          <Flex gap={8} align="center" wrap>
            <Typography.Text strong>{t('leadRouting.nurture.step', { n: name + 1 })}</Typography.Text>
            <Tag icon={kind === 'task' ? <ScheduleOutlined /> : <MailOutlined />}>
              {t(`leadRouting.nurture.kind.${kind ?? 'email'}`)}
            </Tag>
            <Form.Item name={[name, 'kind']} hidden>
              <Input />
            </Form.Item>
            <Form.Item
              name={[name, 'delayDays']}
              rules={[{ required: true, message: t('errors.required') }]}
              noStyle
            >
              <InputNumber
                precision={0}
                min={0}
                max={3650}
                style={{ width: 90 }}
                aria-label={t('leadRouting.nurture.delayDays')}
              />
            </Form.Item>
            <Typography.Text type="secondary">
              {first ? t('leadRouting.nurture.daysAfterEnrol') : t('leadRouting.nurture.daysAfterPrevious')}
            </Typography.Text>
          </Flex>
          <Form.Item name={[name, 'subject']} rules={[rules.required]} style={{ marginBottom: 0 }}>
            <Input
              maxLength={200}
              placeholder={t('leadRouting.nurture.subject')}
              aria-label={t('leadRouting.nurture.subject')}
            />
          </Form.Item>
          <Form.Item name={[name, 'body']} style={{ marginBottom: 0 }}>
            <Input.TextArea
              maxLength={20000}
              autoSize={{ minRows: 2, maxRows: 10 }}
              placeholder={t('leadRouting.nurture.body')}
              aria-label={t('leadRouting.nurture.body')}
            />
          </Form.Item>
        </Flex>
        <Tooltip title={t('leadRouting.nurture.removeStep')}>
          <Button
            type="text"
            size="small"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('leadRouting.nurture.removeStep')}
            disabled={!canRemove}
            onClick={onRemove}
            style={{ marginTop: 4 }}
          />
        </Tooltip>
      </Flex>
    </div>
  );
}
