import { describe, expect, it } from 'vitest';
import { normalizeHeader, suggestMapping } from './header-matching';
import { neutralize, unneutralize } from './spreadsheet';
import { cellText, parseCompanySize, parseGrade, parseSource } from './value-parsers';

describe('reading cell values', () => {
  it.each([
    ['100-499', '100-499'],
    ['100-499人', '100-499'],
    ['100 ～ 500 名', '100-499'],
    ['1,000-4,999 employees', '1000-4999'],
    ['500人以上', '500-999'],
    ['5000+', '5000+'],
    ['10000人以上', '5000+'],
    ['少于20人', '1-19'],
    ['20人以下', '1-19'],
    ['300', '100-499'],
    ['50-99人', '20-99'],
    ['１００－４９９人', '100-499'],
  ])('reads company size %s as %s', (raw, band) => {
    expect(parseCompanySize(raw)).toBe(band);
  });

  it.each(['很多', 'large', '0', '500-100', '-'])('refuses company size %s', (raw) => {
    expect(parseCompanySize(raw)).toBeNull();
  });

  it.each([
    ['展会', 'event'],
    ['市场活动/展会', 'event'],
    ['Events & trade shows', 'event'],
    ['百度推广', 'online_ad'],
    ['转介绍', 'customer_referral'],
    ['合作伙伴', 'partner_referral'],
    ['微信', 'social'],
    ['陌拜/外呼', 'cold_outreach'],
    ['官网', 'website_form'],
    ['website_form', 'website_form'],
    ['Cold Call', 'cold_outreach'],
    ['其它', 'other'],
  ])('reads source %s as %s', (raw, source) => {
    expect(parseSource(raw)).toBe(source);
  });

  it('reads grades in either language and refuses anything else', () => {
    expect(['A', 'a', 'Ａ', 'A级', 'B类', '高意向', 'hot', 'warm', 'C'].map(parseGrade)).toEqual([
      'A',
      'A',
      'A',
      'A',
      'B',
      'A',
      'A',
      'B',
      'C',
    ]);
    expect(parseGrade('D')).toBeNull();
    expect(parseSource('路边')).toBeNull();
  });

  it('turns spreadsheet cells into text without exponents or formulas', () => {
    expect(cellText(13812345678)).toBe('13812345678');
    expect(cellText(8613812345678)).toBe('8613812345678');
    expect(cellText(1.5)).toBe('1.5');
    expect(cellText({ formula: 'A1&B1', result: 'Acme' })).toBe('Acme');
    expect(cellText({ richText: [{ text: '上海' }, { text: '云帆' }] })).toBe('上海云帆');
    expect(cellText({ text: 'mail me', hyperlink: 'mailto:a@b.cn' })).toBe('mail me');
    expect(cellText({ error: '#N/A' })).toBe('');
    expect(cellText(new Date('2025-03-01T00:00:00Z'))).toBe('2025-03-01');
    expect(cellText(null)).toBe('');
  });
});

describe('header matching', () => {
  it('compares headers without case, width, spaces or punctuation', () => {
    expect(normalizeHeader(' E-Mail ')).toBe('email');
    expect(normalizeHeader('ＥＭＡＩＬ')).toBe('email');
    expect(normalizeHeader('公司 名称：')).toBe('公司名称');
  });

  it('prefers a saved mapping, also one that leaves a column out, and suggests each field once', () => {
    const saved = new Map([
      ['座机', 'phone'],
      ['电话', ''],
    ]);
    expect(suggestMapping(['公司', '电话', '座机', '手机'], saved)).toEqual({
      '0': { field: 'companyName', origin: 'synonym' },
      '2': { field: 'phone', origin: 'saved' },
    });
  });
});

describe('formula neutralisation', () => {
  it('quotes what a spreadsheet would run, and the import takes the quote off again', () => {
    for (const value of ['=1+1', '+86 138', '-5', '@SUM(A1)', '\tx', '\rx']) {
      expect(neutralize(value)).toBe(`'${value}`);
      expect(unneutralize(neutralize(value))).toBe(value);
    }
    expect(neutralize('Acme = good')).toBe('Acme = good');
    expect(unneutralize("'quoted")).toBe("'quoted");
  });

  it('round-trips a text that already starts with a quote before a formula character', () => {
    for (const value of ["'=already quoted", "''+1", "'-x"]) {
      expect(neutralize(value)).toBe(`'${value}`);
      expect(unneutralize(neutralize(value))).toBe(value);
    }
  });
});
