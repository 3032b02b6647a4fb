import type { Attitude, DecisionRole } from '@contracts/customers.contract';
import type { NeedExplicitness, NeedKind, NeedPriority } from '@contracts/deal-needs.contract';
import type { ObjectionType, ResponseMethod } from '@contracts/deal-negotiation.contract';

/**
 * The demo company's deals (issue 6 "Demo data"): a seller of industrial IoT and enterprise software (equipment
 * connectivity, MES, data and R&D platforms) working the demo customers. Chinese where the demo customers are
 * Chinese, English for the Singapore account. Every open deal sits in a stage whose earlier gates its records
 * satisfy (needs, decision maker, approved and presented proposal, signed minutes), so moving it on in the demo
 * asks for exactly what the next gate asks for.
 */

export type DemoCompetitor = {
  key: string;
  name: string;
  website: string;
  strengths: string;
  weaknesses: string;
  differentiation: string;
};

export const DEMO_COMPETITORS: readonly DemoCompetitor[] = [
  {
    key: 'zhilian',
    name: '智联工业云',
    website: 'https://zhilian-iiot.example.cn',
    strengths: '设备协议库全，华东制造业案例多；硬件网关自产，报价低。',
    weaknesses: '软件定制能力弱，数据分析靠第三方；实施团队流动大。',
    differentiation: '强调 OEE 与质量追溯的一体化分析，和我们的本地驻场实施团队。',
  },
  {
    key: 'huixin',
    name: '汇信软件',
    website: 'https://huixin-soft.example.cn',
    strengths: '老牌 ERP 厂商，品牌知名度高，大客户高层关系好。',
    weaknesses: '产品笨重、二次开发贵，上线周期通常 9 个月以上。',
    differentiation: '用三个月上线的同行案例和总拥有成本对比说话。',
  },
  {
    key: 'shukai',
    name: '数楷科技',
    website: 'https://shukai.example.cn',
    strengths: 'SaaS 订阅价格低，开通快，中小企业口碑好。',
    weaknesses: '不支持私有化部署，权限与审计功能弱，大客户服务响应慢。',
    differentiation: '私有化部署、等保三级与细粒度权限审计；给出三年总价对比。',
  },
  {
    key: 'vantage',
    name: 'Vantage Cloud',
    website: 'https://vantage-cloud.example.com',
    strengths: 'Global brand, strong analytics, many integrations.',
    weaknesses: 'No local team in Southeast Asia or China; support is ticket-only and in English.',
    differentiation:
      'Regional support in Singapore and Jakarta, bilingual rollout team, data residency options.',
  },
];

export type DemoPlaybookEntry = {
  key: string;
  type: ObjectionType;
  title: string;
  method: ResponseMethod;
  body: string;
};

export const DEMO_PLAYBOOK: readonly DemoPlaybookEntry[] = [
  {
    key: 'price-value',
    type: 'price',
    title: '“价格太贵了”：拆解价值',
    method: 'value_breakdown',
    body: '先确认对比的是什么（软件单价还是三年总价）；按停机减少、人工节省和质量损失拆出每年收益，算出回本月数；强调实施和维保已包含在报价中。',
  },
  {
    key: 'price-flex',
    type: 'price',
    title: '预算不够：分期与分阶段上线',
    method: 'flexible_pricing',
    body: '不直接降价：提出按产线分两期上线、首付 30% + 验收 50% + 质保 20%，或把部分模块改为次年订阅；折扣超过底价需经理审批。',
  },
  {
    key: 'delivery-case',
    type: 'delivery',
    title: '担心上线周期与交付风险',
    method: 'case_evidence',
    body: '给出同行业、同规模客户的上线计划和验收报告；安排客户与参考客户的厂长通话；承诺里程碑与驻场人员名单写入合同。',
  },
  {
    key: 'competitor-tco',
    type: 'competitor',
    title: '竞品更便宜：三年总拥有成本对比',
    method: 'value_breakdown',
    body: '列出竞品报价未含的项目（网关、二次开发、私有化部署、年费涨幅），用三年总拥有成本表对比；不贬低对手，只摆事实。',
  },
  {
    key: 'terms-payment',
    type: 'terms',
    title: '付款条件与违约责任',
    method: 'other',
    body: '付款节点与验收里程碑挂钩；违约责任上限对等，按合同总额的 10% 封顶；知识产权与数据归属单独条款写清。',
  },
];

/** One need of a deal: [kind, priority, explicitness, description]. */
export type DemoNeedItem = readonly [NeedKind, NeedPriority, NeedExplicitness, string];

export type DemoNeeds = {
  currentBusiness: string;
  currentTools: string;
  expectedResults: string;
  decisionProcess: string;
  /** Budget range in yuan (or the deal's currency units). */
  budget: readonly [number, number] | null;
  paymentPreference: string;
  specialRequirements: string;
  summary: string;
  /** Confirmed by this person on the customer's side, this many days ago. */
  confirmed?: { by: string; daysAgo: number };
  items: readonly DemoNeedItem[];
};

/** A proposal line: [description, quantity, unit price in currency units, discount %]. */
export type DemoLine = readonly [string, number, number, number];

export type DemoVersion = {
  status: 'draft' | 'in_review' | 'approved' | 'returned' | 'presented' | 'superseded';
  /** Review decisions in order (the last one sets approved/returned). */
  reviews?: readonly { decision: 'approved' | 'returned'; comment: string }[];
  feedback?: readonly {
    kind: 'concern' | 'change_request' | 'praise';
    body: string;
    status: 'open' | 'addressed';
  }[];
  /** Extra discount on every line of this version (a later version often gives a little). */
  extraDiscount?: number;
  daysAgo: number;
};

