import type { Catalogue } from './en-US';

/** 合并重复的客户与联系人（zh-CN）。 */
export const recordMergeZhCN: Catalogue['recordMerge'] = {
  action: '合并到当前记录',
  customerTitle: '合并客户',
  contactTitle: '合并联系人',
  back: '返回',
  swap: '改为保留另一条',
  field: '字段',
  target: '保留：{{name}}',
  source: '合并后删除：{{name}}',
  result: '合并结果',
  takeFrom: '{{field}}取自 {{name}}',
  summary: '{{source}} 将合并到 {{target}}，随后被删除。',
  customerMoves: '它的联系人、商机、活动、已转化线索、子公司、公海记录和流失记录都转到 {{target}}。',
  customerUnions: '两边的标签和共享人都保留，备注也都保留。',
  contactMoves: '它的商机、活动、已转化线索以及向它汇报的联系人都转到 {{target}}。',
  contactUnions:
    '两边的电话、邮箱和标签都保留（未选中的主电话或主邮箱作为其他电话/邮箱保留），备注也都保留。',
  notAllowed: '您不能合并这两条记录：需要能编辑两者，且被合并的一条归您所有或您有删除权限。',
  otherCustomer: '这两个联系人属于不同客户：请先合并客户。',
  noDifferences: '两条记录的值完全相同，无需选择。',
  submit: '合并',
  confirm: '确定把 {{source}} 合并到 {{target}} 吗？此操作无法撤销。',
  done: '已合并。',
  fields: {
    campaignId: '市场活动',
  },
};
