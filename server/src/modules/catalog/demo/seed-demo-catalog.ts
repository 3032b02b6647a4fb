import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { systemActor, writeAudit } from '../../../platform/audit';
import type { DatabaseHandle } from '../../../platform/db/database';
import { withTenant } from '../../../platform/db/tenancy';
import { exchangeRates, priceBookEntries, priceBooks, productBundleItems, products } from '../catalog.tables';

/**
 * The demo catalogue of an industrial-automation and manufacturing-software vendor: hardware, software
 * subscriptions and services in CNY (one camera in USD, one analytics subscription in EUR, so conversion shows),
 * a starter-kit bundle with an optional training, three price books (East China by region with volume tiers,
 * strategic customers by tier, partners by channel) and USD/EUR rates for the last six months. A company that
 * already has products is left alone, so a second run adds nothing.
 */

type DemoCompany = { tenantId: string };

export type SeedDemoCatalogResult = { products: number; priceBooks: number; entries: number; rates: number };

type DemoProduct = {
  code: string;
  nameZh: string;
  nameEn: string;
  description: string;
  category: 'hardware' | 'software' | 'service';
  kind: 'product' | 'service' | 'bundle';
  unit: string;
  /** In major units of the currency, as written on a price list. */
  list: number;
  cost: number | null;
  currency?: 'USD' | 'EUR';
  taxRateBp: number;
};

/** VAT: 13 % on goods and licences, 6 % on services and subscriptions. */
const DEMO_PRODUCTS: readonly DemoProduct[] = [
  {
    code: 'HW-PLC-200',
    nameZh: 'PLC 控制器 CL-200',
    nameEn: 'PLC controller CL-200',
    description: '32 位 CPU，双以太网口 / 32-bit CPU, dual Ethernet',
    category: 'hardware',
    kind: 'product',
    unit: '台',
    list: 12_800,
    cost: 8_200,
    taxRateBp: 1300,
  },
  {
    code: 'HW-HMI-10',
    nameZh: '10 英寸触摸屏 HMI',
    nameEn: '10-inch HMI touch panel',
    description: '',
    category: 'hardware',
    kind: 'product',
    unit: '台',
    list: 4_600,
    cost: 2_900,
    taxRateBp: 1300,
  },
  {
    code: 'HW-IO-16',
    nameZh: '16 路数字量 I/O 模块',
    nameEn: '16-channel digital I/O module',
    description: '',
    category: 'hardware',
    kind: 'product',
    unit: '个',
    list: 1_280,
    cost: 760,
    taxRateBp: 1300,
  },
  {
    code: 'HW-GW-01',
    nameZh: '工业物联网网关',
    nameEn: 'Industrial IoT gateway',
    description: 'OPC UA / Modbus / MQTT',
    category: 'hardware',
    kind: 'product',
    unit: '台',
    list: 6_800,
    cost: 4_100,
    taxRateBp: 1300,
  },
  {
    code: 'HW-SRV-15',
    nameZh: '伺服驱动器 1.5kW',
    nameEn: 'Servo drive 1.5 kW',
    description: '',
    category: 'hardware',
    kind: 'product',
    unit: '台',
    list: 5_200,
    cost: 3_300,
    taxRateBp: 1300,
  },
  {
    code: 'HW-CAM-VIS',
    nameZh: '机器视觉相机（进口）',
    nameEn: 'Machine-vision camera (imported)',
    description: '500 万像素，全局快门 / 5 MP, global shutter',
    category: 'hardware',
    kind: 'product',
    unit: '台',
    list: 1_390,
    cost: 850,
    currency: 'USD',
    taxRateBp: 1300,
  },
  {
    code: 'SW-MES-BASE',
    nameZh: 'MES 制造执行系统 基础版',
    nameEn: 'MES manufacturing execution – Base',
    description: '按用户按年订阅 / per user per year',
    category: 'software',
    kind: 'service',
    unit: '用户·年',
    list: 3_600,
    cost: 600,
    taxRateBp: 600,
  },
  {
    code: 'SW-APS',
    nameZh: 'APS 高级排产模块',
    nameEn: 'APS advanced planning & scheduling',
    description: '按用户按年订阅 / per user per year',
    category: 'software',
    kind: 'service',
    unit: '用户·年',
    list: 4_800,
    cost: 900,
    taxRateBp: 600,
  },
  {
    code: 'SW-SCADA',
    nameZh: 'SCADA 监控软件永久许可',
    nameEn: 'SCADA supervisory perpetual licence',
    description: '',
    category: 'software',
    kind: 'product',
    unit: '套',
    list: 28_000,
    cost: 3_000,
    taxRateBp: 1300,
  },
  {
    code: 'SW-EDGE',
    nameZh: '边缘数据采集软件',
    nameEn: 'Edge data-collection agent',
    description: '',
    category: 'software',
    kind: 'product',
    unit: '节点',
    list: 2_400,
    cost: 300,
    taxRateBp: 1300,
  },
  {
    code: 'SW-PDM-EU',
    nameZh: '预测性维护分析（欧元计价）',
    nameEn: 'Predictive-maintenance analytics (EUR)',
    description: '按工厂按年订阅 / per site per year',
    category: 'software',
    kind: 'service',
    unit: '工厂·年',
    list: 1_200,
    cost: 260,
    currency: 'EUR',
    taxRateBp: 600,
  },
  {
    code: 'SV-IMPL',
    nameZh: '实施服务',
    nameEn: 'Implementation services',
    description: '',
    category: 'service',
    kind: 'service',
    unit: '人天',
    list: 2_800,
    cost: 1_500,
    taxRateBp: 600,
  },
  {
    code: 'SV-TRAIN',
    nameZh: '现场培训',
    nameEn: 'On-site training',
    description: '',
    category: 'service',
    kind: 'service',
    unit: '天',
    list: 3_500,
    cost: 1_800,
    taxRateBp: 600,
  },
  {
    code: 'SV-COMMISSION',
    nameZh: '设备安装调试',
    nameEn: 'Installation & commissioning',
    description: '',
    category: 'service',
    kind: 'service',
    unit: '次',
    list: 8_000,
    cost: 4_500,
    taxRateBp: 600,
  },
  {
    code: 'SV-SUPPORT',
    nameZh: '年度维保服务',
    nameEn: 'Annual support & maintenance',
    description: '7×24 热线，4 小时响应 / 24×7 hotline, 4-hour response',
    category: 'service',
    kind: 'service',
    unit: '年',
    list: 18_000,
    cost: 7_000,
    taxRateBp: 600,
  },
  {
    code: 'BD-LINE-KIT',
    nameZh: '产线数字化入门套装',
    nameEn: 'Production-line digitalisation starter kit',
    description:
      '一条产线的控制、采集与调试；培训为可选项 / control, data collection and commissioning for one line; training optional',
    category: 'hardware',
    kind: 'bundle',
    unit: '套',
    list: 68_000,
    cost: 41_000,
    taxRateBp: 1300,
  },
];

