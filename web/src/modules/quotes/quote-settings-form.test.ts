import { type QuoteSettings, QuoteSettingsInput } from '@contracts/quotes.contract';
import { describe, expect, it } from 'vitest';
import { isLogoType, quoteSettingsForm, quoteSettingsInput } from './quote-settings-form';

const stored: QuoteSettings = {
  numberPattern: 'QT-{YYYY}-{0000}',
  validityDays: 30,
  company: {
    nameZh: '示例科技有限公司',
    nameEn: 'Example Tech Ltd',
    address: '上海市浦东新区',
    phone: '021-00000000',
    email: 'sales@example.com',
    taxId: '91310000XXXXXXXX',
    bank: '招商银行 6225',
  },
  termsZh: '报价有效期内价格不变。',
  termsEn: 'Prices hold while the quote is valid.',
  paymentTerms: '30% on signing',
  logoFileId: '0190c2a0-0000-7000-8000-000000000001',
  version: 4,
};

describe('quote settings form', () => {
  it('round-trips the stored settings into a PUT body the contract accepts, with the version read', () => {
    const body = quoteSettingsInput(quoteSettingsForm(stored), stored.version);
    const parsed = QuoteSettingsInput.parse(body);
    const { version, ...rest } = stored;
    expect(parsed).toEqual({ version, ...rest });
  });

  it('trims texts and sends a removed logo as null', () => {
    const values = quoteSettingsForm(stored);
    values.company.nameEn = '  Example Tech  ';
    values.termsEn = ' Net 30\n';
    values.logoFileId = null;
    const body = quoteSettingsInput(values, 4);
    expect(body.company.nameEn).toBe('Example Tech');
    expect(body.termsEn).toBe('Net 30');
    expect(body.logoFileId).toBeNull();
    expect(stored.company.nameEn).toBe('Example Tech Ltd');
  });

  it('takes only PNG and JPEG logos', () => {
    expect(isLogoType('image/png')).toBe(true);
    expect(isLogoType('image/jpeg')).toBe(true);
    expect(isLogoType('image/svg+xml')).toBe(false);
  });
});
