import {
  type Attitude,
  type CustomerTagColor,
  type CustomerTier,
  creditCodeCheckDigit,
  type DecisionRole,
  type LifecycleStage,
} from '@contracts/customers.contract';
import type { CompanySize } from '@contracts/leads.contract';
import { uuidv7 } from 'uuidv7';
import { changesBetween, systemActor, writeAudit } from '../../../platform/audit';
import type { DatabaseHandle } from '../../../platform/db/database';
import { withTenant } from '../../../platform/db/tenancy';
import { normalizeCompany, normalizeEmail, normalizePhone } from '../../../platform/text/normalize';
import { contacts, customers, customerTags } from '../customers.tables';

/**
 * Demo customers for the demo company: managed tags, a group with a subsidiary, accounts in every region,
 * and decision chains with roles, attitudes and reporting lines, some with gaps (no known decision maker)
 * the relationship map flags. Tiers and lifecycle stages are set as the tier and lifecycle rules would
 * leave them, so those screens have something to show before their own seeders run.
 */

type DemoCompany = {
  tenantId: string;
  users: readonly { key: string; id: string }[];
  teams: readonly { key: string; id: string }[];
};

const TAGS: readonly { name: string; color: CustomerTagColor; description: string }[] = [
  { name: '预算敏感型', color: 'orange', description: '对价格和付款条件敏感 / price- and terms-sensitive' },
  {
    name: '技术驱动型',
    color: 'blue',
    description: '由技术团队主导选型 / the technical team leads the choice',
  },
  {
    name: '战略合作',
    color: 'gold',
    description: '高层互访的长期伙伴 / long-term partner with executive contact',
  },
  {
    name: '合规要求高',
    color: 'purple',
    description: '采购需过合规与审计 / purchases pass compliance review',
  },
  { name: '快速决策', color: 'green', description: '决策链短，一周内可拍板 / short decision chain' },
];

type DemoContact = {
  key: string;
  name: string;
  title: string;
  department?: string;
  role: DecisionRole | null;
  attitude: Attitude;
  reportsTo?: string;
  phone?: string;
  email?: string;
  wechat?: string;
  preferences?: string;
};

type DemoCustomer = {
  key: string;
  name: string;
  legalName: string;
  /** First 17 characters of the credit code; the check digit is computed. */
  creditCode?: string;
  taxId?: string;
  industry: string;
  companySize: CompanySize;
  region: string;
  address: string;
  phone: string;
  website: string;
  team: string;
  owner: string;
  parent?: string;
  tags: string[];
  tier: CustomerTier;
  lifecycleStage: LifecycleStage;
  notes: string;
  contacts: DemoContact[];
};

