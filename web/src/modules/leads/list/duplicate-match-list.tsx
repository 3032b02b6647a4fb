import type { DuplicateMatch } from '@contracts/leads.contract';
import { Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PlainList } from '../../../shared/plain-list';

type DuplicateMatchListProps = {
  matches: readonly DuplicateMatch[];
  /** Buttons for one match (merge, convert into it…). */
  actions?: (match: DuplicateMatch) => ReactNode;
  /** Open matching leads in a new tab (while a form is being filled in). */
  newTab?: boolean;
};

const KIND_COLORS: Record<DuplicateMatch['kind'], string> = {
  lead: 'blue',
  customer: 'green',
  contact: 'cyan',
};

/** Records that look like the same person or company: what they are and which field matched. */
export function DuplicateMatchList({ matches, actions, newTab = false }: DuplicateMatchListProps) {
  const { t } = useTranslation();
  return (
    <PlainList
      items={matches}
      itemKey={(m) => `${m.kind}-${m.id}-${m.matchedOn}`}
      actions={actions}
      render={(m) => (
        <Space wrap size={4}>
          <Tag color={KIND_COLORS[m.kind]}>{t(`leadScreens.duplicates.kind.${m.kind}`)}</Tag>
          {m.kind === 'lead' ? (
            <Link to={`/leads/${m.id}`} target={newTab ? '_blank' : undefined}>
              {m.name}
            </Link>
          ) : (
            <Typography.Text>{m.name}</Typography.Text>
          )}
          <Typography.Text type="secondary">
            {t(`leadScreens.duplicates.matchedOn.${m.matchedOn}`)}
          </Typography.Text>
        </Space>
      )}
    />
  );
}
