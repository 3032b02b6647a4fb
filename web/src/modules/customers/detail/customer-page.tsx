import { Button, Result, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../../api/api-error';
import { ErrorAlert } from '../../../shared/error-alert';
import { useCustomer } from '../use-customers';
import { CustomerView } from './customer-view';

/** A customer's page, or why it cannot be shown. */
export function CustomerPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const customer = useCustomer(id);
  if (customer.isError) {
    if (customer.error instanceof ApiError && customer.error.status === 404) {
      return (
        <Result
          status="404"
          title={t('customers.detail.notFound')}
          extra={
            <Link to="/customers">
              <Button>{t('customers.detail.back')}</Button>
            </Link>
          }
        />
      );
    }
    return <ErrorAlert error={customer.error} />;
  }
  if (!customer.data) return <Skeleton active />;
  return <CustomerView key={customer.data.id} customer={customer.data} />;
}
