import type { Catalogue } from './en-US';

/** 通知铃铛，以及每种通知的消息（zh-CN），内容取自通知参数。 */
export const notificationZhCN: Catalogue['notification'] = {
  title: '通知',
  bell: '通知，{{n}} 条未读',
  markAllRead: '全部标为已读',
  empty: '暂无通知。',
  loadFailed: '通知加载失败。',
  someLead: '一条线索',
  someTask: '一项任务',
  someFile: '你的文件',
  lead_assigned: '有新线索分配给你：{{name}}',
  lead_assigned_several: '有 {{n}} 条新线索分配给你，包括 {{name}}',
  gradeSuffix: '（{{grade}} 级）',
  lead_mql: '{{name}} 已成为市场认可线索（MQL），评分 {{score}}',
  lead_sla_breached: '响应超时：线索 {{name}} 尚未联系',
  lead_sla_escalated: '超时上报：线索 {{name}} 未在时限内响应',
  ownerSuffix: '（负责人：{{owner}}）',
  lead_revisit_due: '已归档线索 {{name}} 到了回访时间',
  lead_import_done: '{{file}} 导入完成：成功 {{imported}} 条，跳过 {{skipped}} 条',
  task_due: '任务到期：{{subject}}',
  activity_reminder: '提醒：{{kind}}“{{subject}}”，{{time}}',
  daily_log_reviewed: '{{reviewer}} 点评了你 {{day}} 的日报',
  someone: '你的经理',
  someDay: '某天',
};
