import { DatePicker, Form, Input, Modal, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DialogProps } from './proposal-dialog-props';
import { usePresentProposal } from './use-proposals';

/** Marks an approved version presented, optionally logging the presentation meeting. */
export function PresentProposalModal({ dealId, proposal, onClose, onDone, onError }: DialogProps) {
  const { t } = useTranslation();
  const present = usePresentProposal(dealId);
  const [logMeeting, setLogMeeting] = useState(true);
  const [at, setAt] = useState<Dayjs>(dayjs());
  const [location, setLocation] = useState('');
  const [notes, setNotes] = useState('');
  return (
    <Modal
      open
      title={t('dealProposals.review.presentTitle')}
      okText={t('dealProposals.review.present')}
      cancelText={t('common.cancel')}
      confirmLoading={present.isPending}
      onCancel={onClose}
      onOk={() =>
        present.mutate(
          {
            proposalId: proposal.id,
            body: logMeeting
              ? { meeting: { occurredAt: at.toISOString(), location: location.trim() || null, notes } }
              : {},
          },
          {
            onSuccess: () => {
              onDone();
              onClose();
            },
            onError,
          },
        )
      }
    >
      <Form layout="vertical">
        <Form.Item label={t('dealProposals.review.logMeeting')}>
          <Switch checked={logMeeting} onChange={setLogMeeting} />
        </Form.Item>
        {logMeeting && (
          <>
            <Form.Item label={t('dealProposals.review.meetingAt')} required>
              <DatePicker
                showTime
                value={at}
                allowClear={false}
                onChange={(value) => value && setAt(value)}
              />
            </Form.Item>
            <Form.Item label={t('dealProposals.review.location')}>
              <Input maxLength={300} value={location} onChange={(e) => setLocation(e.target.value)} />
            </Form.Item>
            <Form.Item label={t('dealProposals.review.notes')}>
              <Input.TextArea
                rows={3}
                maxLength={10_000}
                value={notes}
                onChange={(e) => setNotes(e.target.value)}
              />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
