import type { Database, DatabaseHandle } from './database';

/**
 * A lease on a named piece of long work (an import run), held by the process doing it. On PostgreSQL it is a
 * session-level advisory lock on a connection kept for the lease's lifetime: the database drops it the moment
 * the holding process dies (its connection closes), so any process can tell a live run from a lost one at
 * once, without waiting for a timeout. PGlite is one process's embedded database (an advisory lock would be
 * re-entrant on its single connection), so there the process's own record of its leases is the whole truth.
 */

export type Lease = { release(): Promise<void> };

const TRY_LOCK = 'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok';
const UNLOCK = 'SELECT pg_advisory_unlock(hashtextextended($1, 0))';

const leasesOf = new WeakMap<DatabaseHandle, Set<string>>();

function heldHere(handle: DatabaseHandle): Set<string> {
  let held = leasesOf.get(handle);
  if (!held) {
    held = new Set();
    leasesOf.set(handle, held);
  }
  return held;
}

/** Takes the lease on `name`, or null when a live holder (this process or another) has it. */
export async function tryLease(handle: DatabaseHandle, name: string): Promise<Lease | null> {
  const here = heldHere(handle);
  if (here.has(name)) return null;
  if (handle.kind === 'pglite') {
    here.add(name);
    return {
      async release() {
        here.delete(name);
      },
    };
  }
  here.add(name);
  let endLease = () => {};
  const ended = new Promise<void>((resolve) => {
    endLease = resolve;
  });
  let answer: (lease: Lease | null) => void = () => {};
  let fail: (error: unknown) => void = () => {};
  const acquired = new Promise<Lease | null>((resolve, reject) => {
    answer = resolve;
    fail = reject;
  });
  // The connection stays checked out until the lease is released; the lock goes with it.
  const holding = handle
    .withConnection(async (_db, raw) => {
      const { rows } = await raw.query<{ ok: boolean }>(TRY_LOCK, [name]);
      if (!rows[0]?.ok) {
        answer(null);
        return;
      }
      answer({
        async release() {
          endLease();
          await holding;
        },
      });
      await ended;
      await raw.query(UNLOCK, [name]).catch(() => {});
    })
    .finally(() => here.delete(name));
  // A failure before the answer (no connection) is the caller's; after it (the connection lost), the lease
  // just ends: a promise settles once.
  holding.catch(fail);
  return acquired;
}

/** Whether a live holder has the lease on `name` (checked without keeping it). */
export async function isLeased(handle: DatabaseHandle, name: string): Promise<boolean> {
  if (heldHere(handle).has(name)) return true;
  if (handle.kind === 'pglite') return false;
  return handle.withConnection(async (_db, raw) => {
    const { rows } = await raw.query<{ ok: boolean }>(TRY_LOCK, [name]);
    if (!rows[0]?.ok) return true;
    await raw.query(UNLOCK, [name]);
    return false;
  });
}

/**
 * Runs `fn` while holding the lease on `name` and returns its result, or null when a live holder has it. `fn`
 * gets the lease's own connection (PGlite: the database's), for a statement that must not wait for the pool:
 * mail marks itself sent on it the moment the SMTP server accepted it.
 */
export async function withLease<T>(
  handle: DatabaseHandle,
  name: string,
  fn: (db: Database) => Promise<T>,
): Promise<{ value: T } | null> {
  const here = heldHere(handle);
  if (here.has(name)) return null;
  here.add(name);
  try {
    if (handle.kind === 'pglite') return { value: await fn(handle.db) };
    return await handle.withConnection(async (db, raw) => {
      const { rows } = await raw.query<{ ok: boolean }>(TRY_LOCK, [name]);
      if (!rows[0]?.ok) return null;
      try {
        return { value: await fn(db) };
      } finally {
        await raw.query(UNLOCK, [name]).catch(() => {});
      }
    });
  } finally {
    here.delete(name);
  }
}
