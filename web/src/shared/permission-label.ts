import { PERMISSIONS, type Permission } from '@contracts/common';
import type { TFunction } from 'i18next';

function isKnownPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

/** A permission in words; one the catalogue does not know yet is shown as its code. */
export function permissionLabel(t: TFunction, permission: string): string {
  return isKnownPermission(permission) ? t(`permission.${permission}`) : permission;
}
