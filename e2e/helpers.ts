import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { Locator } from 'playwright-core';

/** Small pieces shared by the browser test files. */

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Buttons with an icon carry the icon's label in their accessible name too. */
export function containing(text: string): RegExp {
  return new RegExp(escapeRegExp(text));
}

export function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`);
}

export async function waitUntilReady(
  baseUrl: string,
  server: ChildProcess,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with code ${server.exitCode}`);
    try {
      const res = await fetch(`${baseUrl}/readyz`);
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`GET /readyz was not 200 within ${timeoutMs / 1000} s`);
}

/** SIGTERM, then SIGKILL after 10 s, so a stuck server never outlives its test run. */
export async function stopServer(server: ChildProcess | undefined): Promise<void> {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Clicks a tab until it is the selected one: a tab bar that measures its overflow again when its content loads
 * can move a tab from under a click, which then lands on nothing.
 */
export async function selectTab(tab: Locator): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await tab.click();
    try {
      await tab.and(tab.page().locator('[aria-selected="true"]')).waitFor({ timeout: 2000 });
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}
