import { DownloadOutlined, HistoryOutlined } from '@ant-design/icons';
import { computeQuote, type QuoteMath } from '@contracts/quote-math';
import type { Quote } from '@contracts/quotes.contract';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/api-error';
import { ErrorAlert } from '../../shared/error-alert';
import { LinkModal } from '../../shared/link-modal';
import { PageTitle } from '../../shared/page-title';
import { useErrorHandler } from '../../shared/use-error-handler';
import { DraftDialog } from '../contracts/contract-draft-dialog';
import { useFormatMoney } from '../leads/campaigns/use-format-money';
import { type DraftLine, draftOf, mathQuantity, QuoteLinesEditor } from './quote-lines-editor';
import { QuoteStatusTag } from './quote-status-tag';
import { QuoteVersionsDrawer } from './quote-versions-drawer';
import {
  usePatchQuote,
  usePutLines,
  useQuote,
  useReviseQuote,
  useSendQuote,
  useSubmitQuote,
  useWithdrawQuote,
} from './use-quotes';

/** Statuses whose quote the rep may still change (a change to sent or approved opens the next version). */
const EDITABLE = new Set(['draft', 'pending_approval', 'approved', 'sent']);

export function QuotePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const quote = useQuote(id);
  // Outside the builder, which remounts with each new version of the quote (the send bumps it).
  const [link, setLink] = useState<string | null>(null);
  if (quote.isError) {
    if (quote.error instanceof ApiError && quote.error.status === 404) {
      return (
        <Result
          status="404"
          title={t('quotes.notFound')}
          extra={<Link to="/quote-to-cash/quotes">{t('quotes.backToList')}</Link>}
        />
      );
    }
    return <ErrorAlert error={quote.error} />;
  }
  if (!quote.data) return <Skeleton active />;
  return (
    <>
      <QuoteBuilder key={`${quote.data.id}:${quote.data.version}`} quote={quote.data} onSent={setLink} />
      <LinkModal
        title={t('quotes.customerLink')}
        text={t('quotes.linkOnce')}
        url={link}
        onClose={() => setLink(null)}
      />
    </>
  );
}

type HeaderValues = {
  title: string;
  validUntil: string | null;
  paymentTerms: string;
  notes: string;
  discountPercent: number;
  locale: 'zh-CN' | 'en-US';
};

