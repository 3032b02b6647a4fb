import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/helper';
import { verifyPassword } from '../platform/crypto';
import { teamMembers, teams, tenants, users } from '../platform/db/identity.tables';
import { auditLog } from '../platform/db/platform.tables';
import { withSystem } from '../platform/db/tenancy';
import { seedDemo } from './demo';
import { DEMO_ADMIN_EMAIL, DEMO_TEAMS, DEMO_USERS } from './demo-data';

/** The demo company: a realistic bilingual organisation, created once however often the command runs. */

const db = await freshDatabase();
afterAll(() => db.close());

const PASSWORD = 'demo-password-for-tests';
const first = await seedDemo(db, { password: PASSWORD });

async function snapshot(tenantId: string) {
  return withSystem(db, async (tx) => ({
    tenants: (await tx.select().from(tenants)).length,
    users: await tx.select().from(users).where(eq(users.tenantId, tenantId)),
    teams: await tx.select().from(teams).where(eq(teams.tenantId, tenantId)),
    members: await tx.select().from(teamMembers).where(eq(teamMembers.tenantId, tenantId)),
    audit: await tx.select().from(auditLog).where(eq(auditLog.tenantId, tenantId)),
  }));
}

describe('seedDemo', () => {
  it('creates a Chinese company with regional teams and every role', async () => {
    expect(first.created).toBe(true);
    const [tenant] = await withSystem(db, (tx) =>
      tx.select().from(tenants).where(eq(tenants.tenantId, first.tenantId)),
    );
    expect(tenant).toMatchObject({ currency: 'CNY', timeZone: 'Asia/Shanghai', defaultLocale: 'zh-CN' });
    expect(tenant?.name).toContain('示例科技有限公司');

    const s = await snapshot(first.tenantId);
    expect(s.teams.length).toBeGreaterThanOrEqual(4);
    expect(s.users).toHaveLength(DEMO_USERS.length);
    const byRole = first.userIdsByRole;
    expect(byRole.admin).toHaveLength(1);
    expect(byRole.director).toHaveLength(1);
    expect(byRole.manager).toHaveLength(s.teams.length);
    expect(byRole.rep.length).toBeGreaterThanOrEqual(2 * s.teams.length);
    for (const role of ['marketing', 'legal', 'delivery', 'service'] as const) {
      expect(byRole[role].length).toBeGreaterThanOrEqual(1);
    }
    expect(first.adminId).toBe(s.users.find((u) => u.email === DEMO_ADMIN_EMAIL)?.id);
    expect(first.teams.map((t) => t.key)).toEqual(DEMO_TEAMS.map((t) => t.key));
  });

  it('puts each manager at the head of a team with two or three reps', async () => {
    const s = await snapshot(first.tenantId);
    for (const team of s.teams) {
      const members = s.members.filter((m) => m.teamId === team.id);
      const roleOf = (userId: string) => s.users.find((u) => u.id === userId)?.role;
      expect(members.filter((m) => m.isLead).map((m) => roleOf(m.userId))).toEqual(['manager']);
      const reps = members.filter((m) => roleOf(m.userId) === 'rep' && !m.isLead);
      expect(reps.length).toBeGreaterThanOrEqual(2);
      expect(reps.length).toBeLessThanOrEqual(3);
    }
  });

  it('gives every user the demo password, hashed', async () => {
    const [admin] = await withSystem(db, (tx) =>
      tx
        .select()
        .from(users)
        .where(and(eq(users.tenantId, first.tenantId), eq(users.id, first.adminId))),
    );
    expect(admin?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(admin?.passwordHash ?? null, PASSWORD)).toBe(true);
  });

  it('audits what it creates as the system', async () => {
    const s = await snapshot(first.tenantId);
    expect(s.audit.every((a) => a.actorKind === 'system' && a.actorId === null)).toBe(true);
    const count = (entity: string, action: string) =>
      s.audit.filter((a) => a.entity === entity && a.action === action).length;
    expect(count('tenant', 'create')).toBe(1);
    expect(count('user', 'create')).toBe(s.users.length);
    expect(count('team', 'create')).toBe(s.teams.length);
    expect(count('team', 'members_change')).toBe(s.teams.length);
  });

  it('adds nothing when run again, and returns the ids already there', async () => {
    const before = await snapshot(first.tenantId);
    const second = await seedDemo(db, { password: PASSWORD });
    expect(second.created).toBe(false);
    expect(second.tenantId).toBe(first.tenantId);
    expect(second.adminId).toBe(first.adminId);
    expect(second.users).toEqual(first.users);
    expect(second.teams).toEqual(first.teams);
    expect(second.userIdsByRole).toEqual(first.userIdsByRole);
    expect(await snapshot(first.tenantId)).toEqual(before);
  });
});
