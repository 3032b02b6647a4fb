import {
  PRODUCT_CATEGORIES,
  PRODUCT_KINDS,
  type ProductDetail,
  type ProductKind,
} from '@contracts/catalog.contract';
import { divideRounded, minorDigits } from '@contracts/money';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Col,
  Drawer,
  Form,
  Input,
  Popconfirm,
  Row,
  Select,
  Skeleton,
  Space,
  Switch,
  Typography,
} from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { CurrencySelect } from '../../shared/currency-select';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useFormRules } from '../../shared/use-form-rules';
import { useSession } from '../auth/use-session';
import { BundleItemsEditor } from './bundle-items-editor';
import { amountText, bpToPercent, parseAmount, percentToBp } from './catalog-money';
import {
  useArchiveProduct,
  useCreateProduct,
  useDeleteProduct,
  useProduct,
  useUpdateProduct,
} from './use-catalog';

type Values = {
  code: string;
  kind: ProductKind;
  nameZh: string;
  nameEn: string;
  description: string;
  category: string;
  unit: string;
  currency: string;
  listPrice: string;
  cost: string;
  taxRate: string;
  active: boolean;
};

type ProductDrawerProps = {
  /** null: a new product. */
  productId: string | null;
  canManage: boolean;
  onClose: () => void;
  onCreated: (id: string) => void;
};

function valuesOf(p: ProductDetail): Values {
  return {
    code: p.code,
    kind: p.kind,
    nameZh: p.nameZh,
    nameEn: p.nameEn,
    description: p.description,
    category: p.category ?? '',
    unit: p.unit,
    currency: p.currency,
    listPrice: amountText(p.listPriceMinor, p.currency),
    cost: amountText(p.costMinor, p.currency),
    taxRate: bpToPercent(p.taxRateBp),
    active: p.active,
  };
}

/** Margin of the typed prices, exact, for the form's live hint. */
function liveMargin(listText: string, costText: string, currency: string): string | null {
  const list = parseAmount(listText ?? '', currency);
  const cost = parseAmount(costText ?? '', currency);
  if (list === null || cost === null || list <= 0) return null;
  return bpToPercent(Number(divideRounded(BigInt(list - cost) * 10_000n, BigInt(list))));
}

