import type { LeadFormField, LeadFormFieldSpec, LeadFormTexts } from '@contracts/marketing.contract';
import type { i18n as I18n } from 'i18next';

/** A field as the builder adds it: labelled in both languages from the catalogues. */
export function defaultFieldSpec(i18n: I18n, field: LeadFormField, required = false): LeadFormFieldSpec {
  const label = (lng: 'zh-CN' | 'en-US') => {
    const t = i18n.getFixedT(lng);
    return field === 'consent' ? t('marketing.forms.defaults.consent') : t(`leads.fields.${field}`);
  };
  return { field, label: { 'zh-CN': label('zh-CN'), 'en-US': label('en-US') }, required };
}

export function defaultTexts(i18n: I18n): LeadFormTexts {
  const both = (key: 'title' | 'intro' | 'submit' | 'thankYou') => ({
    'zh-CN': i18n.getFixedT('zh-CN')(`marketing.forms.defaults.${key}`),
    'en-US': i18n.getFixedT('en-US')(`marketing.forms.defaults.${key}`),
  });
  return { title: both('title'), intro: both('intro'), submit: both('submit'), thankYou: both('thankYou') };
}

/** A new form asks for the usual contact details and consent; the company or contact name is required. */
export function defaultFields(i18n: I18n): LeadFormFieldSpec[] {
  return [
    defaultFieldSpec(i18n, 'companyName', true),
    defaultFieldSpec(i18n, 'contactName', true),
    defaultFieldSpec(i18n, 'phone'),
    defaultFieldSpec(i18n, 'email'),
    defaultFieldSpec(i18n, 'notes'),
    defaultFieldSpec(i18n, 'consent', true),
  ];
}
