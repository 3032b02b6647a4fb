import { z } from 'zod';
import { Currency, defineRoute, Locale, Role, TimeZone, Uuid } from './common';

/** Sign-in, first-run setup, password reset, invitations and the caller's own profile. */

export const Email = z
  .email()
  .max(254)
  .transform((e) => e.toLowerCase());
/** At least 10 characters; long passphrases welcome, capped to bound hashing cost. */
export const Password = z.string().min(10, 'password_too_short').max(200);

export const UserSummary = z.object({
  id: Uuid,
  email: z.string(),
  name: z.string(),
  role: Role,
  locale: Locale.nullable(),
  timeZone: z.string().nullable(),
});

export const TenantSummary = z.object({
  id: Uuid,
  name: z.string(),
  currency: z.string(),
  timeZone: z.string(),
  fiscalYearStartMonth: z.number().int(),
  defaultLocale: Locale,
});

export const Me = z.object({
  user: UserSummary,
  tenant: TenantSummary,
  /** Echo this in the `x-csrf-token` header on every cookie-authenticated write. Null for API tokens. */
  csrfToken: z.string().nullable(),
  permissions: z.array(z.string()),
});
export type Me = z.infer<typeof Me>;

export const getSetupStatus = defineRoute({
  method: 'GET',
  path: '/api/v1/setup',
  summary: 'Whether the one-time setup (first tenant and admin) is still needed',
  tags: ['auth'],
  access: 'public',
  response: { 200: z.object({ needed: z.boolean() }) },
});

export const SetupBody = z.strictObject({
  companyName: z.string().trim().min(1).max(200),
  name: z.string().trim().min(1).max(100),
  email: Email,
  password: Password,
  locale: Locale.optional(),
  timeZone: TimeZone.optional(),
  currency: Currency.optional(),
});
export const runSetup = defineRoute({
  method: 'POST',
  path: '/api/v1/setup',
  summary: 'Create the first tenant and its admin, and sign in (only while no tenant exists)',
  tags: ['auth'],
  access: 'public',
  body: SetupBody,
  response: { 201: Me },
});

export const LoginBody = z.strictObject({
  email: Email,
  password: z.string().min(1).max(200),
  /** Needed only when the same email belongs to several companies. */
  tenantId: Uuid.optional(),
});
export const login = defineRoute({
  method: 'POST',
  path: '/api/v1/auth/login',
  summary: 'Sign in with email and password; sets the session cookie',
  tags: ['auth'],
  access: 'public',
  body: LoginBody,
  response: { 200: Me },
});

export const logout = defineRoute({
  method: 'POST',
  path: '/api/v1/auth/logout',
  summary: 'End the current session',
  tags: ['auth'],
  access: 'session',
  response: { 204: z.null() },
});

export const requestPasswordReset = defineRoute({
  method: 'POST',
  path: '/api/v1/auth/password-reset/request',
  summary: 'Mail a single-use reset link (answers 202 whether or not the email exists)',
  tags: ['auth'],
  access: 'public',
  body: z.strictObject({ email: Email }),
  response: { 202: z.object({ ok: z.literal(true) }) },
});

export const confirmPasswordReset = defineRoute({
  method: 'POST',
  path: '/api/v1/auth/password-reset/confirm',
  summary: 'Set a new password with a reset token; ends every other session of the user',
  tags: ['auth'],
  access: 'public',
  body: z.strictObject({ token: z.string().min(10).max(300), password: Password }),
  response: { 204: z.null() },
});

export const InvitationInfo = z.object({ email: z.string(), name: z.string(), companyName: z.string() });
export const getInvitation = defineRoute({
  method: 'GET',
  path: '/api/v1/auth/invitations/:token',
  summary: 'Who an invitation link is for',
  tags: ['auth'],
  access: 'public',
  params: z.strictObject({ token: z.string().min(10).max(300) }),
  response: { 200: InvitationInfo },
});

export const acceptInvitation = defineRoute({
  method: 'POST',
  path: '/api/v1/auth/invitations/accept',
  summary: 'Accept an invitation: choose a password and sign in',
  tags: ['auth'],
  access: 'public',
  body: z.strictObject({
    token: z.string().min(10).max(300),
    name: z.string().trim().min(1).max(100).optional(),
    password: Password,
  }),
  response: { 200: Me },
});

export const getMe = defineRoute({
  method: 'GET',
  path: '/api/v1/me',
  summary: 'The signed-in user, their tenant and permissions',
  tags: ['me'],
  access: 'session',
  scope: 'read',
  response: { 200: Me },
});

export const UpdateMeBody = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  locale: Locale.optional(),
  timeZone: TimeZone.nullable().optional(),
});
export const updateMe = defineRoute({
  method: 'PATCH',
  path: '/api/v1/me',
  summary: 'Change your own name, language or time zone',
  tags: ['me'],
  access: 'session',
  scope: 'write',
  body: UpdateMeBody,
  response: { 200: Me },
});

export const changePassword = defineRoute({
  method: 'POST',
  path: '/api/v1/me/password',
  summary: 'Change your password; other sessions are ended',
  tags: ['me'],
  access: 'session',
  body: z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: Password }),
  response: { 204: z.null() },
});

export const TOKEN_SCOPES = ['read', 'write', 'admin'] as const;
export const ApiToken = z.object({
  id: Uuid,
  name: z.string(),
  scopes: z.array(z.enum(TOKEN_SCOPES)),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;

export const listTokens = defineRoute({
  method: 'GET',
  path: '/api/v1/me/tokens',
  summary: 'Your personal API tokens',
  tags: ['me'],
  access: 'session',
  response: { 200: z.object({ items: z.array(ApiToken) }) },
});

export const createToken = defineRoute({
  method: 'POST',
  path: '/api/v1/me/tokens',
  summary: 'Create a personal API token; the secret is shown once',
  tags: ['me'],
  access: 'session',
  body: z.strictObject({
    name: z.string().trim().min(1).max(100),
    scopes: z.array(z.enum(TOKEN_SCOPES)).min(1),
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  }),
  response: { 201: ApiToken.extend({ secret: z.string() }) },
});

export const revokeToken = defineRoute({
  method: 'DELETE',
  path: '/api/v1/me/tokens/:id',
  summary: 'Revoke a personal API token; it stops working on the next request',
  tags: ['me'],
  access: 'session',
  params: z.strictObject({ id: Uuid }),
  response: { 204: z.null() },
});
