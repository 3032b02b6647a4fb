import 'i18next';
import type { Catalogue } from './en-US';

// Module augmentation only works with an interface; it makes every t() key checked at compile time.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Catalogue };
  }
}
