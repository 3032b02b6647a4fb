import { isNumberPattern, previewNumber } from '@contracts/number-pattern';
import { Form, Input } from 'antd';
import dayjs from 'dayjs';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The `numberPattern` field of a settings form (quotes, contracts): checked as the server checks it, with the
 * next number previewed from `pattern`, the field's current value.
 */
export function NumberPatternField({ pattern, style }: { pattern: string; style?: CSSProperties }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="numberPattern"
      label={t('quoteToCash.settings.numberPattern')}
      extra={
        isNumberPattern(pattern)
          ? t('quoteToCash.settings.numberPreview', {
              example: previewNumber(pattern, dayjs().format('YYYY-MM-DD')),
            })
          : t('quoteToCash.settings.numberPatternHelp')
      }
      rules={[
        { required: true, whitespace: true },
        {
          validator: async (_, v: string | undefined) => {
            if (v && !isNumberPattern(v.trim())) throw new Error(t('quoteToCash.settings.numberPatternHelp'));
          },
        },
      ]}
    >
      <Input maxLength={60} style={{ fontFamily: 'monospace', ...style }} />
    </Form.Item>
  );
}
