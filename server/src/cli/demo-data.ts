import type { Locale, Role } from '@contracts/common';

/**
 * The bilingual demo company: who works there and in which team. Only definitions live here; `seedDemo` in
 * demo.ts writes them. Later modules add their own demo records on top of the ids `seedDemo` returns.
 */

export const DEMO_DOMAIN = 'demo.closeloop.dev';
/** Fixed address that marks the demo company as present (a second run creates nothing). */
export const DEMO_ADMIN_EMAIL = `admin@${DEMO_DOMAIN}`;
export const DEMO_DEFAULT_PASSWORD = 'closeloop-demo';

export const DEMO_TENANT = {
  name: '示例科技有限公司 / Demo Tech Co., Ltd.',
  currency: 'CNY',
  timeZone: 'Asia/Shanghai',
  defaultLocale: 'zh-CN',
  fiscalYearStartMonth: 1,
} as const;

export type DemoTeamKey = 'east' | 'south' | 'north' | 'intl';

export type DemoTeam = { key: DemoTeamKey; name: string; region: string; description: string };

export const DEMO_TEAMS: readonly DemoTeam[] = [
  {
    key: 'east',
    name: '华东销售部 East China Sales',
    region: '华东 East China',
    description: '上海总部，负责长三角企业客户 / Shanghai HQ, enterprise accounts in the Yangtze River Delta',
  },
  {
    key: 'south',
    name: '华南销售部 South China Sales',
    region: '华南 South China',
    description: '深圳办公室，负责珠三角制造与电子行业 / Shenzhen office, manufacturing and electronics',
  },
  {
    key: 'north',
    name: '华北销售部 North China Sales',
    region: '华北 North China',
    description: '北京办公室，负责政企与金融客户 / Beijing office, public sector and financial services',
  },
  {
    key: 'intl',
    name: 'International Sales 国际销售部',
    region: 'International 国际',
    description: 'Singapore office, Southeast Asia and overseas accounts / 新加坡办公室，东南亚及海外客户',
  },
];

export type DemoUser = {
  /** Stable handle for later demo seeders ("the East China manager"), independent of generated ids. */
  key: string;
  name: string;
  email: string;
  role: Role;
  /** Managers lead their team; reps are plain members. */
  team?: DemoTeamKey;
  /** Only where the user differs from the company default (zh-CN, Asia/Shanghai). */
  locale?: Locale;
  timeZone?: string;
};

const at = (local: string) => `${local}@${DEMO_DOMAIN}`;
const singapore = { locale: 'en-US', timeZone: 'Asia/Singapore' } as const;

export const DEMO_USERS: readonly DemoUser[] = [
  { key: 'admin', name: '周婷', email: DEMO_ADMIN_EMAIL, role: 'admin' },
  { key: 'director', name: '陈建国', email: at('chen.jianguo'), role: 'director' },

  { key: 'east-manager', name: '李娜', email: at('li.na'), role: 'manager', team: 'east' },
  { key: 'east-rep-1', name: '王伟', email: at('wang.wei'), role: 'rep', team: 'east' },
  { key: 'east-rep-2', name: '张敏', email: at('zhang.min'), role: 'rep', team: 'east' },
  { key: 'east-rep-3', name: '刘洋', email: at('liu.yang'), role: 'rep', team: 'east' },

  { key: 'south-manager', name: '黄志强', email: at('huang.zhiqiang'), role: 'manager', team: 'south' },
  { key: 'south-rep-1', name: '陈静', email: at('chen.jing'), role: 'rep', team: 'south' },
  { key: 'south-rep-2', name: '林晓峰', email: at('lin.xiaofeng'), role: 'rep', team: 'south' },

  { key: 'north-manager', name: '赵刚', email: at('zhao.gang'), role: 'manager', team: 'north' },
  { key: 'north-rep-1', name: '孙丽', email: at('sun.li'), role: 'rep', team: 'north' },
  { key: 'north-rep-2', name: '周杰', email: at('zhou.jie'), role: 'rep', team: 'north' },
  { key: 'north-rep-3', name: '吴芳', email: at('wu.fang'), role: 'rep', team: 'north' },

  {
    key: 'intl-manager',
    name: 'Daniel Tan',
    email: at('daniel.tan'),
    role: 'manager',
    team: 'intl',
    ...singapore,
  },
  { key: 'intl-rep-1', name: 'Priya Nair', email: at('priya.nair'), role: 'rep', team: 'intl', ...singapore },
  { key: 'intl-rep-2', name: 'Marcus Lim', email: at('marcus.lim'), role: 'rep', team: 'intl', ...singapore },

  { key: 'marketing', name: '郑雪', email: at('zheng.xue'), role: 'marketing' },
  { key: 'legal', name: '何倩', email: at('he.qian'), role: 'legal' },
  { key: 'delivery', name: '马超', email: at('ma.chao'), role: 'delivery' },
  { key: 'service', name: '许佳', email: at('xu.jia'), role: 'service' },
  { key: 'service-intl', name: 'Sarah Goh', email: at('sarah.goh'), role: 'service', ...singapore },
];
