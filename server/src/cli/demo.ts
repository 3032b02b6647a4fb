import { parseArgs } from 'node:util';
import { Password } from '@contracts/auth.contract';
import { ROLES, type Role } from '@contracts/common';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { seedDemoActivities } from '../modules/activities';
import { seedDemoAfterSales } from '../modules/after-sales';
import { seedDemoCatalog } from '../modules/catalog';
import { seedDemoContracts } from '../modules/contracts';
import { seedDemoCustomers } from '../modules/customers';
import { seedDemoDeals } from '../modules/deals';
import { seedDemoLeads, trainTenantModel } from '../modules/leads';
import { seedDemoQuotes } from '../modules/quotes';
import { seedDemoReceivables } from '../modules/receivables';
import { seedDemoRetention } from '../modules/retention';
import { systemActor, writeAudit } from '../platform/audit';
import { type Config, ConfigError } from '../platform/config';
import { hashPassword } from '../platform/crypto';
import type { DatabaseHandle, Tx } from '../platform/db/database';
import { teamMembers, teams, tenants, users } from '../platform/db/identity.tables';
import { withSystem } from '../platform/db/tenancy';
import { startServer } from '../server';
import {
  DEMO_ADMIN_EMAIL,
  DEMO_DEFAULT_PASSWORD,
  DEMO_TEAMS,
  DEMO_TENANT,
  DEMO_USERS,
  type DemoTeamKey,
} from './demo-data';

/** `closeloop demo`: loads the bilingual demo company of demo-data.ts, once. */

export type SeedDemoOptions = {
  /** Password of every demo user (default: DEMO_DEFAULT_PASSWORD). */
  password?: string;
};

export type DemoSeedUser = { key: string; id: string; email: string; name: string; role: Role };
export type DemoSeedTeam = { key: DemoTeamKey; id: string; name: string };

/** Ids of the demo company, for later seeders that add their own demo records on top. */
export type DemoSeed = {
  /** False when the demo company was already there: the ids are then those found in the database. */
  created: boolean;
  tenantId: string;
  adminId: string;
  users: DemoSeedUser[];
  userIdsByRole: Record<Role, string[]>;
  teams: DemoSeedTeam[];
};

// Serialises two concurrent runs, so only one of them creates the company.
const DEMO_LOCK = 7_424_010;

