import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The command line answers help and bad options with the usage, never a stack trace. */

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

function closeloop(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/cli.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    // No database is opened on these paths; a bad DATA_DIR would show if one were.
    env: { ...process.env, DATA_DIR: '/nonexistent/closeloop-cli-test', DATABASE_URL: '' },
    timeout: 30_000,
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe('closeloop CLI', () => {
  it('prints the usage for --help after any command, and exits 0', () => {
    for (const args of [['--help'], ['demo', '--help'], ['start', '-h']]) {
      const run = closeloop(...args);
      expect(run.code, args.join(' ')).toBe(0);
      expect(run.out).toContain('Usage: closeloop <command>');
    }
  });

  it('refuses an unknown option in one line with the usage, exit 2', () => {
    const run = closeloop('start', '--rol', 'web');
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/Unknown option '--rol'/);
    expect(run.err).toContain('Usage: closeloop <command>');
    expect(run.err).not.toMatch(/\n\s+at /);
  });
});
