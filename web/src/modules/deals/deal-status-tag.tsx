import type { DealStatus } from '@contracts/deals.contract';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLORS: Record<DealStatus, string> = { open: 'blue', won: 'green', lost: 'red' };

/** Open, won or lost. */
export function DealStatusTag({ status }: { status: DealStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLORS[status]}>{t(`deals.status.${status}`)}</Tag>;
}
