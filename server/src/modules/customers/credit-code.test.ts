import {
  CreateCustomerBody,
  cleanCreditCode,
  isValidCreditCode,
  TagList,
} from '@contracts/customers.contract';
import { describe, expect, it } from 'vitest';

describe('unified social credit code', () => {
  it('accepts codes whose last character is the check digit of the first 17', () => {
    for (const code of ['91350100M000100Y43', '911100007109288314', '91310000775785552L']) {
      expect(isValidCreditCode(code), code).toBe(true);
    }
  });

  it('refuses a wrong check digit, a wrong length and letters outside the alphabet', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y433')).toBe(false);
    // I, O, S, V and Z are not in the code's alphabet, whatever the check digit says.
    expect(isValidCreditCode('91350100M00010OY43')).toBe(false);
    // Places 3–8 are the administrative division: digits only.
    expect(isValidCreditCode('913A0100M000100Y43')).toBe(false);
  });

  it('reads a code typed with spaces, dashes, lower case or full-width characters', () => {
    expect(cleanCreditCode(' 9135 0100-m000 100y43 ')).toBe('91350100M000100Y43');
    expect(cleanCreditCode('９１３５０１００Ｍ０００１００Ｙ４３')).toBe('91350100M000100Y43');
    const parsed = CreateCustomerBody.parse({ name: 'Acme', creditCode: '91350100m000100y43' });
    expect(parsed.creditCode).toBe('91350100M000100Y43');
  });

  it('names the field with its own message when the code is wrong', () => {
    const result = CreateCustomerBody.safeParse({ name: 'Acme', creditCode: '91350100M000100Y44' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['creditCode'], message: 'invalid_credit_code' });
  });
});

describe('tag lists', () => {
  it('trims names and drops repeats, keeping the first order', () => {
    expect(TagList.parse([' 预算敏感型 ', '技术驱动型', '预算敏感型'])).toEqual(['预算敏感型', '技术驱动型']);
    expect(TagList.safeParse(['']).success).toBe(false);
  });
});
