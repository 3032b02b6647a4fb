import type { PriceBookDetail } from '@contracts/catalog.contract';
import { CUSTOMER_TIERS } from '@contracts/customers.contract';
import {
  App,
  Button,
  Col,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Select,
  Skeleton,
  Space,
  Switch,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { CurrencySelect } from '../../shared/currency-select';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useFormRules } from '../../shared/use-form-rules';
import { useSession } from '../auth/use-session';
import { PriceBookEntriesEditor } from './price-book-entries-editor';
import { useCreatePriceBook, useDeletePriceBook, usePriceBook, useUpdatePriceBook } from './use-catalog';

type Values = {
  name: string;
  currency: string;
  customerTier: (typeof CUSTOMER_TIERS)[number] | null;
  region: string;
  channel: string;
  validFrom: Dayjs | null;
  validTo: Dayjs | null;
  priority: number;
  active: boolean;
};

type PriceBookDrawerProps = {
  bookId: string | null;
  canManage: boolean;
  onClose: () => void;
  onCreated: (id: string) => void;
};

const day = (value: Dayjs | null) => (value ? value.format('YYYY-MM-DD') : null);

function valuesOf(b: PriceBookDetail): Values {
  return {
    name: b.name,
    currency: b.currency,
    customerTier: b.customerTier,
    region: b.region ?? '',
    channel: b.channel ?? '',
    validFrom: b.validFrom ? dayjs(b.validFrom) : null,
    validTo: b.validTo ? dayjs(b.validTo) : null,
    priority: b.priority,
    active: b.active,
  };
}

/** A price book: who it applies to (tier, region, channel), when, its priority, and its prices. */
export function PriceBookDrawer({ bookId, canManage, onClose, onCreated }: PriceBookDrawerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const rules = useFormRules();
  const handleError = useErrorHandler();
  const [form] = Form.useForm<Values>();
  const book = usePriceBook(bookId);
  const create = useCreatePriceBook();
  const update = useUpdatePriceBook();
  const remove = useDeletePriceBook();
  const data = book.data;

  useEffect(() => {
    if (data) form.setFieldsValue(valuesOf(data));
  }, [data, form]);

  const submit = (v: Values) => {
    const fields = {
      name: v.name.trim(),
      currency: v.currency,
      customerTier: v.customerTier ?? null,
      region: v.region.trim() || null,
      channel: v.channel.trim() || null,
      validFrom: day(v.validFrom),
      validTo: day(v.validTo),
      priority: v.priority,
      active: v.active,
    };
    const onError = (error: unknown) => handleError(error, form);
    if (!data) {
      create.mutate(fields, {
        onSuccess: (made) => {
          void message.success(t('catalog.books.created', { name: made.name }));
          onCreated(made.id);
        },
        onError,
      });
      return;
    }
    update.mutate(
      { id: data.id, body: { version: data.version, ...fields } },
      { onSuccess: () => void message.success(t('common.saved')), onError },
    );
  };

  return (
    <Drawer
      open
      onClose={onClose}
      title={data ? t('catalog.books.editTitle', { name: data.name }) : t('catalog.books.createTitle')}
      size={760}
      destroyOnHidden
      extra={
        canManage && (
          <Space>
            {data && (
              <Popconfirm
                title={t('catalog.books.deleteConfirm')}
                onConfirm={() =>
                  remove.mutate(data.id, {
                    onSuccess: () => {
                      void message.success(t('catalog.books.deleted'));
                      onClose();
                    },
                    onError: (e) => handleError(e),
                  })
                }
              >
                <Button danger>{t('common.delete')}</Button>
              </Popconfirm>
            )}
            <Button
              type="primary"
              loading={create.isPending || update.isPending}
              onClick={() => form.submit()}
            >
              {data ? t('common.save') : t('common.create')}
            </Button>
          </Space>
        )
      }
    >
      {bookId && book.isLoading ? (
        <Skeleton active />
      ) : (
        <>
          <Form<Values>
            form={form}
            layout="vertical"
            onFinish={submit}
            disabled={!canManage}
            initialValues={{
              name: '',
              currency: me.tenant.currency,
              customerTier: null,
              region: '',
              channel: '',
              validFrom: null,
              validTo: null,
              priority: 0,
              active: true,
            }}
          >
            <Row gutter={12}>
              <Col span={16}>
                <Form.Item name="name" label={t('catalog.books.name')} rules={[rules.required]}>
                  <Input maxLength={100} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="currency" label={t('catalog.books.currency')}>
                  <CurrencySelect />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="customerTier" label={t('catalog.books.customerTier')}>
                  <Select
                    allowClear
                    placeholder={t('catalog.books.anyone')}
                    options={CUSTOMER_TIERS.map((tier) => ({
                      value: tier,
                      label: t(`catalog.tiers.${tier}`),
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="region" label={t('catalog.books.region')}>
                  <Input maxLength={50} placeholder={t('catalog.books.anyone')} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item
                  name="channel"
                  label={t('catalog.books.channel')}
                  extra={t('catalog.books.channelHint')}
                >
                  <Input maxLength={50} placeholder={t('catalog.books.anyone')} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="validFrom" label={t('catalog.books.validFrom')}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="validTo" label={t('catalog.books.validTo')}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={4}>
                <Form.Item name="priority" label={t('catalog.books.priority')}>
                  <InputNumber min={-1000} max={1000} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={4}>
                <Form.Item name="active" label={t('catalog.books.active')} valuePropName="checked">
                  <Switch />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item extra={t('catalog.books.priorityHint')} style={{ marginTop: -12 }} />
          </Form>
          {data && <PriceBookEntriesEditor book={data} canManage={canManage} />}
        </>
      )}
    </Drawer>
  );
}
