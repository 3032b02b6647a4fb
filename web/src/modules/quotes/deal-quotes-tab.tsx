import { FileDoneOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useProposals } from '../deals/proposals/use-proposals';
import { useFormatMoney } from '../leads/campaigns/use-format-money';
import { QuoteListPage } from './quote-list-page';
import { quotableProposals } from './quote-sources';
import { useCreateQuote } from './use-quotes';

/** The quotes tab of a deal: its quotes, and a new quote for it, empty or from an approved proposal. */
export function DealQuotesTab({ dealId }: { dealId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const onError = useErrorHandler();
  const create = useCreateQuote();
  const proposals = useProposals(dealId);
  const quotable = quotableProposals(proposals.data ?? []);
  const [fromProposal, setFromProposal] = useState(false);
  return (
    <>
      <Flex justify="end" gap={8} style={{ marginBottom: 8 }}>
        {quotable.length > 0 && (
          <Button icon={<FileDoneOutlined />} onClick={() => setFromProposal(true)}>
            {t('quotes.fromProposal')}
          </Button>
        )}
        <Button
          type="primary"
          icon={<PlusOutlined />}
          loading={create.isPending && !fromProposal}
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
      {fromProposal && <FromProposalModal dealId={dealId} onClose={() => setFromProposal(false)} />}
    </>
  );
}

type FromProposalValues = { proposalId: string; title?: string };

/** Starts a quote from an approved proposal version: its lines and title become the quote's. */
function FromProposalModal({ dealId, onClose }: { dealId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const onError = useErrorHandler();
  const formatMoney = useFormatMoney();
  const create = useCreateQuote();
  const proposals = useProposals(dealId);
  const quotable = quotableProposals(proposals.data ?? []);
  const [form] = Form.useForm<FromProposalValues>();
  const submit = async (values: FromProposalValues) => {
    try {
      const quote = await create.mutateAsync({
        dealId,
        proposalId: values.proposalId,
        title: values.title?.trim() || undefined,
      });
      onClose();
      navigate(`/quote-to-cash/quotes/${quote.id}`);
    } catch (error) {
      onError(error, form);
    }
  };
  return (
    <Modal
      open
      title={t('quotes.fromProposal')}
      okText={t('quotes.createForDeal')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
    >
      <Form<FromProposalValues>
        form={form}
        layout="vertical"
        initialValues={{ proposalId: quotable[0]?.id }}
        onFinish={submit}
      >
        <Form.Item
          name="proposalId"
          label={t('quotes.proposal')}
          extra={t('quotes.fromProposalHelp')}
          rules={[{ required: true }]}
        >
          <Select
            options={quotable.map((p) => ({
              value: p.id,
              label: `${t('dealProposals.versionLabel', { n: p.versionNo })} · ${p.title} · ${formatMoney(p.totalMinor, p.currency)} · ${t(`dealProposals.statusName.${p.status}`)}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="title" label={t('quotes.quoteTitle')} extra={t('quotes.titleFromProposal')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
