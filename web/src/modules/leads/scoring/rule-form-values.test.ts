import type { ScoreRule } from '@contracts/lead-scoring.contract';
import { describe, expect, it } from 'vitest';
import { bodyOf, formValuesOf, newRuleValues, valueInputFor } from './rule-form-values';

const rule = (over: Partial<ScoreRule>): ScoreRule => ({
  id: '0190f5b4-0000-7000-8000-000000000001',
  kind: 'attribute',
  name: 'Rule',
  field: 'title',
  operator: 'contains',
  value: '总监',
  points: 15,
  cap: null,
  halfLifeDays: null,
  position: 0,
  active: true,
  version: 3,
  ...over,
});

describe('valueInputFor', () => {
  it.each([
    ['source', 'eq', 'code'],
    ['companySize', 'in', 'codes'],
    ['title', 'eq', 'text'],
    ['title', 'contains', 'texts'],
    ['industry', 'in', 'texts'],
    ['email', 'present', 'none'],
    ['qualification.bant.budget', 'met', 'none'],
  ] as const)('%s %s takes %s', (field, operator, input) => {
    expect(valueInputFor(field, operator)).toBe(input);
  });
});

describe('rule form values', () => {
  it('sends one text for a single "contains" and a list for several', () => {
    const values = { ...newRuleValues('attribute'), name: ' Director ', value: ['总监'] };
    expect(bodyOf(values)).toEqual({
      kind: 'attribute',
      name: 'Director',
      field: 'title',
      operator: 'contains',
      value: '总监',
      points: 10,
      active: true,
    });
    expect(bodyOf({ ...values, value: ['总监', ' director ', ''] })).toMatchObject({
      value: ['总监', 'director'],
    });
  });

  it('always sends a list for "is one of" and nothing for "is filled in"', () => {
    const base = { ...newRuleValues('attribute'), name: 'x' };
    expect(bodyOf({ ...base, field: 'source', operator: 'in', value: 'event' })).toMatchObject({
      value: ['event'],
    });
    expect(bodyOf({ ...base, field: 'email', operator: 'present', value: ['left over'] })).toMatchObject({
      value: null,
    });
  });

  it('round-trips a stored rule through the form', () => {
    for (const stored of [
      rule({}),
      rule({ operator: 'contains', value: ['总监', 'director'] }),
      rule({ field: 'grade', operator: 'eq', value: 'A' }),
      rule({ field: 'source', operator: 'in', value: ['event', 'content'] }),
      rule({ field: 'qualification.man.money', operator: 'met', value: null }),
    ]) {
      expect(bodyOf(formValuesOf(stored))).toMatchObject({
        field: stored.field,
        operator: stored.operator,
        value: stored.value,
      });
    }
    const behaviour = rule({
      kind: 'behaviour',
      field: 'webinar',
      operator: 'eq',
      value: null,
      cap: 40,
      halfLifeDays: 30,
    });
    expect(bodyOf(formValuesOf(behaviour))).toEqual({
      kind: 'behaviour',
      name: 'Rule',
      field: 'webinar',
      points: 15,
      cap: 40,
      halfLifeDays: 30,
      active: true,
    });
  });
});
