import type { RetentionRules } from '@contracts/retention.contract';
import { describe, expect, it } from 'vitest';
import { enUS } from '../../../i18n/en-US';
import { zhCN } from '../../../i18n/zh-CN';
import {
  daysSince,
  deduction,
  firstNotAscending,
  formToRules,
  majorToMinor,
  minorToMajor,
  rulesToForm,
  signalMessage,
  signalsByWeight,
  surveyRecipients,
  winBackByDefault,
} from './retention-text';

describe('retention texts', () => {
  it('writes a deduction with a true minus sign, and nothing taken as 0', () => {
    expect(deduction(30)).toBe('\u221230');
    expect(deduction(0)).toBe('0');
  });

  it('orders signals by the points they take, largest first, ties by name', () => {
    const sorted = signalsByWeight([
      { signal: 'recentLoss', points: 15, value: 1 },
      { signal: 'noActivity', points: 30, value: 45 },
      { signal: 'overdueTasks', points: 15, value: 2 },
    ]);
    expect(sorted.map((s) => s.signal)).toEqual(['noActivity', 'overdueTasks', 'recentLoss']);
  });

  it('explains a signal with its whole value, in both languages', () => {
    const m = signalMessage({ signal: 'noActivity', points: 30, value: 45 });
    expect(m).toEqual({ key: 'retention.health.signal.noActivity', value: '45' });
    expect(enUS.retention.health.signal.noActivity.replace('{{value}}', m.value)).toBe(
      'No activity for 45 days',
    );
    expect(zhCN.retention.health.signal.noActivity.replace('{{value}}', m.value)).toBe('已 45 天没有跟进');
    expect(signalMessage({ signal: 'activityFalling', points: 15, value: 33.3333 }).value).toBe('33');
    expect(signalMessage({ signal: 'noNewNeed', points: 25, value: null }).value).toBe('?');
  });

  it('explains the after-sales signals: open complaints by count, falling usage by the fall in percent', () => {
    const complaints = signalMessage({ signal: 'openComplaints', points: 20, value: 2 });
    expect(complaints).toEqual({ key: 'retention.health.signal.openComplaints', value: '2' });
    expect(enUS.retention.health.signal.openComplaints.replace('{{value}}', complaints.value)).toBe(
      'Open complaints: 2',
    );
    expect(zhCN.retention.health.signal.openComplaints.replace('{{value}}', complaints.value)).toBe(
      '未解决投诉 2 个',
    );
    const usage = signalMessage({ signal: 'usageFalling', points: 20, value: 42.6 });
    expect(usage.value).toBe('43');
    expect(enUS.retention.health.signal.usageFalling.replace('{{value}}', usage.value)).toBe(
      'Product usage down 43% on the period before',
    );
    expect(zhCN.retention.health.signal.usageFalling.replace('{{value}}', usage.value)).toBe(
      '产品使用量较上一周期下降 43%',
    );
  });

  it('counts whole days since an instant, never below zero', () => {
    const now = new Date('2031-06-10T12:00:00.000Z');
    expect(daysSince('2031-06-09T00:00:00.000Z', now)).toBe(1);
    expect(daysSince('2031-05-11T12:00:00.000Z', now)).toBe(30);
    expect(daysSince('2031-06-11T00:00:00.000Z', now)).toBe(0);
    expect(daysSince('not a date', now)).toBe(0);
  });

  it('plans win-back by default unless the customer went to a competitor', () => {
    expect(winBackByDefault('cost')).toBe(true);
    expect(winBackByDefault(undefined)).toBe(true);
    expect(winBackByDefault('competitor')).toBe(false);
  });

  it('offers only contacts with an e-mail for the churn survey', () => {
    expect(
      surveyRecipients([
        { id: 'a', name: '王经理', email: 'wang@example.cn' },
        { id: 'b', name: '李工', email: null },
      ]),
    ).toEqual([{ value: 'a', label: '王经理 <wang@example.cn>' }]);
  });

  it('converts money cut-offs between minor and major units without drift', () => {
    expect(minorToMajor(5_000_000, 2)).toBe(50_000);
    expect(majorToMinor(50_000, 2)).toBe(5_000_000);
    // 0.1 + 0.2 style float noise must not leave a fen off.
    expect(majorToMinor(1234.57, 2)).toBe(123_457);
    expect(majorToMinor(1000, 0)).toBe(1000);
  });

  it('finds the first cut-off that does not ascend', () => {
    expect(firstNotAscending([30, 90, 180, 365])).toBeNull();
    expect(firstNotAscending([90, 30, 180, 365])).toBe(1);
    expect(firstNotAscending([1, 2, 2, 5])).toBe(2);
    expect(firstNotAscending([1, null, 3, 4])).toBeNull();
  });

  it('shows money rules in yuan and sends them back in fen, with a cleared follow-up as none', () => {
    const rules: RetentionRules = {
      rfm: {
        windowDays: 730,
        recencyDays: [30, 90, 180, 365],
        frequency: [1, 2, 3, 5],
        monetaryMinor: [1_000_000, 5_000_000, 20_000_000, 100_000_000],
      },
      tiers: { strategicMin: 13, growthMin: 10, potentialMin: 6, dormantAfterDays: 180 },
      followUpDays: { strategic: 14, growth: 30, potential: 60, dormant: null },
      lifecycle: {
        matureDeals: 3,
        matureMonths: 12,
        declineMonths: 12,
        activityDropPercent: 50,
        activityWindowDays: 90,
      },
      health: {
        threshold: 60,
        needDays: 60,
        activityDays: 30,
        lossDays: 90,
        usageWindowDays: 30,
        usageDropPercent: 30,
        weights: {
          noNewNeed: 25,
          noActivity: 30,
          activityFalling: 15,
          overdueTasks: 15,
          recentLoss: 15,
          paymentOverdue: 40,
          openComplaints: 20,
          usageFalling: 20,
        },
      },
    };
    const form = rulesToForm(rules, 2);
    expect(form.rfm.monetaryMinor).toEqual([10_000, 50_000, 200_000, 1_000_000]);
    // The rules read are left as they were.
    expect(rules.rfm.monetaryMinor[0]).toBe(1_000_000);
    expect(formToRules(form, 2)).toEqual(rules);
    // A number input cleared by the user leaves undefined in the form values.
    const cleared = { ...form, followUpDays: { ...form.followUpDays, growth: undefined } };
    expect(formToRules(cleared, 2).followUpDays).toEqual({
      strategic: 14,
      growth: null,
      potential: 60,
      dormant: null,
    });
    expect(formToRules(rulesToForm(rules, 0), 0).rfm.monetaryMinor).toEqual(rules.rfm.monetaryMinor);
  });
});
