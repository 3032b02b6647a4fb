import type { Locale } from '@contracts/common';
import type { NurtureStep } from '@contracts/lead-routing.contract';

/**
 * The track a tenant gets the first time a lead moves to nurturing without one: DOMAIN.md's "content touches
 * about once a quarter until the need matures". Written once in the tenant's default language; admins edit
 * it like any other track afterwards.
 */

export type TrackTemplate = { name: string; steps: NurtureStep[]; repeat: boolean };

export const DEFAULT_TRACK: Record<Locale, TrackTemplate> = {
  'zh-CN': {
    name: '季度行业资讯',
    repeat: true,
    steps: [
      {
        kind: 'email',
        delayDays: 90,
        subject: '{{companyName}}：本季度行业洞察与客户案例',
        body: [
          '{{contactName}}，您好：',
          '',
          '感谢您一直以来对我们的关注。我们整理了本季度的行业白皮书和最新客户案例，希望能为贵公司的规划提供参考。',
          '',
          '如果贵公司的需求有了新的进展，欢迎直接回复这封邮件，或联系您的客户经理{{ownerName}}。',
          '',
          '祝工作顺利！',
          '{{ownerName}}',
        ].join('\n'),
      },
    ],
  },
  'en-US': {
    name: 'Quarterly industry update',
    repeat: true,
    steps: [
      {
        kind: 'email',
        delayDays: 90,
        subject: 'Industry insights and customer stories for {{companyName}}',
        body: [
          'Hello {{contactName}},',
          '',
          'Thank you for your continued interest. We have put together this quarter’s industry white paper and our latest customer stories, in case they help with your plans.',
          '',
          'If your needs have moved on, simply reply to this mail or get in touch with your account manager, {{ownerName}}.',
          '',
          'Best regards,',
          '{{ownerName}}',
        ].join('\n'),
      },
    ],
  },
};
