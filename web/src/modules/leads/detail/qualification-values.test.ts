import { Qualification } from '@contracts/leads.contract';
import { describe, expect, it } from 'vitest';
import { metCount, qualificationOf, qualificationValuesOf } from './qualification-values';

/** The MAN/BANT checklists survive the trip through the form unchanged, unknowns included. */

describe('qualification checklists', () => {
  it('round-trips met, not met and unknown with notes', () => {
    const q = Qualification.parse({
      man: { money: { met: true, note: 'budget approved' }, need: { met: false, note: '' } },
      bant: { timeline: { met: true, note: 'Q3' } },
      decisionMakers: 3,
      industryGrowth: 'high',
    });
    const values = qualificationValuesOf(q);
    expect(values.man.money).toEqual({ met: 'yes', note: 'budget approved' });
    expect(values.man.need.met).toBe('no');
    expect(values.man.authority.met).toBe('unknown');
    expect(qualificationOf(values)).toEqual(q);
    expect(Qualification.safeParse(qualificationOf(values)).success).toBe(true);
  });

  it('counts the items met', () => {
    const q = Qualification.parse({
      bant: { budget: { met: true }, need: { met: true }, timeline: { met: false } },
    });
    expect(metCount(q.bant)).toEqual({ met: 2, of: 4 });
    expect(metCount(q.man)).toEqual({ met: 0, of: 3 });
  });
});
