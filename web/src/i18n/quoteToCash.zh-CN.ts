import type { Catalogue } from './en-US';

/** 报价·合同·回款区域框架的文案（zh-CN）：标签页。 */
export const quoteToCashZhCN: Catalogue['quoteToCash'] = {
  tabs: {
    quotes: '报价单',
    approvals: '审批',
    contracts: '合同',
    receivables: '回款',
    renewals: '续约',
    catalog: '产品与价格',
  },
};