export type DemoProposal = {
  title: string;
  overview: string;
  valueProposition: string;
  lines: readonly DemoLine[];
  milestones: readonly (readonly [title: string, inDays: number, owner: string])[];
  /** Yearly benefit and saving (currency units) for the ROI estimate. */
  roi: readonly [benefit: number, saving: number];
  pricingNote: string;
  /** The answer to each core pain point, in the order of the needs' core pain points. */
  answers: readonly string[];
  versions: readonly DemoVersion[];
};

export type DemoObjection = {
  type: ObjectionType;
  description: string;
  status: 'open' | 'resolved' | 'unresolved';
  playbook?: string;
  strategy: string;
  outcome: string;
};

export type DemoMinutes = {
  daysAgo: number;
  attendees: string;
  result: 'agreed' | 'no_agreement';
  /** Final price (currency units) when agreed. */
  price?: number;
  deliveryTime?: string;
  paymentTerms?: string;
  liability?: string;
  otherTerms?: string;
  nextSteps: string;
  nextMeetingInDays?: number;
  strategyNote?: string;
  signedBy?: string;
  /** A price under the floor: approved by the manager, or still waiting. */
  floor?: 'approved' | 'pending';
  floorComment?: string;
};

export type DemoDeal = {
  name: string;
  /** The demo customer's name (customers seeder). */
  customer: string;
  pipeline: 'new_customer' | 'existing_customer';
  /** Stage position in the pipeline (the last one for won deals). */
  stage: number;
  currency?: string;
  amount: number;
  createdDaysAgo: number;
  /** Days in the current stage (open deals). */
  daysInStage: number;
  closeInDays: number;
  nextStep?: string;
  proposalDueInDays?: number;
  /** Deal contacts by name, the first one primary. */
  contacts: readonly { name: string; role: DecisionRole; attitude: Attitude }[];
  needs?: DemoNeeds;
  proposal?: DemoProposal;
  objections?: readonly DemoObjection[];
  minutes?: readonly DemoMinutes[];
  competitors?: readonly { key: string; price?: number; differentiation: string; note: string }[];
  outcome?:
    | { status: 'won'; daysAgo: number; against?: string; note: string }
    | {
        status: 'lost';
        daysAgo: number;
        /** Position of the loss reason in the company's list (pipeline-templates LOSS_REASON_TEMPLATES). */
        reason: number;
        competitor?: string;
        note: string;
      };
};

const MES_LINES: readonly DemoLine[] = [
  ['MES 生产执行系统 基础平台', 1, 320_000, 0],
  ['质量追溯模块', 1, 120_000, 0],
  ['SMT 车间设备接口开发（台）', 18, 4_500, 0],
  ['实施与驻场服务（人天）', 90, 2_400, 5],
  ['首年维保', 1, 60_000, 0],
];