const CUSTOMERS: readonly DemoCustomer[] = [
  {
    key: 'yunfan',
    name: '云帆科技',
    legalName: '上海云帆科技股份有限公司',
    creditCode: '91310115MA1K3YF0Q',
    industry: '软件与信息服务',
    companySize: '500-999',
    region: '华东',
    address: '上海市浦东新区张江路 88 号云帆大厦 12 层',
    phone: '021-5080 8800',
    website: 'https://yunfan.example.cn',
    team: 'east',
    owner: 'east-rep-1',
    tags: ['技术驱动型', '战略合作'],
    tier: 'strategic',
    lifecycleStage: 'mature',
    notes: '三年框架协议，明年 3 月续约；CTO 是我们的内部支持者。',
    contacts: [
      {
        key: 'ceo',
        name: '陈志远',
        title: '总经理',
        department: '总经办',
        role: 'decision_maker',
        attitude: 'supporter',
        phone: '138 0177 2201',
        email: 'chen.zhiyuan@yunfan.example.cn',
        preferences: '只接受预约会面，周二、周四上午',
      },
      {
        key: 'cto',
        name: '刘海',
        title: 'CTO',
        department: '技术中心',
        role: 'technical_evaluator',
        attitude: 'supporter',
        reportsTo: 'ceo',
        phone: '139 1620 3345',
        email: 'liu.hai@yunfan.example.cn',
        wechat: 'liuhai_tech',
        preferences: '喜欢看架构图和压测数据，不喜欢长邮件',
      },
      {
        key: 'cfo',
        name: '赵敏',
        title: '财务总监',
        department: '财务部',
        role: 'finance',
        attitude: 'opponent',
        reportsTo: 'ceo',
        email: 'zhao.min@yunfan.example.cn',
        preferences: '关注总拥有成本与分期付款',
      },
      {
        key: 'buyer',
        name: '王蕾',
        title: '采购经理',
        department: '采购部',
        role: 'procurement',
        attitude: 'neutral',
        reportsTo: 'cfo',
        phone: '021-5080 8812',
      },
      {
        key: 'lead-dev',
        name: '孙浩',
        title: '研发主管',
        department: '技术中心',
        role: 'user',
        attitude: 'supporter',
        reportsTo: 'cto',
        wechat: 'sunhao_dev',
      },
      {
        key: 'pm',
        name: '周倩',
        title: '产品总监',
        department: '产品部',
        role: 'influencer',
        attitude: 'neutral',
        reportsTo: 'ceo',
      },
    ],
  },
  {
    key: 'yunfan-suzhou',
    name: '云帆科技（苏州）',
    legalName: '云帆科技（苏州）有限公司',
    creditCode: '91320594MA1MX2P8T',
    industry: '软件与信息服务',
    companySize: '100-499',
    region: '华东',
    address: '江苏省苏州市工业园区星湖街 328 号',
    phone: '0512-6288 1200',
    website: 'https://sz.yunfan.example.cn',
    team: 'east',
    owner: 'east-rep-1',
    parent: 'yunfan',
    tags: ['技术驱动型'],
    tier: 'growth',
    lifecycleStage: 'growth',
    notes: '集团子公司，沿用总部框架价格；决策需报上海总部。',
    contacts: [
      {
        key: 'it',
        name: '吴磊',
        title: 'IT 经理',
        department: '信息部',
        role: 'technical_evaluator',
        attitude: 'supporter',
        phone: '137 7180 4521',
      },
      {
        key: 'ops',
        name: '郑佳',
        title: '运营专员',
        department: '运营部',
        role: 'user',
        attitude: 'unknown',
        reportsTo: 'it',
      },
    ],
  },
  {
    key: 'xinghe',
    name: '星河机械',
    legalName: '杭州星河机械制造有限公司',
    creditCode: '91330109MA2B7KXW5',
    industry: '装备制造',
    companySize: '1000-4999',
    region: '华东',
    address: '浙江省杭州市萧山区经济技术开发区建设一路 66 号',
    phone: '0571-8765 4321',
    website: 'xinghe-machinery.example.cn',
    team: 'east',
    owner: 'east-rep-2',
    tags: ['预算敏感型'],
    tier: 'growth',
    lifecycleStage: 'growth',
    notes: '首单为产线数据采集试点，二期看预算审批。',
    contacts: [
      {
        key: 'plant',
        name: '钱建华',
        title: '厂长',
        department: '生产部',
        role: 'influencer',
        attitude: 'supporter',
        phone: '135 8800 1234',
      },
      {
        key: 'buyer',
        name: '冯雪',
        title: '采购主管',
        department: '采购部',
        role: 'procurement',
        attitude: 'neutral',
        email: 'feng.xue@xinghe.example.cn',
        preferences: '比价严格，需要三家报价',
      },
      {
        key: 'eng',
        name: '蒋涛',
        title: '设备工程师',
        department: '设备部',
        role: 'user',
        attitude: 'supporter',
        reportsTo: 'plant',
      },
    ],
  },
  {
    key: 'chuangxin',
    name: '创芯电子',
    legalName: '深圳市创芯电子有限公司',
    creditCode: '91440300MA5FQ3RT6',
    industry: '电子制造',
    companySize: '500-999',
    region: '华南',
    address: '广东省深圳市南山区科技园南区高新南七道 18 号',
    phone: '0755-2661 9900',
    website: 'https://chuangxin.example.cn',
    team: 'south',
    owner: 'south-rep-1',
    tags: ['预算敏感型', '快速决策'],
    tier: 'potential',
    lifecycleStage: 'potential',
    notes: '老板亲自拍板，试用期 30 天。',
    contacts: [
      {
        key: 'boss',
        name: '黄伟明',
        title: '董事长',
        department: '董事会',
        role: 'decision_maker',
        attitude: 'neutral',
        phone: '138 2345 6789',
        wechat: 'hwm_cx',
        preferences: '微信沟通为主，晚上回复',
      },
      {
        key: 'it',
        name: '李嘉欣',
        title: 'IT 主管',
        department: '信息部',
        role: 'technical_evaluator',
        attitude: 'supporter',
        reportsTo: 'boss',
      },
    ],
  },
  {
    key: 'yuehai',
    name: '粤海物流',
    legalName: '广州粤海物流有限公司',
    creditCode: '91440101MA59KD7N2',
    industry: '交通物流',
    companySize: '1000-4999',
    region: '华南',
    address: '广东省广州市黄埔区港前路 531 号',
    phone: '020-8220 6600',
    website: 'https://yuehai-logistics.example.cn',
    team: 'south',
    owner: 'south-rep-2',
    tags: ['预算敏感型'],
    tier: 'dormant',
    lifecycleStage: 'decline',
    notes: '今年用量下降，需回访了解需求变化，考虑轻量方案。',
    contacts: [
      {
        key: 'ops',
        name: '何志勇',
        title: '运营副总',
        department: '运营中心',
        role: 'influencer',
        attitude: 'opponent',
        phone: '139 0220 8811',
      },
    ],
  },
  {
    key: 'huaxin',
    name: '华信金融服务',
    legalName: '北京华信金融服务股份有限公司',
    creditCode: '91110108MA01R2H4X',
    industry: '金融服务',
    companySize: '5000+',
    region: '华北',
    address: '北京市海淀区中关村大街 27 号华信大厦',
    phone: '010-8265 3300',
    website: 'https://huaxin-fin.example.cn',
    team: 'north',
    owner: 'north-rep-1',
    tags: ['合规要求高', '战略合作'],
    tier: 'strategic',
    lifecycleStage: 'mature',
    notes: '所有采购需走信息安全评审；年度框架，季度回顾会。',
    contacts: [
      {
        key: 'vp',
        name: '宋立新',
        title: '副总裁（分管科技）',
        department: '总裁办',
        role: 'decision_maker',
        attitude: 'supporter',
        email: 'song.lixin@huaxin-fin.example.cn',
      },
      {
        key: 'sec',
        name: '韩冰',
        title: '信息安全总监',
        department: '风险管理部',
        role: 'technical_evaluator',
        attitude: 'neutral',
        reportsTo: 'vp',
        preferences: '要求提供等保三级与渗透测试报告',
      },
      {
        key: 'fin',
        name: '杨帆',
        title: '财务经理',
        department: '财务部',
        role: 'finance',
        attitude: 'neutral',
        reportsTo: 'vp',
      },
      {
        key: 'buyer',
        name: '邓丽',
        title: '集中采购主管',
        department: '采购中心',
        role: 'procurement',
        attitude: 'supporter',
        reportsTo: 'fin',
        phone: '010-8265 3321',
      },
      {
        key: 'user',
        name: '曹宇',
        title: '客服中心经理',
        department: '客户服务部',
        role: 'user',
        attitude: 'supporter',
        reportsTo: 'vp',
      },
      {
        key: 'audit',
        name: '许晴',
        title: '内审经理',
        department: '审计部',
        role: 'influencer',
        attitude: 'opponent',
        preferences: '关注合同变更条款',
      },
    ],
  },
  {
    key: 'ganglian',
    name: '港联贸易',
    legalName: '天津港联国际贸易有限公司',
    creditCode: '91120116MA06A1B3C',
    industry: '批发贸易',
    companySize: '100-499',
    region: '华北',
    address: '天津市滨海新区天津港保税区海滨八路 99 号',
    phone: '022-2576 8800',
    website: 'ganglian-trade.example.cn',
    team: 'north',
    owner: 'north-rep-2',
    tags: [],
    tier: 'dormant',
    lifecycleStage: 'churned',
    notes: '合同到期未续约（转向竞品），半年后做一次赢回回访。',
    contacts: [
      {
        key: 'gm',
        name: '马国庆',
        title: '总经理',
        role: 'decision_maker',
        attitude: 'opponent',
        phone: '136 2012 7788',
      },
    ],
  },
  {
    key: 'lumen',
    name: 'Lumen Analytics',
    legalName: 'Lumen Analytics Pte. Ltd.',
    taxId: 'UEN 201912345K',
    industry: 'Software & data',
    companySize: '100-499',
    region: 'Singapore',
    address: '71 Ayer Rajah Crescent, #05-12, Singapore 139951',
    phone: '+65 6773 1200',
    website: 'https://lumen-analytics.example.sg',
    team: 'intl',
    owner: 'intl-rep-1',
    tags: ['技术驱动型', '快速决策'],
    tier: 'growth',
    lifecycleStage: 'growth',
    notes: 'Expanding to Jakarta next year; wants a regional rollout plan.',
    contacts: [
      {
        key: 'coo',
        name: 'Sarah Lim',
        title: 'COO',
        role: 'decision_maker',
        attitude: 'supporter',
        email: 'sarah.lim@lumen-analytics.example.sg',
        preferences: 'Short calls, agenda in advance',
      },
      {
        key: 'eng',
        name: 'Arjun Mehta',
        title: 'Head of Engineering',
        role: 'technical_evaluator',
        attitude: 'neutral',
        reportsTo: 'coo',
        email: 'arjun.mehta@lumen-analytics.example.sg',
      },
      {
        key: 'fin',
        name: 'Grace Tan',
        title: 'Finance Manager',
        role: 'finance',
        attitude: 'unknown',
        reportsTo: 'coo',
      },
    ],
  },
];

