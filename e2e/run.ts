import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureWebBuild } from '../server/src/cli/web-build';

/** Builds the web client when web/dist is missing or older than its sources, then runs the browser tests. */

const ROOT = fileURLToPath(new URL('..', import.meta.url));

await ensureWebBuild((message) => console.log(message));

const smoke = spawnSync(process.execPath, ['--import', 'tsx', 'e2e/smoke.e2e.ts'], {
  cwd: ROOT,
  stdio: 'inherit',
});
process.exit(smoke.status ?? 1);
