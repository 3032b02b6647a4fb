import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT } from '../bench/harness';
import { type DrillResult, tally } from './drill';
import type { Answer } from './http';
import { createLead, type World } from './world';

/**
 * Stored XSS: payloads in every free-text field of leads (names, title, region, industry, notes, UTM,
 * referrer) are stored through the API, then the lead list and each lead's page are opened in headless
 * Chromium, signed in as the company's admin. A payload that ran would raise a dialog or bump `window.__xss`;
 * one the Content-Security-Policy stopped shows as a `securitypolicyviolation` (rendered as HTML somewhere:
 * a bug even though it did not run). All three must stay at zero, the text must show as text, and the app's
 * pages must carry a CSP that forbids inline script.
 */

const CHROMIUM = '/usr/bin/chromium';
const MARK = 'window.__xss=(window.__xss||0)+1';
const PAYLOADS = [
  `<script>${MARK}</script>`,
  `<img src=x onerror="${MARK}">`,
  `"><svg onload="${MARK}">`,
  `javascript:${MARK}`,
  `<a href="javascript:${MARK}">x</a>`,
  `{{constructor.constructor('${MARK}')()}}`,
  `<iframe srcdoc="<script>parent.${MARK}</script>">`,
  `'-alert(1)-'`,
];

type Probe = { xss: number; violations: string[] };

export async function storedXssDrill(world: World): Promise<DrillResult> {
  const t = tally('stored XSS');
  const { client, a } = world;
  if (!existsSync(CHROMIUM) || !existsSync(path.join(ROOT, 'web/dist/index.html'))) {
    t.check(false, () => `needs ${CHROMIUM} and a built web client (web/dist): run npm run test:e2e first`);
    return t.result();
  }
  const ids: string[] = [];
  for (const [i, payload] of PAYLOADS.entries()) {
    const lead = await createLead(client, a.admin.session, {
      companyName: `${payload} ${i}`,
      contactName: payload,
      title: payload,
      region: payload,
      industry: payload,
      notes: `${payload}\n${payload}`,
      referrer: `https://example.com/?q=${encodeURIComponent(payload)}`,
      utm: { source: payload, campaign: payload },
      source: 'content',
    });
    ids.push(lead.id);
  }

  const page: Answer = await client.call(a.admin.session, { method: 'GET', path: '/leads' });
  const csp = String(page.headers['content-security-policy'] ?? '');
  t.check(
    /(^|; )script-src 'self'(;|$)/.test(csp),
    () => `the app's pages lack a strict script-src: "${csp}"`,
  );
  t.check(/object-src 'none'/.test(csp) && /frame-ancestors 'none'/.test(csp), () => `weak CSP: "${csp}"`);

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const context = await browser.newContext({ locale: 'en-US' });
    const base = new URL(client.base);
    await context.addCookies(
      a.admin.session.cookie.split('; ').map((pair) => {
        const [name = '', ...rest] = pair.split('=');
        return { name, value: rest.join('='), domain: base.hostname, path: '/' };
      }),
    );
    await context.addInitScript(() => {
      const w = window as unknown as { __violations: string[] };
      w.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        w.__violations.push(
          `${e.violatedDirective} ${e.blockedURI} ${e.sample} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
        );
      });
    });
    const tab = await context.newPage();
    let dialogs = 0;
    tab.on('dialog', (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    const probe = () =>
      tab.evaluate((): Probe => {
        const w = window as unknown as { __xss?: number; __violations?: string[] };
        return { xss: w.__xss ?? 0, violations: w.__violations ?? [] };
      });
    const visit = async (url: string, shows: string) => {
      await tab.goto(`${client.base}${url}`);
      await tab.getByText(shows, { exact: false }).first().waitFor({ timeout: 15_000 });
      await tab.waitForTimeout(300);
      const seen = await probe();
      t.check(
        seen.xss === 0 && dialogs === 0,
        () => `${url}: a payload ran (${seen.xss} runs, ${dialogs} dialogs)`,
      );
      t.check(seen.violations.length === 0, () => `${url}: CSP stopped ${seen.violations.join(' | ')}`);
    };
    await visit('/leads', `${PAYLOADS[0]} 0`);
    for (const [i, id] of ids.entries()) await visit(`/leads/${id}`, `${PAYLOADS[i]} ${i}`);
    t.note(
      `${PAYLOADS.length} payloads × 8 fields; the list and ${ids.length} lead pages rendered them as text`,
    );
  } finally {
    await browser.close();
  }
  return t.result();
}