/** Adds the demo customers, contacts and tags; returns how many of each. */
export async function seedDemoCustomers(
  db: DatabaseHandle,
  company: DemoCompany,
): Promise<{ customers: number; contacts: number; tags: number }> {
  const actor = systemActor(company.tenantId);
  const userId = (key: string) => company.users.find((u) => u.key === key)?.id ?? null;
  const teamId = (key: string) => company.teams.find((t) => t.key === key)?.id ?? null;
  return withTenant(db, company.tenantId, async (tx) => {
    for (const tag of TAGS) {
      const [row] = await tx
        .insert(customerTags)
        .values({ tenantId: company.tenantId, id: uuidv7(), ...tag })
        .returning();
      await writeAudit(tx, actor, {
        entity: 'customer_tag',
        entityId: row?.id ?? null,
        action: 'create',
        changes: changesBetween(null, row ?? null, ['name', 'color']),
      });
    }
    const ids = new Map<string, string>();
    let contactCount = 0;
    for (const c of CUSTOMERS) {
      const [row] = await tx
        .insert(customers)
        .values({
          tenantId: company.tenantId,
          id: uuidv7(),
          name: c.name,
          nameNorm: normalizeCompany(c.name) ?? c.name,
          legalName: c.legalName,
          legalNameNorm: normalizeCompany(c.legalName),
          creditCode: c.creditCode ? c.creditCode + creditCodeCheckDigit(c.creditCode) : null,
          taxId: c.taxId ?? null,
          industry: c.industry,
          companySize: c.companySize,
          region: c.region,
          address: c.address,
          phone: c.phone,
          phoneNorm: normalizePhone(c.phone),
          website: c.website,
          parentId: c.parent ? (ids.get(c.parent) ?? null) : null,
          tags: c.tags,
          ownerId: userId(c.owner),
          teamId: teamId(c.team),
          tier: c.tier,
          lifecycleStage: c.lifecycleStage,
          notes: c.notes,
        })
        .returning();
      if (!row) continue;
      ids.set(c.key, row.id);
      await writeAudit(tx, actor, {
        entity: 'customer',
        entityId: row.id,
        action: 'create',
        changes: changesBetween(null, row, ['name', 'legalName', 'creditCode', 'ownerId', 'teamId', 'tags']),
      });
      // Managers are listed before those who report to them.
      const contactIds = new Map<string, string>();
      for (const p of c.contacts) {
        const [contact] = await tx
          .insert(contacts)
          .values({
            tenantId: company.tenantId,
            id: uuidv7(),
            customerId: row.id,
            name: p.name,
            title: p.title,
            department: p.department ?? null,
            phone: p.phone ?? null,
            phoneNorm: normalizePhone(p.phone),
            email: p.email ?? null,
            emailNorm: normalizeEmail(p.email),
            wechat: p.wechat ?? null,
            preferences: p.preferences ?? '',
            role: p.role,
            attitude: p.attitude,
            reportsToId: p.reportsTo ? (contactIds.get(p.reportsTo) ?? null) : null,
            ownerId: row.ownerId,
          })
          .returning();
        if (!contact) continue;
        contactIds.set(p.key, contact.id);
        contactCount += 1;
        await writeAudit(tx, actor, {
          entity: 'contact',
          entityId: contact.id,
          action: 'create',
          changes: changesBetween(null, contact, [
            'name',
            'customerId',
            'title',
            'role',
            'attitude',
            'reportsToId',
          ]),
        });
      }
    }
    return { customers: ids.size, contacts: contactCount, tags: TAGS.length };
  });
}
