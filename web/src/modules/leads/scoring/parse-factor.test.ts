import { describe, expect, it } from 'vitest';
import { aucQuality } from './auc-quality';
import { parseFactor } from './parse-factor';

describe('parseFactor', () => {
  it.each([
    ['source=event', { negated: false, kind: 'source', value: 'event' }],
    ['not:source=event', { negated: true, kind: 'source', value: 'event' }],
    ['companySize=5000+', { negated: false, kind: 'companySize', value: '5000+' }],
    ['grade=A', { negated: false, kind: 'grade', value: 'A' }],
    ['region=华东', { negated: false, kind: 'region', value: '华东' }],
    ['industry=制造=业', { negated: false, kind: 'industry', value: '制造=业' }],
    ['region_other', { negated: false, kind: 'regionOther' }],
    ['not:industry_other', { negated: true, kind: 'industryOther' }],
    ['title=director', { negated: false, kind: 'title', value: 'director' }],
    ['not:has_email', { negated: true, kind: 'hasEmail' }],
    ['has_phone', { negated: false, kind: 'hasPhone' }],
    ['has_campaign', { negated: false, kind: 'hasCampaign' }],
    ['qualification_met', { negated: false, kind: 'qualificationMet' }],
    ['few_decision_makers', { negated: false, kind: 'fewDecisionMakers' }],
    ['events.webinar', { negated: false, kind: 'events', value: 'webinar' }],
  ])('reads %s', (code, parsed) => {
    expect(parseFactor(code)).toEqual(parsed);
  });

  it.each(['source=trade_fair', 'title=king', 'events.teleport', 'colour=red', 'mystery'])(
    'keeps %s as an unknown code',
    (code) => {
      expect(parseFactor(code)).toEqual({ negated: false, kind: 'unknown', code });
    },
  );
});

describe('aucQuality', () => {
  it.each([
    [0.5, 'weak'],
    [0.59, 'weak'],
    [0.6, 'fair'],
    [0.74, 'fair'],
    [0.75, 'good'],
    [0.89, 'good'],
    [0.9, 'excellent'],
    [1, 'excellent'],
  ])('calls %s %s', (auc, quality) => {
    expect(aucQuality(auc)).toBe(quality);
  });
});
