import type { Catalogue } from './en-US';

/** contracts 页面的文案（zh-CN）。 */
export const contractsZhCN: Catalogue['contracts'] = {};
