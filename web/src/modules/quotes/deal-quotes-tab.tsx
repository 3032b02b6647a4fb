import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useErrorHandler } from '../../shared/use-error-handler';
import { QuoteListPage } from './quote-list-page';
import { useCreateQuote } from './use-quotes';

/** The quotes tab of a deal: its quotes, and a new quote for it (opened in the builder). */
export function DealQuotesTab({ dealId }: { dealId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const onError = useErrorHandler();
  const create = useCreateQuote();
  return (
    <>
      <Flex justify="end" style={{ marginBottom: 8 }}>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          loading={create.isPending}
          onClick={async () => {
            try {
              const quote = await create.mutateAsync({ dealId });
              navigate(`/quote-to-cash/quotes/${quote.id}`);
            } catch (error) {
              onError(error);
            }
          }}
        >
          {t('quotes.createForDeal')}
        </Button>
      </Flex>
      <QuoteListPage dealId={dealId} />
    </>
  );
}
