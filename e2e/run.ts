import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Builds the web client when web/dist is missing, then runs the browser smoke test. */

const ROOT = fileURLToPath(new URL('..', import.meta.url));

if (!existsSync(new URL('../web/dist/index.html', import.meta.url))) {
  console.log('web/dist is missing: building the web client');
  const build = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const smoke = spawnSync(process.execPath, ['--import', 'tsx', 'e2e/smoke.e2e.ts'], {
  cwd: ROOT,
  stdio: 'inherit',
});
process.exit(smoke.status ?? 1);
