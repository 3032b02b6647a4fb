import type { Catalogue } from './en-US';

/** 从记录发送邮件的文案（zh-CN）：给联系人写邮件，以及公司的邮件模板。 */
export const emailZhCN: Catalogue['email'] = {
  action: '发送邮件',
  composeTitle: '给 {{name}} 写邮件',
  to: '收件人：{{email}}',
  template: '从模板开始',
  subject: '主题',
  body: '正文',
  preview: '预览',
  send: '发送',
  sent: '已发送至 {{email}}，并已记入时间线。',
  mergeFields: '合并字段：',
  templatesTitle: '邮件模板',
  createTemplate: '新建模板',
  editTemplate: '编辑模板',
  name: '名称',
  noTemplates: '暂无模板。',
  deleteConfirm: '删除模板“{{name}}”？已发送的邮件不受影响。',
  materials: '附加资料',
  materialsPlaceholder: '搜索资料库（最多 5 份）',
  noMaterials: '没有匹配且带文件的资料。',
  materialsSize: '已附 {{n}} 份，共 {{size}}（上限 {{max}}）。',
};
