import { Skeleton } from 'antd';
import { useParams } from 'react-router';
import { ErrorAlert } from '../../../../shared/error-alert';
import { useLead } from '../use-lead';
import { MergeForm } from './merge-form';

/**
 * Merging a duplicate into this lead: a choice per field where the two differ, both notes kept, and every
 * activity and event of both moved to the lead that stays.
 */
export function LeadMergePage() {
  const { id = '', otherId = '' } = useParams();
  const keep = useLead(id);
  const other = useLead(otherId);
  if (keep.isError || other.isError) return <ErrorAlert error={keep.error ?? other.error} />;
  if (!keep.data || !other.data) return <Skeleton active />;
  return <MergeForm key={`${keep.data.version}-${other.data.version}`} keep={keep.data} other={other.data} />;
}
