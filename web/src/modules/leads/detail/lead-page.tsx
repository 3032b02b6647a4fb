import { Button, Result, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../../api/api-error';
import { ErrorAlert } from '../../../shared/error-alert';
import { LeadView } from './lead-view';
import { useLead } from './use-lead';

/** A lead's page: who it is, where it stands, what happened, and what to do next. */
export function LeadPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const lead = useLead(id);
  if (lead.isError) {
    if (lead.error instanceof ApiError && lead.error.status === 404) {
      return (
        <Result
          status="404"
          title={t('leadScreens.detail.notFound')}
          extra={
            <Link to="/leads">
              <Button>{t('leadScreens.detail.back')}</Button>
            </Link>
          }
        />
      );
    }
    return <ErrorAlert error={lead.error} />;
  }
  if (!lead.data) return <Skeleton active />;
  return <LeadView key={lead.data.id} lead={lead.data} />;
}
