import type { Catalogue } from './en-US';

/** 客户分群的文案（zh-CN）。 */
export const segmentsZhCN: Catalogue['segments'] = {
  pick: '客户分群',
  save: '保存为分群',
  saveTitle: '将当前筛选保存为分群',
  name: '名称',
  description: '说明',
  shared: '共享给全公司',
  sharedHelp: '同事可以使用共享的分群；只有您可以修改或删除。',
  delete: '删除分群',
  deleteConfirm: '删除分群“{{name}}”？客户本身不受影响。',
};
