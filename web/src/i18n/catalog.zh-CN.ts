import type { Catalogue } from './en-US';

/** catalog 页面的文案（zh-CN）。 */
export const catalogZhCN: Catalogue['catalog'] = {};
