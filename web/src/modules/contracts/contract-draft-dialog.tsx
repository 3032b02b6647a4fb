import { minorDigits, toMinor } from '@contracts/money';
import { listQuotes } from '@contracts/quotes.contract';
import { useQuery } from '@tanstack/react-query';
import { Flex, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { call } from '../../api/http';
import { CurrencySelect } from '../../shared/currency-select';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useFormatMoney } from '../leads/campaigns/use-format-money';
import { defaultTemplateId } from './clause-draft';
import { DealSelect } from './deal-select';
import { useContractTemplates, useCreateContract } from './use-contracts';

type DraftValues = {
  dealId?: string;
  quoteId?: string;
  templateId?: string;
  amount?: string;
  currency?: string;
  title?: string;
};

type DraftDialogProps = {
  open: boolean;
  onClose: () => void;
  /** Drafting from a known deal (and quote): the selects are fixed to them. */
  dealId?: string;
  dealName?: string;
  quoteId?: string;
  quoteLabel?: string;
};

/** The accepted quotes of a deal, for the draft dialog's quote select. */
function useAcceptedQuotes(dealId: string | undefined) {
  return useQuery({
    queryKey: ['quotes', 'list', 'accepted', dealId],
    queryFn: ({ signal }) => call(listQuotes, { query: { dealId, status: 'accepted', limit: 50 }, signal }),
    enabled: dealId !== undefined,
    select: (page) => page.items,
  });
}

/**
 * Drafts a contract from a deal found by name: with one of its accepted quotes (amount, currency and lines
 * come from it), else from its agreed negotiation minutes, else with an amount typed here.
 */
export function DraftDialog({ open, onClose, dealId, dealName, quoteId, quoteLabel }: DraftDialogProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DraftValues>();
  const create = useCreateContract();
  const onError = useErrorHandler();
  const navigate = useNavigate();
  const formatMoney = useFormatMoney();
  const chosenDeal = Form.useWatch('dealId', form);
  const chosenQuote = Form.useWatch('quoteId', form);
  const quotes = useAcceptedQuotes(open ? chosenDeal : undefined);
  const templates = useContractTemplates();
  const activeTemplates = (templates.data ?? []).filter((tpl) => tpl.active);
  const fixed = dealId !== undefined;

  // A newly chosen deal's accepted quote is the usual source: preselect the newest.
  useEffect(() => {
    if (fixed || !quotes.data) return;
    form.setFieldValue('quoteId', quotes.data[0]?.id);
  }, [fixed, quotes.data, form]);

  const submit = (values: DraftValues) => {
    if (!values.dealId) return;
    // Exact: the typed decimal string becomes minor units of the chosen currency (never a float).
    const amountMinor =
      !values.quoteId && values.amount && values.currency
        ? toMinor(values.amount, minorDigits(values.currency))
        : null;
    create.mutate(
      {
        dealId: values.dealId,
        quoteId: values.quoteId || null,
        templateId: values.templateId || null,
        title: values.title?.trim() || undefined,
        ...(amountMinor !== null && values.currency ? { amountMinor, currency: values.currency } : {}),
      },
      {
        onSuccess: (contract) => {
          onClose();
          void navigate(`/quote-to-cash/contracts/${contract.id}`);
        },
        onError: (error) => onError(error, form),
      },
    );
  };
  const quoteOptions = fixed
    ? quoteId
      ? [{ value: quoteId, label: quoteLabel ?? quoteId }]
      : []
    : (quotes.data ?? []).map((q) => ({
        value: q.id,
        label: `${q.number} · ${q.title} · ${formatMoney(q.totalMinor, q.currency)}`,
      }));
  return (
    <Modal
      open={open}
      title={t('contracts.draft')}
      okText={t('contracts.draftOk')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ dealId, quoteId }}
        onFinish={submit}
      >
        <Form.Item name="dealId" label={t('contracts.deal')} rules={[{ required: true }]}>
          <DealSelect
            disabled={fixed}
            knownName={dealName}
            placeholder={t('contracts.dealSearch')}
            onChange={() => form.setFieldValue('quoteId', undefined)}
          />
        </Form.Item>
        {/* Always registered (hidden without choices), so the preselected quote is kept. */}
        <Form.Item
          name="quoteId"
          label={t('contracts.quote')}
          extra={t('contracts.quoteHelp')}
          hidden={!chosenDeal || quoteOptions.length === 0}
        >
          <Select allowClear disabled={fixed} options={quoteOptions} placeholder={t('contracts.noQuote')} />
        </Form.Item>
        {chosenDeal && !fixed && quotes.isSuccess && quoteOptions.length === 0 && (
          <Typography.Paragraph type="secondary">{t('contracts.noAcceptedQuotes')}</Typography.Paragraph>
        )}
        <Form.Item name="templateId" label={t('contracts.template')} extra={t('contracts.templateHelp')}>
          <Select
            allowClear
            loading={templates.isLoading}
            placeholder={
              activeTemplates.find((tpl) => tpl.id === defaultTemplateId(activeTemplates))?.name ??
              t('contracts.template')
            }
            options={activeTemplates.map((tpl) => ({ value: tpl.id, label: tpl.name }))}
          />
        </Form.Item>
        <Form.Item name="title" label={t('contracts.title')}>
          <Input maxLength={200} />
        </Form.Item>
        {!chosenQuote && (
          <Flex gap={8}>
            <Form.Item name="amount" label={t('contracts.amountGiven')} extra={t('contracts.amountHelp')}>
              <InputNumber<string> stringMode min="0" style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="currency" label={t('contracts.currency')}>
              <CurrencySelect style={{ width: 120 }} />
            </Form.Item>
          </Flex>
        )}
      </Form>
    </Modal>
  );
}
