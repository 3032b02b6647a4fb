import {
  type CONTACT_IMPORT_FIELDS,
  type CUSTOMER_IMPORT_FIELDS,
  IMPORT_FIELDS_OF,
  type RecordImport,
  RecordImportDefaults,
  type RecordImportObject,
} from '@contracts/record-import.contract';
import type { Tx } from '../../../platform/db/database';
import { type FieldDef, loadFields } from '../../custom-fields';
import { type ImportProblem, normalizeHeader } from '../../leads';
import { recordTexts } from './record-texts';

/**
 * Which customer or contact field a column header means: the object's own fields by Chinese and English
 * synonyms (and the headers this module's export writes, so an export imports again), the company's custom
 * fields by key or label. Mappings a company saved on an earlier import win over these.
 */

type CustomerField = (typeof CUSTOMER_IMPORT_FIELDS)[number];
type ContactField = (typeof CONTACT_IMPORT_FIELDS)[number];

const CUSTOMER_SYNONYMS: Record<CustomerField, readonly string[]> = {
  name: [
    '客户',
    '客户名称',
    '客户简称',
    '简称',
    '公司简称',
    '公司',
    '公司名称',
    '企业名称',
    '单位名称',
    'customer',
    'customer name',
    'name',
    'short name',
    'company',
    'company name',
    'account',
    'account name',
  ],
  legalName: ['公司全称', '企业全称', '全称', '工商注册名称', '注册名称', 'legal name', 'registered name'],
  industry: ['行业', '所属行业', '行业类型', 'industry', 'sector'],
  companySize: ['规模', '公司规模', '企业规模', '人数', '员工人数', 'company size', 'size', 'employees'],
  region: ['区域', '地区', '省份', '城市', '所在地区', 'region', 'province', 'city', 'area'],
  address: ['地址', '详细地址', '公司地址', '办公地址', 'address'],
  phone: ['电话', '公司电话', '座机', '总机', '联系电话', 'phone', 'telephone', 'tel', 'phone number'],
  website: ['网站', '官网', '网址', '公司网站', 'website', 'web', 'url', 'homepage'],
  creditCode: ['统一社会信用代码', '社会信用代码', '信用代码', 'credit code', 'uscc'],
  taxId: ['税号', '纳税人识别号', 'tax id', 'vat', 'vat number', 'ein'],
  tags: ['标签', '客户标签', 'tags', 'tag', 'labels'],
  owner: ['负责人', '客户负责人', '所属销售', '销售', 'owner', 'account owner', 'sales rep'],
  notes: ['备注', '说明', '描述', 'notes', 'note', 'remarks', 'comments'],
};

const CONTACT_SYNONYMS: Record<ContactField, readonly string[]> = {
  customer: [
    '客户',
    '客户名称',
    '所属客户',
    '公司',
    '公司名称',
    '企业名称',
    '单位',
    'customer',
    'customer name',
    'company',
    'company name',
    'account',
    'account name',
  ],
  name: ['姓名', '联系人', '联系人姓名', '名字', 'name', 'contact', 'contact name', 'full name'],
  title: ['职务', '职位', '头衔', '岗位', 'title', 'job title', 'position'],
  department: ['部门', '所属部门', 'department', 'dept'],
  phone: ['手机', '手机号', '手机号码', '电话', '联系电话', 'mobile', 'mobile phone', 'phone', 'cell', 'tel'],
  email: ['邮箱', '电子邮件', '电子邮箱', '邮件', 'email', 'e-mail', 'mail', 'email address'],
  phones: ['其他电话', '备用电话', '更多电话', 'other phones', 'phones'],
  emails: ['其他邮箱', '备用邮箱', '更多邮箱', 'other emails', 'emails'],
  wechat: ['微信', '微信号', 'wechat', 'weixin', 'wechat id'],
  tags: ['标签', 'tags', 'tag', 'labels'],
  owner: ['负责人', '所属销售', '销售', 'owner', 'sales rep'],
  notes: ['备注', '说明', 'notes', 'note', 'remarks', 'comments'],
};

function synonymIndex(object: RecordImportObject): Map<string, string> {
  const out = new Map<string, string>();
  const add = (name: string, field: string) => {
    const key = normalizeHeader(name);
    if (key && !out.has(key)) out.set(key, field);
  };
  // The export's own headers first: they name exactly one field of this object.
  for (const texts of Object.values(recordTexts)) {
    const headers: Record<string, string> = texts[object];
    for (const field of IMPORT_FIELDS_OF[object] as readonly string[]) {
      const header = headers[field];
      if (header) add(header, field);
    }
  }
  const synonyms: Record<string, readonly string[]> =
    object === 'customer' ? CUSTOMER_SYNONYMS : CONTACT_SYNONYMS;
  for (const [field, names] of Object.entries(synonyms)) for (const name of names) add(name, field);
  return out;
}

