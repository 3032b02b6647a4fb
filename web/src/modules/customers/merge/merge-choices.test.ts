import { describe, expect, it } from 'vitest';
import { initialChoices, type MergeRecord, mergedValue, mergeKeys } from './merge-choices';

/** The merge screen's suggestions: keep what is filled, prefer the newer value, ask only where records differ. */

type Row = MergeRecord & Record<string, unknown>;
const record = (fields: Record<string, unknown>, custom: Record<string, unknown> = {}, day = 1): Row => ({
  name: null,
  phone: null,
  tags: [],
  updatedAt: `2025-01-0${day}T00:00:00.000Z`,
  custom,
  ...fields,
});

describe('customer and contact merge choices', () => {
  it('lists the fields, then every custom key of either record', () => {
    const keys = mergeKeys(
      ['name', 'phone'],
      record({}, { plants: 2 }),
      record({}, { segment: 'SMB', plants: 5 }),
    );
    expect(keys).toEqual(['name', 'phone', 'custom.plants', 'custom.segment']);
  });

  it('takes a value only the source has, keeps one only the target has, and skips equal ones', () => {
    const target = record({ name: '云帆科技', phone: '' }, { plants: 2 });
    const source = record({ name: '云帆科技', phone: '021-6123 4567' }, { segment: 'SMB' });
    const keys = mergeKeys(['name', 'phone'], target, source);
    expect(initialChoices(keys, target, source)).toEqual({
      phone: 'source',
      'custom.plants': 'target',
      'custom.segment': 'source',
    });
  });

  it('suggests the newer record where both are filled and differ, unless the field is locked', () => {
    const target = record({ name: '云帆' }, {}, 1);
    const source = record({ name: '上海云帆' }, {}, 2);
    expect(initialChoices(['name'], target, source)).toEqual({ name: 'source' });
    expect(initialChoices(['name'], source, target)).toEqual({ name: 'target' });
    expect(initialChoices(['name'], target, source, ['name'])).toEqual({ name: 'target' });
  });

  it('previews the chosen side, the target where nothing is chosen', () => {
    const target = record({ name: '云帆' }, { plants: 2 });
    const source = record({ name: '上海云帆' }, { plants: 5 });
    const choices = { 'custom.plants': 'source' } as const;
    expect(mergedValue(target, source, choices, 'custom.plants')).toBe(5);
    expect(mergedValue(target, source, choices, 'name')).toBe('云帆');
  });
});
