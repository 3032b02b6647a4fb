import { describe, expect, it } from 'vitest';
import { isNumberPattern, previewNumber } from './number-pattern';

describe('document number patterns', () => {
  it('accepts exactly one counter with optional date parts, as the server does', () => {
    expect(isNumberPattern('QT-{YYYY}-{0000}')).toBe(true);
    expect(isNumberPattern('HT{YY}{MM}-{000}')).toBe(true);
    expect(isNumberPattern('{0}')).toBe(true);
  });

  it('refuses no counter, two counters, unknown braces, empty and over-long patterns', () => {
    expect(isNumberPattern('QT-{YYYY}')).toBe(false);
    expect(isNumberPattern('{000}-{000}')).toBe(false);
    expect(isNumberPattern('QT-{DD}-{000}')).toBe(false);
    expect(isNumberPattern('QT-{000}}')).toBe(false);
    expect(isNumberPattern('')).toBe(false);
    expect(isNumberPattern(`${'x'.repeat(56)}{000}`)).toBe(false);
  });

  it('previews the number with the date parts and a padded counter', () => {
    expect(previewNumber('HT-{YYYY}-{0000}', '2026-03-09')).toBe('HT-2026-0001');
    expect(previewNumber('Q{YY}{MM}-{00}', '2026-03-09', 123)).toBe('Q2603-123');
  });
});
