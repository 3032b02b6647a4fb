import { NOTIFICATION_KINDS } from '@contracts/notifications.contract';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { enUS } from '../../i18n/en-US';
import { zhCN } from '../../i18n/zh-CN';
import { notificationTarget } from './notification-target';
import { notificationText } from './notification-text';
import { relativeTime } from './relative-time';

/** Every notification kind reads as a sentence in both languages, whatever params it came with. */

const i18n = i18next.createInstance();
await i18n.init({
  resources: { 'en-US': { translation: enUS }, 'zh-CN': { translation: zhCN } },
  lng: 'en-US',
  initAsync: false,
  interpolation: { escapeValue: false },
});
const en = i18n.getFixedT('en-US');
const zh = i18n.getFixedT('zh-CN');

describe('notification messages', () => {
  it('fills each kind from its params', () => {
    expect(
      notificationText({ kind: 'lead_assigned', params: { count: 1, name: 'Acme', grade: 'A' } }, en),
    ).toBe('New lead assigned to you: Acme (grade A)');
    expect(
      notificationText({ kind: 'lead_assigned', params: { count: 12, name: 'Acme', grade: null } }, en),
    ).toBe('12 new leads assigned to you, starting with Acme');
    expect(notificationText({ kind: 'lead_mql', params: { name: '云帆科技', score: 72 } }, zh)).toBe(
      '云帆科技 已成为市场认可线索（MQL），评分 72',
    );
    expect(
      notificationText(
        { kind: 'lead_import_done', params: { file: 'expo.xlsx', imported: 98, skipped: 2 } },
        en,
      ),
    ).toBe('Import of expo.xlsx finished: 98 imported, 2 skipped');
    expect(
      notificationText({ kind: 'lead_sla_escalated', params: { name: 'Acme', owner: 'Rosa' } }, en),
    ).toBe('Escalated: nobody responded to Acme in time (owner: Rosa)');
  });

  it('still reads when params are missing, for every kind and language', () => {
    for (const t of [en, zh]) {
      for (const kind of NOTIFICATION_KINDS) {
        const text = notificationText({ kind, params: {} }, t);
        expect(text, kind).not.toMatch(/\{\{|undefined|null|notification\./);
        expect(text.length, kind).toBeGreaterThan(4);
      }
    }
  });

  it('opens the lead a notification is about', () => {
    const id = '0190f5b4-0000-7000-8000-000000000001';
    expect(notificationTarget({ entity: 'lead', entityId: id }, null)).toBe(`/leads/${id}`);
    expect(notificationTarget({ entity: 'lead_import', entityId: id }, '/leads/import')).toBe(
      '/leads/import',
    );
    expect(notificationTarget({ entity: 'activity', entityId: id }, null)).toBe('/my-day');
    expect(
      notificationTarget({ entity: 'daily_log', entityId: id, params: { day: '2030-06-03' } }, null),
    ).toBe('/daily-log?day=2030-06-03');
    expect(notificationTarget({ entity: 'deal', entityId: id }, null)).toBe(`/deals/${id}`);
    expect(notificationTarget({ entity: 'proposal_unknown', entityId: id }, null)).toBeNull();
    expect(notificationTarget({ entity: null, entityId: null }, null)).toBeNull();
  });

  it('says how long ago in the reader’s language', () => {
    const now = Date.parse('2025-06-01T12:00:00Z');
    expect(relativeTime('2025-06-01T11:57:00Z', now, 'en-US')).toBe('3 minutes ago');
    expect(relativeTime('2025-05-31T12:00:00Z', now, 'en-US')).toBe('yesterday');
    expect(relativeTime('2025-06-01T11:59:45Z', now, 'en-US')).toBe('now');
    expect(relativeTime('2025-06-01T10:00:00Z', now, 'zh-CN')).toBe('2小时前');
  });
});
