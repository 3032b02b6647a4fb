import { Navigate, Outlet, useLocation } from 'react-router';
import { returnPath } from '../modules/auth/return-path';
import { useMe } from '../modules/auth/use-me';
import { FullPageSpin } from './full-page-spin';

/** Sign-in and setup make no sense with a session: go on into the app instead. */
export function RedirectIfSignedIn() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <FullPageSpin />;
  if (me.data) return <Navigate to={returnPath(location.state)} replace />;
  return <Outlet />;
}
