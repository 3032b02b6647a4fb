#!/usr/bin/env node
// Runs the CLI from the server bundle (bin/server-build.js: built on first use and again whenever a source
// changes), which keeps a TypeScript loader out of the serving process. Where the bundle cannot be built
// (no esbuild, a read-only install) it runs the TypeScript through tsx, with the repository's tsconfig
// (for the @contracts/* alias).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureServerBuild, SERVER_BUNDLE } from './server-build.js';

let bundled = false;
try {
  await ensureServerBuild((message) => console.error(message));
  bundled = existsSync(SERVER_BUNDLE);
} catch (error) {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  console.error(`Could not build the server (${reason}); running it through tsx.`);
}

if (bundled) {
  await import(pathToFileURL(SERVER_BUNDLE).href);
} else {
  process.env.TSX_TSCONFIG_PATH ??= fileURLToPath(new URL('../tsconfig.json', import.meta.url));
  const { register } = await import('tsx/esm/api');
  register({ tsconfig: process.env.TSX_TSCONFIG_PATH });
  await import('../server/src/cli/cli.ts');
}
