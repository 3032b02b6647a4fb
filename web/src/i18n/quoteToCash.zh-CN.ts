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
  settings: {
    conflict:
      '在您编辑期间，其他人已保存了这些设置，您的修改未保存。请重新加载查看对方的版本，然后再次修改。',
    reload: '重新加载',
    readOnly: '您可以查看这些设置；修改需要以下权限：{{permission}}。',
    numberPattern: '编号规则',
    numberPreview: '下一个编号形如 {{example}}',
    numberPatternHelp: '必须且只能包含一个流水号，如 {0000}，可附加 {YYYY}、{YY} 或 {MM}。',
  },
};
