import { IMPORT_FIELDS, type ImportField } from '@contracts/lead-import.contract';

/**
 * Which lead field a column header means. Headers are compared in a normalised form (full-width folded,
 * lower case, no spaces or punctuation), so "E-mail", "e mail" and "ＥＭＡＩＬ" are one header. Mappings a
 * company saved on an earlier import win over these synonyms.
 */

export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
}

const SYNONYMS: Record<ImportField, readonly string[]> = {
  companyName: [
    '公司',
    '公司名称',
    '公司全称',
    '企业名称',
    '企业',
    '单位',
    '单位名称',
    '客户名称',
    '客户公司',
    'company',
    'company name',
    'organization',
    'organisation',
    'account',
    'account name',
  ],
  contactName: [
    '联系人',
    '联系人姓名',
    '姓名',
    '客户姓名',
    '名字',
    'contact',
    'contact name',
    'name',
    'full name',
  ],
  title: ['职务', '职位', '头衔', '岗位', 'title', 'job title', 'position'],
  phone: [
    '手机',
    '电话',
    '手机号',
    '手机号码',
    '联系电话',
    '电话号码',
    '联系方式',
    '座机',
    'mobile',
    'mobile phone',
    'phone',
    'phone number',
    'tel',
    'telephone',
    'cell',
  ],
  email: ['邮箱', '电子邮件', '电子邮箱', '邮件', '邮箱地址', 'email', 'e-mail', 'mail', 'email address'],
  region: [
    '区域',
    '地区',
    '省份',
    '城市',
    '所在地',
    '所在地区',
    '省市',
    'region',
    'province',
    'city',
    'area',
  ],
  industry: ['行业', '所属行业', '行业类型', 'industry', 'sector'],
  companySize: [
    '规模',
    '公司规模',
    '企业规模',
    '人数',
    '员工人数',
    '公司人数',
    'company size',
    'size',
    'employees',
    'headcount',
  ],
  source: ['来源', '渠道', '来源渠道', '线索来源', '获客渠道', 'source', 'lead source', 'channel'],
  grade: ['等级', '级别', '线索等级', '客户等级', '意向等级', 'grade', 'rating'],
  notes: [
    '备注',
    '说明',
    '描述',
    '首次沟通记录',
    '沟通记录',
    'notes',
    'note',
    'remarks',
    'comment',
    'comments',
  ],
  campaign: ['市场活动', '活动', '活动名称', 'campaign', 'campaign name'],
  'utm.source': ['utm_source', 'utm source'],
  'utm.medium': ['utm_medium', 'utm medium'],
  'utm.campaign': ['utm_campaign', 'utm campaign'],
  'utm.term': ['utm_term', 'utm term'],
  'utm.content': ['utm_content', 'utm content'],
};

const BY_HEADER = new Map<string, ImportField>(
  Object.entries(SYNONYMS).flatMap(([field, names]) =>
    names.map((name) => [normalizeHeader(name), field as ImportField] as const),
  ),
);

const FIELDS = new Set<string>(IMPORT_FIELDS);

export function isImportField(value: string): value is ImportField {
  return FIELDS.has(value);
}

export type Suggestion = { field: ImportField; origin: 'saved' | 'synonym' };

/**
 * A starting mapping for these headers. Saved mappings come first (a saved `''` means the company chose to
 * leave that column out), then synonyms for the other columns; a field is suggested for one column only.
 */
export function suggestMapping(
  headers: readonly string[],
  saved: ReadonlyMap<string, string>,
): Record<string, Suggestion> {
  const out: Record<string, Suggestion> = {};
  const taken = new Set<ImportField>();
  const keys = headers.map(normalizeHeader);
  for (const [index, key] of keys.entries()) {
    const field = key ? saved.get(key) : undefined;
    if (field && isImportField(field) && !taken.has(field)) {
      taken.add(field);
      out[String(index)] = { field, origin: 'saved' };
    }
  }
  for (const [index, key] of keys.entries()) {
    if (!key || saved.has(key)) continue;
    const field = BY_HEADER.get(key);
    if (field && !taken.has(field)) {
      taken.add(field);
      out[String(index)] = { field, origin: 'synonym' };
    }
  }
  return out;
}
