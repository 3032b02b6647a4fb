import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../../test/global-setup';
import { newTenant, useTestApp } from '../../../test/helper';
import { openDatabase, queryRows } from './database';
import { hasStaleStatements, nameStatements, STATEMENTS_PER_CONNECTION } from './statement-names';
import { withTenant } from './tenancy';

/** Statement naming on PostgreSQL (PGlite has one in-process connection and no use for it). */

const t = await useTestApp();
const onPostgres = t.db.kind === 'postgres';
const [{ database } = { database: '' }] = await queryRows<{ database: string }>(
  t.db.db,
  sql`select current_database() as database`,
);
const url = onPostgres ? withDatabase(process.env.DATABASE_URL ?? '', database) : '';
const clients: pg.Client[] = [];

async function namedClient(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, pipeline: true } as pg.ClientConfig);
  await client.connect();
  nameStatements(client);
  clients.push(client);
  return client;
}

async function prepared(client: pg.Client): Promise<{ name: string; statement: string }[]> {
  return (await client.query('select name, statement from pg_prepared_statements order by statement')).rows;
}

afterAll(async () => {
  await Promise.all(clients.map((c) => c.end()));
});

describe.skipIf(!onPostgres)('named statements on PostgreSQL', () => {
  it('prepares a parameterised statement once per connection and leaves the rest unnamed', async () => {
    const client = await namedClient();
    for (let i = 0; i < 3; i++) {
      expect((await client.query('select $1::int + 1 as n', [i])).rows).toEqual([{ n: i + 1 }]);
    }
    await client.query('select 42');
    await client.query({ name: 'mine', text: 'select $1::text as s', values: ['x'] });
    const rows = await prepared(client);
    expect(rows.map((r) => r.statement)).toEqual(['select $1::int + 1 as n', 'select $1::text as s']);
    expect(rows[0]?.name).toMatch(/^cl_/);
    expect(rows[1]?.name).toBe('mine');
  });

  it('leaves a pattern match or a page of a list unnamed, so each call is planned for its values', async () => {
    const client = await namedClient();
    for (const text of [
      "select $1::text ilike '%a%' as m",
      'select $1::text like $1 as m',
      "select $1::text ~ 'a' as m",
      "select to_tsvector($1::text) @@ to_tsquery('a') as m",
      'select $1::text as s order by 1 desc limit 2',
    ]) {
      await client.query(text, ['abc']);
    }
    expect(await prepared(client)).toEqual([]);
  });

  it('sends the same new statement twice in one pipeline without preparing it twice', async () => {
    const client = await namedClient();
    const answers = await Promise.all(
      [1, 2, 3].map((n) => client.query('select $1::int * 2 as n', [n]).then((r) => r.rows[0])),
    );
    expect(answers).toEqual([{ n: 2 }, { n: 4 }, { n: 6 }]);
    expect(await prepared(client)).toHaveLength(1);
  });

  it('names at most STATEMENTS_PER_CONNECTION statements per connection', async () => {
    const client = await namedClient();
    for (let i = 0; i < STATEMENTS_PER_CONNECTION + 10; i++) {
      await client.query(`select $1::int + ${i} as n`, [1]);
    }
    expect(await prepared(client)).toHaveLength(STATEMENTS_PER_CONNECTION);
    // A text already named on the connection keeps its name.
    expect((await client.query('select $1::int + 0 as n', [5])).rows).toEqual([{ n: 5 }]);
  });

  it('marks a connection whose statement no longer matches its table, so the pool discards it', async () => {
    const client = await namedClient();
    await client.query('create table stmt_names_probe (id int primary key)');
    try {
      await client.query('insert into stmt_names_probe values (1)');
      await client.query('select * from stmt_names_probe where id = $1', [1]);
      expect(hasStaleStatements(client)).toBe(false);
      await client.query('alter table stmt_names_probe add column note text');
      await expect(client.query('select * from stmt_names_probe where id = $1', [1])).rejects.toMatchObject({
        code: '0A000',
      });
      expect(hasStaleStatements(client)).toBe(true);
    } finally {
      await client.query('drop table stmt_names_probe');
    }
  });

  it('serves the application’s transactions from prepared statements', async () => {
    const tenant = (await newTenant(t)).me.tenant.id;
    // A handle of its own, used serially, so its transactions share one connection.
    const own = await openDatabase({ databaseUrl: url });
    try {
      const read = () =>
        withTenant(own, tenant, (tx) =>
          queryRows<{ n: number }>(tx, sql`select count(*)::int as n from users where tenant_id = ${tenant}`),
        );
      expect(await read()).toEqual([{ n: 1 }]);
      expect(await read()).toEqual([{ n: 1 }]);
      const statements = await withTenant(own, tenant, (tx) =>
        queryRows<{ name: string }>(
          tx,
          sql`select name from pg_prepared_statements where statement like ${'%from users where tenant_id%'}`,
        ),
      );
      expect(statements).toHaveLength(1);
      expect(statements[0]?.name).toMatch(/^cl_/);
    } finally {
      await own.close();
    }
  });
});