const BUNDLE_ITEMS: readonly { code: string; quantity: string; optional?: boolean }[] = [
  { code: 'HW-PLC-200', quantity: '2' },
  { code: 'HW-HMI-10', quantity: '1' },
  { code: 'HW-IO-16', quantity: '4' },
  { code: 'HW-GW-01', quantity: '1' },
  { code: 'SW-EDGE', quantity: '2' },
  { code: 'SV-COMMISSION', quantity: '1' },
  { code: 'SV-TRAIN', quantity: '2', optional: true },
];

type DemoBook = {
  name: (year: number) => string;
  customerTier: string | null;
  region: string | null;
  channel: string | null;
  priority: number;
  /** code → [min quantity, unit price in yuan] tiers */
  entries: Record<string, readonly (readonly [string, number])[]>;
};

const DEMO_BOOKS: readonly DemoBook[] = [
  {
    name: (year) => `华东区 ${year}`,
    customerTier: null,
    region: '华东',
    channel: null,
    priority: 10,
    entries: {
      'HW-PLC-200': [
        ['1', 12_200],
        ['10', 11_500],
        ['50', 10_900],
      ],
      'HW-HMI-10': [
        ['1', 4_400],
        ['20', 4_100],
      ],
      'HW-IO-16': [
        ['1', 1_200],
        ['100', 1_050],
        ['500', 980],
      ],
      'SW-MES-BASE': [
        ['1', 3_400],
        ['100', 3_000],
      ],
      'SV-IMPL': [['1', 2_600]],
    },
  },
  {
    name: (year) => `战略客户 ${year}`,
    customerTier: 'strategic',
    region: null,
    channel: null,
    priority: 20,
    entries: {
      'HW-PLC-200': [['1', 10_900]],
      'HW-HMI-10': [['1', 3_900]],
      'SW-SCADA': [['1', 23_800]],
      'SW-MES-BASE': [
        ['1', 2_900],
        ['200', 2_600],
      ],
      'SV-IMPL': [['1', 2_500]],
      'SV-SUPPORT': [['1', 15_300]],
      'BD-LINE-KIT': [
        ['1', 59_800],
        ['5', 56_000],
      ],
    },
  },
  {
    name: (year) => `渠道合作伙伴 ${year}`,
    customerTier: null,
    region: null,
    channel: 'partner',
    priority: 5,
    entries: {
      'HW-PLC-200': [
        ['1', 10_200],
        ['20', 9_800],
      ],
      'HW-HMI-10': [['1', 3_700]],
      'HW-IO-16': [['1', 990]],
      'HW-GW-01': [['1', 5_600]],
      'SW-SCADA': [['1', 22_400]],
    },
  },
];

