import type { LoginBody, Me, SetupBody, UpdateMeBody } from '@contracts/auth.contract';
import type { Locale } from '@contracts/common';
import { and, eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import { type Actor, changesBetween, writeAudit } from '../../platform/audit';
import { decoyHash, hashPassword, verifyPassword } from '../../platform/crypto';
import { queryRows, type Tx } from '../../platform/db/database';
import { tenants, users } from '../../platform/db/identity.tables';
import { withSystem, withTenant } from '../../platform/db/tenancy';
import { AppError } from '../../platform/http/errors';
import type { Principal } from '../../platform/http/principal';
import { translate } from '../../platform/i18n/i18n';
import { dispatchMails, queueMail } from '../../platform/mail/mail';
import type { Platform } from '../../platform/platform';
import { findMe } from './auth.queries';
import { issueLink, linkTenant, readLink } from './auth-links';
import { createSession, endSession, endUserSessions, type NewSession } from './sessions';
import { accountKey, assertNotLocked, clearFailures, ipKey, recordFailure, THROTTLE } from './throttle';

/** Sign-in, first-run setup, password reset, invitation acceptance and the caller's own profile. */

export type RequestMeta = { ip: string; userAgent: string | null; requestId: string; locale: Locale };
export type SignedIn = { me: Me; session: NewSession };

const SETUP_LOCK = 7_424_002;

export async function isSetupNeeded(platform: Platform): Promise<boolean> {
  const rows = await withSystem(platform.db, (tx) =>
    tx.select({ id: tenants.tenantId }).from(tenants).limit(1),
  );
  return rows.length === 0;
}

type NewTenant = {
  companyName: string;
  name: string;
  email: string;
  password: string;
  locale?: Locale | undefined;
  timeZone?: string | undefined;
  currency?: string | undefined;
};

/** Creates a tenant with its first admin. With `onlyIfFirst`, refuses when any tenant exists (one-time setup). */
export async function createTenantWithAdmin(
  platform: Platform,
  input: NewTenant,
  options: { onlyIfFirst: boolean; meta: RequestMeta | null },
): Promise<SignedIn> {
  const passwordHash = await hashPassword(input.password);
  return withSystem(platform.db, async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${SETUP_LOCK})`);
    if (options.onlyIfFirst) {
      const existing = await tx.select({ id: tenants.tenantId }).from(tenants).limit(1);
      if (existing.length > 0) throw new AppError('setup_done');
    }
    const tenantId = uuidv7();
    const userId = uuidv7();
    const locale = input.locale ?? 'zh-CN';
    await tx.insert(tenants).values({
      tenantId,
      name: input.companyName,
      currency: input.currency ?? (locale === 'zh-CN' ? 'CNY' : 'USD'),
      timeZone: input.timeZone ?? (locale === 'zh-CN' ? 'Asia/Shanghai' : 'UTC'),
      defaultLocale: locale,
    });
    await tx.insert(users).values({
      tenantId,
      id: userId,
      email: input.email,
      name: input.name,
      passwordHash,
      role: 'admin',
      status: 'active',
      locale: input.locale ?? null,
      timeZone: input.timeZone ?? null,
      lastLoginAt: new Date(),
    });
    const actor: Actor = {
      tenantId,
      userId,
      kind: 'user',
      requestId: options.meta?.requestId ?? null,
      ip: options.meta?.ip ?? null,
    };
    await writeAudit(tx, actor, {
      entity: 'tenant',
      entityId: tenantId,
      action: 'create',
      changes: { name: { from: null, to: input.companyName } },
    });
    await writeAudit(tx, actor, {
      entity: 'user',
      entityId: userId,
      action: 'create',
      changes: { email: { from: null, to: input.email }, role: { from: null, to: 'admin' } },
    });
    const session = await createSession(tx, {
      tenantId,
      userId,
      ttlMs: platform.config.sessionTtlMs,
      ip: options.meta?.ip ?? null,
      userAgent: options.meta?.userAgent ?? null,
    });
    const me = await findMe(tx, userId, session.csrfToken);
    if (!me) throw new AppError('internal');
    return { me, session };
  });
}

export async function runSetup(
  platform: Platform,
  input: z.output<typeof SetupBody>,
  meta: RequestMeta,
): Promise<SignedIn> {
  return createTenantWithAdmin(platform, input, { onlyIfFirst: true, meta });
}

type Candidate = {
  tenant_id: string;
  id: string;
  password_hash: string | null;
  status: string;
  tenant_name: string;
};

export async function login(
  platform: Platform,
  input: z.output<typeof LoginBody>,
  meta: RequestMeta,
): Promise<SignedIn> {
  const keys = [accountKey(input.email), ipKey(meta.ip)];
  await assertNotLocked(platform.db, keys);

  // Sign-in happens before the tenant is known: one of the few cross-tenant reads.
  const candidates = await withSystem(platform.db, (tx) =>
    queryRows<Candidate>(
      tx,
      sql`SELECT u.tenant_id, u.id, u.password_hash, u.status, t.name AS tenant_name
            FROM users u JOIN tenants t ON t.tenant_id = u.tenant_id
           WHERE lower(u.email) = ${input.email} AND u.status = 'active'
             ${input.tenantId ? sql`AND u.tenant_id = ${input.tenantId}` : sql``}`,
    ),
  );
  const matches: Candidate[] = [];
  for (const c of candidates) {
    if (await verifyPassword(c.password_hash, input.password)) matches.push(c);
  }
  if (candidates.length === 0) await verifyPassword(await decoyHash(), input.password);

  const match = matches[0];
  if (!match) {
    await recordFailure(platform.db, keys[0] as string, THROTTLE.account);
    await recordFailure(platform.db, keys[1] as string, THROTTLE.ip);
    throw new AppError('invalid_credentials');
  }
  if (matches.length > 1) {
    throw new AppError(
      'tenant_choice_required',
      {},
      { choices: matches.map((m) => ({ tenantId: m.tenant_id, name: m.tenant_name })) },
    );
  }
  await clearFailures(platform.db, keys[0] as string);

  return withTenant(platform.db, match.tenant_id, async (tx) => {
    await tx.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, match.id));
    const session = await createSession(tx, {
      tenantId: match.tenant_id,
      userId: match.id,
      ttlMs: platform.config.sessionTtlMs,
      ip: meta.ip,
      userAgent: meta.userAgent,
    });
    await writeAudit(tx, actorFor(match.tenant_id, match.id, meta), {
      entity: 'session',
      entityId: session.sessionId,
      action: 'login',
    });
    const me = await findMe(tx, match.id, session.csrfToken);
    if (!me) throw new AppError('internal');
    return { me, session };
  });
}

export async function logout(platform: Platform, principal: Principal, actor: Actor): Promise<void> {
  const sessionId = principal.sessionId;
  if (!sessionId) return;
  await withTenant(platform.db, principal.tenantId, async (tx) => {
    await endSession(tx, sessionId);
    await writeAudit(tx, actor, { entity: 'session', entityId: sessionId, action: 'logout' });
  });
}

export async function getMe(platform: Platform, principal: Principal): Promise<Me> {
  const me = await withTenant(platform.db, principal.tenantId, (tx) =>
    findMe(tx, principal.userId, principal.csrfToken),
  );
  if (!me) throw new AppError('unauthenticated');
  return me;
}

export async function updateMe(
  platform: Platform,
  principal: Principal,
  actor: Actor,
  input: z.output<typeof UpdateMeBody>,
): Promise<Me> {
  return withTenant(platform.db, principal.tenantId, async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, principal.userId)).for('update');
    if (!before) throw new AppError('unauthenticated');
    const patch = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.locale !== undefined ? { locale: input.locale } : {}),
      ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
    };
    const [after] = await tx
      .update(users)
      .set({ ...patch, version: before.version + 1, updatedAt: new Date() })
      .where(eq(users.id, principal.userId))
      .returning();
    await writeAudit(tx, actor, {
      entity: 'user',
      entityId: principal.userId,
      action: 'update',
      changes: changesBetween(before, after ?? null, ['name', 'locale', 'timeZone']),
    });
    const me = await findMe(tx, principal.userId, principal.csrfToken);
    if (!me) throw new AppError('internal');
    return me;
  });
}

export async function changePassword(
  platform: Platform,
  principal: Principal,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const [row] = await withTenant(platform.db, principal.tenantId, (tx) =>
    tx.select({ hash: users.passwordHash }).from(users).where(eq(users.id, principal.userId)),
  );
  if (!(await verifyPassword(row?.hash ?? null, input.currentPassword))) throw new AppError('wrong_password');
  const passwordHash = await hashPassword(input.newPassword);
  await withTenant(platform.db, principal.tenantId, async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, principal.userId));
    await endUserSessions(tx, principal.userId, principal.sessionId);
    await writeAudit(tx, actor, { entity: 'user', entityId: principal.userId, action: 'password_change' });
  });
}

/** Mails a reset link for every active account with this email; says nothing about whether one exists. */
export async function requestPasswordReset(
  platform: Platform,
  email: string,
  meta: RequestMeta,
): Promise<void> {
  const accounts = await withSystem(platform.db, (tx) =>
    queryRows<{ tenant_id: string; id: string }>(
      tx,
      sql`SELECT tenant_id, id FROM users WHERE lower(email) = ${email} AND status = 'active'`,
    ),
  );
  for (const account of accounts) {
    const link = await withTenant(platform.db, account.tenant_id, async (tx) => {
      const issued = await mailAuthLink(
        platform,
        tx,
        account.tenant_id,
        account.id,
        'reset',
        meta.locale,
        null,
      );
      await writeAudit(tx, actorFor(account.tenant_id, null, meta), {
        entity: 'user',
        entityId: account.id,
        action: 'password_reset_request',
      });
      return issued;
    });
    await dispatchMails(platform, account.tenant_id, [link.mailId]);
  }
}

export async function confirmPasswordReset(
  platform: Platform,
  input: { token: string; password: string },
  meta: RequestMeta,
): Promise<void> {
  const tenantId = await liveLinkTenant(platform, input.token, 'reset');
  const passwordHash = await hashPassword(input.password);
  await withTenant(platform.db, tenantId, async (tx) => {
    const link = await readLink(tx, input.token, 'reset', true, platform.clock.now());
    if (!link) throw new AppError('link_invalid');
    await tx
      .update(users)
      .set({ passwordHash, updatedAt: new Date() })
      .where(and(eq(users.id, link.userId), eq(users.status, 'active')));
    await endUserSessions(tx, link.userId);
    await writeAudit(tx, actorFor(tenantId, link.userId, meta), {
      entity: 'user',
      entityId: link.userId,
      action: 'password_reset',
    });
  });
}

/**
 * The tenant of a link that is live now, else `link_invalid`. Checked before the new password is hashed, so
 * a guessed or spent token costs one lookup instead of an argon2 run, and answers as fast as any other miss;
 * the link is read again, locked and spent, in the transaction that uses it.
 */
async function liveLinkTenant(platform: Platform, token: string, kind: 'reset' | 'invite'): Promise<string> {
  const tenantId = linkTenant(token);
  const link = await withTenant(platform.db, tenantId, (tx) =>
    readLink(tx, token, kind, false, platform.clock.now()),
  );
  if (!link) throw new AppError('link_invalid');
  return tenantId;
}

export async function getInvitation(platform: Platform, token: string) {
  const tenantId = linkTenant(token);
  return withTenant(platform.db, tenantId, async (tx) => {
    const link = await readLink(tx, token, 'invite', false, platform.clock.now());
    if (!link) throw new AppError('link_invalid');
    const [row] = await tx
      .select({ email: users.email, name: users.name, companyName: tenants.name })
      .from(users)
      .innerJoin(tenants, eq(tenants.tenantId, users.tenantId))
      .where(eq(users.id, link.userId));
    if (!row) throw new AppError('link_invalid');
    return row;
  });
}

export async function acceptInvitation(
  platform: Platform,
  input: { token: string; name?: string | undefined; password: string },
  meta: RequestMeta,
): Promise<SignedIn> {
  const tenantId = await liveLinkTenant(platform, input.token, 'invite');
  const passwordHash = await hashPassword(input.password);
  return withTenant(platform.db, tenantId, async (tx) => {
    const link = await readLink(tx, input.token, 'invite', true, platform.clock.now());
    if (!link) throw new AppError('link_invalid');
    const [user] = await tx
      .update(users)
      .set({
        passwordHash,
        status: 'active',
        lastLoginAt: new Date(),
        updatedAt: new Date(),
        ...(input.name ? { name: input.name } : {}),
      })
      .where(and(eq(users.id, link.userId), eq(users.status, 'invited')))
      .returning();
    if (!user) throw new AppError('link_invalid');
    const actor = actorFor(tenantId, user.id, meta);
    await writeAudit(tx, actor, {
      entity: 'user',
      entityId: user.id,
      action: 'invitation_accept',
      changes: { status: { from: 'invited', to: 'active' } },
    });
    const session = await createSession(tx, {
      tenantId,
      userId: user.id,
      ttlMs: platform.config.sessionTtlMs,
      ip: meta.ip,
      userAgent: meta.userAgent,
    });
    const me = await findMe(tx, user.id, session.csrfToken);
    if (!me) throw new AppError('internal');
    return { me, session };
  });
}

/** Issues a reset or invitation link and queues its mail in the same transaction; dispatch the mail after commit. */
export async function mailAuthLink(
  platform: Platform,
  tx: Tx,
  tenantId: string,
  userId: string,
  kind: 'reset' | 'invite',
  fallbackLocale: Locale,
  inviterName: string | null,
): Promise<{ url: string; mailId: string }> {
  const token = await issueLink(tx, {
    tenantId,
    userId,
    kind,
    ttlMs: kind === 'reset' ? platform.config.resetLinkTtlMs : platform.config.inviteLinkTtlMs,
    now: platform.clock.now(),
  });
  const url = `${platform.config.publicUrl}/${kind === 'reset' ? 'reset-password' : 'invite'}?token=${encodeURIComponent(token)}`;
  const [row] = await tx
    .select({
      email: users.email,
      name: users.name,
      locale: users.locale,
      company: tenants.name,
      tl: tenants.defaultLocale,
    })
    .from(users)
    .innerJoin(tenants, eq(tenants.tenantId, users.tenantId))
    .where(eq(users.id, userId));
  if (!row) throw new AppError('not_found');
  const locale = (row.locale ?? row.tl ?? fallbackLocale) as Locale;
  const vars = { name: row.name, company: row.company, inviter: inviterName ?? '', url };
  const mailId = await queueMail(tx, tenantId, {
    to: row.email,
    subject: translate(locale, kind === 'reset' ? 'mail.reset_subject' : 'mail.invite_subject', vars),
    text: translate(locale, kind === 'reset' ? 'mail.reset_text' : 'mail.invite_text', vars),
  });
  return { url, mailId };
}

function actorFor(tenantId: string, userId: string | null, meta: RequestMeta): Actor {
  return { tenantId, userId, kind: userId ? 'user' : 'system', requestId: meta.requestId, ip: meta.ip };
}
