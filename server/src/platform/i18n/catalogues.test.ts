import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '../http/errors';
import { catalogues, type MessageKey, translate } from './i18n';

/** The server's message catalogues: same keys and placeholders in both languages, and a message per error. */

function flatten(node: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(full, value);
    else for (const [k, v] of flatten(value, full)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

const en = flatten(catalogues['en-US']);
const zh = flatten(catalogues['zh-CN']);

/** The error codes, read from the STATUS table of errors.ts (it is not exported). */
function errorCodes(): string[] {
  const source = readFileSync(fileURLToPath(new URL('../http/errors.ts', import.meta.url)), 'utf8');
  const table = /const STATUS = \{([\s\S]*?)\}/.exec(source)?.[1] ?? '';
  return [...table.matchAll(/^\s*(\w+):\s*\d{3},/gm)].map((m) => m[1] ?? '');
}

describe('server message catalogues', () => {
  it('have the same keys in zh-CN and en-US', () => {
    expect(en.size).toBeGreaterThan(20);
    expect([...zh.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it('have no empty message', () => {
    for (const [locale, messages] of [
      ['en-US', en],
      ['zh-CN', zh],
    ] as const) {
      for (const [key, value] of messages) expect(value.trim(), `${locale} ${key}`).not.toBe('');
    }
  });

  it('use the same placeholders for a key in both languages', () => {
    for (const [key, value] of en) expect(placeholders(zh.get(key) ?? ''), key).toEqual(placeholders(value));
  });

  it('are really translated: the Chinese catalogue is written in Chinese', () => {
    const untranslated = [...zh].filter(([, v]) => !/[\u4e00-\u9fff]/.test(v)).map(([k]) => k);
    expect(untranslated).toEqual([]);
  });
});

describe('error codes', () => {
  const codes = errorCodes();

  it('are read from errors.ts, and each is a known AppError with a 4xx or 5xx status', () => {
    expect(codes.length).toBeGreaterThan(20);
    expect(codes).toContain('version_conflict');
    for (const code of codes) {
      const status = new AppError(code as ErrorCode).status;
      expect(status, code).toBeGreaterThanOrEqual(400);
      expect(status, code).toBeLessThan(600);
    }
  });

  it('each have a message in both languages', () => {
    for (const code of codes) {
      for (const locale of ['en-US', 'zh-CN'] as const) {
        const key = `errors.${code}` as MessageKey;
        const text = translate(locale, key);
        expect(text, `${locale} ${key}`).not.toBe(key);
        expect(text.trim(), `${locale} ${key}`).not.toBe('');
      }
    }
  });

  it('have no message left over for a code that no longer exists', () => {
    const messages = [...en.keys()]
      .filter((k) => k.startsWith('errors.'))
      .map((k) => k.slice('errors.'.length));
    expect(messages.filter((m) => !codes.includes(m))).toEqual([]);
  });

  it('cover every field message the validation translator can build', () => {
    for (const kind of ['too_small', 'too_big']) {
      for (const origin of ['string', 'number', 'array']) {
        expect(en.has(`fields.${kind}_${origin}`), `${kind}_${origin}`).toBe(true);
      }
    }
    const source = readFileSync(fileURLToPath(new URL('../http/errors.ts', import.meta.url)), 'utf8');
    const custom = /CUSTOM_MESSAGES = new Set\(\[([^\]]*)\]\)/.exec(source)?.[1] ?? '';
    const names = [...custom.matchAll(/'(\w+)'/g)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(en.has(`fields.${name}`), String(name)).toBe(true);
  });
});
