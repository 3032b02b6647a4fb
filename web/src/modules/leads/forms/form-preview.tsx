import type { Locale } from '@contracts/common';
import type { LeadForm } from '@contracts/marketing.contract';
import { Card, Segmented, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

type FormPreviewProps = { form: LeadForm | null };

/** The hosted page itself in a frame, in either language; it reloads whenever the form is saved. */
export function FormPreview({ form }: FormPreviewProps) {
  const { t, i18n } = useTranslation();
  const [lang, setLang] = useState<Locale>(i18n.language === 'en-US' ? 'en-US' : 'zh-CN');
  const [height, setHeight] = useState(560);
  const frame = useRef<HTMLIFrameElement>(null);

  // The page reports its height; only messages from this frame are believed.
  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      const data = event.data as { type?: unknown; height?: unknown } | null;
      if (event.source !== frame.current?.contentWindow || data?.type !== 'closeloop:form-height') return;
      if (typeof data.height === 'number' && data.height > 0)
        setHeight(Math.min(Math.ceil(data.height), 4000));
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, []);

  return (
    <Card
      size="small"
      title={t('marketing.forms.preview')}
      extra={
        <Segmented<Locale>
          size="small"
          value={lang}
          onChange={setLang}
          options={[
            { value: 'zh-CN', label: t('marketing.forms.zh') },
            { value: 'en-US', label: t('marketing.forms.en') },
          ]}
        />
      }
    >
      {form ? (
        <iframe
          ref={frame}
          key={`${lang}-${form.version}`}
          title={t('marketing.forms.preview')}
          src={`/f/${encodeURIComponent(form.key)}?lang=${lang}`}
          style={{ width: '100%', height, border: 0 }}
        />
      ) : (
        <Typography.Text type="secondary">{t('marketing.forms.previewHint')}</Typography.Text>
      )}
    </Card>
  );
}