/** A product's form (both names, unit, prices in the currency's precision, tax, cost), and a bundle's items. */
export function ProductDrawer({ productId, canManage, onClose, onCreated }: ProductDrawerProps) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const rules = useFormRules();
  const handleError = useErrorHandler();
  const [form] = Form.useForm<Values>();
  const product = useProduct(productId);
  const create = useCreateProduct();
  const update = useUpdateProduct();
  const archive = useArchiveProduct();
  const remove = useDeleteProduct();
  const currency = Form.useWatch('currency', form) ?? me.tenant.currency;
  const kind = Form.useWatch('kind', form);
  const margin = liveMargin(Form.useWatch('listPrice', form), Form.useWatch('cost', form), currency);
  const data = product.data;

  useEffect(() => {
    if (data) form.setFieldsValue(valuesOf(data));
  }, [data, form]);

  const submit = (v: Values) => {
    const digits = minorDigits(v.currency);
    const listPriceMinor = parseAmount(v.listPrice, v.currency);
    const costMinor = v.cost.trim() ? parseAmount(v.cost, v.currency) : null;
    const taxRateBp = percentToBp(v.taxRate || '0');
    const problems: { name: keyof Values; errors: string[] }[] = [];
    const badAmount = [t('catalog.products.badAmount', { digits })];
    if (listPriceMinor === null) problems.push({ name: 'listPrice', errors: badAmount });
    if (v.cost.trim() && costMinor === null) problems.push({ name: 'cost', errors: badAmount });
    if (taxRateBp === null) problems.push({ name: 'taxRate', errors: [t('catalog.products.badRate')] });
    if (problems.length > 0 || listPriceMinor === null || taxRateBp === null) {
      form.setFields(problems);
      return;
    }
    const fields = {
      code: v.code.trim(),
      kind: v.kind,
      nameZh: v.nameZh.trim(),
      nameEn: v.nameEn.trim(),
      description: v.description,
      category: v.category.trim() || null,
      unit: v.unit.trim(),
      currency: v.currency,
      listPriceMinor,
      costMinor,
      taxRateBp,
      active: v.active,
    };
    const onError = (error: unknown) => handleError(error, form);
    if (!data) {
      create.mutate(fields, {
        onSuccess: (made) => {
          void message.success(t('catalog.products.created', { code: made.code }));
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

  const title = data
    ? t('catalog.products.editTitle', { code: data.code })
    : t('catalog.products.createTitle');
  return (
    <Drawer
      open
      onClose={onClose}
      title={title}
      size={640}
      destroyOnHidden
      extra={
        canManage && (
          <Space>
            {data?.active && (
              <Button
                loading={archive.isPending}
                onClick={() =>
                  archive.mutate(data.id, {
                    onSuccess: () => void message.success(t('catalog.products.archived')),
                    onError: (e) => handleError(e),
                  })
                }
              >
                {t('catalog.products.archive')}
              </Button>
            )}
            {data && !data.quoted && data.partOf.length === 0 && (
              <Popconfirm
                title={t('catalog.products.deleteConfirm')}
                onConfirm={() =>
                  remove.mutate(data.id, {
                    onSuccess: () => {
                      void message.success(t('catalog.products.deleted'));
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
      {productId && product.isLoading ? (
        <Skeleton active />
      ) : (
        <>
          {data?.quoted && (
            <Alert
              type="info"
              showIcon
              title={t('catalog.products.quotedHint')}
              style={{ marginBottom: 12 }}
            />
          )}
          {data && data.partOf.length > 0 && (
            <Typography.Paragraph type="secondary">
              {t('catalog.products.partOf', {
                names: data.partOf
                  .map((b) => `${b.code} ${i18n.language === 'en-US' ? b.nameEn : b.nameZh}`)
                  .join('、'),
              })}
            </Typography.Paragraph>
          )}
          <Form<Values>
            form={form}
            layout="vertical"
            onFinish={submit}
            disabled={!canManage}
            initialValues={{
              code: '',
              kind: 'product',
              nameZh: '',
              nameEn: '',
              description: '',
              category: '',
              unit: '',
              currency: me.tenant.currency,
              listPrice: '',
              cost: '',
              taxRate: '13',
              active: true,
            }}
          >
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item name="code" label={t('catalog.products.code')} rules={[rules.required]}>
                  <Input maxLength={40} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="kind" label={t('catalog.products.kind')}>
                  <Select
                    options={PRODUCT_KINDS.map((k) => ({ value: k, label: t(`catalog.kinds.${k}`) }))}
                  />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="nameZh" label={t('catalog.products.nameZh')} rules={[rules.required]}>
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="nameEn" label={t('catalog.products.nameEn')} rules={[rules.required]}>
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="category" label={t('catalog.products.category')}>
                  <AutoComplete
                    options={PRODUCT_CATEGORIES.map((c) => ({
                      value: c,
                      label: t(`catalog.categories.${c}`),
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item
                  name="unit"
                  label={t('catalog.products.unit')}
                  extra={t('catalog.products.unitHint')}
                  rules={[rules.required]}
                >
                  <Input maxLength={20} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="currency" label={t('catalog.products.currency')}>
                  <CurrencySelect />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="listPrice" label={t('catalog.products.listPrice')} rules={[rules.required]}>
                  <Input inputMode="decimal" suffix={currency} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="taxRate" label={t('catalog.products.taxRate')}>
                  <Input inputMode="decimal" suffix="%" />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item
                  name="cost"
                  label={t('catalog.products.cost')}
                  extra={t('catalog.products.costHint')}
                >
                  <Input inputMode="decimal" suffix={currency} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item label={t('catalog.products.margin')}>
                  <Typography.Text strong>
                    {margin === null ? t('common.empty') : `${margin} %`}
                  </Typography.Text>
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="active" label={t('catalog.products.active')} valuePropName="checked">
                  <Switch />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="description" label={t('catalog.products.description')}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </Form>
          {data?.kind === 'bundle' && <BundleItemsEditor bundle={data} canManage={canManage} />}
          {!data && kind === 'bundle' && (
            <Typography.Text type="secondary">{t('catalog.bundle.saveFirst')}</Typography.Text>
          )}
        </>
      )}
    </Drawer>
  );
}
