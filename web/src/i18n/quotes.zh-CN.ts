import type { Catalogue } from './en-US';

/** quotes 页面的文案（zh-CN）。 */
export const quotesZhCN: Catalogue['quotes'] = {};
