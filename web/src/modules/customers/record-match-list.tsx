import { MergeOutlined } from '@ant-design/icons';
import type { RecordMatch } from '@contracts/customers.contract';
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PlainList } from '../../shared/plain-list';

type RecordMatchListProps = {
  matches: readonly RecordMatch[];
  newTab?: boolean;
  /** The saved record the matches were found for: matches of its kind offer to be merged into it. */
  mergeInto?: { kind: RecordMatch['kind']; id: string } | undefined;
};

const mergePath = (into: { kind: RecordMatch['kind']; id: string }, sourceId: string) =>
  into.kind === 'customer'
    ? `/customers/${into.id}/merge/${sourceId}`
    : `/customers/contacts/${into.id}/merge/${sourceId}`;

/** Customers and contacts that look like the same company or person, and which field matched. */
export function RecordMatchList({ matches, newTab = false, mergeInto }: RecordMatchListProps) {
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
          {mergeInto?.kind === m.kind && (
            <Link to={mergePath(mergeInto, m.id)}>
              <MergeOutlined /> {t('recordMerge.action')}
            </Link>
          )}
        </Space>
      )}
    />
  );
}
