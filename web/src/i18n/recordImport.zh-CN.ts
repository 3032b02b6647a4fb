import type { Catalogue } from './en-US';

/** 客户与联系人导入向导及按钮的文字（zh-CN）；向导的通用文字见 `leadImport`。 */
export const recordImportZhCN: Catalogue['recordImport'] = {
  importButton: '导入',
  title: { customer: '导入客户', contact: '导入联系人' },
  intro: {
    customer:
      '为每一列选择对应的客户字段，自定义字段在列表末尾。已识别的列已自动选好；您的选择会被记住，下次导入相同列名的文件时沿用。名称、统一社会信用代码或电话与已有客户相同的行将作为重复跳过。',
    contact:
      '为每一列选择对应的联系人字段，自定义字段在列表末尾。每行须通过客户名称或统一社会信用代码指明所属客户（仅限您可见的客户）。邮箱或电话与该客户已有联系人相同的行将作为重复跳过。',
  },
  needName: {
    customer: '请把一列对应到客户名称：每个客户都需要名称。',
    contact: '请把一列对应到联系人姓名：每个联系人都需要姓名。',
  },
  needCustomer: '请把一列对应到所属客户（客户名称或统一社会信用代码）：每个联系人都属于一个客户。',
  defaultOwner: '未填负责人的行的负责人',
  defaultOwnerHint: {
    customer: '行内填写了负责人列时，以该列为准。',
    contact: '行内填写了负责人列时，以该列为准。',
  },
  ownerDefault: { customer: '您自己', contact: '所属客户的负责人' },
  cancelConfirm: {
    customer: '确定停止此次导入？已导入的客户会保留。',
    contact: '确定停止此次导入？已导入的联系人会保留。',
  },
  fields: {
    customer: {
      name: '客户名称',
      legalName: '公司全称',
      industry: '行业',
      companySize: '公司规模',
      region: '区域',
      address: '地址',
      phone: '电话',
      website: '网站',
      creditCode: '统一社会信用代码',
      taxId: '税号',
      tags: '标签（逗号分隔）',
      owner: '负责人（邮箱或姓名）',
      notes: '备注',
    },
    contact: {
      customer: '所属客户（名称或信用代码）',
      name: '联系人姓名',
      title: '职务',
      department: '部门',
      phone: '电话',
      email: '邮箱',
      phones: '其他电话（逗号分隔）',
      emails: '其他邮箱（逗号分隔）',
      wechat: '微信',
      tags: '标签（逗号分隔）',
      owner: '负责人（邮箱或姓名）',
      notes: '备注',
    },
  },
  reason: {
    missing_name: '名称为空',
    missing_customer: '未填写所属客户',
    unknown_customer: '您可见的客户中没有这个名称或信用代码',
    ambiguous_customer: '有多个客户同名，请填写统一社会信用代码',
    bad_phone: '无法识别的电话号码',
    bad_email: '邮箱格式不正确',
    bad_company_size: '无法识别的公司规模（例如 100-499、500人以上）',
    bad_credit_code: '统一社会信用代码无效',
    unknown_owner: '没有这个邮箱或姓名的在职用户',
    owner_not_permitted: '您无权把负责人设为该用户',
    bad_custom_value: '自定义字段的值无效，或必填的自定义字段为空',
    duplicate: '与已有记录重复，或与文件中前面的行重复',
    too_long: '有字段内容超过长度上限',
  },
};
