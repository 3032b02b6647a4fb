import type { Locale } from '@contracts/common';
import type { PipelineKind, StageForecast, StageGate } from '@contracts/pipelines.contract';
import type { z } from 'zod';

/**
 * The two sales paths of DOMAIN.md §8 as the pipelines a company starts with. Names come in the language of
 * whoever first opens the pipelines; every number and gate is a default the company edits afterwards.
 */

type TemplateStage = {
  name: Record<Locale, string>;
  probability: number;
  forecastCategory: z.infer<typeof StageForecast>;
  agingDays: number | null;
  gates: StageGate[];
};

type Template = { kind: PipelineKind; name: Record<Locale, string>; stages: TemplateStage[] };

export const PIPELINE_TEMPLATES: readonly Template[] = [
  {
    kind: 'new_customer',
    name: { 'zh-CN': '新客户销售流程', 'en-US': 'New customer' },
    stages: [
      {
        name: { 'zh-CN': '线索', 'en-US': 'Lead' },
        probability: 10,
        forecastCategory: 'pipeline',
        agingDays: 14,
        gates: [{ kind: 'fieldsSet', fields: ['contacts'] }],
      },
      {
        name: { 'zh-CN': '初次接触', 'en-US': 'First contact' },
        probability: 20,
        forecastCategory: 'pipeline',
        agingDays: 21,
        gates: [{ kind: 'corePainPoints', min: 3 }],
      },
      {
        name: { 'zh-CN': '产品演示', 'en-US': 'Demo' },
        probability: 40,
        forecastCategory: 'pipeline',
        agingDays: 21,
        gates: [{ kind: 'needsConfirmed' }, { kind: 'decisionMakerKnown' }],
      },
      {
        name: { 'zh-CN': '方案', 'en-US': 'Proposal' },
        probability: 60,
        forecastCategory: 'best_case',
        agingDays: 30,
        gates: [{ kind: 'proposalApproved' }, { kind: 'proposalPresented' }],
      },
      {
        name: { 'zh-CN': '商务谈判', 'en-US': 'Negotiation' },
        probability: 80,
        forecastCategory: 'commit',
        agingDays: 30,
        gates: [{ kind: 'noOpenObjections' }, { kind: 'minutesSigned' }],
      },
      {
        name: { 'zh-CN': '签约', 'en-US': 'Signing' },
        probability: 90,
        forecastCategory: 'commit',
        agingDays: 14,
        gates: [{ kind: 'fieldsSet', fields: ['amount', 'expectedCloseOn'] }],
      },
    ],
  },
  {
    kind: 'existing_customer',
    name: { 'zh-CN': '老客户销售流程', 'en-US': 'Existing customer' },
    stages: [
      {
        name: { 'zh-CN': '定期复访', 'en-US': 'Revisit' },
        probability: 20,
        forecastCategory: 'pipeline',
        agingDays: 30,
        gates: [],
      },
      {
        name: { 'zh-CN': '需求挖掘', 'en-US': 'Need mining' },
        probability: 40,
        forecastCategory: 'pipeline',
        agingDays: 30,
        gates: [{ kind: 'corePainPoints', min: 1 }, { kind: 'needsConfirmed' }],
      },
      {
        name: { 'zh-CN': '交叉销售/增购', 'en-US': 'Cross-sell / upsell' },
        probability: 60,
        forecastCategory: 'best_case',
        agingDays: 30,
        gates: [{ kind: 'proposalApproved' }],
      },
      {
        name: { 'zh-CN': '续约谈判', 'en-US': 'Renewal negotiation' },
        probability: 80,
        forecastCategory: 'commit',
        agingDays: 30,
        gates: [{ kind: 'noOpenObjections' }, { kind: 'minutesSigned' }],
      },
    ],
  },
];

/** Loss reasons a company starts with. */
export const LOSS_REASON_TEMPLATES: readonly Record<Locale, string>[] = [
  { 'zh-CN': '价格过高', 'en-US': 'Price too high' },
  { 'zh-CN': '选择了竞品', 'en-US': 'Chose a competitor' },
  { 'zh-CN': '预算取消或削减', 'en-US': 'Budget cut or cancelled' },
  { 'zh-CN': '需求不匹配', 'en-US': 'Needs not met' },
  { 'zh-CN': '决策推迟/无决策', 'en-US': 'No decision / postponed' },
  { 'zh-CN': '关键联系人离职', 'en-US': 'Key contact left' },
  { 'zh-CN': '其他', 'en-US': 'Other' },
];