/** Creates the demo company with its users, teams and audit rows, unless it exists already. */
export async function seedDemo(handle: DatabaseHandle, options: SeedDemoOptions = {}): Promise<DemoSeed> {
  const existing = await withSystem(handle, findDemo);
  if (existing) return existing;
  // Hashed before the transaction: argon2id takes tens of milliseconds per user.
  const password = options.password ?? DEMO_DEFAULT_PASSWORD;
  const hashes = await Promise.all(DEMO_USERS.map(() => hashPassword(password)));
  return withSystem(handle, async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${DEMO_LOCK})`);
    return (await findDemo(tx)) ?? createDemo(tx, hashes);
  });
}

async function createDemo(tx: Tx, hashes: string[]): Promise<DemoSeed> {
  const tenantId = uuidv7();
  const actor = systemActor(tenantId);
  await tx.insert(tenants).values({ tenantId, ...DEMO_TENANT });
  await writeAudit(tx, actor, {
    entity: 'tenant',
    entityId: tenantId,
    action: 'create',
    changes: { name: { from: null, to: DEMO_TENANT.name } },
  });

  const seededUsers = DEMO_USERS.map((u) => ({ ...u, id: uuidv7() }));
  await tx.insert(users).values(
    seededUsers.map((u, i) => ({
      tenantId,
      id: u.id,
      email: u.email,
      name: u.name,
      passwordHash: hashes[i] ?? null,
      role: u.role,
      status: 'active',
      locale: u.locale ?? null,
      timeZone: u.timeZone ?? null,
    })),
  );
  for (const u of seededUsers) {
    await writeAudit(tx, actor, {
      entity: 'user',
      entityId: u.id,
      action: 'create',
      changes: { email: { from: null, to: u.email }, role: { from: null, to: u.role } },
    });
  }

  const seededTeams = DEMO_TEAMS.map((t) => ({ ...t, id: uuidv7() }));
  await tx.insert(teams).values(
    seededTeams.map((t) => ({
      tenantId,
      id: t.id,
      name: t.name,
      region: t.region,
      description: t.description,
    })),
  );
  for (const team of seededTeams) {
    await writeAudit(tx, actor, {
      entity: 'team',
      entityId: team.id,
      action: 'create',
      changes: {
        name: { from: null, to: team.name },
        region: { from: null, to: team.region },
        description: { from: null, to: team.description },
      },
    });
    const members = seededUsers
      .filter((u) => u.team === team.key)
      .map((u) => ({ userId: u.id, isLead: u.role === 'manager' }));
    if (members.length === 0) continue;
    await tx.insert(teamMembers).values(members.map((m) => ({ tenantId, teamId: team.id, ...m })));
    await writeAudit(tx, actor, {
      entity: 'team',
      entityId: team.id,
      action: 'members_change',
      changes: { members: { from: [], to: members } },
    });
  }

  return seedOf(
    tenantId,
    true,
    seededUsers.map(({ key, id, email, name, role }) => ({ key, id, email, name, role })),
    seededTeams.map(({ key, id, name }) => ({ key, id, name })),
  );
}

/** The demo company as it is in the database (users or teams renamed or removed since are left out). */
async function findDemo(tx: Tx): Promise<DemoSeed | null> {
  const [admin] = await tx
    .select({ tenantId: users.tenantId })
    .from(users)
    .where(sql`lower(${users.email}) = ${DEMO_ADMIN_EMAIL}`)
    .limit(1);
  if (!admin) return null;
  const { tenantId } = admin;
  const byEmail = new Map(DEMO_USERS.map((u) => [u.email, u]));
  const userRows = await tx
    .select({ id: users.id, email: users.email, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), inArray(users.email, [...byEmail.keys()])));
  const byName = new Map(DEMO_TEAMS.map((t) => [t.name, t]));
  const teamRows = await tx
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(and(eq(teams.tenantId, tenantId), inArray(teams.name, [...byName.keys()])));
  const found: DemoSeedUser[] = [];
  for (const row of userRows) {
    const def = byEmail.get(row.email);
    if (def)
      found.push({ key: def.key, id: row.id, email: row.email, name: row.name, role: row.role as Role });
  }
  const foundTeams: DemoSeedTeam[] = [];
  for (const row of teamRows) {
    const def = byName.get(row.name);
    if (def) foundTeams.push({ key: def.key, id: row.id, name: row.name });
  }
  return seedOf(tenantId, false, found, foundTeams);
}

function seedOf(
  tenantId: string,
  created: boolean,
  list: DemoSeedUser[],
  teamList: DemoSeedTeam[],
): DemoSeed {
  const order = new Map(DEMO_USERS.map((u, i) => [u.key, i]));
  const teamOrder = new Map(DEMO_TEAMS.map((t, i) => [t.key, i]));
  const sortedUsers = [...list].sort((a, b) => (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0));
  const userIdsByRole = Object.fromEntries(ROLES.map((r) => [r, [] as string[]])) as Record<Role, string[]>;
  for (const u of sortedUsers) userIdsByRole[u.role]?.push(u.id);
  return {
    created,
    tenantId,
    adminId: list.find((u) => u.email === DEMO_ADMIN_EMAIL)?.id ?? '',
    users: sortedUsers,
    userIdsByRole,
    teams: [...teamList].sort((a, b) => (teamOrder.get(a.key) ?? 0) - (teamOrder.get(b.key) ?? 0)),
  };
}

export async function demoCommand(config: Config, args: string[]): Promise<number> {
  parseArgs({ args, options: {} });
  const fromEnv = process.env.CLOSELOOP_DEMO_PASSWORD;
  const password = Password.safeParse(fromEnv ?? DEMO_DEFAULT_PASSWORD);
  if (!password.success) throw new ConfigError('CLOSELOOP_DEMO_PASSWORD must be at least 10 characters');

  // The real platform (migrated database, job queue to send to), so demo records go through the same code.
  const running = await startServer({ config, role: 'web' });
  const db = running.platform.db;
  try {
    const seed = await seedDemo(db, { password: password.data });
    if (!seed.created) {
      console.log(
        `The demo company already exists (tenant ${seed.tenantId}, ${DEMO_ADMIN_EMAIL}); nothing added.`,
      );
      return 0;
    }
    console.log(`Created the demo company "${DEMO_TENANT.name}" (${seed.tenantId}).`);
    const demoLeads = await seedDemoLeads(db, seed);
    const model = await trainTenantModel(running.platform, seed.tenantId);
    console.log(
      `Added ${demoLeads.leads} demo leads with their behaviour, follow-ups and outcomes; ` +
        `the predictive model trained on ${model.positives + model.negatives} outcomes` +
        (model.auc === null ? '.\n' : ` (held-out AUC ${model.auc.toFixed(2)}).\n`),
    );
    const demoCustomers = await seedDemoCustomers(db, seed);
    console.log(
      `Added ${demoCustomers.customers} demo customers with ${demoCustomers.contacts} contacts in their ` +
        `decision chains, and ${demoCustomers.tags} managed customer tags.\n`,
    );
    const demoActivities = await seedDemoActivities(db, seed);
    console.log(
      `Added a year of ${demoActivities.activities} demo activities (calls, emails, meetings, visits, notes, ` +
        `tasks with reminders) and ${demoActivities.dailyLogs} daily logs of the last ten working days.\n`,
    );
    const afterSales = await seedDemoAfterSales(db, seed);
    console.log(
      `Added ${afterSales.usageDays} days of reported product usage and ${afterSales.complaints} complaints ` +
        '(open and resolved) behind the customers’ health.\n',
    );
    const retention = await seedDemoRetention(db, seed);
    console.log(
      `Added ${retention.deals} won and lost demo deals behind the customers' tiers, and graded ` +
        `${retention.graded} customers (tier, lifecycle, health): ${retention.atRisk} at risk.\n`,
    );
    const demoDeals = await seedDemoDeals(db, seed);
    console.log(
      `Added ${demoDeals.deals} demo deals in every stage of both pipelines (${demoDeals.won} won, ` +
        `${demoDeals.lost} lost) with needs, ${demoDeals.proposals} proposal versions, ` +
        `${demoDeals.objections} objections and ${demoDeals.minutes} negotiation minutes.\n`,
    );
    const catalog = await seedDemoCatalog(db, seed);
    // The platform: sent demo quotes keep their frozen PDF, approvals go through the approvals use cases.
    const quotes = await seedDemoQuotes(running.platform, seed);
    const contracts = await seedDemoContracts(db, seed, { files: running.platform.files });
    const cash = await seedDemoReceivables(db, seed);
    console.log(
      `Added a catalogue of ${catalog.products} products and services with ${catalog.priceBooks} price books ` +
        `(${catalog.entries} prices) and ${catalog.rates} exchange rates; ${quotes.quotes} quotes in every ` +
        `state with their approvals; ${contracts.contracts} contracts; and ${cash.plans} payment plans of ` +
        `${cash.instalments} instalments with ${cash.payments} payments (on time, late and overdue).\n`,
    );
    const teamOf = new Map(
      DEMO_USERS.map((u) => [u.key, DEMO_TEAMS.find((t) => t.key === u.team)?.name ?? '']),
    );
    for (const u of seed.users) {
      console.log(
        `  ${u.role.padEnd(10)} ${u.email.padEnd(36)} ${u.name}  ${teamOf.get(u.key) ?? ''}`.trimEnd(),
      );
    }
    console.log(
      fromEnv
        ? '\nEvery demo user signs in with the password in CLOSELOOP_DEMO_PASSWORD.'
        : `\nEvery demo user signs in with the password: ${password.data}`,
    );
  } finally {
    await running.stop();
  }
  return 0;
}
