import { LOCALES, type Locale } from '@contracts/common';

const STORAGE_KEY = 'closeloop.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** zh, zh-TW, zh-Hans… all read Chinese; everything else gets English. */
export function browserLocale(): Locale {
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US';
}

export function rememberedLocale(): Locale | undefined {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : undefined;
  } catch {
    return undefined;
  }
}

/** Kept so the sign-in page opens in the language last used on this browser. */
export function rememberLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Storage can be disabled (private mode); the language then just is not remembered.
  }
}

export function signedOutLocale(): Locale {
  return rememberedLocale() ?? browserLocale();
}

export function sessionLocale(me: {
  user: { locale: Locale | null };
  tenant: { defaultLocale: Locale };
}): Locale {
  return me.user.locale ?? me.tenant.defaultLocale ?? browserLocale();
}
