import type { Locale } from '@contracts/common';
import { enUS } from './messages.en-US';
import { zhCN } from './messages.zh-CN';

/**
 * Server-side translation. The zh-CN catalogue is typed against the en-US one, so a key missing from
 * either is a type error; `catalogues.test.ts` checks the same at run time (and that no value is empty).
 */

type Leaves<T> = { [K in keyof T]: T[K] extends string ? string : Leaves<T[K]> };
export type Catalogue = Leaves<typeof enUS>;

type Paths<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Paths<T[K], `${P}${K}.`>;
}[keyof T & string];
export type MessageKey = Paths<Catalogue>;

export const catalogues: Record<Locale, Catalogue> = { 'en-US': enUS, 'zh-CN': zhCN };

export function translate(locale: Locale, key: MessageKey, vars: Record<string, unknown> = {}): string {
  let node: unknown = catalogues[locale];
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  const template = typeof node === 'string' ? node : key;
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(vars[name] ?? ''));
}

/** zh* → zh-CN, anything else → en-US; an explicit choice (user or tenant setting) wins over the header. */
export function pickLocale(acceptLanguage: string | undefined, fallback: Locale = 'en-US'): Locale {
  if (!acceptLanguage) return fallback;
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  if (first.startsWith('zh')) return 'zh-CN';
  if (first.startsWith('en')) return 'en-US';
  return fallback;
}
