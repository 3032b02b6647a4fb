import { DownOutlined } from '@ant-design/icons';
import { type Lead, type LeadStatus, REASONED_STATUSES } from '@contracts/leads.contract';
import { Button, Dropdown } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { ReasonModal } from '../list/reason-modal';
import { useUpdateLead } from './use-lead';

type StatusMoveButtonProps = { lead: Lead };

/** The moves this user may make now (the server's `allowedTransitions`); disqualify and archive ask why. */
export function StatusMoveButton({ lead }: StatusMoveButtonProps) {
  const { t } = useTranslation();
  const update = useUpdateLead();
  const handleError = useErrorHandler();
  const [reasonFor, setReasonFor] = useState<LeadStatus | null>(null);
  const move = (status: LeadStatus, statusReason?: string) => {
    if (status === 'converted') return;
    update.mutate(
      { id: lead.id, version: lead.version, status, ...(statusReason ? { statusReason } : {}) },
      { onSuccess: () => setReasonFor(null), onError: (error) => handleError(error) },
    );
  };
  if (lead.allowedTransitions.length === 0) return null;
  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: lead.allowedTransitions.map((s) => ({ key: s, label: t(`leads.status.${s}`) })),
          onClick: ({ key }) => {
            const status = key as LeadStatus;
            if (REASONED_STATUSES.includes(status)) setReasonFor(status);
            else move(status);
          },
        }}
      >
        <Button loading={update.isPending && reasonFor === null}>
          {t('leadScreens.detail.moveStatus')} <DownOutlined />
        </Button>
      </Dropdown>
      <ReasonModal
        open={reasonFor !== null}
        title={t('leadScreens.detail.reasonTitle', {
          status: reasonFor ? t(`leads.status.${reasonFor}`) : '',
        })}
        busy={update.isPending}
        onCancel={() => setReasonFor(null)}
        onSubmit={(reason) => reasonFor && move(reasonFor, reason)}
      />
    </>
  );
}
