import type { Proposal, ReviewDecision } from '@contracts/deal-proposals.contract';
import { App, Button, Flex, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useFormatDateTime } from '../../../shared/use-format-date-time';
import { useSession } from '../../auth/use-session';
import { PresentProposalModal } from './present-proposal-modal';
import { ReviewDecisionModal } from './review-decision-modal';
import { SubmitReviewModal } from './submit-review-modal';

type Props = { dealId: string; proposal: Proposal; dirty: boolean };

/** Submit for review, approve or return with a comment, mark presented; and the review history. */
export function ProposalReviewPanel({ dealId, proposal, dirty }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const formatDateTime = useFormatDateTime();
  const handleError = useErrorHandler();
  const [dialog, setDialog] = useState<'submit' | ReviewDecision | 'present' | null>(null);
  const ownVersion = proposal.createdBy === me.user.id;
  const mayApprove = me.permissions.includes('deals.approve');
  return (
    <Flex vertical gap={12}>
      <Space wrap>
        {proposal.status === 'in_review' && (
          <Typography.Text>
            {t('dealProposals.review.waiting', { name: proposal.reviewerName ?? t('common.empty') })}
          </Typography.Text>
        )}
        {proposal.can.submit && (
          <Button type="primary" disabled={dirty} onClick={() => setDialog('submit')}>
            {t('dealProposals.review.submit')}
          </Button>
        )}
        {proposal.can.review && (
          <>
            <Button type="primary" onClick={() => setDialog('approved')}>
              {t('dealProposals.review.approve')}
            </Button>
            <Button danger onClick={() => setDialog('returned')}>
              {t('dealProposals.review.return')}
            </Button>
          </>
        )}
        {proposal.status === 'in_review' && mayApprove && ownVersion && (
          <Typography.Text type="secondary">{t('dealProposals.review.ownVersion')}</Typography.Text>
        )}
        {proposal.can.present && (
          <Button type="primary" onClick={() => setDialog('present')}>
            {t('dealProposals.review.present')}
          </Button>
        )}
      </Space>
      <List
        size="small"
        header={<Typography.Text strong>{t('dealProposals.review.history')}</Typography.Text>}
        locale={{ emptyText: t('dealProposals.review.none') }}
        dataSource={proposal.reviews}
        renderItem={(r) => (
          <List.Item>
            <List.Item.Meta
              title={
                <Space>
                  <Tag color={r.decision === 'approved' ? 'green' : 'orange'}>
                    {t(`dealProposals.review.decision.${r.decision}`)}
                  </Tag>
                  {r.reviewerName}
                  <Typography.Text type="secondary">{formatDateTime(r.createdAt)}</Typography.Text>
                </Space>
              }
              description={r.comment || null}
            />
          </List.Item>
        )}
      />
      {dialog === 'submit' && (
        <SubmitReviewModal
          dealId={dealId}
          proposal={proposal}
          onClose={() => setDialog(null)}
          onDone={() => void message.success(t('dealProposals.review.submitted'))}
          onError={handleError}
        />
      )}
      {(dialog === 'approved' || dialog === 'returned') && (
        <ReviewDecisionModal
          dealId={dealId}
          proposal={proposal}
          decision={dialog}
          onClose={() => setDialog(null)}
          onDone={() => void message.success(t(`dealProposals.review.${dialog}`))}
          onError={handleError}
        />
      )}
      {dialog === 'present' && (
        <PresentProposalModal
          dealId={dealId}
          proposal={proposal}
          onClose={() => setDialog(null)}
          onDone={() => void message.success(t('dealProposals.review.presented'))}
          onError={handleError}
        />
      )}
    </Flex>
  );
}