export const DEMO_DEALS: readonly DemoDeal[] = [
  // New-customer pipeline ------------------------------------------------------------------------------
  {
    name: '创芯电子 · SMT 车间设备联网试点',
    customer: '创芯电子',
    pipeline: 'new_customer',
    stage: 0,
    amount: 180_000,
    createdDaysAgo: 4,
    daysInStage: 4,
    closeInDays: 75,
    nextStep: '约 IT 主管做 30 分钟电话调研',
    contacts: [{ name: '李嘉欣', role: 'technical_evaluator', attitude: 'supporter' }],
  },
  {
    name: '星河机械 · 二期全厂设备联网与 OEE 分析',
    customer: '星河机械',
    pipeline: 'new_customer',
    stage: 1,
    amount: 860_000,
    createdDaysAgo: 18,
    daysInStage: 9,
    closeInDays: 100,
    nextStep: '到萧山工厂现场调研三条产线',
    contacts: [
      { name: '钱建华', role: 'influencer', attitude: 'supporter' },
      { name: '蒋涛', role: 'user', attitude: 'supporter' },
    ],
    needs: {
      currentBusiness: '三个车间 120 台数控与冲压设备，两班倒；一期在 1 号线做了数据采集试点。',
      currentTools: '纸质点检表 + Excel 日报；一期试点平台只覆盖 1 号线。',
      expectedResults: '全厂 OEE 可视化，停机原因自动归类。',
      decisionProcess: '厂长提需求，总经理拍板（尚未接触），采购比价三家。',
      budget: [600_000, 900_000],
      paymentPreference: '按验收分期',
      specialRequirements: '老设备（2010 年前）需要加装传感器。',
      summary: '',
      items: [
        ['pain_point', 'core', 'explicit', '停机原因靠人工记录，月底才知道哪台设备拖了产能'],
        ['pain_point', 'core', 'explicit', '换线时间长，计划排产经常被打乱'],
        ['goal', 'secondary', 'explicit', '把 OEE 从约 58% 提到 70%'],
        ['pain_point', 'potential', 'implicit', '设备工程师加班多，流失风险高'],
      ],
    },
    competitors: [
      {
        key: 'zhilian',
        differentiation: '对方只做采集，我们带 OEE 分析与排产联动。',
        note: '厂长说智联来做过演示，网关报价便宜。',
      },
    ],
  },
  {
    name: '云帆科技（苏州） · 研发协同平台',
    customer: '云帆科技（苏州）',
    pipeline: 'new_customer',
    stage: 2,
    amount: 420_000,
    createdDaysAgo: 30,
    daysInStage: 6,
    closeInDays: 60,
    nextStep: '请吴磊引荐上海总部的决策人',
    contacts: [
      { name: '吴磊', role: 'technical_evaluator', attitude: 'supporter' },
      { name: '郑佳', role: 'user', attitude: 'neutral' },
    ],
    needs: {
      currentBusiness: '苏州研发中心 150 人，承接总部的嵌入式与测试外包。',
      currentTools: '开源缺陷跟踪工具 + 共享盘文档，和总部系统不通。',
      expectedResults: '需求、缺陷、测试用例在一个平台闭环，和总部打通。',
      decisionProcess: '子公司 IT 评估，上海总部 CTO 刘海审批，集团采购统一签约。',
      budget: [300_000, 500_000],
      paymentPreference: '沿用总部框架价格',
      specialRequirements: '需支持与总部单点登录。',
      summary: '',
      items: [
        ['pain_point', 'core', 'explicit', '需求变更在两地之间靠邮件传递，经常漏改'],
        ['pain_point', 'core', 'explicit', '测试用例与缺陷无法追溯到需求'],
        ['pain_point', 'core', 'implicit', '外包项目工时无法核算，项目利润看不清'],
        ['requirement', 'secondary', 'explicit', '与总部 LDAP 单点登录'],
      ],
    },
  },
  {
    name: 'Lumen Analytics · Jakarta regional rollout',
    customer: 'Lumen Analytics',
    pipeline: 'new_customer',
    stage: 2,
    currency: 'SGD',
    amount: 145_000,
    createdDaysAgo: 26,
    daysInStage: 5,
    closeInDays: 55,
    nextStep: 'Live demo for the Jakarta team lead on Thursday',
    contacts: [
      { name: 'Sarah Lim', role: 'decision_maker', attitude: 'supporter' },
      { name: 'Arjun Mehta', role: 'technical_evaluator', attitude: 'neutral' },
    ],
    needs: {
      currentBusiness: 'Opening a Jakarta office of 40 analysts next spring; Singapore runs 90 people today.',
      currentTools: 'Spreadsheets and a legacy ticketing tool per office.',
      expectedResults: 'One platform for both offices with Bahasa Indonesia support.',
      decisionProcess:
        'COO decides; Head of Engineering signs off on security; Finance approves payment terms.',
      budget: [120_000, 160_000],
      paymentPreference: 'Quarterly in advance',
      specialRequirements: 'Data stays in the Singapore region.',
      summary: '',
      items: [
        ['pain_point', 'core', 'explicit', 'No shared view of client projects across offices'],
        ['pain_point', 'core', 'explicit', 'Onboarding a new analyst takes six weeks'],
        ['pain_point', 'core', 'implicit', 'Manual month-end reporting to the board'],
        ['requirement', 'secondary', 'explicit', 'Bahasa Indonesia user interface'],
      ],
    },
    competitors: [
      {
        key: 'vantage',
        price: 128_000,
        differentiation: 'Local rollout team in Jakarta; support in Bahasa and English.',
        note: 'Arjun has used Vantage before.',
      },
    ],
  },
  {
    name: '华信金融服务 · 客服中心智能质检',
    customer: '华信金融服务',
    pipeline: 'new_customer',
    stage: 3,
    amount: 1_150_000,
    createdDaysAgo: 55,
    daysInStage: 8,
    closeInDays: 45,
    nextStep: '方案 v2 经理审批后约宋总汇报',
    proposalDueInDays: 5,
    contacts: [
      { name: '宋立新', role: 'decision_maker', attitude: 'supporter' },
      { name: '曹宇', role: 'user', attitude: 'supporter' },
      { name: '韩冰', role: 'technical_evaluator', attitude: 'neutral' },
      { name: '邓丽', role: 'procurement', attitude: 'neutral' },
    ],
    needs: {
      currentBusiness: '客服中心 600 坐席，日均 4 万通电话，质检靠 20 人抽检 2%。',
      currentTools: '录音系统 + 人工抽检表。',
      expectedResults: '全量质检，合规风险当天发现。',
      decisionProcess: '客服中心提需求，分管科技副总裁决策，信息安全评审与集中采购比选。',
      budget: [1_000_000, 1_300_000],
      paymentPreference: '按季度付款',
      specialRequirements: '本地化部署，通过信息安全评审；录音不出数据中心。',
      summary: '核心需求：全量质检 + 合规风险当日预警 + 坐席辅导闭环。',
      confirmed: { by: '宋立新', daysAgo: 20 },
      items: [
        ['pain_point', 'core', 'explicit', '只抽检 2% 通话，监管检查发现的违规事前不知道'],
        ['pain_point', 'core', 'explicit', '质检员 20 人成本高，标准不一'],
        ['pain_point', 'core', 'explicit', '投诉升级后才知道坐席话术问题'],
        ['goal', 'secondary', 'explicit', '质检覆盖率 100%，投诉率下降 20%'],
        ['requirement', 'core', 'explicit', '本地化部署并通过信息安全评审'],
      ],
    },
    proposal: {
      title: '客服中心智能质检解决方案',
      overview: '语音转写 + 规则与模型质检 + 坐席辅导看板，本地化部署。',
      valueProposition: '全量质检替代 2% 抽检，质检人力减半，合规风险当日预警。',
      lines: [
        ['智能质检平台 软件许可（坐席）', 600, 1_200, 10],
        ['语音转写引擎 本地化部署', 1, 260_000, 0],
        ['实施与模型调优（人天）', 80, 2_800, 0],
        ['首年维保', 1, 90_000, 0],
      ],
      milestones: [
        ['信息安全评审通过', 20, '华信信息安全部'],
        ['试点 100 坐席上线', 50, '我方实施团队'],
        ['全量上线与验收', 100, '双方项目经理'],
      ],
      roi: [300_000, 900_000],
      pricingNote: '坐席许可 9 折；维保次年起按许可费 15%。',
      answers: [
        '全量转写与规则质检，违规话术当天推送质检主管。',
        '自动质检覆盖全部通话，质检员转为复核与辅导，人力可减至 8 人。',
        '坐席辅导看板按话术问题推送训练任务，投诉前发现问题。',
      ],
      versions: [
        {
          status: 'superseded',
          reviews: [
            { decision: 'returned', comment: '缺少本地化部署的硬件清单，ROI 的质检人力节省要写明依据。' },
          ],
          daysAgo: 14,
        },
        { status: 'in_review', extraDiscount: 0, daysAgo: 2 },
      ],
    },
    competitors: [
      {
        key: 'huixin',
        price: 1_380_000,
        differentiation: '三个月上线、本地化部署已过多家银行安全评审。',
        note: '汇信与华信 IT 部门关系好，但上线周期长。',
      },
    ],
  },
  {
    name: '云帆科技 · 数据治理平台',
    customer: '云帆科技',
    pipeline: 'new_customer',
    stage: 3,
    amount: 680_000,
    createdDaysAgo: 70,
    daysInStage: 34,
    closeInDays: 20,
    nextStep: '约陈总和刘海做方案汇报',
    proposalDueInDays: -3,
    contacts: [
      { name: '陈志远', role: 'decision_maker', attitude: 'supporter' },
      { name: '刘海', role: 'technical_evaluator', attitude: 'supporter' },
      { name: '赵敏', role: 'finance', attitude: 'opponent' },
    ],
    needs: {
      currentBusiness: '五条产品线各自建数仓，指标口径不一。',
      currentTools: '自建 Hadoop 集群 + 多套 BI。',
      expectedResults: '统一指标口径与数据血缘，管理层报表当日可用。',
      decisionProcess: 'CTO 评估，总经理决策，财务总监审预算。',
      budget: [500_000, 800_000],
      paymentPreference: '首付 30%，验收 70%',
      specialRequirements: '私有化部署，兼容现有 Hadoop。',
      summary: '核心需求：统一指标口径 + 数据血缘 + 管理层报表提速。',
      confirmed: { by: '刘海', daysAgo: 40 },
      items: [
        ['pain_point', 'core', 'explicit', '同一指标五个口径，经营会上数字对不上'],
        ['pain_point', 'core', 'explicit', '数据出错时查不到来源，排查要两三天'],
        ['pain_point', 'core', 'implicit', '管理层月报要 5 个人做一周'],
        ['goal', 'secondary', 'explicit', '月报当日出'],
      ],
    },
    proposal: {
      title: '云帆科技数据治理平台方案',
      overview: '指标中心 + 数据血缘 + 质量监控，私有化部署在现有集群上。',
      valueProposition: '一个指标一个口径，出错十分钟定位，月报从一周缩到一天。',
      lines: [
        ['数据治理平台 软件许可', 1, 420_000, 5],
        ['指标中心模块', 1, 120_000, 0],
        ['实施服务（人天）', 50, 2_600, 0],
      ],
      milestones: [
        ['指标梳理工作坊', 14, '双方数据团队'],
        ['平台上线', 60, '我方实施团队'],
      ],
      roi: [200_000, 350_000],
      pricingNote: '框架客户价，许可 95 折。',
      answers: [
        '指标中心统一定义与审批，报表只引用已发布指标。',
        '表级与字段级血缘，出错时一键追溯上游。',
        '管理层月报模板化，数据就绪后自动生成。',
      ],
      versions: [
        {
          status: 'approved',
          reviews: [{ decision: 'approved', comment: '价格在框架内，可以提交客户。' }],
          daysAgo: 30,
        },
      ],
    },
  },
  {
    name: '创芯电子 · MES 生产执行系统一期',
    customer: '创芯电子',
    pipeline: 'new_customer',
    stage: 4,
    amount: 760_000,
    createdDaysAgo: 80,
    daysInStage: 10,
    closeInDays: 25,
    nextStep: '下周二与黄董再谈交付周期与付款节点',
    contacts: [
      { name: '黄伟明', role: 'decision_maker', attitude: 'neutral' },
      { name: '李嘉欣', role: 'technical_evaluator', attitude: 'supporter' },
    ],
    needs: {
      currentBusiness: '两条 SMT 线 + 后段组装，月产 30 万片控制板，客户要求全程追溯。',
      currentTools: 'ERP 管订单，车间靠纸质流转卡和 Excel。',
      expectedResults: '客户审厂时 10 分钟拿出任一批次的追溯报告。',
      decisionProcess: '董事长一人拍板；IT 主管负责技术评估。',
      budget: [600_000, 800_000],
      paymentPreference: '分三期：首付、上线、验收',
      specialRequirements: '春节前上线 SMT 段。',
      summary: '核心需求：批次追溯 + 在制品可视 + 不良率分析。',
      confirmed: { by: '黄伟明', daysAgo: 45 },
      items: [
        ['pain_point', 'core', 'explicit', '客户审厂要追溯报告，现在要翻三天纸质记录'],
        ['pain_point', 'core', 'explicit', '在制品数量不清，交期经常延误'],
        ['pain_point', 'core', 'explicit', '不良品原因分析滞后，返工成本高'],
        ['requirement', 'core', 'explicit', '春节前 SMT 段上线'],
        ['goal', 'secondary', 'implicit', '为明年新建第三条产线做准备'],
      ],
    },
    proposal: {
      title: '创芯电子 MES 一期方案',
      overview: 'SMT 段与组装段的工单、追溯、质量管理，对接现有 ERP。',
      valueProposition: '批次追溯 10 分钟出报告，在制品实时可见，不良率按工位分析。',
      lines: MES_LINES,
      milestones: [
        ['蓝图确认', 15, '双方项目组'],
        ['SMT 段上线', 60, '我方实施团队'],
        ['组装段上线与验收', 110, '双方项目经理'],
      ],
      roi: [250_000, 380_000],
      pricingNote: '实施人天 95 折；维保次年起 12%。',
      answers: [
        '条码贯穿物料、工单、工序，追溯报告一键导出。',
        '工序报工实时汇总在制品，交期风险提前预警。',
        '按工位、物料、班次分析不良，自动推送返工原因。',
      ],
      versions: [
        {
          status: 'presented',
          reviews: [{ decision: 'approved', comment: '范围清楚，可以汇报。' }],
          feedback: [
            {
              kind: 'change_request',
              body: '希望把质量追溯模块放进一期，二期再做设备联网。',
              status: 'addressed',
            },
          ],
          daysAgo: 30,
        },
        {
          status: 'presented',
          reviews: [{ decision: 'approved', comment: '追溯模块已并入一期，总价在底价之上。' }],
          feedback: [
            { kind: 'praise', body: '黄董认可追溯演示，尤其是审厂报告的导出。', status: 'open' },
            { kind: 'concern', body: '担心春节前上线来不及。', status: 'open' },
          ],
          extraDiscount: 3,
          daysAgo: 14,
        },
      ],
    },
    objections: [
      {
        type: 'price',
        description: '黄董认为比数楷的 SaaS 报价贵了近一倍。',
        status: 'resolved',
        playbook: 'competitor-tco',
        strategy: '给出三年总拥有成本对比：数楷不支持私有化，接口开发另算。',
        outcome: '客户接受价格差，转而关注交付周期。',
      },
      {
        type: 'delivery',
        description: '担心春节前 SMT 段上线不了，影响年后客户审厂。',
        status: 'open',
        playbook: 'delivery-case',
        strategy: '安排与同类电子厂厂长通话，驻场人员名单写进合同。',
        outcome: '',
      },
    ],
    minutes: [
      {
        daysAgo: 6,
        attendees: '黄伟明、李嘉欣；我方：陈静、黄志强',
        result: 'no_agreement',
        nextSteps: '我方补充驻场计划与参考客户；客户内部确认春节排产。',
        nextMeetingInDays: 5,
        strategyNote: '不再谈价格，集中解决交付顾虑；准备分段验收方案。',
      },
    ],
    competitors: [
      {
        key: 'shukai',
        price: 390_000,
        differentiation: '私有化部署与设备接口；数楷只有标准 SaaS。',
        note: '客户拿数楷报价压价。',
      },
    ],
  },
  {
    name: '华信金融服务 · 信创环境迁移与安全加固',
    customer: '华信金融服务',
    pipeline: 'new_customer',
    stage: 5,
    amount: 1_580_000,
    createdDaysAgo: 120,
    daysInStage: 4,
    closeInDays: 10,
    nextStep: '合同走集中采购用印',
    contacts: [
      { name: '宋立新', role: 'decision_maker', attitude: 'supporter' },
      { name: '韩冰', role: 'technical_evaluator', attitude: 'supporter' },
      { name: '杨帆', role: 'finance', attitude: 'neutral' },
      { name: '许晴', role: 'influencer', attitude: 'neutral' },
    ],
    needs: {
      currentBusiness: '12 套业务系统需在两年内迁到国产化环境。',
      currentTools: '商用数据库与中间件，运维外包。',
      expectedResults: '迁移不停业务，通过监管信创检查。',
      decisionProcess: '信息安全总监评估，副总裁决策，内审参与合同审查。',
      budget: [1_400_000, 1_700_000],
      paymentPreference: '按季度，验收后付尾款',
      specialRequirements: '迁移窗口只能在周末夜间。',
      summary: '核心需求：平滑迁移 + 安全加固 + 通过信创检查。',
      confirmed: { by: '宋立新', daysAgo: 75 },
      items: [
        ['pain_point', 'core', 'explicit', '监管要求两年内完成信创替代，现在没有迁移方案'],
        ['pain_point', 'core', 'explicit', '迁移期间不能中断对客服务'],
        ['pain_point', 'core', 'explicit', '安全基线不统一，审计发现问题多'],
        ['requirement', 'core', 'explicit', '周末夜间迁移窗口'],
      ],
    },
    proposal: {
      title: '信创迁移与安全加固方案',
      overview: '12 套系统分三批迁移，双轨运行，统一安全基线。',
      valueProposition: '零停机迁移，一次通过信创检查，安全审计问题清零。',
      lines: [
        ['迁移评估与方案设计', 1, 220_000, 0],
        ['系统迁移实施（套）', 12, 85_000, 5],
        ['安全基线加固服务', 1, 260_000, 0],
        ['双轨运行保障（月）', 6, 30_000, 0],
      ],
      milestones: [
        ['第一批 4 套系统迁移', 45, '我方迁移团队'],
        ['第二批 5 套系统迁移', 100, '我方迁移团队'],
        ['全部迁移与安全验收', 160, '华信信息安全部'],
      ],
      roi: [400_000, 500_000],
      pricingNote: '迁移实施 95 折。',
      answers: [
        '三批迁移计划与工具，满足两年内替代要求。',
        '双轨运行，周末夜间切换，回退预案。',
        '统一安全基线与配置核查，审计问题逐项整改。',
      ],
      versions: [
        {
          status: 'presented',
          reviews: [{ decision: 'approved', comment: '同意，注意合同里写清回退责任。' }],
          feedback: [
            { kind: 'praise', body: '信息安全部认可双轨运行方案。', status: 'open' },
            { kind: 'change_request', body: '内审要求补充迁移期间的责任划分。', status: 'addressed' },
          ],
          daysAgo: 40,
        },
      ],
    },
    objections: [
      {
        type: 'terms',
        description: '内审要求违约责任不设上限。',
        status: 'resolved',
        playbook: 'terms-payment',
        strategy: '责任对等，上限为合同总额的 10%；数据安全事故单列。',
        outcome: '内审同意 10% 上限，数据安全事故另行约定。',
      },
    ],
    minutes: [
      {
        daysAgo: 5,
        attendees: '宋立新、韩冰、杨帆、许晴；我方：孙丽、赵刚',
        result: 'agreed',
        price: 1_560_000,
        deliveryTime: '签约后 160 天内完成全部迁移',
        paymentTerms: '首付 30%，第二批迁移后 40%，验收后 30%',
        liability: '违约责任上限为合同总额 10%，数据安全事故另行约定',
        otherTerms: '双轨运行 6 个月包含在总价内',
        nextSteps: '合同走集中采购用印流程。',
        signedBy: '宋立新',
      },
    ],
  },

  // Existing-customer pipeline -------------------------------------------------------------------------
  {
    name: '粤海物流 · 年度回访：轻量版看板',
    customer: '粤海物流',
    pipeline: 'existing_customer',
    stage: 0,
    amount: 90_000,
    createdDaysAgo: 6,
    daysInStage: 6,
    closeInDays: 90,
    nextStep: '拜访何总，了解用量下降原因',
    contacts: [{ name: '何志勇', role: 'influencer', attitude: 'neutral' }],
  },
  {
    name: '港联贸易 · 赢回：进销存云平台',
    customer: '港联贸易',
    pipeline: 'existing_customer',
    stage: 1,
    amount: 150_000,
    createdDaysAgo: 15,
    daysInStage: 12,
    closeInDays: 70,
    nextStep: '带新版演示环境见马总',
    contacts: [{ name: '马国庆', role: 'decision_maker', attitude: 'neutral' }],
    needs: {
      currentBusiness: '去年转用竞品，门店从 8 家扩到 12 家。',
      currentTools: '数楷进销存 SaaS。',
      expectedResults: '多仓库存准确，财务月结提速。',
      decisionProcess: '总经理一人决策。',
      budget: [100_000, 180_000],
      paymentPreference: '年付',
      specialRequirements: '',
      summary: '',
      items: [
        ['pain_point', 'core', 'explicit', '多仓调拨后库存对不上，月底盘点差异大'],
        ['pain_point', 'secondary', 'explicit', '现系统报表导出慢'],
      ],
    },
    competitors: [
      {
        key: 'shukai',
        price: 60_000,
        differentiation: '多仓调拨与批次管理；本地服务。',
        note: '客户现在用数楷，年费便宜但多仓功能弱。',
      },
    ],
  },
  {
    name: '星河机械 · 备件管理模块增购',
    customer: '星河机械',
    pipeline: 'existing_customer',
    stage: 2,
    amount: 130_000,
    createdDaysAgo: 35,
    daysInStage: 7,
    closeInDays: 30,
    nextStep: '方案提交经理审批',
    proposalDueInDays: 6,
    contacts: [
      { name: '钱建华', role: 'influencer', attitude: 'supporter' },
      { name: '冯雪', role: 'procurement', attitude: 'neutral' },
    ],
    needs: {
      currentBusiness: '一期试点已用半年，设备部希望把备件纳入系统。',
      currentTools: '备件台账在 Excel。',
      expectedResults: '备件库存下降 15%，关键备件不断供。',
      decisionProcess: '厂长申请，总经理审批，采购比价。',
      budget: [100_000, 150_000],
      paymentPreference: '一次性付款',
      specialRequirements: '与一期平台同一账号体系。',
      summary: '核心需求：关键备件不断供 + 降低备件库存。',
      confirmed: { by: '钱建华', daysAgo: 10 },
      items: [
        ['pain_point', 'core', 'explicit', '关键备件缺货导致停机，去年两次停线超过 8 小时'],
        ['pain_point', 'secondary', 'explicit', '呆滞备件占用资金约 200 万'],
      ],
    },
    proposal: {
      title: '备件管理模块增购方案',
      overview: '在一期平台上增加备件台账、安全库存与领用追踪。',
      valueProposition: '关键备件按停机风险设安全库存，呆滞备件每月提醒。',
      lines: [
        ['备件管理模块 软件许可', 1, 85_000, 0],
        ['实施服务（人天）', 15, 2_400, 0],
        ['维保（年）', 1, 12_000, 0],
      ],
      milestones: [['备件台账导入与上线', 30, '我方实施团队']],
      roi: [0, 260_000],
      pricingNote: '老客户增购，不另收平台费。',
      answers: ['按设备关键度设安全库存，低于阈值自动提醒采购。'],
      versions: [{ status: 'draft', daysAgo: 3 }],
    },
  },
  {
    name: '云帆科技 · 2027 年度框架续约',
    customer: '云帆科技',
    pipeline: 'existing_customer',
    stage: 3,
    amount: 980_000,
    createdDaysAgo: 50,
    daysInStage: 9,
    closeInDays: 35,
    nextStep: '等李娜审批底价后回复赵总',
    contacts: [
      { name: '陈志远', role: 'decision_maker', attitude: 'supporter' },
      { name: '赵敏', role: 'finance', attitude: 'opponent' },
      { name: '王蕾', role: 'procurement', attitude: 'neutral' },
    ],
    needs: {
      currentBusiness: '三年框架协议明年 3 月到期，研发人数增至 800。',
      currentTools: '我方研发效能平台（450 账号）。',
      expectedResults: '扩到 800 账号，三年价格锁定。',
      decisionProcess: '总经理决策，财务总监审价格，采购走合同。',
      budget: [850_000, 1_000_000],
      paymentPreference: '按年付款',
      specialRequirements: '价格三年不涨。',
      summary: '核心需求：账号扩容 + 三年锁价。',
      confirmed: { by: '陈志远', daysAgo: 30 },
      items: [
        ['pain_point', 'core', 'explicit', '账号不够用，新员工要排队开通'],
        ['goal', 'core', 'explicit', '三年价格锁定，便于预算'],
        ['pain_point', 'secondary', 'implicit', '财务总监认为使用率不高'],
      ],
    },
    proposal: {
      title: '2027–2029 年度框架续约方案',
      overview: '账号扩至 800，三年锁价，含年度健康检查。',
      valueProposition: '人均成本下降 18%，三年不涨价。',
      lines: [
        ['研发效能平台 年度订阅（账号）', 800, 1_150, 5],
        ['年度健康检查与培训', 1, 60_000, 0],
      ],
      milestones: [['新账号开通', 7, '我方客户成功']],
      roi: [0, 420_000],
      pricingNote: '账号 95 折，三年锁价。',
      answers: ['800 账号一次开通，按部门自动分配。', '合同写明三年单价不变。'],
      versions: [
        {
          status: 'presented',
          reviews: [{ decision: 'approved', comment: '续约价在框架内。' }],
          feedback: [{ kind: 'concern', body: '赵总要求再降 10%，否则只续 600 账号。', status: 'open' }],
          daysAgo: 20,
        },
      ],
    },
    objections: [
      {
        type: 'price',
        description: '财务总监认为使用率不高，要求再降 10%。',
        status: 'open',
        playbook: 'price-value',
        strategy: '拿出过去一年的活跃度与交付周期数据，谈价值而非折扣。',
        outcome: '',
      },
    ],
    minutes: [
      {
        daysAgo: 3,
        attendees: '陈志远、赵敏、王蕾；我方：王伟、李娜',
        result: 'agreed',
        price: 820_000,
        deliveryTime: '签约后 7 天开通新账号',
        paymentTerms: '按年付款，每年 1 月',
        liability: '标准条款',
        otherTerms: '三年锁价',
        nextSteps: '报价低于底价，等经理审批后发合同。',
        signedBy: '陈志远',
        floor: 'pending',
      },
    ],
  },

  // Won and lost -------------------------------------------------------------------------------------
  {
    name: '云帆科技 · 研发效能平台一期',
    customer: '云帆科技',
    pipeline: 'new_customer',
    stage: 5,
    amount: 620_000,
    createdDaysAgo: 150,
    daysInStage: 0,
    closeInDays: -40,
    contacts: [
      { name: '陈志远', role: 'decision_maker', attitude: 'supporter' },
      { name: '刘海', role: 'technical_evaluator', attitude: 'supporter' },
      { name: '孙浩', role: 'user', attitude: 'supporter' },
    ],
    needs: {
      currentBusiness: '研发 450 人，需求到上线平均 6 周。',
      currentTools: '多套开源工具，数据不通。',
      expectedResults: '交付周期缩短 30%。',
      decisionProcess: 'CTO 评估，总经理决策。',
      budget: [550_000, 700_000],
      paymentPreference: '首付 50%，验收 50%',
      specialRequirements: '私有化部署。',
      summary: '核心需求：需求到上线全链路可视 + 交付周期缩短。',
      confirmed: { by: '刘海', daysAgo: 120 },
      items: [
        ['pain_point', 'core', 'explicit', '需求到上线的进度看不见，延期才发现'],
        ['pain_point', 'core', 'explicit', '代码、测试、发布工具割裂，数据靠手工汇总'],
        ['pain_point', 'core', 'implicit', '研发度量缺失，管理层无法评估团队效能'],
      ],
    },
    proposal: {
      title: '研发效能平台一期方案',
      overview: '需求、代码、测试、发布一体化，私有化部署。',
      valueProposition: '交付周期缩短 30%，研发度量自动化。',
      lines: [
        ['研发效能平台 软件许可（账号）', 450, 1_100, 10],
        ['实施服务（人天）', 40, 2_600, 0],
        ['首年维保', 1, 60_000, 0],
      ],
      milestones: [
        ['平台部署', 20, '我方实施团队'],
        ['全员上线', 60, '云帆技术中心'],
      ],
      roi: [300_000, 250_000],
      pricingNote: '首单 9 折。',
      answers: [
        '需求看板贯穿到发布，延期风险提前两周预警。',
        '与代码库和流水线打通，数据自动汇总。',
        '内置交付周期、吞吐量等度量。',
      ],
      versions: [
        {
          status: 'superseded',
          reviews: [{ decision: 'returned', comment: '实施人天偏少，请按 450 人规模重新估算。' }],
          daysAgo: 100,
        },
        {
          status: 'presented',
          reviews: [{ decision: 'approved', comment: '同意。' }],
          feedback: [{ kind: 'praise', body: '刘海认可压测数据与架构。', status: 'open' }],
          daysAgo: 90,
        },
      ],
    },
    objections: [
      {
        type: 'competitor',
        description: '汇信软件同时在投标，报价含三年维保。',
        status: 'resolved',
        playbook: 'competitor-tco',
        strategy: '三年总拥有成本对比，安排参考客户交流。',
        outcome: '客户认可上线周期优势。',
      },
    ],
    minutes: [
      {
        daysAgo: 45,
        attendees: '陈志远、刘海、赵敏；我方：王伟、李娜',
        result: 'agreed',
        price: 530_000,
        deliveryTime: '签约后 60 天全员上线',
        paymentTerms: '首付 50%，验收 50%',
        liability: '违约责任上限为合同总额 10%',
        otherTerms: '',
        nextSteps: '签署合同。',
        signedBy: '陈志远',
        floor: 'approved',
        floorComment: '战略客户首单，同意低于底价，次年续约恢复标准价。',
      },
    ],
    competitors: [
      {
        key: 'huixin',
        price: 750_000,
        differentiation: '两个月上线；汇信需九个月。',
        note: '赢单：客户看重上线周期。',
      },
    ],
    outcome: {
      status: 'won',
      daysAgo: 40,
      against: 'huixin',
      note: '两个月上线的承诺和参考客户交流打动了 CTO。',
    },
  },
  {
    name: 'Lumen Analytics · Singapore seat expansion',
    customer: 'Lumen Analytics',
    pipeline: 'existing_customer',
    stage: 3,
    currency: 'SGD',
    amount: 48_000,
    createdDaysAgo: 60,
    daysInStage: 0,
    closeInDays: -18,
    contacts: [
      { name: 'Sarah Lim', role: 'decision_maker', attitude: 'supporter' },
      { name: 'Grace Tan', role: 'finance', attitude: 'neutral' },
    ],
    needs: {
      currentBusiness: '30 new analysts joined the Singapore office this year.',
      currentTools: 'Our platform, 60 seats.',
      expectedResults: 'Every analyst on the platform by January.',
      decisionProcess: 'COO decides, Finance approves.',
      budget: [40_000, 55_000],
      paymentPreference: 'Quarterly in advance',
      specialRequirements: '',
      summary: 'Core need: 30 more seats before January at the current unit price.',
      confirmed: { by: 'Sarah Lim', daysAgo: 45 },
      items: [['pain_point', 'core', 'explicit', 'New analysts share logins, so audit trails are useless']],
    },
    proposal: {
      title: 'Seat expansion 2026',
      overview: '30 additional seats, co-termed with the current subscription.',
      valueProposition: 'Clean audit trail per analyst; same unit price.',
      lines: [['Platform subscription (seat, co-termed)', 30, 1_500, 0]],
      milestones: [['Seats provisioned', 3, 'Customer success']],
      roi: [0, 60_000],
      pricingNote: 'Current unit price held.',
      answers: ['Named seats for every analyst, provisioned within three days.'],
      versions: [
        {
          status: 'presented',
          reviews: [{ decision: 'approved', comment: 'Standard expansion, approved.' }],
          daysAgo: 35,
        },
      ],
    },
    minutes: [
      {
        daysAgo: 20,
        attendees: 'Sarah Lim, Grace Tan; us: Priya Nair',
        result: 'agreed',
        price: 45_000,
        deliveryTime: 'Seats within 3 working days',
        paymentTerms: 'Quarterly in advance',
        liability: 'Standard terms',
        otherTerms: 'Co-termed with the main subscription',
        nextSteps: 'Order form to be signed.',
        signedBy: 'Sarah Lim',
      },
    ],
    outcome: { status: 'won', daysAgo: 18, note: 'Straightforward expansion; signed in one meeting.' },
  },
  {
    name: '粤海物流 · 车队调度系统',
    customer: '粤海物流',
    pipeline: 'new_customer',
    stage: 2,
    amount: 520_000,
    createdDaysAgo: 110,
    daysInStage: 0,
    closeInDays: -60,
    contacts: [{ name: '何志勇', role: 'influencer', attitude: 'neutral' }],
    needs: {
      currentBusiness: '自有车队 300 辆，华南区域配送。',
      currentTools: '调度员电话 + 微信群派单。',
      expectedResults: '空驶率下降 10%。',
      decisionProcess: '运营副总推动，总经理决策（未接触到）。',
      budget: [300_000, 450_000],
      paymentPreference: '按年订阅',
      specialRequirements: '',
      summary: '',
      items: [
        ['pain_point', 'core', 'explicit', '调度靠人工，空驶率高'],
        ['pain_point', 'core', 'explicit', '司机到点率无法考核'],
        ['pain_point', 'core', 'implicit', '旺季临时加车成本高'],
      ],
    },
    competitors: [
      {
        key: 'zhilian',
        price: 310_000,
        differentiation: '调度算法与报表；对方硬件车载终端便宜。',
        note: '对方捆绑车载终端，整体报价低 40%。',
      },
    ],
    outcome: {
      status: 'lost',
      daysAgo: 60,
      reason: 1,
      competitor: 'zhilian',
      note: '没接触到总经理；竞品捆绑车载终端报价低 40%。',
    },
  },
  {
    name: '星河机械 · 能耗监测模块',
    customer: '星河机械',
    pipeline: 'existing_customer',
    stage: 2,
    amount: 210_000,
    createdDaysAgo: 95,
    daysInStage: 0,
    closeInDays: -35,
    contacts: [
      { name: '钱建华', role: 'influencer', attitude: 'supporter' },
      { name: '冯雪', role: 'procurement', attitude: 'opponent' },
    ],
    needs: {
      currentBusiness: '电费占制造成本 6%，空压机与热处理炉是大户。',
      currentTools: '电表人工抄表。',
      expectedResults: '能耗下降 8%。',
      decisionProcess: '厂长申请，总经理审批，采购三家比价。',
      budget: [120_000, 180_000],
      paymentPreference: '一次性付款',
      specialRequirements: '',
      summary: '核心需求：重点设备能耗实时监测。',
      confirmed: { by: '钱建华', daysAgo: 60 },
      items: [
        ['pain_point', 'core', 'explicit', '不知道哪台设备在空转耗电'],
        ['goal', 'secondary', 'explicit', '申请节能技改补贴需要能耗数据'],
      ],
    },
    proposal: {
      title: '能耗监测模块方案',
      overview: '重点设备加装电表，平台增加能耗看板与报警。',
      valueProposition: '空转报警，一年省电约 40 万元。',
      lines: [
        ['智能电表与安装（台）', 30, 2_200, 0],
        ['能耗监测模块 软件许可', 1, 98_000, 0],
        ['实施服务（人天）', 20, 2_400, 0],
      ],
      milestones: [['电表安装与上线', 30, '我方实施团队']],
      roi: [0, 400_000],
      pricingNote: '',
      answers: ['按设备实时能耗与空转报警。'],
      versions: [
        {
          status: 'approved',
          reviews: [{ decision: 'approved', comment: '可以报。' }],
          daysAgo: 50,
        },
      ],
    },
    objections: [
      {
        type: 'price',
        description: '采购拿到数楷报价 12 万，要求我们降到同价。',
        status: 'unresolved',
        playbook: 'price-flex',
        strategy: '提出分两期安装电表，首期只做空压机房。',
        outcome: '采购坚持最低价中标。',
      },
    ],
    competitors: [
      {
        key: 'shukai',
        price: 120_000,
        differentiation: '与一期平台同一套数据，可做 OEE 与能耗联动。',
        note: '采购三家比价，最低价中标。',
      },
    ],
    outcome: {
      status: 'lost',
      daysAgo: 35,
      reason: 0,
      competitor: 'shukai',
      note: '采购最低价中标，差价 43%。',
    },
  },
];
