import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/helper';
import type { SqlRunner } from './database';
import { APP_ROLE } from './tenancy';

/**
 * The schema rules of SCALE.md (1–4, 9, 10) checked on the migrated catalogue. Plain PostgreSQL and PGlite
 * accept a schema that breaks them; Citus refuses it, so this test is where a bad migration is caught.
 */

/** Infrastructure tables keyed before or outside a tenant (SCALE.md rule 9): plain, no tenant_id. */
const INFRASTRUCTURE = ['login_throttle', 'event_cursors'];

type Rule =
  | 'tenant_column'
  | 'tenant_type'
  | 'key_without_tenant'
  | 'fk_without_tenant'
  | 'fk_action'
  | 'fk_into_tenant_table'
  | 'rls';

type Violation = { rule: Rule; table: string; detail: string };

type TableRow = { name: string; rls: boolean; tenant_type: string | null; policies: string[] | null };
type KeyRow = { table_name: string; index_name: string; definition: string; has_tenant: boolean };
type FkRow = {
  table_name: string;
  name: string;
  ref_table: string;
  child_pos: number | null;
  parent_pos: number | null;
  ref_has_tenant: boolean;
  on_delete: string;
  on_update: string;
};

/** Walks pg_catalog of schema public and lists every table, key and foreign key that breaks a rule. */
async function schemaViolations(
  raw: SqlRunner,
  infrastructure: readonly string[] = INFRASTRUCTURE,
): Promise<Violation[]> {
  const out: Violation[] = [];
  const { rows: tables } = await raw.query<TableRow>(
    `SELECT c.relname AS name, c.relrowsecurity AS rls,
            (SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
              WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped) AS tenant_type,
            (SELECT array_agg(coalesce(pg_get_expr(p.polqual, p.polrelid), '') || ' ' ||
                              coalesce(pg_get_expr(p.polwithcheck, p.polrelid), ''))
               FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
      ORDER BY c.relname`,
  );
  const isTenantTable = (name: string) => !infrastructure.includes(name);

  const types = new Map<string, string[]>();
  for (const t of tables) {
    if (!isTenantTable(t.name)) continue;
    if (!t.tenant_type) {
      out.push({ rule: 'tenant_column', table: t.name, detail: 'no tenant_id column' });
      continue;
    }
    types.set(t.tenant_type, [...(types.get(t.tenant_type) ?? []), t.name]);
    const policies = t.policies ?? [];
    if (!t.rls) out.push({ rule: 'rls', table: t.name, detail: 'row-level security is not enabled' });
    if (!policies.some((p) => p.includes('tenant_id') && p.includes('app.tenant_id'))) {
      out.push({ rule: 'rls', table: t.name, detail: 'no policy comparing tenant_id with app.tenant_id' });
    }
  }
  if (types.size > 1) {
    // Name the tables of every type but the most common one.
    const sorted = [...types.entries()].sort((a, b) => b[1].length - a[1].length);
    for (const [type, names] of sorted.slice(1)) {
      for (const name of names) {
        out.push({ rule: 'tenant_type', table: name, detail: `tenant_id is ${type}, not ${sorted[0]?.[0]}` });
      }
    }
  }

  // Primary keys and unique constraints are backed by unique indexes, so one query covers all three.
  const { rows: keys } = await raw.query<KeyRow>(
    `SELECT c.relname AS table_name, ic.relname AS index_name, pg_get_indexdef(i.indexrelid) AS definition,
            EXISTS (SELECT 1 FROM pg_attribute a
                     WHERE a.attrelid = i.indrelid AND a.attname = 'tenant_id'
                       AND a.attnum = ANY (i.indkey::int2[])) AS has_tenant
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND i.indisunique
      ORDER BY 1, 2`,
  );
  for (const k of keys) {
    if (isTenantTable(k.table_name) && !k.has_tenant) {
      out.push({
        rule: 'key_without_tenant',
        table: k.table_name,
        detail: `${k.index_name}: ${k.definition}`,
      });
    }
  }

  const { rows: fks } = await raw.query<FkRow>(
    `SELECT c.relname AS table_name, con.conname AS name, rc.relname AS ref_table,
            array_position(con.conkey, (SELECT a.attnum FROM pg_attribute a
                                         WHERE a.attrelid = con.conrelid AND a.attname = 'tenant_id')) AS child_pos,
            array_position(con.confkey, (SELECT a.attnum FROM pg_attribute a
                                          WHERE a.attrelid = con.confrelid AND a.attname = 'tenant_id')) AS parent_pos,
            EXISTS (SELECT 1 FROM pg_attribute a
                     WHERE a.attrelid = con.confrelid AND a.attname = 'tenant_id') AS ref_has_tenant,
            con.confdeltype AS on_delete, con.confupdtype AS on_update
       FROM pg_constraint con
       JOIN pg_class c ON c.oid = con.conrelid
       JOIN pg_class rc ON rc.oid = con.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND con.contype = 'f'
      ORDER BY 1, 2`,
  );
  for (const fk of fks) {
    const refIsTenant = isTenantTable(fk.ref_table) && fk.ref_has_tenant;
    if (!isTenantTable(fk.table_name)) {
      if (refIsTenant) {
        out.push({
          rule: 'fk_into_tenant_table',
          table: fk.table_name,
          detail: `${fk.name} → ${fk.ref_table}`,
        });
      }
      continue;
    }
    if (refIsTenant && (fk.child_pos === null || fk.child_pos !== fk.parent_pos)) {
      out.push({
        rule: 'fk_without_tenant',
        table: fk.table_name,
        detail: `${fk.name} → ${fk.ref_table}: tenant_id at ${fk.child_pos ?? 'none'} → ${fk.parent_pos ?? 'none'}`,
      });
    }
    if (fk.child_pos !== null) {
      if (fk.on_delete === 'n' || fk.on_delete === 'd') {
        out.push({
          rule: 'fk_action',
          table: fk.table_name,
          detail: `${fk.name}: ON DELETE SET NULL/DEFAULT`,
        });
      }
      if (fk.on_update !== 'a') {
        out.push({ rule: 'fk_action', table: fk.table_name, detail: `${fk.name}: ON UPDATE action` });
      }
    }
  }
  return out;
}

