import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTagColors } from './use-customer-tags';

type CustomerTagListProps = { tags: readonly string[]; emptyText?: boolean };

/** Tags in their managed colours; free tags are grey. */
export function CustomerTagList({ tags, emptyText = false }: CustomerTagListProps) {
  const { t } = useTranslation();
  const colors = useTagColors();
  if (tags.length === 0) {
    return emptyText ? (
      <Typography.Text type="secondary">{t('customers.detail.noTags')}</Typography.Text>
    ) : null;
  }
  return (
    <Space size={[0, 4]} wrap>
      {tags.map((tag) => (
        <Tag key={tag} color={colors.get(tag) ?? 'default'}>
          {tag}
        </Tag>
      ))}
    </Space>
  );
}
