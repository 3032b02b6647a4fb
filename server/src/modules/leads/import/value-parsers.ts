import {
  COMPANY_SIZES,
  type CompanySize,
  LEAD_SOURCES,
  type LeadGrade,
  type LeadSource,
} from '@contracts/leads.contract';
import { normalizeHeader } from './header-matching';
import { fileTexts } from './import-texts';

/**
 * Cell values people type for the enumerated lead fields, in Chinese and English, read into the stored
 * values. Each parser returns null for a value it cannot read: the row is then reported, not guessed.
 */

/** Lower bound of each size band, in the order of COMPANY_SIZES. */
const SIZE_FLOORS = [1, 20, 100, 500, 1000, 5000] as const;

function sizeBand(employees: number): CompanySize {
  let band: CompanySize = COMPANY_SIZES[0];
  for (const [i, floor] of SIZE_FLOORS.entries()) {
    if (employees >= floor) band = COMPANY_SIZES[i] as CompanySize;
  }
  return band;
}

/**
 * "100-499", "100-499人", "100～500名", "500人以上", "5000+", "少于20人", "300", "1,000-4,999 employees" →
 * the band. A range falls in the band of its middle; "N以上" / "N+" in the band of N; "N以下" / "<N" below N.
 */
export function parseCompanySize(raw: string): CompanySize | null {
  const text = raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s,]/g, '')
    .replace(/(人|名|员工|employees?|staff|people)/g, '')
    .replace(/[~～—–至到]/g, '-');
  if ((COMPANY_SIZES as readonly string[]).includes(text)) return text as CompanySize;
  let m = /^(\d+)-(\d+)$/.exec(text);
  if (m) {
    const low = Number(m[1]);
    const high = Number(m[2]);
    return high >= low && low > 0 ? sizeBand((low + high) / 2) : null;
  }
  m = /^(?:(\d+)(?:\+|以上|及以上|或以上|ormore|andabove)|(?:>|≥|>=|大于|超过|over|morethan)(\d+))$/.exec(
    text,
  );
  if (m) return sizeBand(Number(m[1] ?? m[2]));
  m = /^(?:(\d+)(?:以下|以内)|(?:<|少于|小于|under|lessthan|fewerthan)(\d+))$/.exec(text);
  if (m) {
    const bound = Number(m[1] ?? m[2]);
    return bound > 1 ? sizeBand(bound - 1) : null;
  }
  m = /^(\d+)$/.exec(text);
  if (m && Number(m[1]) > 0) return sizeBand(Number(m[1]));
  return null;
}

const SOURCE_WORDS: Record<LeadSource, readonly string[]> = {
  event: [
    '市场活动',
    '展会',
    '活动',
    '会议',
    '峰会',
    '研讨会',
    'event',
    'events',
    'trade show',
    'tradeshow',
    'exhibition',
    'conference',
  ],
  content: [
    '内容营销',
    '内容',
    '白皮书',
    '博客',
    '公众号文章',
    'content',
    'content marketing',
    'whitepaper',
    'blog',
  ],
  online_ad: [
    '在线广告',
    '广告',
    '网络广告',
    '百度推广',
    '竞价',
    '信息流',
    'sem',
    'ppc',
    'online ad',
    'online ads',
    'ads',
    'advertising',
    'google ads',
  ],
  partner_referral: [
    '合作伙伴推荐',
    '合作伙伴',
    '渠道商',
    '代理商',
    '伙伴推荐',
    'partner',
    'partner referral',
    'reseller',
  ],
  customer_referral: [
    '客户推荐',
    '转介绍',
    '老客户推荐',
    '客户转介绍',
    '推荐',
    'customer referral',
    'referral',
    'word of mouth',
  ],
  social: [
    '社交媒体',
    '微信',
    '微博',
    '抖音',
    '小红书',
    '领英',
    '社交',
    'social',
    'social media',
    'wechat',
    'linkedin',
    'twitter',
    'facebook',
  ],
  cold_outreach: [
    '陌拜',
    '外呼',
    '陌生拜访',
    '电话营销',
    '电销',
    '陌拜外呼',
    'cold outreach',
    'cold call',
    'cold calling',
    'outbound',
    'telemarketing',
  ],
  website_form: [
    '官网表单',
    '官网',
    '网站',
    '网站表单',
    '在线表单',
    'website',
    'website form',
    'web form',
    'web',
    'inbound',
  ],
  other: ['其他', '其它', 'other', 'others'],
};

const SOURCES = new Map<string, LeadSource>([
  ...LEAD_SOURCES.map((s) => [normalizeHeader(s), s] as const),
  // The labels an export writes, so that an exported file imports again.
  ...Object.values(fileTexts).flatMap((texts) =>
    LEAD_SOURCES.map((s) => [normalizeHeader(texts.source[s]), s] as const),
  ),
  ...Object.entries(SOURCE_WORDS).flatMap(([source, words]) =>
    words.map((w) => [normalizeHeader(w), source as LeadSource] as const),
  ),
]);

export function parseSource(raw: string): LeadSource | null {
  return SOURCES.get(normalizeHeader(raw)) ?? null;
}

const GRADE_WORDS: Record<LeadGrade, readonly string[]> = {
  A: ['a', 'a级', 'a类', '高', '高意向', '强意向', 'hot', 'high'],
  B: ['b', 'b级', 'b类', '中', '中意向', '一般', 'warm', 'medium'],
  C: ['c', 'c级', 'c类', '低', '低意向', '弱意向', 'cold', 'low'],
};

const GRADES = new Map<string, LeadGrade>(
  Object.entries(GRADE_WORDS).flatMap(([grade, words]) =>
    words.map((w) => [normalizeHeader(w), grade as LeadGrade] as const),
  ),
);

export function parseGrade(raw: string): LeadGrade | null {
  return GRADES.get(normalizeHeader(raw)) ?? null;
}

/** A spreadsheet cell as text: numbers without exponent, dates as ISO dates, formulas by their result. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    // Phone numbers typed into Excel arrive as numbers: 13812345678, never 1.38e10.
    return Number.isInteger(value) ? value.toFixed(0) : String(value);
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as {
      richText?: { text?: string }[];
      text?: unknown;
      result?: unknown;
      error?: unknown;
    };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text ?? '').join('');
    if ('result' in v) return cellText(v.result);
    if ('error' in v) return '';
    if ('text' in v) return cellText(v.text);
  }
  return String(value);
}
