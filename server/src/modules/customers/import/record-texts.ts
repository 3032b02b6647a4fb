import type { Locale } from '@contracts/common';
import type { Attitude, CustomerTier, DecisionRole, LifecycleStage } from '@contracts/customers.contract';
import type { CompanySize } from '@contracts/leads.contract';
import type { RecordImportIssueReason } from '@contracts/record-import.contract';

/**
 * Words in the customer and contact files this module writes (export headers and values, the skipped-rows
 * report), in the caller's language. zh-CN is typed against en-US, so a missing word is a type error. The
 * headers are also read back by the import, so an exported file imports again as it is.
 */

export const CUSTOMER_EXPORT_COLUMNS = [
  'name',
  'legalName',
  'industry',
  'companySize',
  'region',
  'address',
  'phone',
  'website',
  'creditCode',
  'taxId',
  'tags',
  'owner',
  'team',
  'lifecycleStage',
  'tier',
  'healthScore',
  'notes',
  'createdAt',
  'lastActivityAt',
] as const;
export type CustomerExportColumn = (typeof CUSTOMER_EXPORT_COLUMNS)[number];

export const CONTACT_EXPORT_COLUMNS = [
  'customer',
  'name',
  'title',
  'department',
  'phone',
  'email',
  'phones',
  'emails',
  'wechat',
  'role',
  'attitude',
  'tags',
  'owner',
  'notes',
  'createdAt',
  'lastActivityAt',
] as const;
export type ContactExportColumn = (typeof CONTACT_EXPORT_COLUMNS)[number];

type Texts = {
  customer: Record<CustomerExportColumn, string>;
  contact: Record<ContactExportColumn, string>;
  companySize: Record<CompanySize, string>;
  lifecycleStage: Record<LifecycleStage, string>;
  tier: Record<CustomerTier, string>;
  role: Record<DecisionRole, string>;
  attitude: Record<Attitude, string>;
  reason: Record<RecordImportIssueReason, string>;
  sheet: { customer: string; contact: string };
};

const enUS: Texts = {
  customer: {
    name: 'Customer name',
    legalName: 'Legal name',
    industry: 'Industry',
    companySize: 'Company size',
    region: 'Region',
    address: 'Address',
    phone: 'Phone',
    website: 'Website',
    creditCode: 'Unified social credit code',
    taxId: 'Tax ID',
    tags: 'Tags',
    owner: 'Owner',
    team: 'Team',
    lifecycleStage: 'Lifecycle stage',
    tier: 'Tier',
    healthScore: 'Health score',
    notes: 'Notes',
    createdAt: 'Created',
    lastActivityAt: 'Last activity',
  },
  contact: {
    customer: 'Customer',
    name: 'Contact name',
    title: 'Title',
    department: 'Department',
    phone: 'Phone',
    email: 'Email',
    phones: 'Other phones',
    emails: 'Other emails',
    wechat: 'WeChat',
    role: 'Decision role',
    attitude: 'Attitude',
    tags: 'Tags',
    owner: 'Owner',
    notes: 'Notes',
    createdAt: 'Created',
    lastActivityAt: 'Last activity',
  },
  companySize: {
    '1-19': '1-19 employees',
    '20-99': '20-99 employees',
    '100-499': '100-499 employees',
    '500-999': '500-999 employees',
    '1000-4999': '1000-4999 employees',
    '5000+': '5000+ employees',
  },
  lifecycleStage: {
    potential: 'Potential',
    growth: 'Growth',
    mature: 'Mature',
    decline: 'Decline',
    churned: 'Churned',
  },
  tier: { strategic: 'Strategic', growth: 'Growth', potential: 'Potential', dormant: 'Dormant' },
  role: {
    decision_maker: 'Decision maker',
    influencer: 'Influencer',
    technical_evaluator: 'Technical evaluator',
    procurement: 'Procurement',
    finance: 'Finance',
    user: 'User',
  },
  attitude: { supporter: 'Supporter', neutral: 'Neutral', opponent: 'Opponent', unknown: 'Unknown' },
  reason: {
    missing_name: 'No name',
    missing_customer: 'No customer given',
    unknown_customer: 'No customer you can see has this name or credit code',
    ambiguous_customer: 'Several customers have this name: give the credit code',
    bad_phone: 'Not a phone number we can read',
    bad_email: 'Not a valid email address',
    bad_company_size: 'Company size not understood (e.g. 100-499, 500人以上)',
    bad_credit_code: 'Not a valid unified social credit code',
    unknown_owner: 'No active user with this email or name',
    owner_not_permitted: 'You may not make this user the owner',
    bad_custom_value: 'A custom field value is not valid, or a required one is missing',
    duplicate: 'Duplicate of a record that already exists, or of an earlier row',
    too_long: 'A value is longer than the field allows',
  },
  sheet: { customer: 'Customers', contact: 'Contacts' },
};

const zhCN: Texts = {
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
    tags: '标签',
    owner: '负责人',
    team: '团队',
    lifecycleStage: '生命周期',
    tier: '客户分级',
    healthScore: '健康度',
    notes: '备注',
    createdAt: '创建时间',
    lastActivityAt: '最近跟进',
  },
  contact: {
    customer: '所属客户',
    name: '联系人姓名',
    title: '职务',
    department: '部门',
    phone: '电话',
    email: '邮箱',
    phones: '其他电话',
    emails: '其他邮箱',
    wechat: '微信',
    role: '决策角色',
    attitude: '态度',
    tags: '标签',
    owner: '负责人',
    notes: '备注',
    createdAt: '创建时间',
    lastActivityAt: '最近跟进',
  },
  companySize: {
    '1-19': '1-19人',
    '20-99': '20-99人',
    '100-499': '100-499人',
    '500-999': '500-999人',
    '1000-4999': '1000-4999人',
    '5000+': '5000人以上',
  },
  lifecycleStage: {
    potential: '潜在期',
    growth: '成长期',
    mature: '成熟期',
    decline: '衰退期',
    churned: '流失期',
  },
  tier: { strategic: '战略级', growth: '成长级', potential: '潜力级', dormant: '休眠级' },
  role: {
    decision_maker: '决策者',
    influencer: '影响者',
    technical_evaluator: '技术评估者',
    procurement: '采购',
    finance: '财务',
    user: '使用者',
  },
  attitude: { supporter: '支持', neutral: '中立', opponent: '反对', unknown: '未知' },
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
  sheet: { customer: '客户', contact: '联系人' },
};

export const recordTexts: Record<Locale, Texts> = { 'en-US': enUS, 'zh-CN': zhCN };
