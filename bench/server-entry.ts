import { loadConfig } from '../server/src/platform/config';
import { startServer } from '../server/src/server';

/**
 * Fallback entry for `npm run bench` when the web client does not build (the CLI's `start` builds it first
 * and stops if that fails): the same startServer, listen and SIGTERM handling as `closeloop start --role
 * all`, minus the web build. The bench prints which entry it used.
 */

const config = loadConfig();
const running = await startServer({ config, role: 'all', reduceIdleMemory: true });
if (running.app) await running.app.listen({ port: config.port, host: config.host });
process.once('SIGTERM', () => {
  void running.stop().then(() => process.exit(0));
});
