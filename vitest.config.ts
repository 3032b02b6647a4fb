import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Unit and HTTP tests. The `pglite` project always runs; the `postgres` project runs the same server tests
 * against PostgreSQL when DATABASE_URL is set.
 */

const alias = { '@contracts': fileURLToPath(new URL('./contracts', import.meta.url)) };
const serverTests = ['server/**/*.test.ts', 'contracts/**/*.test.ts'];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'pglite',
          include: [...serverTests, 'web/src/**/*.test.ts', 'web/src/**/*.test.tsx'],
          globalSetup: ['server/test/global-setup.ts'],
          env: { TEST_DB: 'pglite' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      ...(process.env.DATABASE_URL
        ? [
            {
              resolve: { alias },
              test: {
                name: 'postgres',
                include: serverTests,
                globalSetup: ['server/test/global-setup.ts'],
                env: { TEST_DB: 'postgres' },
                testTimeout: 60_000,
                hookTimeout: 120_000,
                pool: 'forks' as const,
              },
            },
          ]
        : []),
    ],
  },
});
