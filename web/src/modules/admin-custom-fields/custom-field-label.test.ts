import type { CustomField } from '@contracts/custom-fields.contract';
import { describe, expect, it } from 'vitest';
import {
  changedCustomValues,
  conditionText,
  customValueText,
  labelOf,
  parseConditions,
} from './custom-field-label';

const field = (type: CustomField['type'], options: CustomField['options'] = []): CustomField => ({
  id: '01a20c90-0bee-7de1-98ed-1b8b7a546358',
  object: 'customer',
  key: 'k',
  labelZh: '字段',
  labelEn: 'Field',
  type,
  options,
  required: false,
  position: 0,
  active: true,
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
});
const words = { yes: 'Yes', no: 'No' };
const erp = [
  { value: 'sap', labelZh: '思爱普', labelEn: 'SAP' },
  { value: 'kd', labelZh: '金蝶', labelEn: 'Kingdee' },
];

describe('customValueText', () => {
  it('shows options by their label in the user’s language, unknown ones as stored', () => {
    expect(customValueText(field('select', erp), 'kd', 'zh-CN', words)).toBe('金蝶');
    expect(customValueText(field('multiselect', erp), ['sap', 'kd', 'x'], 'en-US', words)).toBe(
      'SAP, Kingdee, x',
    );
    expect(labelOf(erp[0] ?? { labelZh: '', labelEn: '' }, 'en-US')).toBe('SAP');
  });
  it('shows money from minor units, booleans as words, and nothing for no value', () => {
    expect(customValueText(field('money'), 1234567, 'en-US', words)).toBe('12,345.67');
    expect(customValueText(field('boolean'), false, 'en-US', words)).toBe('No');
    expect(customValueText(field('text'), undefined, 'en-US', words)).toBe('');
  });
});

describe('changedCustomValues', () => {
  it('sends only changed keys, blank values as null (cleared)', () => {
    expect(
      changedCustomValues(
        { erp: 'sap', plants: 3, lines: ['cnc'] },
        { erp: 'sap', plants: 4, lines: [], motto: '', exporter: false },
      ),
    ).toEqual({ plants: 4, lines: null, exporter: false });
    expect(changedCustomValues({}, undefined)).toEqual({});
  });
});

describe('custom-field filter conditions', () => {
  it('reads the filter JSON, anything unreadable as none', () => {
    expect(parseConditions('{"erp":"sap","plants":{"min":2}}')).toEqual({ erp: 'sap', plants: { min: 2 } });
    expect(parseConditions('{erp')).toEqual({});
    expect(parseConditions('[1]')).toEqual({});
  });
  it('describes ranges and options for the tags', () => {
    expect(conditionText(field('number'), { min: 2, max: 5 }, 'en-US', words)).toBe('2 – 5');
    expect(conditionText(field('money'), { min: 100000 }, 'en-US', words)).toBe('≥ 1,000.00');
    expect(conditionText(field('date'), { max: '2026-06-30' }, 'en-US', words)).toBe('≤ 2026-06-30');
    expect(conditionText(field('select', erp), 'kd', 'zh-CN', words)).toBe('金蝶');
  });
});
