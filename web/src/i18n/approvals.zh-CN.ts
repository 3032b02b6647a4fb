import type { Catalogue } from './en-US';

/** approvals 页面的文案（zh-CN）。 */
export const approvalsZhCN: Catalogue['approvals'] = {};
