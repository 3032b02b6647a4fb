import type { ReviewDecision } from '@contracts/deal-proposals.contract';
import { Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DialogProps } from './proposal-dialog-props';
import { useReviewProposal } from './use-proposals';

/** Approves a version in review, or returns it with a (required) comment. */
export function ReviewDecisionModal({
  dealId,
  proposal,
  decision,
  onClose,
  onDone,
  onError,
}: DialogProps & { decision: ReviewDecision }) {
  const { t } = useTranslation();
  const review = useReviewProposal(dealId);
  const [comment, setComment] = useState('');
  const needsComment = decision === 'returned' && comment.trim() === '';
  return (
    <Modal
      open
      title={t(decision === 'approved' ? 'dealProposals.review.approve' : 'dealProposals.review.returnTitle')}
      okText={t(decision === 'approved' ? 'dealProposals.review.approve' : 'dealProposals.review.return')}
      okButtonProps={{ danger: decision === 'returned', disabled: needsComment }}
      cancelText={t('common.cancel')}
      confirmLoading={review.isPending}
      onCancel={onClose}
      onOk={() =>
        review.mutate(
          { proposalId: proposal.id, body: { decision, comment } },
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
        <Form.Item label={t('dealProposals.review.comment')} required={decision === 'returned'}>
          <Input.TextArea
            rows={4}
            maxLength={5000}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
