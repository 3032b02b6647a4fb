import { Alert, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import { useSession } from '../auth/use-session';
import { ExchangeRateView } from './exchange-rate-view';
import { PriceBookListView } from './price-book-list-view';
import { ProductListView } from './product-list-view';

const VIEWS = ['products', 'price-books', 'exchange-rates'] as const;
type View = (typeof VIEWS)[number];
const LABELS = { products: 'products', 'price-books': 'priceBooks', 'exchange-rates': 'rates' } as const;

/** The catalogue tab: products, price books and exchange rates; editing only with `catalog.manage`. */
export function CatalogPage() {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const { view = 'products' } = useParams();
  if (!(VIEWS as readonly string[]).includes(view)) return <Navigate to="/quote-to-cash/catalog" replace />;
  const current = view as View;
  const canManage = me.permissions.includes('catalog.manage');
  return (
    <>
      <Segmented<View>
        value={current}
        onChange={(next) =>
          navigate(next === 'products' ? '/quote-to-cash/catalog' : `/quote-to-cash/catalog/${next}`)
        }
        options={VIEWS.map((v) => ({ value: v, label: t(`catalog.views.${LABELS[v]}`) }))}
        style={{ marginBottom: 12 }}
      />
      {!canManage && (
        <Alert type="info" showIcon title={t('catalog.readOnly')} style={{ marginBottom: 12 }} />
      )}
      {current === 'products' && <ProductListView canManage={canManage} />}
      {current === 'price-books' && <PriceBookListView canManage={canManage} />}
      {current === 'exchange-rates' && <ExchangeRateView canManage={canManage} />}
    </>
  );
}
