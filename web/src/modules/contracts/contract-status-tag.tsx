import type { ContractStatus } from '@contracts/contracts.contract';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** Tag colour of each contract status. */
export const CONTRACT_STATUS_COLORS: Record<ContractStatus, string> = {
  draft: 'default',
  in_review: 'processing',
  approved: 'cyan',
  sent: 'blue',
  signed: 'green',
  active: 'success',
  completed: 'purple',
  terminated: 'red',
  expired: 'orange',
};

export function ContractStatusTag({ status }: { status: ContractStatus }) {
  const { t } = useTranslation();
  return <Tag color={CONTRACT_STATUS_COLORS[status]}>{t(`contracts.statusName.${status}`)}</Tag>;
}
