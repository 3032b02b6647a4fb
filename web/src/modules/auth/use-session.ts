import type { Me } from '@contracts/auth.contract';
import { useContext } from 'react';
import { SessionContext } from './session-context';

/** The signed-in user; only for components rendered under RequireSession. */
export function useSession(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession() used outside RequireSession');
  return me;
}
