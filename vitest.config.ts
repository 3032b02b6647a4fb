import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Unit and HTTP tests. The `pglite` project always runs; the `postgres` project runs the same server tests
 * against PostgreSQL when DATABASE_URL is set.
 *
 * Speed: a test file spends most of its time importing the server (Fastify, Drizzle, PDF and spreadsheet
 * libraries), not testing. Files therefore share a worker's module cache (`isolate: false`): each file still
 * gets its own database and app (server/test/helper.ts) and no test mocks modules, so nothing a file sees
 * depends on the files before it. And every core runs a worker (Vitest's default leaves one idle): on two
 * cores the PGlite suite took 10.4 min isolated on one worker and 4.4 min this way.
 */

const alias = { '@contracts': fileURLToPath(new URL('./contracts', import.meta.url)) };
const serverTests = ['server/**/*.test.ts', 'contracts/**/*.test.ts'];
/**
 * Tests that measure this process's own heap: files run before them in a shared worker leave garbage that V8
 * may collect in the middle of the measurement, so they get a process of their own (and need no database).
 */
const processTests = ['server/src/platform/idle-memory.test.ts'];

export default defineConfig({
  resolve: { alias },
  test: {
    maxWorkers: Math.max(2, os.availableParallelism()),
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'pglite',
          include: [...serverTests, 'web/src/**/*.test.ts', 'web/src/**/*.test.tsx'],
          exclude: [...configDefaults.exclude, ...processTests],
          globalSetup: ['server/test/global-setup.ts'],
          env: { TEST_DB: 'pglite' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          isolate: false,
        },
      },
      {
        resolve: { alias },
        test: { name: 'process', include: processTests, pool: 'forks', isolate: true },
      },
      ...(process.env.DATABASE_URL
        ? [
            {
              resolve: { alias },
              test: {
                name: 'postgres',
                include: serverTests,
                exclude: [...configDefaults.exclude, ...processTests],
                globalSetup: ['server/test/global-setup.ts'],
                env: { TEST_DB: 'postgres' },
                testTimeout: 60_000,
                hookTimeout: 120_000,
                pool: 'forks' as const,
                isolate: false,
              },
            },
          ]
        : []),
    ],
  },
});
