import { Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TimeZoneSelect } from '../../shared/time-zone-select';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useSession } from '../auth/use-session';
import { useUpdateMe } from '../me/use-update-me';

type TimeZoneModalProps = { open: boolean; onClose: () => void };

/** The user's own time zone; cleared, dates follow the company's. */
export function TimeZoneModal({ open, onClose }: TimeZoneModalProps) {
  const { t } = useTranslation();
  const me = useSession();
  const [timeZone, setTimeZone] = useState<string | null>(me.user.timeZone);
  const update = useUpdateMe();
  const handleError = useErrorHandler();
  return (
    <Modal
      open={open}
      title={t('shell.timeZoneTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={update.isPending}
      onCancel={onClose}
      onOk={() => update.mutate({ timeZone }, { onSuccess: onClose, onError: (error) => handleError(error) })}
      afterOpenChange={(visible) => visible && setTimeZone(me.user.timeZone)}
    >
      <TimeZoneSelect
        value={timeZone ?? undefined}
        onChange={(tz) => setTimeZone(tz ?? null)}
        allowClear
        placeholder={t('shell.companyTimeZone', { timeZone: me.tenant.timeZone })}
        style={{ width: '100%' }}
      />
    </Modal>
  );
}
