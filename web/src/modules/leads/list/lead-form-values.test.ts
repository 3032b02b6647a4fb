import type { Lead } from '@contracts/leads.contract';
import { describe, expect, it } from 'vitest';
import { changedFields, createBodyOf, formValuesOf } from './lead-form-values';

/** Lead forms send only what changed, with blanks as null, and never a field the user did not touch. */

const lead = {
  companyName: 'Acme',
  contactName: 'Li Lei',
  title: null,
  phone: '13812345678',
  email: null,
  region: '华东',
  industry: null,
  companySize: '100-499',
  source: 'event',
  campaignId: null,
  grade: 'B',
  utm: { source: 'baidu', medium: 'cpc' },
  referrer: null,
  notes: 'met at expo',
  consent: null,
  custom: { volume: 'large', machines: 3 },
} as unknown as Lead;

describe('lead form values', () => {
  it('sends nothing when nothing changed', () => {
    expect(changedFields(lead, formValuesOf(lead))).toEqual({});
  });

  it('sends changed fields only, a cleared text as null, and trimmed values', () => {
    const values = formValuesOf(lead);
    expect(
      changedFields(lead, {
        ...values,
        region: '  ',
        title: ' CTO ',
        grade: 'A',
        consent: 'yes',
        utm: { ...values.utm, medium: '', campaign: 'spring' },
      }),
    ).toEqual({
      region: null,
      title: 'CTO',
      grade: 'A',
      consent: true,
      utm: { source: 'baidu', campaign: 'spring' },
    });
  });

  it('sends only the custom values that changed, a cleared one as null', () => {
    const values = formValuesOf(lead);
    expect(
      changedFields(lead, { ...values, custom: { volume: 'large', machines: null, exporter: true } }),
    ).toEqual({ custom: { machines: null, exporter: true } });
    expect(
      createBodyOf({ ...formValuesOf(null), companyName: 'Acme', custom: { volume: 'small', note: '' } }),
    ).toEqual({ source: 'other', companyName: 'Acme', custom: { volume: 'small' } });
  });

  it('creates a lead without the blanks', () => {
    expect(
      createBodyOf(
        {
          ...formValuesOf(null),
          companyName: ' Acme ',
          email: '',
          grade: 'A',
          utm: { ...formValuesOf(null).utm, source: 'x' },
        },
        { status: 'new' },
      ),
    ).toEqual({ source: 'other', status: 'new', companyName: 'Acme', grade: 'A', utm: { source: 'x' } });
  });
});
