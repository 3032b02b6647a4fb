import type { User } from '@contracts/users.contract';
import { App, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useDeactivateUser, useReactivateUser, useResetUserPassword } from './use-users';

type UserActionsProps = {
  user: User;
  isSelf: boolean;
  onEdit: (user: User) => void;
  onResetLink: (url: string) => void;
};

export function UserActions({ user, isSelf, onEdit, onResetLink }: UserActionsProps) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const handleError = useErrorHandler();
  const deactivate = useDeactivateUser();
  const reactivate = useReactivateUser();
  const reset = useResetUserPassword();
  const confirm = (content: string, okText: string, run: () => Promise<unknown>, danger: boolean) =>
    modal.confirm({
      content,
      okText,
      cancelText: t('common.cancel'),
      okButtonProps: { danger },
      onOk: () => run().catch((error: unknown) => handleError(error)),
    });
  return (
    <Space size={0} wrap>
      <Button type="link" size="small" onClick={() => onEdit(user)}>
        {t('common.edit')}
      </Button>
      {user.status === 'active' && (
        <Button
          type="link"
          size="small"
          loading={reset.isPending}
          onClick={() =>
            reset.mutate(user.id, {
              onSuccess: ({ resetUrl }) => onResetLink(resetUrl),
              onError: (error) => handleError(error),
            })
          }
        >
          {t('users.resetPassword')}
        </Button>
      )}
      {user.status === 'deactivated' ? (
        <Button
          type="link"
          size="small"
          onClick={() =>
            confirm(
              t('users.reactivateConfirm', { name: user.name }),
              t('users.reactivate'),
              () => reactivate.mutateAsync(user.id),
              false,
            )
          }
        >
          {t('users.reactivate')}
        </Button>
      ) : (
        !isSelf && (
          <Button
            type="link"
            size="small"
            danger
            onClick={() =>
              confirm(
                t('users.deactivateConfirm', { name: user.name }),
                t('users.deactivate'),
                () => deactivate.mutateAsync(user.id),
                true,
              )
            }
          >
            {t('users.deactivate')}
          </Button>
        )
      )}
    </Space>
  );
}
