import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { as, newTenant, useTestApp, waitFor } from '../../test/helper';
import { type AuditEvent, defineSubscriber, deliverBatch } from './events';

const t = await useTestApp();

function collector(name: string, entities?: string[]) {
  const seen: AuditEvent[] = [];
  const subscriber = defineSubscriber({
    name,
    ...(entities ? { entities } : {}),
    async handle(event) {
      seen.push(event);
    },
  });
  return { seen, subscriber };
}

describe('audit events', () => {
  it('delivers every audit row once, in order, to each subscriber', async () => {
    const admin = await newTenant(t);
    for (const name of ['East', 'West']) {
      const res = await as(
        t,
        admin,
      )({ method: 'POST', url: '/api/v1/teams', payload: { name, region: name } });
      expect(res.statusCode).toBe(201);
    }
    const teamsOnly = collector('test.teams', ['team']);
    // On PostgreSQL an open transaction of another test file (same server) holds delivery back until it
    // ends: the rows come in one batch or a few, never more than once.
    await waitFor(async () => {
      await deliverBatch(t.platform, teamsOnly.subscriber);
      return teamsOnly.seen.length >= 2 ? true : undefined;
    }, 'delivery of both teams');
    expect(teamsOnly.seen.map((e) => [e.entity, e.action, e.changes.name?.to])).toEqual([
      ['team', 'create', 'East'],
      ['team', 'create', 'West'],
    ]);
    expect(teamsOnly.seen.every((e) => e.tenantId === admin.me.tenant.id)).toBe(true);
    expect(await deliverBatch(t.platform, teamsOnly.subscriber)).toBe(0);

    const everything = collector('test.all');
    await deliverBatch(t.platform, everything.subscriber);
    expect(everything.seen.map((e) => e.action)).toContain('login');
  });

  it.runIf(process.env.TEST_DB === 'postgres')(
    'holds back rows of later transactions until an older open one commits',
    async () => {
      const admin = await newTenant(t);
      const c = collector('test.ordering', ['probe']);
      await deliverBatch(t.platform, c.subscriber);
      await t.db.withConnection(async (_db, raw) => {
        await raw.query('BEGIN');
        await raw.query(
          `INSERT INTO audit_log (tenant_id, id, actor_kind, entity, action) VALUES ($1, gen_random_uuid(), 'system', 'probe', 'older')`,
          [admin.me.tenant.id],
        );
        await t.db.db.execute(
          sql`INSERT INTO audit_log (tenant_id, id, actor_kind, entity, action) VALUES (${admin.me.tenant.id}, gen_random_uuid(), 'system', 'probe', 'newer')`,
        );
        expect(await deliverBatch(t.platform, c.subscriber)).toBe(0);
        await raw.query('COMMIT');
      });
      // Transactions of other databases on the same server (other test files) hold the snapshot's xmin back
      // too, so delivery follows as soon as they end, not necessarily on the first try.
      await waitFor(
        async () => ((await deliverBatch(t.platform, c.subscriber)) > 0 ? true : undefined),
        'delivery',
      );
      expect(c.seen.map((e) => e.action)).toEqual(['older', 'newer']);
    },
  );
});
