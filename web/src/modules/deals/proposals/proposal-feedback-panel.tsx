import { FEEDBACK_KINDS, type FeedbackKind, type Proposal } from '@contracts/deal-proposals.contract';
import { Button, Flex, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useFormatDateTime } from '../../../shared/use-format-date-time';
import { useAddFeedback, useUpdateFeedback } from './use-proposals';

const KIND_COLORS: Record<FeedbackKind, string> = {
  concern: 'orange',
  change_request: 'blue',
  praise: 'green',
};

/** What the customer said about this version, each concern or change request marked addressed when answered. */
export function ProposalFeedbackPanel({ dealId, proposal }: { dealId: string; proposal: Proposal }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const handleError = useErrorHandler();
  const add = useAddFeedback(dealId);
  const update = useUpdateFeedback(dealId);
  const [kind, setKind] = useState<FeedbackKind>('concern');
  const [body, setBody] = useState('');
  return (
    <Flex vertical gap={12}>
      <List
        size="small"
        locale={{ emptyText: t('dealProposals.feedback.empty') }}
        dataSource={proposal.feedback}
        renderItem={(f) => (
          <List.Item
            actions={[
              <Button
                key="status"
                size="small"
                loading={update.isPending}
                onClick={() =>
                  update.mutate(
                    {
                      proposalId: proposal.id,
                      feedbackId: f.id,
                      body: { status: f.status === 'open' ? 'addressed' : 'open' },
                    },
                    { onError: (error) => handleError(error) },
                  )
                }
              >
                {t(
                  f.status === 'open'
                    ? 'dealProposals.feedback.markAddressed'
                    : 'dealProposals.feedback.reopen',
                )}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={
                <Space>
                  <Tag color={KIND_COLORS[f.kind]}>{t(`dealProposals.feedback.kind.${f.kind}`)}</Tag>
                  <Tag color={f.status === 'open' ? 'red' : 'default'}>
                    {t(`dealProposals.feedback.statusName.${f.status}`)}
                  </Tag>
                  <Typography.Text type="secondary">{formatDateTime(f.createdAt)}</Typography.Text>
                </Space>
              }
              description={<Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{f.body}</Typography.Text>}
            />
          </List.Item>
        )}
      />
      <Flex gap={8} wrap align="start">
        <Select<FeedbackKind>
          style={{ width: 160 }}
          aria-label={t('dealProposals.feedback.kindLabel')}
          value={kind}
          onChange={setKind}
          options={FEEDBACK_KINDS.map((k) => ({ value: k, label: t(`dealProposals.feedback.kind.${k}`) }))}
        />
        <Input.TextArea
          style={{ flex: '1 1 300px' }}
          aria-label={t('dealProposals.feedback.body')}
          placeholder={t('dealProposals.feedback.body')}
          autoSize={{ minRows: 1, maxRows: 6 }}
          maxLength={5000}
          value={body}
          onChange={(e) => setBody(e.target.value)}
        />
        <Button
          disabled={body.trim() === ''}
          loading={add.isPending}
          onClick={() =>
            add.mutate(
              { proposalId: proposal.id, body: { kind, body } },
              { onSuccess: () => setBody(''), onError: (error) => handleError(error) },
            )
          }
        >
          {t('dealProposals.feedback.add')}
        </Button>
      </Flex>
    </Flex>
  );
}