function QuoteBuilder({ quote, onSent }: { quote: Quote; onSent: (url: string) => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const onError = useErrorHandler();
  const formatMoney = useFormatMoney();
  const [form] = Form.useForm<HeaderValues>();
  const [lines, setLines] = useState<DraftLine[]>(() => quote.lines.map(draftOf));
  const [discountBp, setDiscountBp] = useState(quote.discountBp);
  const [dirtyLines, setDirtyLines] = useState(false);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [submitOpen, setSubmitOpen] = useState(false);
  const [drafting, setDrafting] = useState(false);
  const [reason, setReason] = useState('');
  const putLines = usePutLines(quote.id);
  const patch = usePatchQuote(quote.id);
  const submit = useSubmitQuote(quote.id);
  const send = useSendQuote(quote.id);
  const revise = useReviseQuote(quote.id);
  const withdraw = useWithdrawQuote(quote.id);
  const editable = EDITABLE.has(quote.status);

  useEffect(() => {
    form.setFieldsValue({
      title: quote.title,
      validUntil: quote.validUntil,
      paymentTerms: quote.paymentTerms,
      notes: quote.notes,
      discountPercent: quote.discountBp / 100,
      locale: quote.locale,
    });
  }, [form, quote]);

  // Live totals with the same arithmetic the server stores.
  const math = useMemo<QuoteMath | null>(() => {
    try {
      return computeQuote({
        currency: quote.currency,
        discountBp,
        lines: lines.map((l) => ({
          quantity: mathQuantity(l.quantity),
          unitPriceMinor: l.unitPriceMinor ?? l.listPriceMinor ?? 0,
          discountBp: l.discountBp,
          taxRateBp: l.taxRateBp,
          listPriceMinor: l.listPriceMinor,
          unitCostMinor: l.unitCostMinor,
        })),
      });
    } catch {
      return null;
    }
  }, [lines, discountBp, quote.currency]);

  const saveLines = async (): Promise<Quote | null> => {
    try {
      return await putLines.mutateAsync({
        version: quote.version,
        lines: lines.map((l) => ({
          productId: l.productId,
          name: l.name || undefined,
          description: l.description,
          unit: l.unit || undefined,
          quantity: l.quantity,
          unitPriceMinor: l.unitPriceMinor,
          discountBp: l.discountBp,
          taxRateBp: l.taxRateBp,
          ...(l.unitCostMinor !== null ? { unitCostMinor: l.unitCostMinor } : {}),
        })),
      });
    } catch (error) {
      onError(error);
      return null;
    }
  };

  const saveHeader = async (values: HeaderValues) => {
    try {
      await patch.mutateAsync({
        version: quote.version,
        title: values.title,
        validUntil: values.validUntil || null,
        paymentTerms: values.paymentTerms,
        notes: values.notes,
        discountBp: Math.round((values.discountPercent ?? 0) * 100),
        locale: values.locale,
      });
      void message.success(t('quotes.saved'));
    } catch (error) {
      onError(error, form);
    }
  };

  const doSend = async () => {
    try {
      const result = await send.mutateAsync(quote.version);
      onSent(result.link.url);
    } catch (error) {
      onError(error);
    }
  };

  const approval = quote.approval;
  const busy = putLines.isPending || patch.isPending || send.isPending || submit.isPending;
  const canSend =
    (quote.status === 'draft' || quote.status === 'approved') &&
    !dirtyLines &&
    (!approval.required || approval.state === 'approved');

  return (
    <>
      <PageTitle>{`${quote.number} ${quote.title}`}</PageTitle>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Space wrap>
          <Link to="/quote-to-cash/quotes">{t('quotes.backToList')}</Link>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {quote.number}
          </Typography.Title>
          <QuoteStatusTag status={quote.status} />
          <Tag>{t('quotes.versionLabel', { n: quote.currentVersionNo })}</Tag>
          <Link to={`/deals/${quote.dealId}?tab=quotes`}>{quote.dealName}</Link>
        </Space>
        <Space wrap>
          <Button icon={<HistoryOutlined />} onClick={() => setVersionsOpen(true)}>
            {t('quotes.versions')}
          </Button>
          <Button icon={<DownloadOutlined />} href={`/api/v1/quotes/${quote.id}/pdf`}>
            {t('quotes.downloadPdf')}
          </Button>
          {editable && (
            <Button
              loading={putLines.isPending}
              disabled={!dirtyLines}
              onClick={async () => {
                if (await saveLines()) void message.success(t('quotes.saved'));
              }}
            >
              {t('quotes.save')}
            </Button>
          )}
          {quote.status === 'draft' && approval.required && approval.state !== 'approved' && (
            <Button disabled={dirtyLines || busy} onClick={() => setSubmitOpen(true)}>
              {t('quotes.submit')}
            </Button>
          )}
          {(quote.status === 'draft' || quote.status === 'approved') && (
            <Button type="primary" disabled={!canSend || busy} loading={send.isPending} onClick={doSend}>
              {t('quotes.send')}
            </Button>
          )}
          {quote.status === 'accepted' && (
            <Button type="primary" onClick={() => setDrafting(true)}>
              {t('contracts.draft')}
            </Button>
          )}
          {['sent', 'declined', 'expired'].includes(quote.status) && (
            <Button
              onClick={() => revise.mutateAsync(quote.version).catch(onError)}
              loading={revise.isPending}
            >
              {t('quotes.revise')}
            </Button>
          )}
          {['draft', 'pending_approval', 'approved', 'sent'].includes(quote.status) && (
            <Button
              danger
              onClick={() =>
                modal.confirm({
                  title: t('quotes.withdrawConfirm'),
                  onOk: () => withdraw.mutateAsync(quote.version).catch(onError),
                })
              }
            >
              {t('quotes.withdraw')}
            </Button>
          )}
        </Space>
      </Flex>
      <DraftDialog
        open={drafting}
        onClose={() => setDrafting(false)}
        dealId={quote.dealId}
        dealName={quote.dealName}
        quoteId={quote.id}
        quoteLabel={`${quote.number} · ${quote.title}`}
      />
      {quote.acceptedByName && (
        <Alert type="success" showIcon title={t('quotes.acceptedBy', { name: quote.acceptedByName })} />
      )}
      {quote.declineReason && (
        <Alert type="warning" showIcon title={t('quotes.declinedBecause', { reason: quote.declineReason })} />
      )}
      <Row gutter={16} style={{ marginTop: 12 }}>
        <Col xs={24} xl={17}>
          <Card title={t('quotes.header')} size="small" style={{ marginBottom: 16 }}>
            <Form<HeaderValues> form={form} layout="vertical" disabled={!editable} onFinish={saveHeader}>
              <Row gutter={12}>
                <Col xs={24} md={12}>
                  <Form.Item name="title" label={t('quotes.quoteTitle')} rules={[{ required: true }]}>
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name="validUntil" label={t('quotes.validUntil')}>
                    <Input type="date" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name="locale" label={t('quotes.locale')}>
                    <Select
                      options={[
                        { value: 'zh-CN', label: '中文' },
                        { value: 'en-US', label: 'English' },
                      ]}
                    />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name="discountPercent" label={t('quotes.overallDiscount')}>
                    <InputNumber<number>
                      min={0}
                      max={100}
                      precision={2}
                      style={{ width: '100%' }}
                      onChange={(p) => setDiscountBp(Math.round((p ?? 0) * 100))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={18}>
                  <Form.Item name="paymentTerms" label={t('quotes.paymentTerms')}>
                    <Input maxLength={1000} />
                  </Form.Item>
                </Col>
                <Col xs={24}>
                  <Form.Item name="notes" label={t('quotes.notes')}>
                    <Input.TextArea rows={2} maxLength={5000} />
                  </Form.Item>
                </Col>
              </Row>
              {editable && (
                <Button htmlType="submit" loading={patch.isPending} disabled={dirtyLines}>
                  {t('quotes.save')}
                </Button>
              )}
            </Form>
          </Card>
          <Card
            title={t('quotes.lines')}
            size="small"
            extra={dirtyLines ? <Tag color="orange">{t('quotes.unsaved')}</Tag> : null}
          >
            <QuoteLinesEditor
              currency={quote.currency}
              locale={quote.locale}
              lines={lines}
              math={math}
              disabled={!editable}
              onChange={(next) => {
                setLines(next);
                setDirtyLines(true);
              }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={7}>
          <Card title={t('quotes.totals')} size="small" style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('quotes.listValue')}>
                {formatMoney(math?.listMinor ?? null, quote.currency)}
              </Descriptions.Item>
              <Descriptions.Item label={t('quotes.netTotal')}>
                {formatMoney(math?.netMinor ?? null, quote.currency)}
              </Descriptions.Item>
              <Descriptions.Item label={t('quotes.taxTotal')}>
                {formatMoney(math?.taxMinor ?? null, quote.currency)}
              </Descriptions.Item>
              <Descriptions.Item label={t('quotes.grandTotal')}>
                <strong>{formatMoney(math?.totalMinor ?? null, quote.currency)}</strong>
              </Descriptions.Item>
              <Descriptions.Item label={t('quotes.cost')}>
                {formatMoney(math?.costMinor ?? null, quote.currency)}
              </Descriptions.Item>
              <Descriptions.Item label={t('quotes.margin')}>
                {math?.marginMinor === null || math?.marginMinor === undefined
                  ? '—'
                  : `${formatMoney(math.marginMinor, quote.currency)} (${(math.marginBp ?? 0) / 100}%)`}
              </Descriptions.Item>
              <Descriptions.Item label={t('quotes.maxDiscount')}>
                {`${(math?.maxDiscountBp ?? 0) / 100}%`}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={t('quotes.approval')} size="small">
            <Space orientation="vertical">
              <span>
                {approval.required
                  ? t('quotes.beyondAuthority', {
                      levels: approval.levels.map((l) => t(`approvals.levels.${l}`)).join(' → '),
                    })
                  : t('quotes.withinAuthority')}
              </span>
              {approval.reasons.map((r) => (
                <Typography.Text key={r} type="secondary">
                  {t(r)}
                </Typography.Text>
              ))}
              <Tag>{t(`quotes.approvalState.${approval.state}`)}</Tag>
              {quote.viewCount > 0 && <span>{t('quotes.viewed', { count: quote.viewCount })}</span>}
            </Space>
          </Card>
        </Col>
      </Row>
      <QuoteVersionsDrawer
        quoteId={quote.id}
        currency={quote.currency}
        currentVersionNo={quote.currentVersionNo}
        open={versionsOpen}
        onClose={() => setVersionsOpen(false)}
      />
      <Modal
        open={submitOpen}
        title={t('quotes.submit')}
        onCancel={() => setSubmitOpen(false)}
        confirmLoading={submit.isPending}
        onOk={async () => {
          try {
            await submit.mutateAsync({ version: quote.version, reason });
            setSubmitOpen(false);
            void message.success(t('quotes.submitted'));
          } catch (error) {
            onError(error);
          }
        }}
      >
        <Typography.Paragraph>{t('quotes.submitReason')}</Typography.Paragraph>
        <Input.TextArea
          rows={3}
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </>
  );
}
