import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { newTenant, useTestApp } from '../../../test/helper';
import { customers } from '../../modules/customers/customers.tables';
import { queryRows } from './database';
import { SEARCH_CANDIDATES, type SearchTarget, substringCandidates } from './substring-search';
import { APP_ROLE, withTenant } from './tenancy';

/** The two-step substring search: candidates read past row-level security, for the tenant only. */

const t = await useTestApp();
const a = (await newTenant(t)).me.tenant.id;
const b = (await newTenant(t)).me.tenant.id;
const target: SearchTarget = {
  table: customers,
  id: customers.id,
  tenantId: customers.tenantId,
  text: sql`${customers.name}`,
};

async function addCustomers(tenantId: string, names: string[]): Promise<string[]> {
  const rows = await withTenant(t.platform.db, tenantId, (tx) =>
    tx
      .insert(customers)
      .values(names.map((name) => ({ tenantId, id: uuidv7(), name, nameNorm: name.toLowerCase() })))
      .returning({ id: customers.id }),
  );
  return rows.map((r) => r.id);
}

describe('substringCandidates', () => {
  it("finds the tenant's own matches only, case-insensitively, and hands the transaction back to the app role", async () => {
    const [mine] = await addCustomers(a, ['深圳精工 13800042424 Ltd']);
    await addCustomers(b, ['Other 13800042424 Ltd']);
    const { ids, role } = await withTenant(t.platform.db, a, async (tx) => ({
      ids: await substringCandidates(tx, target, a, '0042424 ltd'),
      role: (await queryRows<{ role: string }>(tx, sql`select current_user as role`))[0]?.role,
    }));
    expect(ids).toEqual([mine]);
    expect(role).toBe(APP_ROLE);
  });

  it('reads the candidates past row-level security, so the trigram index can serve them', async () => {
    // White-box: asked for another tenant's rows inside this tenant's transaction, only a read past the policy
    // finds them (the caller always passes its own tenant, and its query keeps only rows the policy shows).
    const [theirs] = await addCustomers(b, ['Past the policy 4711']);
    const ids = await withTenant(t.platform.db, a, (tx) => substringCandidates(tx, target, b, 'policy 4711'));
    expect(ids).toEqual([theirs]);
  });

  it('treats LIKE wildcards in the text as plain characters', async () => {
    const [percent] = await addCustomers(a, ['Rate 100% sure']);
    await addCustomers(a, ['Rate 1000 sure']);
    const ids = await withTenant(t.platform.db, a, (tx) => substringCandidates(tx, target, a, '100%'));
    expect(ids).toEqual([percent]);
  });

  it('leaves the search to the query for a text too short for a trigram or too many matches', async () => {
    await withTenant(t.platform.db, a, (tx) =>
      tx.execute(sql`INSERT INTO customers (tenant_id, id, name, name_norm)
        SELECT ${a}::uuid, gen_random_uuid(), 'Bulk zq' || g, 'bulk zq' || g
          FROM generate_series(1, ${SEARCH_CANDIDATES + 1}) g`),
    );
    const [short, many, few] = await withTenant(t.platform.db, a, async (tx) => [
      await substringCandidates(tx, target, a, 'zq'),
      await substringCandidates(tx, target, a, 'bulk zq'),
      await substringCandidates(tx, target, a, 'bulk zq2001'),
    ]);
    expect(short).toBeNull();
    expect(many).toBeNull();
    expect(few).toHaveLength(1);
  });
});
