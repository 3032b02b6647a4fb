import type { CompanySize, LeadEventKind, LeadSource } from '@contracts/leads.contract';

/**
 * Word pools and rules of the demo leads: realistic Chinese and international companies, people, titles and
 * channels. Only definitions; seed-demo-leads.ts draws from them with a seeded generator.
 */

/** Surname and given name with their pinyin, for e-mail addresses. */
export const CN_SURNAMES: readonly [string, string][] = [
  ['王', 'wang'],
  ['李', 'li'],
  ['张', 'zhang'],
  ['刘', 'liu'],
  ['陈', 'chen'],
  ['杨', 'yang'],
  ['黄', 'huang'],
  ['赵', 'zhao'],
  ['吴', 'wu'],
  ['周', 'zhou'],
  ['徐', 'xu'],
  ['孙', 'sun'],
  ['马', 'ma'],
  ['朱', 'zhu'],
  ['胡', 'hu'],
  ['郭', 'guo'],
  ['何', 'he'],
  ['林', 'lin'],
  ['罗', 'luo'],
  ['高', 'gao'],
];

export const CN_GIVEN: readonly [string, string][] = [
  ['伟', 'wei'],
  ['芳', 'fang'],
  ['娜', 'na'],
  ['敏', 'min'],
  ['静', 'jing'],
  ['磊', 'lei'],
  ['强', 'qiang'],
  ['洋', 'yang'],
  ['艳', 'yan'],
  ['杰', 'jie'],
  ['志明', 'zhiming'],
  ['晓东', 'xiaodong'],
  ['海燕', 'haiyan'],
  ['建华', 'jianhua'],
  ['丽华', 'lihua'],
  ['俊杰', 'junjie'],
  ['雪梅', 'xuemei'],
  ['国栋', 'guodong'],
  ['文博', 'wenbo'],
  ['思远', 'siyuan'],
];

export const EN_FIRST = [
  'Wei Ming',
  'Priya',
  'Arjun',
  'Siti',
  'Nguyen',
  'Somchai',
  'Kevin',
  'Rachel',
  'Ahmad',
  'Mei Ling',
  'David',
  'Aisha',
];
export const EN_LAST = [
  'Tan',
  'Lim',
  'Ng',
  'Wong',
  'Kumar',
  'Rahman',
  'Tran',
  'Chua',
  'Lee',
  'Goh',
  'Singh',
  'Ong',
];

export type DemoRegion = {
  region: string;
  cities: readonly [string, string][];
  areaCodes: readonly string[];
};

/** Mainland regions with cities (name, pinyin) and landline area codes. */
export const CN_REGIONS: readonly DemoRegion[] = [
  {
    region: '华东',
    cities: [
      ['上海', 'sh'],
      ['杭州', 'hz'],
      ['苏州', 'sz'],
      ['南京', 'nj'],
      ['宁波', 'nb'],
    ],
    areaCodes: ['021', '0571', '0512', '025', '0574'],
  },
  {
    region: '华南',
    cities: [
      ['深圳', 'szx'],
      ['广州', 'gz'],
      ['东莞', 'dg'],
      ['佛山', 'fs'],
    ],
    areaCodes: ['0755', '020', '0769', '0757'],
  },
  {
    region: '华北',
    cities: [
      ['北京', 'bj'],
      ['天津', 'tj'],
      ['石家庄', 'sjz'],
      ['济南', 'jn'],
    ],
    areaCodes: ['010', '022', '0311', '0531'],
  },
];

export const INTL_REGIONS = ['Singapore', 'Malaysia', 'Indonesia', 'Thailand', 'Vietnam'] as const;

/** Distinctive parts of company names (字号) and their pinyin. */
export const CN_BRANDS: readonly [string, string][] = [
  ['云帆', 'yunfan'],
  ['星河', 'xinghe'],
  ['恒瑞', 'hengrui'],
  ['华拓', 'huatuo'],
  ['精工', 'jinggong'],
  ['博远', 'boyuan'],
  ['启明', 'qiming'],
  ['中科', 'zhongke'],
  ['鼎盛', 'dingsheng'],
  ['汇通', 'huitong'],
  ['天润', 'tianrun'],
  ['鑫达', 'xinda'],
  ['联创', 'lianchuang'],
  ['海川', 'haichuan'],
  ['锐驰', 'ruichi'],
  ['东方', 'dongfang'],
  ['新元', 'xinyuan'],
  ['瑞丰', 'ruifeng'],
  ['万象', 'wanxiang'],
  ['金石', 'jinshi'],
];

export type DemoIndustry = { name: string; word: string; en: string };

