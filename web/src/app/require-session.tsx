import { Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { SessionContext } from '../modules/auth/session-context';
import { useMe } from '../modules/auth/use-me';
import { ErrorAlert } from '../shared/error-alert';
import { FullPageSpin } from './full-page-spin';

/** Renders its routes only for a signed-in user; everyone else goes to sign-in and comes back after. */
export function RequireSession() {
  const me = useMe();
  const location = useLocation();
  const { t } = useTranslation();
  if (me.isPending) return <FullPageSpin />;
  if (me.isError) {
    return (
      <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', padding: 24 }}>
        <ErrorAlert error={me.error} />
        <Button onClick={() => void me.refetch()}>{t('common.retry')}</Button>
      </Flex>
    );
  }
  if (!me.data) {
    return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  return (
    <SessionContext value={me.data}>
      <Outlet />
    </SessionContext>
  );
}