const db = await freshDatabase();
afterAll(() => db.close());

describe('schema rules for distribution by tenant (SCALE.md)', () => {
  it('finds no table, key or foreign key of the migrated schema that breaks a rule', async () => {
    expect(await schemaViolations(db.raw)).toEqual([]);
  });

  it('has tenant tables to check, and every infrastructure table exists', async () => {
    const { rows } = await db.raw.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`,
    );
    const names = rows.map((r) => r.name);
    expect(names).toEqual(
      expect.arrayContaining(['tenants', 'users', 'teams', 'audit_log', ...INFRASTRUCTURE]),
    );
  });

  it('runs requests as a role that neither bypasses row-level security nor owns the tables', async () => {
    const { rows } = await db.raw.query<{ super: boolean; bypass: boolean; owned: number }>(
      `SELECT r.rolsuper AS super, r.rolbypassrls AS bypass,
              (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relowner = r.oid) AS owned
         FROM pg_roles r WHERE r.rolname = $1`,
      [APP_ROLE],
    );
    expect(rows).toEqual([{ super: false, bypass: false, owned: 0 }]);
  });

  it('reports each kind of violation in a schema that breaks the rules', async () => {
    const found = await db.withConnection(async (_db, raw) => {
      await raw.query('BEGIN');
      try {
        await raw.exec(`
          CREATE TABLE zz_no_tenant (id uuid PRIMARY KEY);
          CREATE TABLE zz_text_tenant (tenant_id text NOT NULL, id uuid NOT NULL, PRIMARY KEY (tenant_id, id));
          ALTER TABLE zz_text_tenant ENABLE ROW LEVEL SECURITY;
          CREATE POLICY p ON zz_text_tenant USING (true);
          CREATE TABLE zz_parent (tenant_id uuid NOT NULL, id uuid NOT NULL, code text,
                                  PRIMARY KEY (id), UNIQUE (tenant_id, id));
          CREATE UNIQUE INDEX zz_parent_code_uq ON zz_parent (lower(code));
          CREATE TABLE zz_child (
            tenant_id uuid NOT NULL, id uuid NOT NULL, parent_id uuid, user_id uuid, owner_id uuid,
            PRIMARY KEY (tenant_id, id),
            CONSTRAINT zz_drops_tenant FOREIGN KEY (parent_id) REFERENCES zz_parent (id),
            CONSTRAINT zz_swapped FOREIGN KEY (tenant_id, user_id) REFERENCES users (id, tenant_id),
            CONSTRAINT zz_set_null FOREIGN KEY (tenant_id, owner_id) REFERENCES users (tenant_id, id)
              ON DELETE SET NULL,
            CONSTRAINT zz_on_update FOREIGN KEY (tenant_id, parent_id) REFERENCES zz_parent (tenant_id, id)
              ON UPDATE CASCADE
          );
          CREATE TABLE zz_infra (key text PRIMARY KEY, tenant_id uuid, user_id uuid,
            CONSTRAINT zz_infra_fk FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id));
        `);
        return await schemaViolations(raw, [...INFRASTRUCTURE, 'zz_infra']);
      } finally {
        await raw.query('ROLLBACK');
      }
    });
    const summary = found.map((v) => `${v.rule} ${v.table} ${v.detail}`);
    const expected: [Rule, string, RegExp][] = [
      ['tenant_column', 'zz_no_tenant', /no tenant_id/],
      ['tenant_type', 'zz_text_tenant', /text/],
      ['key_without_tenant', 'zz_parent', /zz_parent_pkey/],
      ['key_without_tenant', 'zz_parent', /zz_parent_code_uq/],
      ['fk_without_tenant', 'zz_child', /zz_drops_tenant/],
      ['fk_without_tenant', 'zz_child', /zz_swapped/],
      ['fk_action', 'zz_child', /zz_set_null: ON DELETE/],
      ['fk_action', 'zz_child', /zz_on_update: ON UPDATE/],
      ['rls', 'zz_parent', /not enabled/],
      ['rls', 'zz_child', /no policy/],
      ['rls', 'zz_text_tenant', /no policy comparing/],
      ['fk_into_tenant_table', 'zz_infra', /zz_infra_fk/],
    ];
    for (const [rule, table, detail] of expected) {
      expect(
        found.some((v) => v.rule === rule && v.table === table && detail.test(v.detail)),
        `${rule} ${table} ${detail} in:\n${summary.join('\n')}`,
      ).toBe(true);
    }
    // Only the throwaway tables are reported, and they are gone again.
    expect(found.filter((v) => !v.table.startsWith('zz_'))).toEqual([]);
    expect(await schemaViolations(db.raw)).toEqual([]);
  });
});
