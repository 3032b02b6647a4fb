import type { Locale } from '@contracts/common';
import type { LeadForm } from '@contracts/marketing.contract';
import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CopyField } from '../../../shared/copy-field';

type EmbedSnippetProps = { form: LeadForm };

/** Characters that would end an HTML attribute value or start markup. */
const attr = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The hosted page's address and the two ways to put the form on a website, each with a copy button. */
export function EmbedSnippet({ form }: EmbedSnippetProps) {
  const { t, i18n } = useTranslation();
  const lang: Locale = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  const iframe =
    `<iframe src="${attr(`${form.url}?lang=${lang}`)}" title="${attr(form.texts.title[lang])}" ` +
    'style="width:100%;max-width:640px;height:760px;border:0" loading="lazy"></iframe>';
  const script = `<script src="${attr(`${form.url}/embed.js`)}" data-lang="${lang}" async></script>`;
  return (
    <Card size="small" title={t('marketing.forms.embed')}>
      <Typography.Text type="secondary">{t('marketing.forms.hostedUrl')}</Typography.Text>
      <CopyField value={form.url} />
      <Typography.Text type="secondary">{t('marketing.forms.embedIframe')}</Typography.Text>
      <CopyField value={iframe} />
      <Typography.Text type="secondary">{t('marketing.forms.embedScript')}</Typography.Text>
      <CopyField value={script} />
    </Card>
  );
}
