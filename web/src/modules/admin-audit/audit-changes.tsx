import type { AuditEntry } from '@contracts/audit.contract';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

type AuditChangesProps = { changes: AuditEntry['changes'] };

/** Values are arbitrary JSON from the server; every one is shown as plain text, never as markup. */
function asText(value: unknown, empty: string): string {
  if (value === null || value === undefined || value === '') return empty;
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

export function AuditChanges({ changes }: AuditChangesProps) {
  const { t } = useTranslation();
  const entries = Object.entries(changes);
  if (entries.length === 0) return <Typography.Text type="secondary">{t('audit.noChanges')}</Typography.Text>;
  const empty = t('common.empty');
  return (
    <ul style={{ margin: 0, paddingInlineStart: 20 }}>
      {entries.map(([field, { from, to }]) => (
        <li key={field}>
          <Typography.Text strong>{field}</Typography.Text>:{' '}
          <Typography.Text delete>{asText(from, empty)}</Typography.Text>
          {' → '}
          <Typography.Text>{asText(to, empty)}</Typography.Text>
        </li>
      ))}
    </ul>
  );
}
