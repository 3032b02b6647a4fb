import { uuidv7 } from 'uuidv7';
import { dayIn } from '../../../platform/calendar';
import type { DatabaseHandle } from '../../../platform/db/database';
import { insertMany } from '../../../platform/db/insert-many';
import { withTenant } from '../../../platform/db/tenancy';
import { demoAccounts } from '../../customers';
import { complaints, customerUsage } from '../after-sales.tables';

/**
 * After-sales history of the demo customers, before the first grading so their health reflects it: 60 days of
 * reported usage per account (steady for the strategic account, growing for the growth account, falling for
 * the declining one, gone for the churned one) and complaints, open and resolved.
 */

const DAY = 86_400_000;

/** Daily active users at the start and the end of the 60 days, per tier/stage of the customer seeder. */
const USAGE: Record<string, readonly [start: number, end: number]> = {
  'strategic/mature': [180, 195],
  'growth/growth': [40, 75],
  'potential/potential': [5, 8],
  'dormant/decline': [60, 18],
  'dormant/churned': [12, 0],
};

type DemoComplaint = {
  account: string;
  title: string;
  description: string;
  category: string;
  severity: string;
  daysAgo: number;
  resolvedAfterDays?: number;
  resolution?: string;
};

const COMPLAINTS: readonly DemoComplaint[] = [
  {
    account: 'dormant/decline',
    title: '月结报表数据与财务系统对不上',
    description: '客户财务反映 10 月月结报表的回款金额与其 ERP 不一致，已影响对账。',
    category: 'product',
    severity: 'high',
    daysAgo: 9,
  },
  {
    account: 'dormant/decline',
    title: '实施顾问更换后响应变慢',
    description: '客户项目经理投诉新顾问两次未按约定时间回复。',
    category: 'service',
    severity: 'medium',
    daysAgo: 20,
  },
  {
    account: 'strategic/mature',
    title: '第二批设备到货延迟一周',
    description: '物流原因导致华东仓发货延迟，客户产线调试推迟。',
    category: 'delivery',
    severity: 'medium',
    daysAgo: 35,
    resolvedAfterDays: 3,
    resolution: '加急调拨华南仓库存，并补偿一次现场调试服务。',
  },
  {
    account: 'growth/growth',
    title: '发票抬头开错',
    description: '三月份发票抬头少了“有限公司”，需重开。',
    category: 'billing',
    severity: 'low',
    daysAgo: 14,
    resolvedAfterDays: 1,
    resolution: '已作废重开并快递寄出。',
  },
];

export async function seedDemoAfterSales(
  handle: DatabaseHandle,
  company: { tenantId: string },
  options: { now?: Date } = {},
): Promise<{ complaints: number; usageDays: number }> {
  const { tenantId } = company;
  const now = options.now ?? new Date();
  return withTenant(handle, tenantId, async (tx) => {
    const accounts = await demoAccounts(tx, tenantId);
    const byProfile = new Map(accounts.map((a) => [`${a.tier}/${a.lifecycleStage}`, a]));
    const usage = [];
    for (const [profile, [start, end]] of Object.entries(USAGE)) {
      const account = byProfile.get(profile);
      if (!account) continue;
      for (let i = 0; i < 60; i++) {
        const at = new Date(now.getTime() - (59 - i) * DAY);
        const trend = start + ((end - start) * i) / 59;
        // Weekends are quieter: a B2B system is used on working days.
        const weekday = at.getUTCDay() % 6 === 0 ? 0.35 : 1;
        usage.push({
          tenantId,
          customerId: account.id,
          metric: 'active_users',
          day: dayIn(at, 'Asia/Shanghai'),
          value: Math.round(trend * weekday),
        });
      }
    }
    await insertMany(tx, customerUsage, usage, ['createdAt', 'updatedAt']);
    const rows = COMPLAINTS.flatMap((c) => {
      const account = byProfile.get(c.account);
      if (!account) return [];
      const receivedAt = new Date(now.getTime() - c.daysAgo * DAY);
      const resolvedAt =
        c.resolvedAfterDays === undefined ? null : new Date(receivedAt.getTime() + c.resolvedAfterDays * DAY);
      return [
        {
          tenantId,
          id: uuidv7(),
          customerId: account.id,
          contactId: account.contacts[0]?.id ?? null,
          title: c.title,
          description: c.description,
          category: c.category,
          severity: c.severity,
          status: resolvedAt ? 'resolved' : 'open',
          ownerId: account.ownerId,
          receivedAt,
          resolvedAt,
          resolution: c.resolution ?? null,
          createdAt: receivedAt,
          updatedAt: resolvedAt ?? receivedAt,
        },
      ];
    });
    if (rows.length > 0) await tx.insert(complaints).values(rows);
    return { complaints: rows.length, usageDays: usage.length };
  });
}
