import type { Locale } from '@contracts/common';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { enUS } from './en-US';
import { rememberLocale, signedOutLocale } from './locale';
import { zhCN } from './zh-CN';

export const i18n = i18next.createInstance();

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

void i18n.use(initReactI18next).init({
  resources: { 'en-US': { translation: enUS }, 'zh-CN': { translation: zhCN } },
  lng: signedOutLocale(),
  fallbackLng: 'en-US',
  supportedLngs: ['en-US', 'zh-CN'],
  initAsync: false,
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
});

export function currentLocale(): Locale {
  return i18n.language === 'zh-CN' ? 'zh-CN' : 'en-US';
}

export async function switchLocale(locale: Locale): Promise<void> {
  rememberLocale(locale);
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}
