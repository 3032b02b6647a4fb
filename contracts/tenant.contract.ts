import { z } from 'zod';
import { Currency, defineRoute, Locale, Role, TimeZone } from './common';

/** Company-wide settings and the built-in role catalogue. */

export const TenantSettings = z.object({
  name: z.string(),
  currency: z.string(),
  timeZone: z.string(),
  fiscalYearStartMonth: z.number().int().min(1).max(12),
  defaultLocale: Locale,
  version: z.number().int(),
});
export type TenantSettings = z.infer<typeof TenantSettings>;

export const getTenantSettings = defineRoute({
  method: 'GET',
  path: '/api/v1/tenant/settings',
  summary: 'Company settings',
  tags: ['tenant'],
  access: 'session',
  scope: 'read',
  response: { 200: TenantSettings },
});

export const updateTenantSettings = defineRoute({
  method: 'PATCH',
  path: '/api/v1/tenant/settings',
  summary: 'Change company settings (send the version you read)',
  tags: ['tenant'],
  access: 'session',
  permission: 'settings.manage',
  scope: 'admin',
  body: z.strictObject({
    version: z.number().int().optional(),
    name: z.string().trim().min(1).max(200).optional(),
    currency: Currency.optional(),
    timeZone: TimeZone.optional(),
    fiscalYearStartMonth: z.number().int().min(1).max(12).optional(),
    defaultLocale: Locale.optional(),
  }),
  response: { 200: TenantSettings },
});

export const RoleInfo = z.object({
  role: Role,
  visibility: z.enum(['own', 'team', 'tenant']),
  permissions: z.array(z.string()),
  userCount: z.number().int(),
});

export const listRoles = defineRoute({
  method: 'GET',
  path: '/api/v1/roles',
  summary: 'The built-in roles, what each may see and do, and how many users hold it',
  tags: ['tenant'],
  access: 'session',
  scope: 'read',
  response: { 200: z.object({ items: z.array(RoleInfo) }) },
});