/** CNY per unit on the first day of each of the last six months, oldest first. */
const DEMO_RATES: Record<'USD' | 'EUR', readonly string[]> = {
  USD: ['7.1268', '7.1496', '7.1710', '7.1582', '7.1325', '7.1194'],
  EUR: ['7.7421', '7.8103', '7.8856', '7.9210', '7.8637', '7.8295'],
};

/** Whole major units as minor units (all demo currencies have two decimals; the prices are whole yuan). */
const minor = (major: number) => major * 100;

function firstOfMonth(now: Date, monthsBack: number): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsBack, 1));
  return d.toISOString().slice(0, 10);
}

export async function seedDemoCatalog(
  handle: DatabaseHandle,
  company: DemoCompany,
  options: { now?: Date } = {},
): Promise<SeedDemoCatalogResult> {
  const now = options.now ?? new Date();
  const { tenantId } = company;
  const actor = systemActor(tenantId);
  return withTenant(handle, tenantId, async (tx) => {
    const [existing] = await tx
      .select({ id: products.id })
      .from(products)
      .where(eq(products.tenantId, tenantId))
      .limit(1);
    if (existing) return { products: 0, priceBooks: 0, entries: 0, rates: 0 };

    const idOf = new Map<string, string>();
    for (const p of DEMO_PRODUCTS) {
      const id = uuidv7();
      idOf.set(p.code, id);
      await tx.insert(products).values({
        tenantId,
        id,
        code: p.code,
        nameZh: p.nameZh,
        nameEn: p.nameEn,
        description: p.description,
        category: p.category,
        kind: p.kind,
        unit: p.unit,
        listPriceMinor: minor(p.list),
        currency: p.currency ?? 'CNY',
        taxRateBp: p.taxRateBp,
        costMinor: p.cost === null ? null : minor(p.cost),
      });
      await writeAudit(tx, actor, { entity: 'product', entityId: id, action: 'create' });
    }
    const bundleId = idOf.get('BD-LINE-KIT') ?? '';
    await tx.insert(productBundleItems).values(
      BUNDLE_ITEMS.map((item, position) => ({
        tenantId,
        bundleId,
        itemId: idOf.get(item.code) ?? '',
        quantity: item.quantity,
        optional: item.optional ?? false,
        position,
      })),
    );

    const year = now.getUTCFullYear();
    let entries = 0;
    for (const book of DEMO_BOOKS) {
      const id = uuidv7();
      await tx.insert(priceBooks).values({
        tenantId,
        id,
        name: book.name(year),
        currency: 'CNY',
        customerTier: book.customerTier,
        region: book.region,
        channel: book.channel,
        validFrom: `${year}-01-01`,
        validTo: `${year}-12-31`,
        priority: book.priority,
      });
      const rows = Object.entries(book.entries).flatMap(([code, tiers]) =>
        tiers.map(([minQuantity, price]) => ({
          tenantId,
          id: uuidv7(),
          priceBookId: id,
          productId: idOf.get(code) ?? '',
          minQuantity,
          unitPriceMinor: minor(price),
        })),
      );
      await tx.insert(priceBookEntries).values(rows);
      entries += rows.length;
      await writeAudit(tx, actor, { entity: 'price_book', entityId: id, action: 'create' });
    }

    let rates = 0;
    for (const [currency, values] of Object.entries(DEMO_RATES)) {
      for (const [i, rate] of values.entries()) {
        const effectiveOn = firstOfMonth(now, values.length - 1 - i);
        await tx
          .insert(exchangeRates)
          .values({ tenantId, currency, effectiveOn, rate })
          .onConflictDoNothing();
        rates += 1;
      }
    }
    return { products: DEMO_PRODUCTS.length, priceBooks: DEMO_BOOKS.length, entries, rates };
  });
}
