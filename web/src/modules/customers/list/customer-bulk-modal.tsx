import type { CustomerBulkAction, CustomerBulkKind } from '@contracts/customer-bulk.contract';
import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { OneTeamSelect } from '../../../shared/team-select';
import { useFormRules } from '../../../shared/use-form-rules';
import { UserSelect } from '../../../shared/user-select';
import { TagSelect } from '../tag-select';

type Values = { ownerId?: string; teamId?: string; tags?: string[]; reason?: string };

type CustomerBulkModalProps = {
  /** The action being set up; null: closed. */
  kind: CustomerBulkKind | null;
  count: number;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (action: CustomerBulkAction) => void;
};

function actionOf(kind: CustomerBulkKind, v: Values): CustomerBulkAction | null {
  switch (kind) {
    case 'assign':
      return v.ownerId ? { kind, ownerId: v.ownerId, ...(v.teamId ? { teamId: v.teamId } : {}) } : null;
    case 'addTags':
    case 'removeTags':
      return v.tags?.length ? { kind, tags: v.tags } : null;
    case 'release':
      return v.reason?.trim() ? { kind, reason: v.reason.trim() } : null;
  }
}

/** What a bulk action needs before it runs: the new owner (and team), the tags, or the reason for the pool. */
export function CustomerBulkModal({ kind, count, busy, onCancel, onSubmit }: CustomerBulkModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const rules = useFormRules();
  return (
    <Modal
      open={kind !== null}
      title={kind ? t(`customers.bulk.${kind}Title`, { count }) : ''}
      okText={t('customers.bulk.apply')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        name="customer-bulk"
        layout="vertical"
        preserve={false}
        onFinish={(values) => {
          const action = kind ? actionOf(kind, values) : null;
          if (action) onSubmit(action);
        }}
      >
        {kind === 'assign' && (
          <>
            <Form.Item name="ownerId" label={t('customers.fields.owner')} rules={[rules.required]}>
              <UserSelect<string | undefined> aria-label={t('customers.fields.owner')} />
            </Form.Item>
            <Form.Item name="teamId" label={t('customers.fields.team')} extra={t('customers.bulk.teamHint')}>
              <OneTeamSelect allowClear aria-label={t('customers.fields.team')} />
            </Form.Item>
          </>
        )}
        {(kind === 'addTags' || kind === 'removeTags') && (
          <Form.Item
            name="tags"
            label={t('customers.fields.tags')}
            extra={t(`customers.bulk.${kind}Hint`)}
            rules={[{ required: true, type: 'array', message: t('errors.required') }]}
          >
            <TagSelect aria-label={t('customers.fields.tags')} maxCount={30} />
          </Form.Item>
        )}
        {kind === 'release' && (
          <Form.Item
            name="reason"
            label={t('customers.pool.reason')}
            extra={t('customers.bulk.releaseHint')}
            rules={[{ required: true, whitespace: true, message: t('customers.pool.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
