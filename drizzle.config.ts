import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./server/src/platform/db/*.tables.ts', './server/src/modules/*/*.tables.ts'],
  out: './server/migrations',
  casing: 'snake_case',
});
