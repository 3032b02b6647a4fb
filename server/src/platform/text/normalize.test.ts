import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeCompany, normalizeEmail, normalizePhone } from './normalize';

describe('normalizePhone', () => {
  it.each([
    ['13812345678', '+8613812345678'],
    ['138 1234 5678', '+8613812345678'],
    ['138-1234-5678', '+8613812345678'],
    ['+86 138 1234 5678', '+8613812345678'],
    ['+86-13812345678', '+8613812345678'],
    ['008613812345678', '+8613812345678'],
    ['8613812345678', '+8613812345678'],
    ['１３８１２３４５６７８', '+8613812345678'],
    ['(021) 6123-4567', '+862161234567'],
    ['021-61234567', '+862161234567'],
    ['010 8765 4321', '+861087654321'],
    ['0571-87654321', '+8657187654321'],
    ['0571-8765432', '+865718765432'],
    ['0571-87654321 转 802', '+8657187654321'],
    ['021-61234567 ext. 12', '+862161234567'],
    ['+86 21 6123 4567', '+862161234567'],
    ['400-820-8820', '+864008208820'],
    ['+1 (415) 555-0100', '+14155550100'],
    ['0044 20 7946 0958', '+442079460958'],
  ])('reads %s as %s', (raw, expected) => {
    expect(normalizePhone(raw)).toBe(expected);
  });

  it.each(['', '   ', 'abc', '12345', '1234567890123456789', '23812345678', '+0 123', 'call me'])(
    'refuses %j',
    (raw) => {
      expect(normalizePhone(raw)).toBeNull();
    },
  );

  it('gives the same key however a mobile number is spaced or prefixed', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('3', '5', '8', '9'),
        fc.stringMatching(/^\d{9}$/),
        fc.constantFrom('', '+86 ', '0086', '86', '+86-'),
        fc.constantFrom(' ', '-', ''),
        (second, rest, prefix, sep) => {
          const national = `1${second}${rest}`;
          const written = `${prefix}${national.slice(0, 3)}${sep}${national.slice(3, 7)}${sep}${national.slice(7)}`;
          expect(normalizePhone(written)).toBe(`+86${national}`);
        },
      ),
    );
  });
});

describe('normalizeEmail', () => {
  it('lower-cases and trims', () => {
    expect(normalizeEmail('  Li.Lei@Example.COM ')).toBe('li.lei@example.com');
    expect(normalizeEmail('ｌｉ＠example.com')).toBe('li@example.com');
  });
  it.each(['', 'li', 'li@', '@example.com', 'li@example', 'a b@example.com'])('refuses %j', (raw) => {
    expect(normalizeEmail(raw)).toBeNull();
  });
});

describe('normalizeCompany', () => {
  it.each([
    ['上海云帆科技有限公司', '上海云帆科技'],
    ['上海云帆科技股份有限公司', '上海云帆科技'],
    ['上海云帆科技有限责任公司', '上海云帆科技'],
    ['上海云帆科技', '上海云帆科技'],
    ['上海 云帆 科技 公司', '上海云帆科技'],
    ['Acme Co., Ltd.', 'acme'],
    ['ACME CO.,LTD', 'acme'],
    ['Acme Limited', 'acme'],
    ['Acme, Inc.', 'acme'],
    ['Acme Corporation', 'acme'],
    ['ＡＣＭＥ　Ｃｏ．，Ｌｔｄ．', 'acme'],
    ['Siemens AG', 'siemens'],
    ['Acme Robotics GmbH', 'acmerobotics'],
  ])('reduces %s to %s', (raw, expected) => {
    expect(normalizeCompany(raw)).toBe(expected);
  });

  it('keeps a name that is only a legal form', () => {
    expect(normalizeCompany('Company')).toBe('company');
    expect(normalizeCompany('有限公司')).toBe('有限公司');
  });

  it('returns null for nothing', () => {
    expect(normalizeCompany('')).toBeNull();
    expect(normalizeCompany(' ,. ')).toBeNull();
  });

  it('does not strip a suffix that is part of a word', () => {
    expect(normalizeCompany('Taco')).toBe('taco');
    expect(normalizeCompany('Magnag')).toBe('magnag');
  });
});
