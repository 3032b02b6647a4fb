import type { Locale } from '@contracts/common';

/** Words the demo activities are written with, in the owner's language. Only definitions live here. */

export type Phrases = {
  topics: readonly string[];
  call: (topic: string, contact: string | null) => string;
  inboundCall: (topic: string, contact: string | null) => string;
  email: (topic: string, contact: string | null) => string;
  inboundEmail: (topic: string, contact: string | null) => string;
  meeting: (topic: string) => string;
  visit: (customer: string, topic: string) => string;
  note: (topic: string) => string;
  tasks: readonly string[];
  callBodies: readonly string[];
  meetingBodies: readonly string[];
  notes: readonly string[];
  meetingPlaces: readonly string[];
  reviews: readonly string[];
};

const ZH: Phrases = {
  topics: [
    '续约条款',
    '二期需求',
    '报价细节',
    '上线进度',
    '培训安排',
    '付款计划',
    '接口对接',
    '安全评审',
    '使用情况回顾',
    '新部门推广',
  ],
  call: (topic, contact) => (contact ? `与${contact}电话沟通${topic}` : `电话沟通${topic}`),
  inboundCall: (topic, contact) => (contact ? `${contact}来电咨询${topic}` : `客户来电咨询${topic}`),
  email: (topic, contact) => (contact ? `给${contact}发送${topic}资料` : `发送${topic}资料`),
  inboundEmail: (topic, contact) => (contact ? `收到${contact}关于${topic}的邮件` : `收到${topic}邮件`),
  meeting: (topic) => `${topic}沟通会`,
  visit: (customer, topic) => `拜访${customer}：${topic}`,
  note: (topic) => `${topic}情况备忘`,
  tasks: [
    '准备续约报价',
    '整理会议纪要并发给客户',
    '安排技术交流会',
    '跟进付款进度',
    '提交安全评审材料',
    '确认培训时间和人数',
    '更新方案 PPT',
    '约客户高层见面',
  ],
  callBodies: [
    '客户认可目前的使用效果，希望下月前拿到新报价。',
    '对方还在内部评估，下周再联系。',
    '关注交付周期，需要我们给出详细排期。',
    '预算已提交审批，财务还有疑问。',
    '客户提出两个新需求，已记录并转产品。',
  ],
  meetingBodies: [
    '议程：1. 现状回顾 2. 需求确认 3. 下一步计划',
    '双方技术负责人参加，确认了接口方案。',
    '客户高层出席，对合作方向表示支持。',
    '讨论了价格和付款方式，客户希望分期。',
  ],
  notes: [
    '客户内部组织调整，决策链可能变化，需重新确认关键人。',
    '竞品最近在接触客户，报价比我们低约 15%。',
    '客户对服务响应速度很满意，可以争取转介绍。',
    '采购流程需要三家比价，提前准备材料。',
  ],
  meetingPlaces: ['腾讯会议', '客户会议室', '我司会议室', '钉钉视频会议'],
  reviews: [
    '总结清楚，明天的计划很具体，继续保持。',
    '重点客户跟进到位。续约报价注意先和财务对齐。',
    '拜访记录要写清楚客户的顾虑和下一步。',
    '注意逾期任务，本周内处理完。',
    '不错，竞品情况请在周会上同步。',
  ],
};

const EN: Phrases = {
  topics: [
    'renewal terms',
    'phase two scope',
    'pricing details',
    'rollout progress',
    'training plan',
    'payment schedule',
    'integration',
    'security review',
    'usage review',
    'regional expansion',
  ],
  call: (topic, contact) => (contact ? `Call with ${contact} on ${topic}` : `Call on ${topic}`),
  inboundCall: (topic, contact) =>
    contact ? `${contact} called about ${topic}` : `Inbound call about ${topic}`,
  email: (topic, contact) => (contact ? `Sent ${contact} notes on ${topic}` : `Sent notes on ${topic}`),
  inboundEmail: (topic, contact) =>
    contact ? `Email from ${contact} about ${topic}` : `Email about ${topic}`,
  meeting: (topic) => `Meeting: ${topic}`,
  visit: (customer, topic) => `Visit to ${customer}: ${topic}`,
  note: (topic) => `Note on ${topic}`,
  tasks: [
    'Prepare the renewal quote',
    'Send the meeting minutes',
    'Set up a technical workshop',
    'Follow up on the payment',
    'Send the security questionnaire',
    'Confirm training dates',
    'Update the proposal deck',
    'Book a meeting with their COO',
  ],
  callBodies: [
    'Happy with the results so far; wants a new quote before next month.',
    'Still evaluating internally; call again next week.',
    'Asked for a detailed delivery timeline.',
    'Budget is waiting for approval; finance has questions.',
    'Two new requirements logged and passed to product.',
  ],
  meetingBodies: [
    'Agenda: 1. review 2. requirements 3. next steps',
    'Both technical leads joined; the integration approach is agreed.',
    'Their COO joined and supports the direction.',
    'Discussed price and terms; they prefer quarterly payments.',
  ],
  notes: [
    'Reorganisation under way; re-confirm who decides.',
    'A competitor is talking to them at about 15% below our price.',
    'Very happy with support response times; ask for a referral.',
    'Procurement needs three quotes; prepare the paperwork early.',
  ],
  meetingPlaces: ['Zoom', 'Client office', 'Our office', 'Google Meet'],
  reviews: [
    'Clear summary and a concrete plan for tomorrow. Keep it up.',
    'Good follow-up on key accounts. Align the renewal quote with finance first.',
    'Write down the customer’s concerns and the next step after each visit.',
    'Watch the overdue tasks; clear them this week.',
    'Nice. Please share the competitor news at the weekly meeting.',
  ],
};

export const PHRASES: Record<Locale, Phrases> = { 'zh-CN': ZH, 'en-US': EN };
