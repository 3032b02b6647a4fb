import { describe, expect, it } from 'vitest';
import { customValueFromCell, findUser, userLookupOf } from './custom-cells';
import type { FieldDef } from './custom-values';

function field(type: FieldDef['type'], options: FieldDef['options'] = []): FieldDef {
  const now = new Date();
  return {
    tenantId: '00000000-0000-7000-8000-000000000001',
    id: '00000000-0000-7000-8000-000000000002',
    object: 'customer',
    key: 'f',
    labelZh: '字段',
    labelEn: 'Field',
    type,
    options,
    required: false,
    position: 0,
    active: true,
    createdBy: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  } as FieldDef;
}

const users = userLookupOf([
  { id: 'u1', name: '王芳', email: 'wang@example.cn' },
  { id: 'u2', name: '李雷', email: 'li1@example.cn' },
  { id: 'u3', name: '李雷', email: 'li2@example.cn' },
]);
const read = (f: FieldDef, text: string) => customValueFromCell(f, text, users);
const OPTIONS = [
  { value: 'key', labelZh: '重点', labelEn: 'Key' },
  { value: 'normal', labelZh: '普通', labelEn: 'Normal' },
];

describe('a spreadsheet cell read as a custom value', () => {
  it('reads money in major units to exact minor units, and refuses a third decimal', () => {
    expect(read(field('money'), '12,345.50')).toBe(1234550);
    expect(read(field('money'), '¥ 8')).toBe(800);
    expect(read(field('money'), '-0.05')).toBe(-5);
    expect(read(field('money'), '1.005')).toBeNull();
    expect(read(field('money'), 'abc')).toBeNull();
  });

  it('reads numbers, dates written with dashes, slashes or 年月日, and refuses other text', () => {
    expect(read(field('number'), '1,024.5')).toBe(1024.5);
    expect(read(field('number'), 'many')).toBeNull();
    expect(read(field('date'), '2025/3/1')).toBe('2025-03-01');
    expect(read(field('date'), '2025年3月1日')).toBe('2025-03-01');
    expect(read(field('date'), '2025-03-01 00:00')).toBe('2025-03-01');
    expect(read(field('date'), 'next week')).toBeNull();
  });

  it('reads options by value or by either label, and a list of them; one unknown option refuses the cell', () => {
    expect(read(field('select', OPTIONS), '重点')).toBe('key');
    expect(read(field('select', OPTIONS), 'NORMAL')).toBe('normal');
    expect(read(field('select', OPTIONS), '其他')).toBeNull();
    expect(read(field('multiselect', OPTIONS), '重点、Normal')).toEqual(['key', 'normal']);
    expect(read(field('multiselect', OPTIONS), 'key; other')).toBeNull();
  });

  it('reads yes and no in both languages, and users by e-mail or by a name only one person has', () => {
    expect(read(field('boolean'), '是')).toBe(true);
    expect(read(field('boolean'), 'No')).toBe(false);
    expect(read(field('boolean'), '也许')).toBeNull();
    expect(read(field('user'), 'WANG@example.cn')).toBe('u1');
    expect(read(field('user'), '王芳')).toBe('u1');
    expect(findUser(users, '李雷')).toBeNull();
    expect(findUser(users, 'li2@example.cn')).toBe('u3');
  });
});
