import type { QuoteSettings, QuoteSettingsInput } from '@contracts/quotes.contract';

/** The quote settings form: the stored settings without their version, mapped back to the PUT body. */

export type QuoteSettingsFormValues = Omit<QuoteSettings, 'version'>;

export function quoteSettingsForm(settings: QuoteSettings): QuoteSettingsFormValues {
  const { version: _version, ...values } = settings;
  return { ...values, company: { ...values.company } };
}

/** The PUT body: every field sent (the server replaces the whole record), texts trimmed, the version read. */
export function quoteSettingsInput(values: QuoteSettingsFormValues, version: number): QuoteSettingsInput {
  const c = values.company;
  return {
    version,
    numberPattern: values.numberPattern.trim(),
    validityDays: values.validityDays,
    company: {
      nameZh: c.nameZh.trim(),
      nameEn: c.nameEn.trim(),
      address: c.address.trim(),
      phone: c.phone.trim(),
      email: c.email.trim(),
      taxId: c.taxId.trim(),
      bank: c.bank.trim(),
    },
    termsZh: values.termsZh.trim(),
    termsEn: values.termsEn.trim(),
    paymentTerms: values.paymentTerms.trim(),
    logoFileId: values.logoFileId ?? null,
  };
}

/** Only PNG and JPEG logos go into the PDF (the server checks the sniffed type too). */
export const LOGO_TYPES = ['image/png', 'image/jpeg'] as const;
export const isLogoType = (type: string) => (LOGO_TYPES as readonly string[]).includes(type);
