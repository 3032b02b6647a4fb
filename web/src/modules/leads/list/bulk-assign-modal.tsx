import { Form, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { OneTeamSelect } from '../../../shared/team-select';
import { UserSelect } from '../../../shared/user-select';

type Values = { ownerId?: string; teamId?: string };
type BulkAssignModalProps = {
  open: boolean;
  count: number;
  busy: boolean;
  onCancel: () => void;
  /** No team chosen: each lead keeps its team. */
  onSubmit: (assignment: { ownerId: string | null; teamId: string | undefined }) => void;
};

/** Owner and team for every selected lead; an empty owner leaves them unassigned. */
export function BulkAssignModal({ open, count, busy, onCancel, onSubmit }: BulkAssignModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  return (
    <Modal
      open={open}
      title={t('leadScreens.bulk.assignTitle', { count })}
      okText={t('leadScreens.bulk.apply')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => onSubmit({ ownerId: v.ownerId ?? null, teamId: v.teamId })}
      >
        <Form.Item name="ownerId" label={t('leads.fields.owner')} extra={t('leadScreens.bulk.ownerHint')}>
          <UserSelect<string | undefined> allowClear aria-label={t('leads.fields.owner')} />
        </Form.Item>
        <Form.Item name="teamId" label={t('leads.fields.team')} extra={t('leadScreens.bulk.teamHint')}>
          <OneTeamSelect allowClear aria-label={t('leads.fields.team')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
