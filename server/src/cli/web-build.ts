import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Builds the web client when its bundle is missing or older than any of its sources. */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const WEB = path.join(ROOT, 'web');
const DIST_INDEX = path.join(WEB, 'dist', 'index.html');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export function webBuildIsStale(): boolean {
  if (!existsSync(path.join(WEB, 'index.html'))) return false;
  if (!existsSync(DIST_INDEX)) return true;
  const sources = Math.max(
    newestMtime(path.join(WEB, 'src')),
    newestMtime(path.join(ROOT, 'contracts')),
    statSync(path.join(WEB, 'index.html')).mtimeMs,
  );
  return sources > statSync(DIST_INDEX).mtimeMs;
}

/**
 * Vite runs in a child process: loaded into the server, its bundler would stay in the serving process's
 * memory for good (tens of megabytes).
 */
export async function ensureWebBuild(log: (message: string) => void): Promise<void> {
  if (!webBuildIsStale()) return;
  log('Building the web client…');
  const script = `const { build } = await import('vite');
await build({ configFile: ${JSON.stringify(path.join(WEB, 'vite.config.ts'))}, logLevel: 'warn' });`;
  const child = spawn(process.execPath, ['--input-type=module', '--eval', script], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`the web client did not build (vite exited with ${code})`);
}
