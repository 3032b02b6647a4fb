import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureWebBuild } from '../server/src/cli/web-build';

/**
 * Builds the web client when web/dist is missing or older than its sources, then runs the browser test files
 * one after the other. Each prints its own `N passed, M failed`; the last line is their sum (what CI counts).
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FILES = ['e2e/smoke.e2e.ts', 'e2e/quote-to-cash.e2e.ts'];
const SUMMARY = /^\s*(\d+) passed, (\d+) failed\s*$/;

/** Runs one file with its output passed through; its counts come from its last summary line. */
function runFile(file: string): Promise<{ passed: number; failed: number; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let pending = '';
    let counts: { passed: number; failed: number } | null = null;
    const readLine = (line: string) => {
      const match = SUMMARY.exec(line);
      if (match) counts = { passed: Number(match[1]), failed: Number(match[2]) };
    };
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      lines.forEach(readLine);
    });
    child.once('error', reject);
    child.once('close', (code) => {
      readLine(pending);
      // A file that died before its summary still counts, as one failure.
      const found = counts ?? { passed: 0, failed: 1 };
      const failed = code !== 0 && found.failed === 0 ? 1 : found.failed;
      resolve({ passed: found.passed, failed, code });
    });
  });
}

await ensureWebBuild((message) => console.log(message));

let passed = 0;
let failed = 0;
for (const file of FILES) {
  console.log(`--- ${file}`);
  const result = await runFile(file);
  passed += result.passed;
  failed += result.failed;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
