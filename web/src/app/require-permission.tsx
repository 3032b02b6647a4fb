import type { Permission } from '@contracts/common';
import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../modules/auth/use-session';

type RequirePermissionProps = { permission: Permission; children: ReactNode };

/** The server enforces permissions; this only spares the user a page of errors. */
export function RequirePermission({ permission, children }: RequirePermissionProps) {
  const me = useSession();
  const { t } = useTranslation();
  if (!me.permissions.includes(permission)) return <Result status="403" title={t('errors.forbidden')} />;
  return children;
}
