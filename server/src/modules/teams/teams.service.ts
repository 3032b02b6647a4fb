import type { Team } from '@contracts/teams.contract';
import { and, asc, eq, ilike, inArray, type SQL } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { type Actor, changesBetween, writeAudit } from '../../platform/audit';
import type { Tx } from '../../platform/db/database';
import { teamMembers, teams, users } from '../../platform/db/identity.tables';
import { containsPattern, escapeLike } from '../../platform/db/substring-search';
import { withTenant } from '../../platform/db/tenancy';
import { AppError } from '../../platform/http/errors';
import { afterCursor, encodeCursor, orderFor, pageFrom, parseSort } from '../../platform/http/pagination';
import type { Platform } from '../../platform/platform';

/** Sales teams with a region and members. */

type TeamRow = typeof teams.$inferSelect;

async function present(tx: Tx, rows: TeamRow[]): Promise<Team[]> {
  const ids = rows.map((r) => r.id);
  const members =
    ids.length === 0
      ? []
      : await tx
          .select({
            teamId: teamMembers.teamId,
            userId: teamMembers.userId,
            isLead: teamMembers.isLead,
            name: users.name,
          })
          .from(teamMembers)
          .innerJoin(users, and(eq(users.tenantId, teamMembers.tenantId), eq(users.id, teamMembers.userId)))
          .where(inArray(teamMembers.teamId, ids))
          .orderBy(asc(users.name));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    region: r.region,
    description: r.description,
    members: members
      .filter((m) => m.teamId === r.id)
      .map((m) => ({ userId: m.userId, name: m.name, isLead: m.isLead })),
    createdAt: r.createdAt.toISOString(),
    version: r.version,
  }));
}

async function load(tx: Tx, id: string, lock = false): Promise<TeamRow> {
  const q = tx.select().from(teams).where(eq(teams.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('not_found');
  return row;
}

async function assertNameFree(tx: Tx, name: string, exceptId: string | null): Promise<void> {
  const rows = await tx
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(ilike(teams.name, escapeLike(name)));
  if (rows.some((r) => r.id !== exceptId)) throw new AppError('name_taken');
}

const SORTABLE = { name: teams.name, region: teams.region, createdAt: teams.createdAt };

export async function list(
  platform: Platform,
  actor: Actor,
  params: {
    limit: number;
    cursor?: string | undefined;
    q?: string | undefined;
    region?: string | undefined;
    sort: string;
  },
) {
  return withTenant(platform.db, actor.tenantId, async (tx) => {
    const sort = parseSort(params.sort, SORTABLE);
    const filters: (SQL | undefined)[] = [
      params.q ? ilike(teams.name, containsPattern(params.q)) : undefined,
      params.region ? eq(teams.region, params.region) : undefined,
      afterCursor(sort, teams.id, params.cursor),
    ];
    const rows = await tx
      .select()
      .from(teams)
      .where(and(...filters))
      .orderBy(...orderFor(sort, teams.id))
      .limit(params.limit + 1);
    const key = params.sort.replace('-', '') as keyof typeof SORTABLE;
    const page = pageFrom(rows, params.limit, (r) => encodeCursor(r[key], r.id));
    return { items: await present(tx, page.items), nextCursor: page.nextCursor };
  });
}

export async function get(platform: Platform, actor: Actor, id: string): Promise<Team> {
  return withTenant(
    platform.db,
    actor.tenantId,
    async (tx) => (await present(tx, [await load(tx, id)]))[0] as Team,
  );
}

export async function create(
  platform: Platform,
  actor: Actor,
  input: { name: string; region: string; description: string },
): Promise<Team> {
  return withTenant(platform.db, actor.tenantId, async (tx) => {
    await assertNameFree(tx, input.name, null);
    const id = uuidv7();
    const [row] = await tx
      .insert(teams)
      .values({ tenantId: actor.tenantId, id, ...input })
      .returning();
    if (!row) throw new AppError('internal');
    await writeAudit(tx, actor, {
      entity: 'team',
      entityId: id,
      action: 'create',
      changes: changesBetween(null, row, ['name', 'region', 'description']),
    });
    return (await present(tx, [row]))[0] as Team;
  });
}

export async function update(
  platform: Platform,
  actor: Actor,
  id: string,
  expectedVersion: number | null,
  input: { name?: string | undefined; region?: string | undefined; description?: string | undefined },
): Promise<Team> {
  return withTenant(platform.db, actor.tenantId, async (tx) => {
    const before = await load(tx, id, true);
    if (expectedVersion !== null && before.version !== expectedVersion)
      throw new AppError('version_conflict');
    if (input.name !== undefined) await assertNameFree(tx, input.name, id);
    const [after] = await tx
      .update(teams)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.region !== undefined ? { region: input.region } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        version: before.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(teams.id, id))
      .returning();
    if (!after) throw new AppError('internal');
    await writeAudit(tx, actor, {
      entity: 'team',
      entityId: id,
      action: 'update',
      changes: changesBetween(before, after, ['name', 'region', 'description']),
    });
    return (await present(tx, [after]))[0] as Team;
  });
}

export async function setMembers(
  platform: Platform,
  actor: Actor,
  id: string,
  members: { userId: string; isLead: boolean }[],
): Promise<Team> {
  return withTenant(platform.db, actor.tenantId, async (tx) => {
    const team = await load(tx, id, true);
    const unique = new Map(members.map((m) => [m.userId, m.isLead]));
    const userIds = [...unique.keys()];
    if (userIds.length > 0) {
      const found = await tx.select({ id: users.id }).from(users).where(inArray(users.id, userIds));
      if (found.length !== userIds.length) throw new AppError('not_found');
    }
    const before = await tx
      .select({ userId: teamMembers.userId, isLead: teamMembers.isLead })
      .from(teamMembers)
      .where(eq(teamMembers.teamId, id));
    await tx.delete(teamMembers).where(eq(teamMembers.teamId, id));
    if (userIds.length > 0) {
      await tx.insert(teamMembers).values(
        userIds.map((userId) => ({
          tenantId: actor.tenantId,
          teamId: id,
          userId,
          isLead: unique.get(userId) ?? false,
        })),
      );
    }
    const [after] = await tx
      .update(teams)
      .set({ version: team.version + 1, updatedAt: new Date() })
      .where(eq(teams.id, id))
      .returning();
    await writeAudit(tx, actor, {
      entity: 'team',
      entityId: id,
      action: 'members_change',
      changes: {
        members: { from: before, to: userIds.map((userId) => ({ userId, isLead: unique.get(userId) })) },
      },
    });
    return (await present(tx, [after ?? team]))[0] as Team;
  });
}

export async function remove(platform: Platform, actor: Actor, id: string): Promise<void> {
  await withTenant(platform.db, actor.tenantId, async (tx) => {
    const before = await load(tx, id, true);
    await tx.delete(teams).where(eq(teams.id, id));
    await writeAudit(tx, actor, {
      entity: 'team',
      entityId: id,
      action: 'delete',
      changes: changesBetween(before, null, ['name', 'region']),
    });
  });
}
