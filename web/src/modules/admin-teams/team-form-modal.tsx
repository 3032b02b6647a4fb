import type { Team } from '@contracts/teams.contract';
import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { isVersionConflict } from '../../api/api-error';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useFormRules } from '../../shared/use-form-rules';
import { useCreateTeam, useUpdateTeam } from './use-teams';

type TeamValues = { name: string; region: string; description: string };
/** `team` null: closed; 'new': create; a team: edit it. */
type TeamFormModalProps = { team: Team | 'new' | null; onClose: () => void };

export function TeamFormModal({ team, onClose }: TeamFormModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TeamValues>();
  const create = useCreateTeam();
  const update = useUpdateTeam();
  const handleError = useErrorHandler();
  const rules = useFormRules();
  const editing = team !== null && team !== 'new' ? team : null;
  const onError = (error: unknown) => {
    handleError(error, form);
    if (isVersionConflict(error)) onClose();
  };
  const submit = (values: TeamValues) => {
    if (editing)
      update.mutate({ id: editing.id, version: editing.version, ...values }, { onSuccess: onClose, onError });
    else create.mutate(values, { onSuccess: onClose, onError });
  };
  return (
    <Modal
      open={team !== null}
      title={editing ? t('teams.editTitle') : t('teams.createTitle')}
      okText={editing ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<TeamValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{
          name: editing?.name ?? '',
          region: editing?.region ?? '',
          description: editing?.description ?? '',
        }}
        onFinish={submit}
      >
        <Form.Item name="name" label={t('fields.name')} rules={[rules.required]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="region" label={t('teams.region')} rules={[rules.required]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="description" label={t('teams.description')}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
