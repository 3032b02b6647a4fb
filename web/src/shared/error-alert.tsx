import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, NetworkError } from '../api/api-error';

type ErrorAlertProps = { error: unknown };

/** A failed load, shown in place of the content it was for. */
export function ErrorAlert({ error }: ErrorAlertProps) {
  const { t } = useTranslation();
  const title =
    error instanceof ApiError
      ? (error.problem?.detail ?? t('errors.unexpected'))
      : t(error instanceof NetworkError ? 'errors.network' : 'errors.unexpected');
  return <Alert type="error" showIcon title={title} style={{ marginBottom: 16 }} />;
}
