import { Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';

type LoadMoreProps = { hasMore: boolean; loading: boolean; onLoad: () => void };

/** The next page of a cursor-paged list. */
export function LoadMore({ hasMore, loading, onLoad }: LoadMoreProps) {
  const { t } = useTranslation();
  if (!hasMore) return null;
  return (
    <Flex justify="center" style={{ marginTop: 16 }}>
      <Button onClick={onLoad} loading={loading}>
        {t('common.loadMore')}
      </Button>
    </Flex>
  );
}
