import { formatMoney } from '@contracts/money';
import { Card, Col, DatePicker, Form, Input, Row, Statistic, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error';
import { CurrencySelect } from '../../shared/currency-select';
import { useSession } from '../auth/use-session';
import { CustomerSelect } from '../customers/customer-select';
import { ProductSelect } from './product-select';
import { usePricePreview } from './use-catalog';

/**
 * "Explain" a price: pick a customer, product and quantity and see the unit price a quote line would start
 * from, and which price book (and tier) or list price it comes from, as the server resolves it.
 */
export function PricePreview() {
  const { t, i18n } = useTranslation();
  const me = useSession();
  const [customerId, setCustomerId] = useState<string | undefined>();
  const [productId, setProductId] = useState<string | undefined>();
  const [quantity, setQuantity] = useState('1');
  const [currency, setCurrency] = useState(me.tenant.currency);
  const [on, setOn] = useState<Dayjs | null>(null);
  const [channel, setChannel] = useState('');
  const price = usePricePreview(productId ?? null, {
    customerId,
    quantity: quantity.trim() || '1',
    currency,
    on: on ? on.format('YYYY-MM-DD') : undefined,
    channel: channel.trim() || undefined,
  });
  const failure =
    price.error instanceof ApiError
      ? (price.error.problem?.errors?.[0]?.detail ?? price.error.problem?.detail)
      : null;
  return (
    <Card title={t('catalog.explain.title')} size="small" style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">{t('catalog.explain.hint')}</Typography.Paragraph>
      <Form layout="vertical">
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item label={t('catalog.explain.customer')}>
              <CustomerSelect allowClear value={customerId} onChange={(v) => setCustomerId(v ?? undefined)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('catalog.explain.product')}>
              <ProductSelect allowClear value={productId} onChange={(v) => setProductId(v ?? undefined)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item label={t('catalog.explain.quantity')}>
              <Input inputMode="decimal" value={quantity} onChange={(e) => setQuantity(e.target.value)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item label={t('catalog.books.currency')}>
              <CurrencySelect value={currency} onChange={setCurrency} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item label={t('catalog.explain.on')}>
              <DatePicker value={on} onChange={setOn} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item label={t('catalog.explain.channel')}>
              <Input value={channel} onChange={(e) => setChannel(e.target.value)} placeholder="partner" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {!productId ? (
        <Typography.Text type="secondary">{t('catalog.explain.pick')}</Typography.Text>
      ) : failure ? (
        <Typography.Text type="danger">{failure}</Typography.Text>
      ) : price.data ? (
        <Statistic
          title={t('catalog.explain.price')}
          value={formatMoney(price.data.unitPriceMinor, price.data.currency, i18n.language)}
          suffix={
            <Typography.Text type="secondary" style={{ fontSize: 14 }}>
              {price.data.explanation}
              {price.data.unitPriceMinor !== price.data.listPriceMinor &&
                ` · ${t('catalog.explain.listPrice', {
                  price: formatMoney(price.data.listPriceMinor, price.data.currency, i18n.language),
                })}`}
            </Typography.Text>
          }
        />
      ) : null}
    </Card>
  );
}
