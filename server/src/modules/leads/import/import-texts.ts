import type { Locale } from '@contracts/common';
import type { ExportColumn, ImportIssueReason } from '@contracts/lead-import.contract';
import type { CompanySize, LeadSource, LeadStatus } from '@contracts/leads.contract';

/**
 * Words in the files this module writes (export headers and values, the skipped-rows report), in the
 * caller's language. zh-CN is typed against en-US, so a missing word is a type error. The same words are
 * read back by the import, so an exported file imports again as it is.
 */

type Texts = {
  column: Record<ExportColumn, string>;
  status: Record<LeadStatus, string>;
  source: Record<LeadSource, string>;
  companySize: Record<CompanySize, string>;
  reason: Record<ImportIssueReason, string>;
  report: { row: string; reasonCode: string; reason: string; detail: string; inFile: string };
  sheet: string;
};

const enUS: Texts = {
  column: {
    companyName: 'Company',
    contactName: 'Contact',
    title: 'Title',
    phone: 'Phone',
    email: 'Email',
    region: 'Region',
    industry: 'Industry',
    companySize: 'Company size',
    source: 'Source',
    campaign: 'Campaign',
    grade: 'Grade',
    status: 'Status',
    score: 'Score',
    owner: 'Owner',
    team: 'Team',
    notes: 'Notes',
    utmSource: 'utm_source',
    utmMedium: 'utm_medium',
    utmCampaign: 'utm_campaign',
    createdAt: 'Created',
    lastActivityAt: 'Last activity',
  },
  status: {
    new: 'New',
    contacted: 'Contacted',
    nurturing: 'Nurturing',
    mql: 'MQL',
    sql: 'SQL',
    converted: 'Converted',
    disqualified: 'Disqualified',
    archived: 'Archived',
  },
  source: {
    event: 'Events & trade shows',
    content: 'Content marketing',
    online_ad: 'Online ads',
    partner_referral: 'Partner referral',
    customer_referral: 'Customer referral',
    social: 'Social media',
    cold_outreach: 'Cold outreach',
    website_form: 'Website form',
    other: 'Other',
  },
  companySize: {
    '1-19': '1-19 employees',
    '20-99': '20-99 employees',
    '100-499': '100-499 employees',
    '500-999': '500-999 employees',
    '1000-4999': '1000-4999 employees',
    '5000+': '5000+ employees',
  },
  reason: {
    bad_email: 'Not a valid email address',
    bad_phone: 'Not a phone number we can read',
    missing_company_and_contact: 'Neither a company nor a contact name',
    duplicate: 'Duplicate of a lead or contact that already exists, or of an earlier row',
    bad_company_size: 'Company size not understood (e.g. 100-499, 500人以上)',
    bad_source: 'Source channel not understood',
    bad_grade: 'Grade must be A, B or C',
    unknown_campaign: 'No campaign with this name',
    too_long: 'A value is longer than the field allows',
  },
  report: {
    row: 'Row',
    reasonCode: 'Reason code',
    reason: 'Reason',
    detail: 'Detail',
    inFile: 'an earlier row of this file',
  },
  sheet: 'Leads',
};

const zhCN: Texts = {
  column: {
    companyName: '公司',
    contactName: '联系人',
    title: '职务',
    phone: '电话',
    email: '邮箱',
    region: '区域',
    industry: '行业',
    companySize: '公司规模',
    source: '来源渠道',
    campaign: '市场活动',
    grade: '等级',
    status: '状态',
    score: '评分',
    owner: '负责人',
    team: '团队',
    notes: '备注',
    utmSource: 'utm_source',
    utmMedium: 'utm_medium',
    utmCampaign: 'utm_campaign',
    createdAt: '创建时间',
    lastActivityAt: '最近跟进',
  },
  status: {
    new: '新线索',
    contacted: '已联系',
    nurturing: '培育中',
    mql: 'MQL',
    sql: 'SQL',
    converted: '已转化',
    disqualified: '不合格',
    archived: '已归档',
  },
  source: {
    event: '市场活动/展会',
    content: '内容营销',
    online_ad: '在线广告',
    partner_referral: '合作伙伴推荐',
    customer_referral: '客户推荐/转介绍',
    social: '社交媒体',
    cold_outreach: '陌拜/外呼',
    website_form: '官网表单',
    other: '其他',
  },
  companySize: {
    '1-19': '1-19人',
    '20-99': '20-99人',
    '100-499': '100-499人',
    '500-999': '500-999人',
    '1000-4999': '1000-4999人',
    '5000+': '5000人以上',
  },
  reason: {
    bad_email: '邮箱格式不正确',
    bad_phone: '无法识别的电话号码',
    missing_company_and_contact: '公司和联系人都为空',
    duplicate: '与已有线索或联系人重复，或与文件中前面的行重复',
    bad_company_size: '无法识别的公司规模（例如 100-499、500人以上）',
    bad_source: '无法识别的来源渠道',
    bad_grade: '等级只能是 A、B 或 C',
    unknown_campaign: '没有这个名称的市场活动',
    too_long: '有字段内容超过长度上限',
  },
  report: {
    row: '行号',
    reasonCode: '原因代码',
    reason: '原因',
    detail: '说明',
    inFile: '文件中前面的行',
  },
  sheet: '线索',
};

export const fileTexts: Record<Locale, Texts> = { 'en-US': enUS, 'zh-CN': zhCN };
