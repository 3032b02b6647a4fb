import type { Role } from '@contracts/common';
import type { User } from '@contracts/users.contract';
import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { isVersionConflict } from '../../api/api-error';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useFormRules } from '../../shared/use-form-rules';
import { RoleSelect } from './role-select';
import { useUpdateUser } from './use-users';

type EditValues = { name: string; role: Role };
type EditUserModalProps = { user: User | null; onClose: () => void };

/** Name and role of one user; open while `user` is set. */
export function EditUserModal({ user, onClose }: EditUserModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<EditValues>();
  const update = useUpdateUser();
  const handleError = useErrorHandler();
  const rules = useFormRules();
  const submit = (values: EditValues) => {
    if (!user) return;
    update.mutate(
      { id: user.id, version: user.version, ...values },
      {
        onSuccess: onClose,
        onError: (error) => {
          handleError(error, form);
          if (isVersionConflict(error)) onClose();
        },
      },
    );
  };
  return (
    <Modal
      open={user !== null}
      title={t('users.editTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={update.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {user && (
        <Form<EditValues>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ name: user.name, role: user.role }}
          onFinish={submit}
        >
          <Form.Item label={t('fields.email')}>
            <Input value={user.email} disabled />
          </Form.Item>
          <Form.Item name="name" label={t('fields.name')} rules={[rules.required]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="role" label={t('users.role')}>
            <RoleSelect />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
