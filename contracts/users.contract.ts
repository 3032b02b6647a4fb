import { z } from 'zod';
import { Email } from './auth.contract';
import { defineRoute, IdParams, Locale, PageQuery, pageOf, Role, Uuid } from './common';

/** Admin management of the people in a tenant. */

export const USER_STATUSES = ['invited', 'active', 'deactivated'] as const;
export const UserStatus = z.enum(USER_STATUSES);

export const User = z.object({
  id: Uuid,
  email: z.string(),
  name: z.string(),
  role: Role,
  status: UserStatus,
  locale: Locale.nullable(),
  timeZone: z.string().nullable(),
  teamIds: z.array(Uuid),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type User = z.infer<typeof User>;

export const USER_SORTS = ['name', '-name', 'createdAt', '-createdAt', 'email', '-email'] as const;
export const ListUsersQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  role: Role.optional(),
  status: UserStatus.optional(),
  teamId: Uuid.optional(),
  sort: z.enum(USER_SORTS).default('name'),
});

export const listUsers = defineRoute({
  method: 'GET',
  path: '/api/v1/users',
  summary: 'Users of the tenant (every signed-in user may list colleagues)',
  tags: ['users'],
  access: 'session',
  scope: 'read',
  query: ListUsersQuery,
  response: { 200: pageOf(User) },
});

export const getUser = defineRoute({
  method: 'GET',
  path: '/api/v1/users/:id',
  summary: 'One user',
  tags: ['users'],
  access: 'session',
  scope: 'read',
  params: IdParams,
  response: { 200: User },
});

export const inviteUser = defineRoute({
  method: 'POST',
  path: '/api/v1/users/invitations',
  summary: 'Invite a user by link (mailed, and returned for copying)',
  tags: ['users'],
  access: 'session',
  permission: 'users.manage',
  scope: 'admin',
  body: z.strictObject({
    email: Email,
    name: z.string().trim().min(1).max(100),
    role: Role,
    teamIds: z.array(Uuid).max(50).default([]),
    locale: Locale.optional(),
  }),
  response: { 201: z.object({ user: User, inviteUrl: z.string() }) },
});

export const updateUser = defineRoute({
  method: 'PATCH',
  path: '/api/v1/users/:id',
  summary: 'Change a user’s name or role (send the version you read)',
  tags: ['users'],
  access: 'session',
  permission: 'users.manage',
  scope: 'admin',
  params: IdParams,
  body: z.strictObject({
    version: z.number().int().optional(),
    name: z.string().trim().min(1).max(100).optional(),
    role: Role.optional(),
  }),
  response: { 200: User },
});

export const deactivateUser = defineRoute({
  method: 'POST',
  path: '/api/v1/users/:id/deactivate',
  summary: 'Deactivate a user: their sessions and tokens stop working at once',
  tags: ['users'],
  access: 'session',
  permission: 'users.manage',
  scope: 'admin',
  params: IdParams,
  response: { 200: User },
});

export const reactivateUser = defineRoute({
  method: 'POST',
  path: '/api/v1/users/:id/reactivate',
  summary: 'Reactivate a deactivated user',
  tags: ['users'],
  access: 'session',
  permission: 'users.manage',
  scope: 'admin',
  params: IdParams,
  response: { 200: User },
});

export const resetUserPassword = defineRoute({
  method: 'POST',
  path: '/api/v1/users/:id/password-reset',
  summary: 'Issue a single-use password reset link for a user (mailed, and returned for copying)',
  tags: ['users'],
  access: 'session',
  permission: 'users.manage',
  scope: 'admin',
  params: IdParams,
  response: { 200: z.object({ resetUrl: z.string() }) },
});
