import type { Role } from '@contracts/common';
import { AppError } from '../../platform/http/errors';

/** Rules for changing people: nobody locks themselves out, and a tenant always keeps an active admin. */

export type UserChange = {
  actorId: string;
  targetId: string;
  targetRole: Role;
  targetActive: boolean;
  newRole: Role | null;
  deactivate: boolean;
  otherActiveAdmins: number;
};

export function assertUserChangeAllowed(change: UserChange): void {
  const self = change.actorId === change.targetId;
  const losesAdmin =
    change.targetRole === 'admin' &&
    change.targetActive &&
    (change.deactivate || (change.newRole !== null && change.newRole !== 'admin'));
  if (self && losesAdmin) throw new AppError('cannot_change_self');
  if (self && change.deactivate) throw new AppError('cannot_change_self');
  if (losesAdmin && change.otherActiveAdmins === 0) throw new AppError('last_admin');
}
