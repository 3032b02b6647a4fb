import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../platform/config';
import { openDatabase } from '../platform/db/database';
import { migrateDatabase } from '../platform/db/migrate';
import { type Role, startServer } from '../server';
import { ensureWebBuild } from './web-build';

/** `closeloop <command>`: start, migrate, create-admin, demo, backup, restore. */

const USAGE = `Usage: closeloop <command> [options]

Commands:
  start [--role web|worker|all]   Serve the app and API (default role: all) on PORT (3000)
  migrate                         Create or migrate the database, then exit
  create-admin --email E --password P [--company C] [--name N]
                                  Create a company with its first admin
  demo                            Load the bilingual demo company
  backup <file> [--tenant ID]     Write a logical dump of all tenants (or one) to a file
  restore <file>                  Load a dump into an empty database

Environment: PORT, HOST, DATA_DIR, DATABASE_URL, CLOSELOOP_ADMIN_EMAIL, CLOSELOOP_ADMIN_PASSWORD, SMTP_URL, …`;

/** node:util parseArgs refuses an unknown or malformed option with one of these codes. */
const isOptionError = (error: unknown): error is Error =>
  error instanceof Error && /^ERR_PARSE_ARGS_/.test((error as { code?: string }).code ?? '');

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig();
  switch (command) {
    case 'start': {
      const { values } = parseArgs({ args: rest, options: { role: { type: 'string', default: 'all' } } });
      const role = values.role as Role;
      if (!['web', 'worker', 'all'].includes(role))
        throw new ConfigError(`--role must be web, worker or all`);
      if (role !== 'worker') await ensureWebBuild((m) => console.log(m));
      const running = await startServer({ config, role, reduceIdleMemory: true });
      if (running.app) await running.app.listen({ port: config.port, host: config.host });
      running.platform.log.info({ role, port: config.port }, 'Closeloop is running');
      const shutdown = async (signal: string) => {
        running.platform.log.info({ signal }, 'shutting down');
        await running.stop();
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown('SIGINT'));
      process.once('SIGTERM', () => void shutdown('SIGTERM'));
      return -1;
    }
    case 'migrate': {
      const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      await migrateDatabase(db);
      await db.close();
      console.log('Database is up to date.');
      return 0;
    }
    // Loaded on demand so that `start` does not pay for code it never runs.
    case 'create-admin':
      return (await import('./create-admin')).createAdminCommand(config, rest);
    case 'demo':
      return (await import('./demo')).demoCommand(config, rest);
    case 'backup':
      return (await import('./backup')).backupCommand(config, rest);
    case 'restore':
      return (await import('./backup')).restoreCommand(config, rest);
    default:
      console.log(USAGE);
      return command && command !== 'help' && command !== '--help' ? 2 : 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    if (isOptionError(error)) {
      console.error(`${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    console.error(error);
    process.exit(1);
  },
);
