import { Form, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DialogProps } from './proposal-dialog-props';
import { useProposalReviewers, useSubmitProposal } from './use-proposals';

/** Submits a version for review, to the default reviewer or one the rep picks among approvers. */
export function SubmitReviewModal({ dealId, proposal, onClose, onDone, onError }: DialogProps) {
  const { t } = useTranslation();
  const reviewers = useProposalReviewers(dealId, true);
  const submit = useSubmitProposal(dealId);
  const [reviewerId, setReviewerId] = useState<string | undefined>(undefined);
  const choices = (reviewers.data ?? []).filter((r) => r.id !== proposal.createdBy);
  return (
    <Modal
      open
      title={t('dealProposals.review.submitTitle')}
      okText={t('dealProposals.review.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={submit.isPending}
      onCancel={onClose}
      onOk={() =>
        submit.mutate(
          { proposalId: proposal.id, ...(reviewerId ? { reviewerId } : {}) },
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
        <Form.Item label={t('dealProposals.review.reviewer')}>
          <Select
            allowClear
            loading={reviewers.isPending}
            placeholder={t('dealProposals.review.defaultReviewer')}
            value={reviewerId}
            onChange={(id?: string) => setReviewerId(id)}
            options={choices.map((r) => ({
              value: r.id,
              label: r.suggested ? `${r.name} (${t('dealProposals.review.suggested')})` : r.name,
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
