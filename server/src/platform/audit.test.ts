import type { AuditEntry } from '@contracts/audit.contract';
import type { Team } from '@contracts/teams.contract';
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { addUser, as, newTenant, useTestApp } from '../../test/helper';
import { type Actor, writeAudit } from './audit';
import { teams } from './db/identity.tables';
import { auditLog } from './db/platform.tables';
import { withTenant } from './db/tenancy';

/** The audit trail: every change writes its row in the change's own transaction, and admins can search it. */

const t = await useTestApp();
const admin = await newTenant(t);
const other = await newTenant(t);
const tenantId = admin.me.tenant.id;
const call = as(t, admin);

type Page = { items: AuditEntry[]; nextCursor: string | null };

async function audit(query: string): Promise<Page> {
  const res = await call({ method: 'GET', url: `/api/v1/audit-log?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Page>();
}

const actor: Actor = { tenantId, userId: admin.me.user.id, kind: 'user', requestId: 'test', ip: null };

describe('audit rows for changes', () => {
  it('records team create, update and delete with before→after and the request id', async () => {
    const created = await call({
      method: 'POST',
      url: '/api/v1/teams',
      headers: { 'x-request-id': 'audit-create-0001' },
      payload: { name: 'Audited', region: 'East', description: 'first' },
    });
    expect(created.statusCode).toBe(201);
    const team = created.json<Team>();
    const updated = await call({
      method: 'PATCH',
      url: `/api/v1/teams/${team.id}`,
      headers: { 'x-request-id': 'audit-update-0001' },
      payload: { version: team.version, name: 'Audited Renamed', region: 'East' },
    });
    expect(updated.statusCode).toBe(200);
    const deleted = await call({
      method: 'DELETE',
      url: `/api/v1/teams/${team.id}`,
      headers: { 'x-request-id': 'audit-delete-0001' },
    });
    expect(deleted.statusCode).toBe(204);

    const rows = (await audit(`entity=team&entityId=${team.id}`)).items;
    expect(rows.map((r) => [r.action, r.requestId])).toEqual([
      ['delete', 'audit-delete-0001'],
      ['update', 'audit-update-0001'],
      ['create', 'audit-create-0001'],
    ]);
    const [del, upd, cre] = rows;
    expect(cre?.changes).toEqual({
      name: { from: null, to: 'Audited' },
      region: { from: null, to: 'East' },
      description: { from: null, to: 'first' },
    });
    // Only what changed: the region was sent unchanged.
    expect(upd?.changes).toEqual({ name: { from: 'Audited', to: 'Audited Renamed' } });
    expect(del?.changes).toMatchObject({ name: { from: 'Audited Renamed', to: null } });
    for (const row of rows) {
      expect(row).toMatchObject({ actorId: admin.me.user.id, actorName: 'Admin', actorKind: 'user' });
    }
  });

  it('records each sign-in', async () => {
    const rows = (await audit(`action=login&actorId=${admin.me.user.id}`)).items;
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows[0]).toMatchObject({ entity: 'session', action: 'login', actorKind: 'user' });
  });
});

describe('audit rows share their change’s transaction', () => {
  it('rolls an audit row back with the transaction that wrote it', async () => {
    const marker = uuidv7();
    await expect(
      withTenant(t.db, tenantId, async (tx) => {
        await writeAudit(tx, actor, { entity: 'probe', entityId: marker, action: 'create' });
        throw new Error('change failed after its audit row');
      }),
    ).rejects.toThrow('change failed');
    const rows = await withTenant(t.db, tenantId, (tx) =>
      tx.select().from(auditLog).where(eq(auditLog.entityId, marker)),
    );
    expect(rows).toEqual([]);
  });

  it('rolls a change back when its audit row cannot be written', async () => {
    const id = uuidv7();
    // The audit row names another tenant, so row-level security refuses it inside this tenant's transaction.
    const wrongActor: Actor = { ...actor, tenantId: other.me.tenant.id };
    await expect(
      withTenant(t.db, tenantId, async (tx) => {
        await tx.insert(teams).values({ tenantId, id, name: 'Unaudited', region: 'East' });
        await writeAudit(tx, wrongActor, { entity: 'team', entityId: id, action: 'create' });
      }),
    ).rejects.toThrow();
    const rows = await withTenant(t.db, tenantId, (tx) => tx.select().from(teams).where(eq(teams.id, id)));
    expect(rows).toEqual([]);
  });
});

describe('the audit-log viewer', () => {
  it('filters by actor, entity and action', async () => {
    const invited = await addUser(t, admin, 'rep', 'Audit Rep');
    const byActor = (await audit(`actorId=${invited.userId}`)).items;
    expect(byActor.length).toBeGreaterThan(0);
    expect(byActor.every((r) => r.actorId === invited.userId)).toBe(true);
    expect(byActor.map((r) => r.action)).toContain('invitation_accept');

    const users = (await audit('entity=user&limit=200')).items;
    expect(users.every((r) => r.entity === 'user')).toBe(true);
    expect(users.some((r) => r.entityId === invited.userId && r.action === 'invite')).toBe(true);

    const invites = (await audit('action=invite&limit=200')).items;
    expect(invites.every((r) => r.action === 'invite')).toBe(true);
    expect(invites.map((r) => r.entityId)).toContain(invited.userId);
  });

  it('filters by time range', async () => {
    const make = async (name: string) => {
      const res = await call({ method: 'POST', url: '/api/v1/teams', payload: { name, region: 'Time' } });
      expect(res.statusCode).toBe(201);
      return res.json<Team>().id;
    };
    const pause = () => new Promise((resolve) => setTimeout(resolve, 30));
    const early = await make('Time Early');
    await pause();
    const from = new Date().toISOString();
    await pause();
    const middle = await make('Time Middle');
    await pause();
    const to = new Date().toISOString();
    await pause();
    const late = await make('Time Late');
    const inRange = (
      await audit(`entity=team&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`)
    ).items.map((r) => r.entityId);
    expect(inRange).toEqual([middle]);
    const after = (await audit(`entity=team&from=${encodeURIComponent(from)}`)).items.map((r) => r.entityId);
    expect(after).toEqual(expect.arrayContaining([middle, late]));
    expect(after).not.toContain(early);
  });

  it('pages through every entry exactly once, newest first', async () => {
    const all = (await audit('limit=200')).items;
    expect(all.length).toBeGreaterThan(5);
    expect(all.length).toBeLessThan(200);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 200; pages++) {
      const page: Page = await audit(`limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(all.map((r) => r.id));
    const times = all.map((r) => r.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('shows only the tenant’s own entries', async () => {
    const mine = (await audit('limit=200')).items;
    const theirs = (await as(t, other)({ method: 'GET', url: '/api/v1/audit-log?limit=200' })).json<Page>()
      .items;
    const mineIds = new Set(mine.map((r) => r.id));
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.some((r) => mineIds.has(r.id))).toBe(false);
  });

  it('is closed to reps (403) and validates its filters', async () => {
    const rep = await addUser(t, admin, 'rep');
    const res = await as(t, rep.session)({ method: 'GET', url: '/api/v1/audit-log' });
    expect(res.statusCode).toBe(403);
    expect(res.json<{ code: string }>().code).toBe('forbidden');
    const bad = await call({ method: 'GET', url: '/api/v1/audit-log?from=yesterday' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['from']);
  });
});
