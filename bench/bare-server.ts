import { PGlite } from '@electric-sql/pglite';
import Fastify from 'fastify';
import pg from 'pg';

/**
 * The references of `npm run bench`, answering the same JSON as GET /api/v1/me:
 * - `/api/v1/me`: a bare Fastify route, with no database, session, validation or plugin;
 * - `/ref/select1`: the same route after one `SELECT 1` round trip to the database;
 * - `/ref/tx`: the same route after the least a row-level-security read costs: BEGIN with SET LOCAL, a
 *   SELECT 1 and COMMIT, pipelined into one round trip;
 * - `/ref/auth-read`: the least an authenticated read costs without a session cache: one round trip to look
 *   the session up (a SELECT 1 here), then, once the caller is known, that transaction.
 * The database is PostgreSQL through node-postgres (a pool of 10, as the server's) when DATABASE_URL is set,
 * else an in-memory PGlite in this process. Runs as its own child process, like the real server, so that
 * neither shares an event loop with the load generator. Reads PORT, BODY (the JSON text) and DATABASE_URL.
 */

const port = Number(process.env.PORT ?? '0');
const body: unknown = JSON.parse(process.env.BODY ?? '{}');
const TENANT = "SET LOCAL app.tenant_id = '00000000-0000-7000-8000-000000000000'";

type Reference = { select1(): Promise<unknown>; tx(): Promise<unknown>; close(): Promise<void> };

function postgres(url: string): Reference {
  const pool = new pg.Pool({ connectionString: url, max: 10, pipeline: true });
  return {
    select1: () => pool.query('SELECT 1'),
    async tx() {
      const client = await pool.connect();
      try {
        // Corked, so the three leave in one write, as the server's session lookup does.
        client.connection.stream.cork();
        const sent = [client.query(`BEGIN; ${TENANT}`), client.query('SELECT 1'), client.query('COMMIT')];
        client.connection.stream.uncork();
        await Promise.all(sent);
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

async function pglite(): Promise<Reference> {
  const db = new PGlite();
  await db.waitReady;
  return {
    select1: () => db.query('SELECT 1'),
    tx: () =>
      db.transaction(async (tx) => {
        await tx.exec(TENANT);
        await tx.query('SELECT 1');
      }),
    close: () => db.close(),
  };
}

const database = process.env.DATABASE_URL ? postgres(process.env.DATABASE_URL) : await pglite();
const app = Fastify({ logger: false });
app.get('/api/v1/me', async () => body);
app.get('/ref/select1', async () => {
  await database.select1();
  return body;
});
app.get('/ref/tx', async () => {
  await database.tx();
  return body;
});
app.get('/ref/auth-read', async () => {
  await database.select1();
  await database.tx();
  return body;
});
await app.listen({ port, host: '127.0.0.1' });
process.once('SIGTERM', () => {
  void app
    .close()
    .then(() => database.close())
    .then(() => process.exit(0));
});