const byHeader = new Map<RecordImportObject, Map<string, string>>();

/** Built on first use: the header normaliser comes from the leads module, which loads after this one. */
function synonymsOf(object: RecordImportObject): Map<string, string> {
  let index = byHeader.get(object);
  if (!index) {
    index = synonymIndex(object);
    byHeader.set(object, index);
  }
  return index;
}

/** The fields a column may fill: the object's own, then `custom.<key>` of the active custom fields. */
export function importFieldsOf(object: RecordImportObject, custom: readonly FieldDef[]): Set<string> {
  return new Set<string>([
    ...IMPORT_FIELDS_OF[object],
    ...custom.filter((f) => f.active).map((f) => `custom.${f.key}`),
  ]);
}

export type Suggestion = { field: string; origin: 'saved' | 'synonym' };

/**
 * A starting mapping for these headers: saved mappings first (a saved `''` means the company chose to leave
 * that column out), then custom fields by key or label, then synonyms; a field is suggested for one column.
 */
export function suggestRecordMapping(
  object: RecordImportObject,
  headers: readonly string[],
  saved: ReadonlyMap<string, string>,
  custom: readonly FieldDef[],
): Record<string, Suggestion> {
  const valid = importFieldsOf(object, custom);
  const byCustom = new Map<string, string>();
  for (const f of custom.filter((c) => c.active)) {
    for (const name of [f.key, f.labelZh, f.labelEn]) {
      const key = normalizeHeader(name);
      if (key && !byCustom.has(key)) byCustom.set(key, `custom.${f.key}`);
    }
  }
  const out: Record<string, Suggestion> = {};
  const taken = new Set<string>();
  const keys = headers.map(normalizeHeader);
  for (const [index, key] of keys.entries()) {
    const field = key ? saved.get(key) : undefined;
    if (field && valid.has(field) && !taken.has(field)) {
      taken.add(field);
      out[String(index)] = { field, origin: 'saved' };
    }
  }
  for (const [index, key] of keys.entries()) {
    if (!key || saved.has(key) || out[String(index)]) continue;
    const field = byCustom.get(key) ?? synonymsOf(object).get(key);
    if (field && !taken.has(field)) {
      taken.add(field);
      out[String(index)] = { field, origin: 'synonym' };
    }
  }
  return out;
}

/** Column indexes inside the file, known fields, each field at most once, and the required columns mapped. */
export async function checkRecordMapping(
  tx: Tx,
  tenantId: string,
  object: RecordImportObject,
  headers: readonly string[],
  mapping: Readonly<Record<string, string | null>>,
): Promise<ImportProblem[]> {
  const valid = importFieldsOf(object, await loadFields(tx, tenantId, object));
  const problems: ImportProblem[] = [];
  const used = new Set<string>();
  const entries = Object.entries(mapping).sort(([a], [b]) => Number(a) - Number(b));
  for (const [index, field] of entries) {
    if (Number(index) >= headers.length) {
      problems.push({ path: `mapping.${index}`, code: 'unknown_column' });
    } else if (field && !valid.has(field)) {
      const custom = field.startsWith('custom.');
      problems.push({ path: `mapping.${index}`, code: custom ? 'unknown_custom_field' : 'invalid' });
    } else if (field && used.has(field)) {
      problems.push({ path: `mapping.${index}`, code: 'duplicate_mapping' });
    }
    if (field) used.add(field);
  }
  if (object === 'contact' && !used.has('customer')) {
    problems.push({ path: 'mapping', code: 'customer_unmapped' });
  }
  if (!used.has('name')) problems.push({ path: 'mapping', code: 'name_unmapped' });
  return problems;
}

/** The parts of a customer or contact import only those objects show. */
export function presentRecordParts(
  object: RecordImportObject,
  row: { status: string; headers: string[]; mapping: Record<string, string>; defaults: unknown },
  saved: ReadonlyMap<string, string>,
  custom: readonly FieldDef[],
): Pick<RecordImport, 'object' | 'fields' | 'suggestedMapping' | 'mapping' | 'defaults'> {
  const defaults = RecordImportDefaults.safeParse(row.defaults);
  return {
    object,
    fields: [
      ...IMPORT_FIELDS_OF[object].map((field) => ({ field, labelZh: null, labelEn: null, required: false })),
      ...custom
        .filter((f) => f.active)
        .map((f) => ({
          field: `custom.${f.key}`,
          labelZh: f.labelZh,
          labelEn: f.labelEn,
          required: f.required,
        })),
    ],
    suggestedMapping: suggestRecordMapping(object, row.headers, saved, custom),
    mapping: row.mapping,
    defaults: row.status === 'uploaded' || !defaults.success ? null : defaults.data,
  };
}
