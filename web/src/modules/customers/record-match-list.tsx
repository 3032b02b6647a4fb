import type { RecordMatch } from '@contracts/customers.contract';
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PlainList } from '../leads/list/plain-list';

type RecordMatchListProps = { matches: readonly RecordMatch[]; newTab?: boolean };

/** Customers and contacts that look like the same company or person, and which field matched. */
export function RecordMatchList({ matches, newTab = false }: RecordMatchListProps) {
  const { t } = useTranslation();
  return (
    <PlainList
      items={matches}
      itemKey={(m) => `${m.kind}-${m.id}`}
      render={(m) => (
        <Space wrap size={4}>
          <Tag color={m.kind === 'customer' ? 'green' : 'cyan'}>
            {t(`customers.duplicates.kind.${m.kind}`)}
          </Tag>
          <Link
            to={m.kind === 'customer' ? `/customers/${m.id}` : `/customers/contacts?open=${m.id}`}
            target={newTab ? '_blank' : undefined}
          >
            {m.name}
          </Link>
          <Typography.Text type="secondary">
            {t(`customers.duplicates.matchedOn.${m.matchedOn}`)}
          </Typography.Text>
        </Space>
      )}
    />
  );
}
