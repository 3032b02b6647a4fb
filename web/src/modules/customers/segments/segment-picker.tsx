import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, Modal, Popconfirm, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useFormRules } from '../../../shared/use-form-rules';
import { useSession } from '../../auth/use-session';
import type { UrlFilters } from '../url-filters';
import { useCreateSegment, useDeleteSegment, useSegments } from './use-segments';

type SegmentPickerProps = { value: UrlFilters; onChange: (next: UrlFilters) => void };

/**
 * Segments (客户分群) on the customer list: pick one (the list then shows its customers, refined by the other
 * filters), save the current filters as a new one, or delete one of mine.
 */
export function SegmentPicker({ value, onChange }: SegmentPickerProps) {
  const { t } = useTranslation();
  const me = useSession();
  const segments = useSegments();
  const remove = useDeleteSegment();
  const handleError = useErrorHandler();
  const [saving, setSaving] = useState(false);
  const current = segments.data?.find((s) => s.id === value.segment);
  const { segment: _segment, ...filters } = value;
  return (
    <Space.Compact>
      <Select<string>
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        aria-label={t('segments.pick')}
        placeholder={t('segments.pick')}
        value={value.segment}
        onChange={(segment) => onChange({ ...filters, ...(segment ? { segment } : {}) })}
        loading={segments.isPending}
        options={(segments.data ?? []).map((s) => ({
          value: s.id,
          label: s.shared && s.ownerId !== me.user.id ? `${s.name} · ${s.ownerName ?? ''}` : s.name,
          title: s.description || s.name,
        }))}
        popupMatchSelectWidth={false}
        style={{ minWidth: 150 }}
      />
      {current && current.ownerId === me.user.id && (
        <Popconfirm
          title={t('segments.deleteConfirm', { name: current.name })}
          okText={t('common.delete')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() =>
            remove
              .mutateAsync(current.id)
              .then(() => onChange(filters))
              .catch((error: unknown) => handleError(error))
          }
        >
          <Button icon={<DeleteOutlined />} aria-label={t('segments.delete')} />
        </Popconfirm>
      )}
      <Button
        icon={<SaveOutlined />}
        disabled={Object.keys(filters).length === 0}
        onClick={() => setSaving(true)}
      >
        {t('segments.save')}
      </Button>
      <SaveSegmentModal
        open={saving}
        filters={filters}
        onClose={() => setSaving(false)}
        onSaved={(id) => {
          setSaving(false);
          onChange({ segment: id });
        }}
      />
    </Space.Compact>
  );
}

type SaveValues = { name: string; description: string; shared: boolean };

function SaveSegmentModal({
  open,
  filters,
  onClose,
  onSaved,
}: {
  open: boolean;
  filters: UrlFilters;
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SaveValues>();
  const create = useCreateSegment();
  const handleError = useErrorHandler();
  const rules = useFormRules();
  return (
    <Modal
      open={open}
      title={t('segments.saveTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<SaveValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ name: '', description: '', shared: false }}
        onFinish={(values) =>
          create.mutate(
            { ...values, filters },
            { onSuccess: (segment) => onSaved(segment.id), onError: (error) => handleError(error, form) },
          )
        }
      >
        <Form.Item name="name" label={t('segments.name')} rules={[rules.required]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="description" label={t('segments.description')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
        <Form.Item name="shared" valuePropName="checked" extra={t('segments.sharedHelp')}>
          <Checkbox>{t('segments.shared')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
