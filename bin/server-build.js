// The server as one JavaScript file (dist/server/closeloop.js), so that `closeloop` runs without a TypeScript
// loader in the process: no loader thread and no per-file transform at start. Rebuilt whenever a server or
// contract source is newer than it, like the web client. Plain JavaScript because bin/closeloop.js decides
// before any TypeScript can load.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ENTRY = path.join(ROOT, 'server', 'src', 'cli', 'cli.ts');
export const SERVER_BUNDLE = path.join(ROOT, 'dist', 'server', 'closeloop.js');
const SOURCE_DIRS = [path.join(ROOT, 'server', 'src'), path.join(ROOT, 'contracts')];
const SOURCE_FILES = [
  path.join(ROOT, 'tsconfig.json'),
  path.join(ROOT, 'package.json'),
  fileURLToPath(import.meta.url),
];

/** Newest modification time under `dir`, folders included (so an added, removed or renamed file counts). */
function newestMtime(dir) {
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.test.ts')) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** True when the bundle is missing or older than a source; false when there are no sources to build from. */
export function serverBuildIsStale() {
  if (!existsSync(ENTRY)) return false;
  if (!existsSync(SERVER_BUNDLE)) return true;
  const sources = Math.max(...SOURCE_DIRS.map(newestMtime), ...SOURCE_FILES.map((f) => statSync(f).mtimeMs));
  return sources > statSync(SERVER_BUNDLE).mtimeMs;
}

/**
 * `import.meta.url` of each source file, rewritten to that file's own URL relative to the bundle, so that
 * paths computed from it (migrations, web/dist) stay right wherever the repository lives.
 */
const sourceUrlPlugin = {
  name: 'source-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const relative = path.relative(path.dirname(SERVER_BUNDLE), args.path).split(path.sep).join('/');
      return {
        contents: text.replaceAll(
          'import.meta.url',
          `new URL(${JSON.stringify(relative)}, import.meta.url).href`,
        ),
        loader: 'ts',
      };
    });
  },
};

/** Bundles the server; packages stay imports resolved from node_modules at run time. */
export async function buildServer() {
  // A runtime dependency (package.json), in the same minor version tsx uses.
  const esbuild = await import('esbuild');
  mkdirSync(path.dirname(SERVER_BUNDLE), { recursive: true });
  // Written beside and renamed into place: a process starting meanwhile sees the old bundle or the new one.
  const temporary = `${SERVER_BUNDLE}.${process.pid}.tmp`;
  try {
    await esbuild.build({
      entryPoints: [ENTRY],
      outfile: temporary,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      tsconfig: path.join(ROOT, 'tsconfig.json'),
      plugins: [sourceUrlPlugin],
      legalComments: 'none',
      logLevel: 'silent',
    });
    renameSync(temporary, SERVER_BUNDLE);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** Builds the bundle when it is stale; returns whether it did. */
export async function ensureServerBuild(log) {
  if (!serverBuildIsStale()) return false;
  log('Building the server…');
  await buildServer();
  return true;
}
