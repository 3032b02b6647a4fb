import type { Catalogue } from './en-US';

/** receivables 页面的文案（zh-CN）。 */
export const receivablesZhCN: Catalogue['receivables'] = {};
