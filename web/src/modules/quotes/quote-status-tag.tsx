import type { QuoteStatus } from '@contracts/quotes.contract';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** Tag colour of each quote status. */
export const QUOTE_STATUS_COLORS: Record<QuoteStatus, string> = {
  draft: 'default',
  pending_approval: 'processing',
  approved: 'cyan',
  sent: 'blue',
  accepted: 'green',
  declined: 'red',
  expired: 'orange',
  withdrawn: 'default',
};

export function QuoteStatusTag({ status }: { status: QuoteStatus }) {
  const { t } = useTranslation();
  return <Tag color={QUOTE_STATUS_COLORS[status]}>{t(`quotes.statusName.${status}`)}</Tag>;
}
