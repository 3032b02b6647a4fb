import { Form, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAllTeams } from '../../../shared/use-all-teams';
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
  const teams = useAllTeams();
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
          <Select<string>
            allowClear
            aria-label={t('leads.fields.team')}
            showSearch={{ optionFilterProp: 'label' }}
            loading={teams.isPending}
            options={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
