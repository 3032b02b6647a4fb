import { MERGE_FIELDS } from '@contracts/email.contract';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The merge fields a subject or body may use, each copyable. */
export function MergeFieldHint() {
  const { t } = useTranslation();
  return (
    <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
      {t('email.mergeFields')}{' '}
      {MERGE_FIELDS.map((f) => (
        <Typography.Text key={f} code copyable={{ text: `{{${f}}}` }} style={{ marginInlineEnd: 8 }}>
          {`{{${f}}}`}
        </Typography.Text>
      ))}
    </Typography.Paragraph>
  );
}
