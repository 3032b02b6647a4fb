import { type Lead, Qualification } from '@contracts/leads.contract';
import { describe, expect, it } from 'vitest';
import { initialChoices, takeOf } from './merge-choices';

/** The merge screen's suggestions: keep what is filled, prefer the newer value, ask only where leads differ. */

const lead = (fields: Partial<Lead>): Lead =>
  ({
    companyName: null,
    contactName: null,
    title: null,
    phone: null,
    email: null,
    region: null,
    industry: null,
    companySize: null,
    source: 'other',
    campaignId: null,
    grade: null,
    ownerId: null,
    teamId: null,
    qualification: Qualification.parse({}),
    utm: {},
    referrer: null,
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...fields,
  }) as Lead;

describe('merge choices', () => {
  it('takes a value only the other lead has, and keeps one only this lead has', () => {
    const keep = lead({ companyName: 'Acme', phone: '13812345678' });
    const other = lead({ companyName: 'Acme', email: 'li@acme.cn' });
    expect(initialChoices(keep, other)).toEqual({ phone: 'this', email: 'other' });
  });

  it('suggests the more recently updated lead when both have different values', () => {
    const keep = lead({ title: 'CTO', updatedAt: '2025-01-01T00:00:00.000Z' });
    const newer = lead({ title: 'CEO', updatedAt: '2025-02-01T00:00:00.000Z' });
    const older = lead({ title: 'CEO', updatedAt: '2024-12-01T00:00:00.000Z' });
    expect(initialChoices(keep, newer).title).toBe('other');
    expect(initialChoices(keep, older).title).toBe('this');
  });

  it('treats a filled checklist and UTM set as values', () => {
    const keep = lead({});
    const other = lead({
      qualification: Qualification.parse({ man: { money: { met: true } } }),
      utm: { source: 'baidu' },
    });
    expect(initialChoices(keep, other)).toEqual({ qualification: 'other', utm: 'other' });
  });

  it('sends only the fields taken from the other lead', () => {
    expect(takeOf({ phone: 'this', email: 'other', grade: 'other' })).toEqual({
      email: 'other',
      grade: 'other',
    });
  });
});