export const INDUSTRIES: readonly DemoIndustry[] = [
  { name: '装备制造', word: '机械', en: 'Machinery' },
  { name: '电子制造', word: '电子', en: 'Electronics' },
  { name: '软件与信息服务', word: '软件', en: 'Software' },
  { name: '新能源', word: '能源', en: 'Energy' },
  { name: '汽车零部件', word: '汽车部件', en: 'Automotive' },
  { name: '医疗器械', word: '医疗科技', en: 'Medtech' },
  { name: '物流', word: '物流', en: 'Logistics' },
  { name: '金融', word: '金融服务', en: 'Financial' },
];

export const EN_COMPANY_WORDS = [
  'Apex',
  'Pacific',
  'Lion City',
  'Straits',
  'Orchid',
  'Equator',
  'Harbour',
  'Merlion',
  'Sunda',
  'Mekong',
];

/** Titles with how senior they are (senior titles convert more often in the demo, as in life). */
export const TITLES: readonly { zh: string; en: string; senior: boolean }[] = [
  { zh: '总经理', en: 'General Manager', senior: true },
  { zh: '采购总监', en: 'Procurement Director', senior: true },
  { zh: '技术总监', en: 'CTO', senior: true },
  { zh: '生产副总', en: 'VP Operations', senior: true },
  { zh: '信息部经理', en: 'IT Manager', senior: false },
  { zh: '采购经理', en: 'Purchasing Manager', senior: false },
  { zh: '设备主管', en: 'Maintenance Supervisor', senior: false },
  { zh: '工程师', en: 'Engineer', senior: false },
  { zh: '项目专员', en: 'Project Coordinator', senior: false },
];

export const SIZES: readonly CompanySize[] = ['1-19', '20-99', '100-499', '500-999', '1000-4999', '5000+'];

/** Channel mix: how often each source brings a lead, and how good its leads are (0–1). */
export const SOURCE_MIX: readonly { source: LeadSource; weight: number; quality: number }[] = [
  { source: 'event', weight: 18, quality: 0.7 },
  { source: 'content', weight: 16, quality: 0.45 },
  { source: 'online_ad', weight: 20, quality: 0.3 },
  { source: 'partner_referral', weight: 8, quality: 0.8 },
  { source: 'customer_referral', weight: 6, quality: 0.9 },
  { source: 'social', weight: 10, quality: 0.3 },
  { source: 'cold_outreach', weight: 10, quality: 0.2 },
  { source: 'website_form', weight: 12, quality: 0.5 },
];

/** Behaviour a lead of each channel tends to show. */
export const EVENT_KINDS_BY_SOURCE: Record<LeadSource, readonly LeadEventKind[]> = {
  event: ['event_attended', 'page_view', 'download'],
  content: ['download', 'page_view', 'email_open', 'webinar'],
  online_ad: ['page_view', 'page_view', 'form_submit'],
  partner_referral: ['page_view', 'webinar'],
  customer_referral: ['page_view', 'email_open'],
  social: ['page_view', 'email_open'],
  cold_outreach: ['email_open', 'email_click'],
  website_form: ['form_submit', 'page_view', 'download'],
  other: ['page_view'],
};

export const DEMO_CAMPAIGNS: readonly {
  name: string;
  channel: LeadSource;
  costMinor: number;
  utmCampaign: string;
  startsDaysAgo: number;
}[] = [
  {
    name: '2026 上海国际工业博览会',
    channel: 'event',
    costMinor: 38_000_000,
    utmCampaign: 'ciif-2026',
    startsDaysAgo: 150,
  },
  {
    name: '白皮书《智能制造降本增效》',
    channel: 'content',
    costMinor: 4_500_000,
    utmCampaign: 'whitepaper-smart-mfg',
    startsDaysAgo: 170,
  },
  {
    name: '百度搜索推广 Q3',
    channel: 'online_ad',
    costMinor: 12_000_000,
    utmCampaign: 'baidu-sem-q3',
    startsDaysAgo: 140,
  },
  {
    name: '微信视频号直播',
    channel: 'social',
    costMinor: 2_800_000,
    utmCampaign: 'wechat-live',
    startsDaysAgo: 90,
  },
  {
    name: 'SEA Partner Programme',
    channel: 'partner_referral',
    costMinor: 6_000_000,
    utmCampaign: 'sea-partners',
    startsDaysAgo: 160,
  },
];

export const DISQUALIFY_REASONS = [
  '预算不足',
  '无采购决策权',
  '需求不匹配',
  '已选择竞品',
  '多次联系不上',
  'No budget this year',
];
export const ARCHIVE_REASONS = [
  '需求尚未成熟，明年再联系',
  '项目暂停',
  'Timing not right, revisit next year',
];
