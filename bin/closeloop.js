#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, with the repository's tsconfig (for the @contracts/* alias).
import { fileURLToPath } from 'node:url';

process.env.TSX_TSCONFIG_PATH ??= fileURLToPath(new URL('../tsconfig.json', import.meta.url));
const { register } = await import('tsx/esm/api');
register({ tsconfig: process.env.TSX_TSCONFIG_PATH });
await import('../server/src/cli/cli.ts');
