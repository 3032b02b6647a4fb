import { type ExchangeRate, RateText } from '@contracts/catalog.contract';
import {
  App,
  Button,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Table,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CurrencySelect } from '../../shared/currency-select';
import { ErrorAlert } from '../../shared/error-alert';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useFormRules } from '../../shared/use-form-rules';
import { useFormatDateTime } from '../../shared/use-format-date-time';
import { useDeleteRate, useExchangeRates, useUpsertRates } from './use-catalog';

type Values = { currency: string; effectiveOn: Dayjs | null; rate: string };

/** Exchange rates into the company currency, newest first per currency; add, correct or delete one. */
export function ExchangeRateView({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const rules = useFormRules();
  const formatDateTime = useFormatDateTime();
  const handleError = useErrorHandler();
  const [currency, setCurrency] = useState<string | undefined>();
  const rates = useExchangeRates(currency);
  const upsert = useUpsertRates();
  const remove = useDeleteRate();
  const [editing, setEditing] = useState<Values | null>(null);
  const [form] = Form.useForm<Values>();
  const home = rates.data?.homeCurrency ?? '';

  const submit = (v: Values) => {
    if (!RateText.safeParse(v.rate).success) {
      form.setFields([{ name: 'rate', errors: [t('catalog.rates.badRate')] }]);
      return;
    }
    upsert.mutate(
      {
        rates: [
          {
            currency: v.currency,
            effectiveOn: v.effectiveOn?.format('YYYY-MM-DD') ?? '',
            rate: v.rate.trim(),
          },
        ],
      },
      {
        onSuccess: () => {
          void message.success(t('catalog.rates.saved'));
          setEditing(null);
        },
        onError: (error) => handleError(error, form),
      },
    );
  };

  return (
    <>
      <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
        <CurrencySelect
          allowClear
          placeholder={t('catalog.rates.allCurrencies')}
          aria-label={t('catalog.rates.currency')}
          value={currency}
          onChange={setCurrency}
          style={{ width: 200 }}
        />
        {home && (
          <Typography.Text type="secondary">{t('catalog.rates.home', { currency: home })}</Typography.Text>
        )}
        {canManage && (
          <Button
            type="primary"
            style={{ marginLeft: 'auto' }}
            onClick={() => setEditing({ currency: currency ?? 'USD', effectiveOn: dayjs(), rate: '' })}
          >
            {t('catalog.rates.add')}
          </Button>
        )}
      </Flex>
      {rates.error && <ErrorAlert error={rates.error} />}
      <Table<ExchangeRate>
        rowKey={(r) => `${r.currency}-${r.effectiveOn}`}
        size="middle"
        loading={rates.isLoading}
        dataSource={rates.data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('catalog.rates.currency'), dataIndex: 'currency', width: 100 },
          { title: t('catalog.rates.effectiveOn'), dataIndex: 'effectiveOn', width: 140 },
          { title: t('catalog.rates.rate'), dataIndex: 'rate', align: 'right' },
          {
            title: t('catalog.rates.enteredAt'),
            dataIndex: 'createdAt',
            render: (v: string) => formatDateTime(v),
          },
          ...(canManage
            ? [
                {
                  key: 'actions',
                  title: t('common.actions'),
                  width: 160,
                  render: (_: unknown, r: ExchangeRate) => (
                    <Space>
                      <Button
                        type="link"
                        onClick={() =>
                          setEditing({
                            currency: r.currency,
                            effectiveOn: dayjs(r.effectiveOn),
                            rate: r.rate,
                          })
                        }
                      >
                        {t('common.edit')}
                      </Button>
                      <Popconfirm
                        title={t('catalog.rates.deleteConfirm')}
                        onConfirm={() =>
                          remove.mutate(
                            { currency: r.currency, effectiveOn: r.effectiveOn },
                            {
                              onSuccess: () => void message.success(t('catalog.rates.deleted')),
                              onError: (e) => handleError(e),
                            },
                          )
                        }
                      >
                        <Button type="link" danger>
                          {t('common.delete')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={editing !== null}
        title={t('catalog.rates.addTitle')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={upsert.isPending}
        destroyOnHidden
      >
        {editing && (
          <Form<Values>
            form={form}
            layout="vertical"
            initialValues={editing}
            onFinish={submit}
            preserve={false}
          >
            <Form.Item name="currency" label={t('catalog.rates.currency')} rules={[rules.required]}>
              <CurrencySelect />
            </Form.Item>
            <Form.Item
              name="effectiveOn"
              label={t('catalog.rates.effectiveOn')}
              rules={[{ required: true, message: t('errors.required') }]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item
              name="rate"
              label={home ? `${t('catalog.rates.rate')} (1 × → ${home})` : t('catalog.rates.rate')}
              extra={t('catalog.rates.rateHint')}
              rules={[rules.required]}
            >
              <Input inputMode="decimal" />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </>
  );
}
