import type { ImportStatus } from '@contracts/lead-import.contract';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLORS: Record<ImportStatus, string> = {
  uploaded: 'default',
  mapped: 'processing',
  running: 'processing',
  done: 'success',
  failed: 'error',
  cancelled: 'warning',
};

type ImportStatusTagProps = { status: ImportStatus };

export function ImportStatusTag({ status }: ImportStatusTagProps) {
  const { t } = useTranslation();
  return <Tag color={COLORS[status]}>{t(`leadImport.status.${status}`)}</Tag>;
}
