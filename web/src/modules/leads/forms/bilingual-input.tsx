import type { LeadFormTexts } from '@contracts/marketing.contract';
import { Flex, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormRules } from '../../../shared/use-form-rules';

type BilingualInputProps = {
  text: keyof LeadFormTexts;
  label: string;
  required?: boolean;
  multiline?: boolean;
  maxLength: number;
};

/** One of the form's texts, side by side in Chinese and English. */
export function BilingualInput({
  text,
  label,
  required = false,
  multiline = false,
  maxLength,
}: BilingualInputProps) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const TextInput = multiline ? Input.TextArea : Input;
  const extra = multiline ? { autoSize: { minRows: 2, maxRows: 6 } } : {};
  return (
    <Form.Item label={label} required={required} style={{ marginBottom: 0 }}>
      <Flex gap={8} wrap>
        {(['zh-CN', 'en-US'] as const).map((lng) => (
          <Form.Item
            key={lng}
            name={['texts', text, lng]}
            rules={required ? [rules.required] : []}
            style={{ flex: 1, minWidth: 200 }}
          >
            <TextInput
              placeholder={lng === 'zh-CN' ? t('marketing.forms.zh') : t('marketing.forms.en')}
              aria-label={`${label} · ${lng === 'zh-CN' ? t('marketing.forms.zh') : t('marketing.forms.en')}`}
              maxLength={maxLength}
              {...extra}
            />
          </Form.Item>
        ))}
      </Flex>
    </Form.Item>
  );
}
