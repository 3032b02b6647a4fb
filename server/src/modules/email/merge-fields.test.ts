import { describe, expect, it } from 'vitest';
import { fillFields, unknownFields } from './merge-fields';

describe('merge fields', () => {
  it('fills known fields, empty for missing values, and leaves no placeholder', () => {
    expect(
      fillFields('{{contact.name}}（{{ contact.title }}）您好，{{customer.name}}', {
        'contact.name': '王经理',
        'contact.title': null,
        'customer.name': '华精机床',
      }),
    ).toBe('王经理（）您好，华精机床');
  });
  it('names misspelt fields', () => {
    expect(unknownFields('Dear {{contat.name}}, from {{me.name}} {{x}}')).toEqual(['contat.name', 'x']);
  });
  it('does not interpret what a value contains', () => {
    expect(fillFields('Hi {{contact.name}}', { 'contact.name': '{{me.email}} $& $1' })).toBe(
      'Hi {{me.email}} $& $1',
    );
  });
});
