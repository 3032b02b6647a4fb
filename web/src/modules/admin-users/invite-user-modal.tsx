import type { Role } from '@contracts/common';
import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { TeamSelect } from '../../shared/team-select';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useFormRules } from '../../shared/use-form-rules';
import { RoleSelect } from './role-select';
import { useInviteUser } from './use-users';

type InviteValues = { email: string; name: string; role: Role; teamIds: string[] };
type InviteUserModalProps = { open: boolean; onClose: () => void; onInvited: (inviteUrl: string) => void };

export function InviteUserModal({ open, onClose, onInvited }: InviteUserModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<InviteValues>();
  const invite = useInviteUser();
  const handleError = useErrorHandler();
  const rules = useFormRules();
  const submit = (values: InviteValues) =>
    invite.mutate(values, {
      onSuccess: ({ inviteUrl }) => {
        form.resetFields();
        onInvited(inviteUrl);
      },
      onError: (error) => handleError(error, form),
    });
  return (
    <Modal
      open={open}
      title={t('users.inviteTitle')}
      okText={t('users.invite')}
      cancelText={t('common.cancel')}
      confirmLoading={invite.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<InviteValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ role: 'rep', teamIds: [] }}
        onFinish={submit}
      >
        <Form.Item name="email" label={t('fields.email')} rules={[rules.required, rules.email]}>
          <Input type="email" />
        </Form.Item>
        <Form.Item name="name" label={t('fields.name')} rules={[rules.required]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="role"
          label={t('users.role')}
          rules={[{ required: true, message: t('errors.required') }]}
        >
          <RoleSelect />
        </Form.Item>
        <Form.Item name="teamIds" label={t('users.teams')}>
          <TeamSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}
