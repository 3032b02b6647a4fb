import type { Locale, Role } from '@contracts/common';
import type { User } from '@contracts/users.contract';
import { eq, inArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { type Actor, changesBetween, writeAudit } from '../../platform/audit';
import type { Tx } from '../../platform/db/database';
import { apiTokens, teamMembers, teams, users } from '../../platform/db/identity.tables';
import { withTenant } from '../../platform/db/tenancy';
import { AppError } from '../../platform/http/errors';
import { dispatchMails } from '../../platform/mail/mail';
import type { Platform } from '../../platform/platform';
import { endUserSessions, mailAuthLink } from '../auth';
import { assertUserChangeAllowed } from './users.policy';
import {
  countOtherActiveAdmins,
  getUserRow,
  type ListUsersParams,
  listUsers,
  lockAdminRoster,
  presentUser,
  teamIdsOf,
} from './users.queries';

/** Admin use cases on people: invite, edit, deactivate, reactivate, reset password. */

export async function list(platform: Platform, actor: Actor, params: ListUsersParams) {
  return withTenant(platform.db, actor.tenantId, (tx) => listUsers(tx, params));
}

async function load(tx: Tx, id: string): Promise<User> {
  const row = await getUserRow(tx, id);
  if (!row) throw new AppError('not_found');
  return presentUser(row, (await teamIdsOf(tx, [id])).get(id) ?? []);
}

export async function get(platform: Platform, actor: Actor, id: string): Promise<User> {
  return withTenant(platform.db, actor.tenantId, (tx) => load(tx, id));
}

export type InviteInput = {
  email: string;
  name: string;
  role: Role;
  teamIds: string[];
  locale?: Locale | undefined;
};

export async function invite(
  platform: Platform,
  actor: Actor,
  input: InviteInput,
  fallbackLocale: Locale,
): Promise<{ user: User; inviteUrl: string }> {
  const result = await withTenant(platform.db, actor.tenantId, async (tx) => {
    const existing = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
    if (existing.length > 0) throw new AppError('email_taken');
    const teamIds = [...new Set(input.teamIds)];
    if (teamIds.length > 0) {
      const found = await tx.select({ id: teams.id }).from(teams).where(inArray(teams.id, teamIds));
      if (found.length !== teamIds.length) throw new AppError('not_found');
    }
    const id = uuidv7();
    await tx.insert(users).values({
      tenantId: actor.tenantId,
      id,
      email: input.email,
      name: input.name,
      role: input.role,
      status: 'invited',
      locale: input.locale ?? null,
    });
    if (teamIds.length > 0) {
      await tx
        .insert(teamMembers)
        .values(teamIds.map((teamId) => ({ tenantId: actor.tenantId, teamId, userId: id })));
    }
    await writeAudit(tx, actor, {
      entity: 'user',
      entityId: id,
      action: 'invite',
      changes: {
        email: { from: null, to: input.email },
        name: { from: null, to: input.name },
        role: { from: null, to: input.role },
        teamIds: { from: null, to: teamIds },
      },
    });
    const inviter = actor.userId ? await getUserRow(tx, actor.userId) : undefined;
    const link = await mailAuthLink(
      platform,
      tx,
      actor.tenantId,
      id,
      'invite',
      fallbackLocale,
      inviter?.name ?? null,
    );
    return { user: await load(tx, id), link };
  });
  await dispatchMails(platform, actor.tenantId, [result.link.mailId]);
  return { user: result.user, inviteUrl: result.link.url };
}

export async function update(
  platform: Platform,
  actor: Actor,
  id: string,
  expectedVersion: number | null,
  input: { name?: string | undefined; role?: Role | undefined },
): Promise<User> {
  return withTenant(platform.db, actor.tenantId, async (tx) => {
    if (input.role !== undefined) await lockAdminRoster(tx, actor.tenantId);
    const before = await lockVersioned(tx, id, expectedVersion);
    if (input.role !== undefined) {
      assertUserChangeAllowed({
        actorId: actor.userId ?? '',
        targetId: id,
        targetRole: before.role as Role,
        targetActive: before.status === 'active',
        newRole: input.role,
        deactivate: false,
        otherActiveAdmins: await countOtherActiveAdmins(tx, id),
      });
    }
    const [after] = await tx
      .update(users)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.role !== undefined ? { role: input.role } : {}),
        version: before.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(users.id, id))
      .returning();
    const changes = changesBetween(before, after ?? null, ['name', 'role']);
    await writeAudit(tx, actor, {
      entity: 'user',
      entityId: id,
      action: changes.role ? 'role_change' : 'update',
      changes,
    });
    return load(tx, id);
  });
}

export async function setActive(
  platform: Platform,
  actor: Actor,
  id: string,
  active: boolean,
): Promise<User> {
  return withTenant(platform.db, actor.tenantId, async (tx) => {
    if (!active) await lockAdminRoster(tx, actor.tenantId);
    const before = await getUserRow(tx, id, true);
    if (!before) throw new AppError('not_found');
    if (!active) {
      assertUserChangeAllowed({
        actorId: actor.userId ?? '',
        targetId: id,
        targetRole: before.role as Role,
        targetActive: before.status === 'active',
        newRole: null,
        deactivate: true,
        otherActiveAdmins: await countOtherActiveAdmins(tx, id),
      });
    }
    const status = active ? (before.passwordHash ? 'active' : 'invited') : 'deactivated';
    if (status === before.status) return load(tx, id);
    await tx
      .update(users)
      .set({ status, version: before.version + 1, updatedAt: new Date() })
      .where(eq(users.id, id));
    if (!active) {
      // Sessions end now; tokens are refused on their next request because the user is not active.
      await endUserSessions(tx, id);
      await tx.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.userId, id));
    }
    await writeAudit(tx, actor, {
      entity: 'user',
      entityId: id,
      action: active ? 'reactivate' : 'deactivate',
      changes: { status: { from: before.status, to: status } },
    });
    return load(tx, id);
  });
}

export async function issuePasswordReset(
  platform: Platform,
  actor: Actor,
  id: string,
  fallbackLocale: Locale,
): Promise<{ resetUrl: string }> {
  const link = await withTenant(platform.db, actor.tenantId, async (tx) => {
    const user = await getUserRow(tx, id);
    if (!user) throw new AppError('not_found');
    if (user.status === 'deactivated') throw new AppError('user_inactive');
    const kind = user.status === 'invited' ? 'invite' : 'reset';
    const issued = await mailAuthLink(platform, tx, actor.tenantId, id, kind, fallbackLocale, null);
    await writeAudit(tx, actor, { entity: 'user', entityId: id, action: 'password_reset_issue' });
    return issued;
  });
  await dispatchMails(platform, actor.tenantId, [link.mailId]);
  return { resetUrl: link.url };
}

/** Locks the row and checks the client's version: 404 when gone, 412 when someone changed it since. */
async function lockVersioned(tx: Tx, id: string, expectedVersion: number | null) {
  const before = await getUserRow(tx, id, true);
  if (!before) throw new AppError('not_found');
  if (expectedVersion !== null && before.version !== expectedVersion) throw new AppError('version_conflict');
  return before;
}
